import pytest

from accounts.domain import issue_api_token


@pytest.fixture
def bearer():
    """bearer(user) -> request headers carrying a fresh API token of `user`."""

    def make(user, name=""):
        _token, raw = issue_api_token(actor=None, user=user, name=name)
        return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}

    return make


@pytest.fixture
def api_as(client, bearer):
    """api_as(user, path, **params) -> the JSON response of GET /api/v1/<path> with the user's token."""

    def get(user, path, **params):
        return client.get(f"/api/v1/{path}", params, **bearer(user))

    return get
