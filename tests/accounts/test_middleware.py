import time

import pytest
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import domain
from accounts.middleware import SEEN_KEY, STARTED_KEY
from activity.models import ActivityLog


@pytest.fixture
def two_factor_required(settings):
    settings.THIDUA_REQUIRE_2FA = True


def code_for(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"


@pytest.mark.parametrize("persona", ["admin", "secretariat", "leader", "council", "head", "officer"])
def test_roles_reading_others_records_are_sent_to_the_second_step(
    world, client, two_factor_required, persona
):
    client.force_login(getattr(world, persona))

    response = client.get(reverse("people:list"))

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:two_factor')}?next=%2Fapp%2Fpeople%2F"
    assert DEVICE_ID_SESSION_KEY not in client.session


@pytest.mark.parametrize("persona", ["staff", "editor"])
def test_other_roles_are_never_sent_to_the_second_step(world, client, two_factor_required, persona):
    client.force_login(getattr(world, persona))

    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert response.context["user"] == getattr(world, persona)


def test_a_correct_code_lets_the_admin_in(world, client, two_factor_required):
    device = TOTPDevice.objects.create(user=world.admin, name="thidua", confirmed=True)
    client.force_login(world.admin)

    response = client.post(
        reverse("accounts:two_factor"), {"token": code_for(device), "next": reverse("home")}
    )

    assert response.url == reverse("home")
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get(reverse("home")).status_code == 200


def test_a_wrong_code_keeps_the_admin_out(world, client, two_factor_required):
    device = TOTPDevice.objects.create(user=world.admin, name="thidua", confirmed=True)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    client.force_login(world.admin)

    response = client.post(reverse("accounts:two_factor"), {"token": wrong, "next": reverse("home")})

    assert response.status_code == 200
    assert response.context["form"].errors["token"]
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert client.get(reverse("home")).status_code == 302


def test_enrolling_admin_gets_in_after_the_invitation_and_the_first_code(world, client, two_factor_required):
    _invitation, code = domain.issue_two_factor_invitation(actor=None, account=world.admin)
    client.force_login(world.admin)
    assert client.get(reverse("home")).status_code == 302
    client.post(reverse("accounts:two_factor_invitation"), {"code": code})
    client.get(reverse("accounts:two_factor_enrol"))
    device = TOTPDevice.objects.get(user=world.admin, confirmed=False)

    client.post(reverse("accounts:two_factor_enrol"), {"token": code_for(device)})

    assert client.get(reverse("home")).status_code == 200
    assert TOTPDevice.objects.get(user=world.admin).confirmed is True


def test_with_the_setting_off_an_account_with_an_app_is_still_asked_for_its_code(world, client):
    device = TOTPDevice.objects.create(user=world.staff, name="thidua", confirmed=True)
    client.force_login(world.staff)

    assert client.get(reverse("home")).url.startswith(reverse("accounts:two_factor"))
    client.post(reverse("accounts:two_factor"), {"token": code_for(device)})
    assert client.get(reverse("home")).status_code == 200


def test_no_second_step_when_the_setting_is_off(world, client):
    client.force_login(world.admin)

    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_anonymous_visitors_go_to_the_login_page(db, client, two_factor_required):
    response = client.get(reverse("home"))

    assert response.url.startswith(reverse("accounts:login"))


def test_account_management_is_not_exempt_from_the_second_step(world, client, two_factor_required):
    client.force_login(world.admin)

    response = client.get(reverse("accounts:list"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:two_factor"))


def test_the_next_address_keeps_its_whole_query_string(world, client, two_factor_required):
    client.force_login(world.admin)

    response = client.get(reverse("people:list"), {"q": "an", "gender": "female"})

    assert (
        response.url == f"{reverse('accounts:two_factor')}?next=%2Fapp%2Fpeople%2F%3Fq%3Dan%26gender%3Dfemale"
    )


# --- session timeouts ---------------------------------------------------------------------------------------


def age_session(client, *, idle_seconds: int = 0, since_login_seconds: int = 0) -> None:
    """Pretend the last request was `idle_seconds` ago and the login `since_login_seconds` ago."""
    session, now = client.session, int(time.time())
    session[SEEN_KEY] = now - idle_seconds
    session[STARTED_KEY] = now - max(since_login_seconds, idle_seconds)
    session.save()


def test_an_idle_session_ends_with_a_vietnamese_message(world, login):
    client = login(world.staff)
    age_session(client, idle_seconds=31 * 60)

    response = client.get(reverse("people:list"), {"q": "an"}, follow=True)

    assert response.redirect_chain[0][0] == f"{reverse('accounts:login')}?next=%2Fapp%2Fpeople%2F%3Fq%3Dan"
    assert "_auth_user_id" not in client.session
    assert [str(m) for m in response.context["messages"]] == [
        "Phiên làm việc đã hết hạn do không hoạt động trong một thời gian dài. Vui lòng đăng nhập lại."
    ]
    log = ActivityLog.objects.get(action="accounts.account.logged_out")
    assert (log.actor, log.data["extra"]) == (world.staff, {"reason": "idle"})


def test_activity_within_the_idle_time_keeps_the_session(world, login):
    client = login(world.staff)
    age_session(client, idle_seconds=29 * 60)

    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert client.session["_auth_user_id"] == str(world.staff.pk)
    assert int(time.time()) - client.session[SEEN_KEY] < 5  # the request counted as activity


def test_the_last_activity_is_written_at_most_once_a_minute(world, login):
    client = login(world.staff)
    age_session(client, idle_seconds=20)
    seen = client.session[SEEN_KEY]

    client.get(reverse("home"))

    assert client.session[SEEN_KEY] == seen


def test_the_idle_time_is_a_setting_and_zero_turns_it_off(world, login, settings):
    client = login(world.staff)
    settings.THIDUA_SESSION_IDLE_MINUTES = 0
    age_session(client, idle_seconds=5 * 3600)

    assert client.get(reverse("home")).status_code == 200
    settings.THIDUA_SESSION_IDLE_MINUTES = 60
    age_session(client, idle_seconds=59 * 60)
    assert client.get(reverse("home")).status_code == 200
    age_session(client, idle_seconds=61 * 60)
    assert client.get(reverse("home")).status_code == 302


def test_a_session_ends_after_its_absolute_length_even_when_active(world, login, settings):
    client = login(world.staff)
    age_session(client, idle_seconds=60, since_login_seconds=settings.SESSION_COOKIE_AGE + 1)

    response = client.get(reverse("home"), follow=True)

    assert "_auth_user_id" not in client.session
    assert [str(m) for m in response.context["messages"]] == [
        "Phiên làm việc đã hết thời gian tối đa cho phép. Vui lòng đăng nhập lại."
    ]
    assert ActivityLog.objects.get(action="accounts.account.logged_out").data["extra"] == {
        "reason": "expired"
    }


def test_htmx_requests_are_redirected_by_header(world, login):
    client = login(world.staff)
    age_session(client, idle_seconds=31 * 60)

    response = client.get(
        reverse("people:list"),
        {"q": "an"},
        headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/app/people/?unit=3"},
    )

    assert response.status_code == 204
    assert response["HX-Redirect"] == f"{reverse('accounts:login')}?next=%2Fapp%2Fpeople%2F%3Funit%3D3"
    assert "_auth_user_id" not in client.session


def test_a_form_sent_after_the_idle_time_is_not_saved_and_leads_to_the_login_page(world, login):
    client = login(world.staff)
    age_session(client, idle_seconds=31 * 60)

    response = client.post(reverse("accounts:token_create"), {"name": "x", "days": 90})

    assert response.url == reverse("accounts:login")
    assert not world.staff.api_tokens.exists()


def test_a_session_call_to_the_api_after_the_idle_time_is_anonymous(world, login):
    client = login(world.staff)
    age_session(client, idle_seconds=31 * 60)

    response = client.get("/api/v1/people")

    assert response.status_code == 401
    assert "_auth_user_id" not in client.session


def test_bearer_token_calls_are_untouched(world, client):
    _token, raw = domain.issue_api_token(actor=None, user=world.staff)

    response = client.get("/api/v1/people", headers={"Authorization": f"Bearer {raw}"})

    assert response.status_code == 200
    assert SEEN_KEY not in client.session
