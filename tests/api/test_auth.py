import datetime as dt

from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.domain import issue_api_token, revoke_api_token, update_account
from accounts.models import ApiToken
from api.auth import LAST_USED_PRECISION
from api.errors import INVALID_TOKEN, MESSAGES


def test_bearer_token_authenticates_as_its_account(client, world, bearer):
    response = client.get("/api/v1/people", **bearer(world.staff))
    assert response.status_code == 200
    assert [p["id"] for p in response.json()["items"]] == [world.office_person.pk]


def test_anonymous_gets_401_json_in_vietnamese(client, world):
    response = client.get("/api/v1/people")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": MESSAGES[401]}
    assert "Không" in response.json()["detail"]


def test_wrong_token_is_refused(client, world):
    response = client.get("/api/v1/people", HTTP_AUTHORIZATION="Bearer thd_not-a-real-token")
    assert response.status_code == 401
    assert response.json() == {"detail": INVALID_TOKEN}


def test_revoked_token_is_refused(client, world):
    token, raw = issue_api_token(actor=None, user=world.officer)
    revoke_api_token(actor=None, token=token)
    response = client.get("/api/v1/people", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 401
    assert response.json()["detail"] == INVALID_TOKEN


def test_token_of_deactivated_account_is_refused(client, world, bearer):
    headers = bearer(world.officer)
    update_account(actor=None, account=world.officer, fields={"is_active": False})
    response = client.get("/api/v1/people", **headers)
    assert response.status_code == 401
    assert response.json()["detail"] == INVALID_TOKEN


def test_wrong_token_is_refused_even_with_a_session(client, world):
    client.force_login(world.admin)
    response = client.get("/api/v1/people", HTTP_AUTHORIZATION="Bearer thd_wrong")
    assert response.status_code == 401


def test_last_used_is_recorded_at_most_once_a_minute(client, world):
    token, raw = issue_api_token(actor=None, user=world.officer)
    client.get("/api/v1/people", HTTP_AUTHORIZATION=f"Bearer {raw}")
    token.refresh_from_db()
    first_use = token.last_used_at
    assert first_use is not None
    client.get("/api/v1/people", HTTP_AUTHORIZATION=f"Bearer {raw}")
    token.refresh_from_db()
    assert token.last_used_at == first_use
    earlier = timezone.now() - LAST_USED_PRECISION - dt.timedelta(seconds=1)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=earlier)
    client.get("/api/v1/people", HTTP_AUTHORIZATION=f"Bearer {raw}")
    token.refresh_from_db()
    assert token.last_used_at > earlier + LAST_USED_PRECISION


def test_browser_session_authenticates(client, world):
    client.force_login(world.officer)
    response = client.get("/api/v1/people")
    assert response.status_code == 200
    assert {p["id"] for p in response.json()["items"]} == {world.division_person.pk, world.team_person.pk}


def test_session_without_required_second_factor_is_refused(client, world, settings):
    settings.THIDUA_REQUIRE_2FA = True
    client.force_login(world.secretariat)
    refused = client.get("/api/v1/people")
    client.force_login(world.staff)  # not a role that needs a second factor
    allowed = client.get("/api/v1/people")
    assert refused.status_code == 401
    assert refused.json() == {"detail": MESSAGES[401]}
    assert allowed.status_code == 200


def test_session_of_an_account_with_an_app_is_refused_until_its_code(client, world):
    TOTPDevice.objects.create(user=world.staff, name="thidua", confirmed=True)
    client.force_login(world.staff)  # THIDUA_REQUIRE_2FA is off in the tests: the app alone asks for the code

    refused = client.get("/api/v1/people")

    assert refused.status_code == 401
    assert refused.json() == {"detail": MESSAGES[401]}
