import pytest

from accounts.domain import issue_api_token
from accounts.models import Role
from tests.factories import account_with_role


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


@pytest.fixture
def openapi(client, db):
    """The OpenAPI schema as GET /api/v1/openapi.json serves it to a signed-in caller (a staff token)."""
    reader = account_with_role(Role.STAFF, username="doc_schema")
    _token, raw = issue_api_token(actor=None, user=reader, name="schema")
    response = client.get("/api/v1/openapi.json", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    return response.json()
