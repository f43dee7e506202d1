"""The second step after the password, the invitation, setting up an app, the administrator's invitation."""

from base64 import b32encode

import pytest
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import domain
from accounts.models import Role, TwoFactorInvitation
from activity.models import ActivityLog
from tests.factories import account_with_role


def code_for(device: TOTPDevice, drift: int = 0) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, drift):06d}"


def wrong_code(device: TOTPDevice) -> str:
    return f"{(int(code_for(device)) + 1) % 1_000_000:06d}"


def invited(client, account) -> str:
    """Issue an invitation for `account` and enter its code in the client's session."""
    _invitation, code = domain.issue_two_factor_invitation(actor=None, account=account)
    client.post(reverse("accounts:two_factor_invitation"), {"code": code})
    return code


def enrolments(account):
    return ActivityLog.objects.filter(action="accounts.two_factor.enrolled", target_id=str(account.pk))


# --- no device: the invitation comes first ---------------------------------------------------------------


def test_without_a_device_the_password_alone_shows_no_key(world, login):
    client = login(world.admin)

    response = client.get(reverse("accounts:two_factor"), follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("accounts:two_factor_invitation"))
    assert "accounts/two_factor_invitation.html" in [t.name for t in response.templates]
    assert not TOTPDevice.objects.filter(user=world.admin).exists()
    assert client.get(reverse("accounts:two_factor_enrol")).url.startswith(reverse("accounts:two_factor"))
    assert not TOTPDevice.objects.filter(user=world.admin).exists()


def test_qr_code_is_refused_without_an_invitation(world, login):
    TOTPDevice.objects.create(user=world.admin, name="thidua", confirmed=False)  # left from before

    assert login(world.admin).get(reverse("accounts:two_factor_qr")).status_code == 404


def test_the_invitation_code_opens_the_set_up_page_with_the_key(world, login):
    client = login(world.admin)
    _invitation, code = domain.issue_two_factor_invitation(actor=None, account=world.admin)

    response = client.post(
        reverse("accounts:two_factor_invitation"), {"code": code.lower(), "next": "/app/people/"}
    )

    assert response.url == f"{reverse('accounts:two_factor_enrol')}?next=%2Fapp%2Fpeople%2F"
    page = client.get(response.url)
    device = TOTPDevice.objects.get(user=world.admin)
    assert device.confirmed is False
    assert b32encode(device.bin_key).decode() in page.content.decode()
    assert reverse("accounts:two_factor_qr") in page.content.decode()


def test_qr_code_is_an_svg_of_the_pending_device(world, login):
    client = login(world.admin)
    invited(client, world.admin)
    client.get(reverse("accounts:two_factor_enrol"))

    response = client.get(reverse("accounts:two_factor_qr"))

    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<svg")
    assert "no-store" in response["Cache-Control"]


def test_first_valid_code_confirms_the_device_uses_the_invitation_and_verifies(world, login):
    client = login(world.admin)
    invited(client, world.admin)
    client.get(reverse("accounts:two_factor_enrol"))
    device = TOTPDevice.objects.get(user=world.admin)

    response = client.post(
        reverse("accounts:two_factor_enrol"), {"token": code_for(device), "next": "/app/people/"}
    )

    device.refresh_from_db()
    assert device.confirmed is True
    assert response.url == "/app/people/"
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert TwoFactorInvitation.objects.get(user=world.admin).used_at is not None
    (log,) = enrolments(world.admin)
    assert log.data["extra"] == {"confirmed_by": "invitation", "replaced": False}


def test_wrong_code_does_not_confirm_enrolment(world, login):
    client = login(world.admin)
    invited(client, world.admin)
    client.get(reverse("accounts:two_factor_enrol"))
    device = TOTPDevice.objects.get(user=world.admin)

    response = client.post(reverse("accounts:two_factor_enrol"), {"token": wrong_code(device)})

    assert TOTPDevice.objects.get(user=world.admin).confirmed is False
    assert response.context["form"].errors["token"] == [
        "Mã không hợp lệ. Vui lòng kiểm tra đồng hồ của điện thoại và thử lại."
    ]
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert TwoFactorInvitation.objects.get(user=world.admin).used_at is None


def test_a_wrong_invitation_code_says_what_to_do_and_counts(world, login):
    client = login(world.admin)
    domain.issue_two_factor_invitation(actor=None, account=world.admin)

    response = client.post(reverse("accounts:two_factor_invitation"), {"code": "AAAA-BBBB-CCCC-DDDD"})

    assert response.status_code == 200
    assert response.context["form"].errors["code"] == [
        "Mã mời không đúng, đã hết hạn hoặc đã được sử dụng. Vui lòng kiểm tra lại, "
        "hoặc đề nghị quản trị viên của cơ quan cấp mã mời mới."
    ]
    assert TwoFactorInvitation.objects.get(user=world.admin).failed_attempts == 1
    assert client.get(reverse("accounts:two_factor_enrol")).url.startswith(reverse("accounts:two_factor"))


def test_someone_elses_invitation_code_does_not_work(world, login):
    _invitation, code = domain.issue_two_factor_invitation(actor=None, account=world.secretariat)
    client = login(world.admin)

    response = client.post(reverse("accounts:two_factor_invitation"), {"code": code})

    assert response.status_code == 200 and response.context["form"].errors["code"]
    assert not TOTPDevice.objects.exists()


def test_a_short_code_is_explained(world, login):
    response = login(world.admin).post(reverse("accounts:two_factor_invitation"), {"code": "ABCD-EFGH"})

    assert response.context["form"].errors["code"] == [
        "Mã gồm 16 chữ cái và chữ số: vui lòng kiểm tra xem đã nhập đủ chưa."
    ]


# --- a confirmed device ----------------------------------------------------------------------------------


def test_confirmed_device_asks_only_for_the_code(world, login):
    device = TOTPDevice.objects.create(user=world.admin, name="thidua", confirmed=True)
    client = login(world.admin)

    response = client.get(reverse("accounts:two_factor"))

    assert "accounts/two_factor.html" in [t.name for t in response.templates]
    assert b32encode(device.bin_key).decode() not in response.content.decode()
    assert reverse("accounts:two_factor_invitation") in response.content.decode()  # lost the phone?
    assert TOTPDevice.objects.filter(user=world.admin).count() == 1


def test_a_correct_code_verifies_the_session(world, login):
    device = TOTPDevice.objects.create(user=world.admin, name="thidua", confirmed=True)
    client = login(world.admin)

    response = client.post(
        reverse("accounts:two_factor"), {"token": code_for(device), "next": "/app/people/"}
    )

    assert response.url == "/app/people/"
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id


def test_unsafe_next_falls_back_to_home(world, login):
    device = TOTPDevice.objects.create(user=world.admin, name="thidua", confirmed=True)
    client = login(world.admin)

    response = client.post(
        reverse("accounts:two_factor"), {"token": code_for(device), "next": "https://evil.test/"}
    )

    assert response.url == reverse("home")
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id


def test_letters_are_not_a_code(world, login):
    TOTPDevice.objects.create(user=world.admin, name="thidua", confirmed=True)

    client = login(world.admin)

    response = client.post(reverse("accounts:two_factor"), {"token": "abcdef"})

    assert response.context["form"].errors["token"]
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_an_unverified_session_cannot_replace_the_device(world, login):
    old = TOTPDevice.objects.create(user=world.admin, name="thidua", confirmed=True)
    client = login(world.admin)

    response = client.get(reverse("accounts:two_factor_enrol"))

    assert response.url.startswith(reverse("accounts:two_factor"))
    assert list(TOTPDevice.objects.filter(user=world.admin)) == [old]
    assert client.get(reverse("accounts:two_factor_qr")).status_code == 404


def test_a_verified_session_replaces_the_device_with_a_new_one(world, login):
    old = TOTPDevice.objects.create(user=world.admin, name="thidua", confirmed=True)
    client = login(world.admin)
    client.post(reverse("accounts:two_factor"), {"token": code_for(old)})
    client.get(reverse("accounts:two_factor_enrol"))
    new = TOTPDevice.objects.get(user=world.admin, confirmed=False)

    response = client.post(
        reverse("accounts:two_factor_enrol"), {"token": code_for(new), "next": "/accounts/me/"}
    )

    assert response.url == "/accounts/me/"
    assert list(TOTPDevice.objects.filter(user=world.admin).values_list("pk", "confirmed")) == [
        (new.pk, True)
    ]
    assert client.session[DEVICE_ID_SESSION_KEY] == new.persistent_id
    (log,) = enrolments(world.admin)
    assert log.data["extra"] == {"confirmed_by": "device", "replaced": True}


def test_a_lost_device_is_replaced_with_an_invitation(world, login):
    old = TOTPDevice.objects.create(user=world.admin, name="thidua", confirmed=True)
    client = login(world.admin)
    invited(client, world.admin)
    client.get(reverse("accounts:two_factor_enrol"))
    new = TOTPDevice.objects.get(user=world.admin, confirmed=False)

    client.post(reverse("accounts:two_factor_enrol"), {"token": code_for(new)})

    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    assert TOTPDevice.objects.get(user=world.admin).pk == new.pk
    assert enrolments(world.admin).get().data["extra"] == {"confirmed_by": "invitation", "replaced": True}


# --- the administrator's invitation ----------------------------------------------------------------------


@pytest.fixture
def agency_admin(world):
    return account_with_role(Role.SYSTEM_ADMIN, agency=world.agency, username="quantri")


def test_admin_issues_an_invitation_shown_once(world, login):
    client = login(world.admin)

    response = client.post(reverse("accounts:two_factor_invite", args=[world.leader.pk]))

    code = response.context["code"]
    invitation = TwoFactorInvitation.objects.get(user=world.leader)
    assert invitation.matches(code) and code not in invitation.code_hash
    assert code in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert code not in client.get(reverse("accounts:detail", args=[world.leader.pk])).content.decode()
    log = ActivityLog.objects.get(action="accounts.two_factor.invited")
    assert (log.actor, log.target_id) == (world.admin, str(world.leader.pk))
    assert code not in str(log.data) and invitation.code_hash not in str(log.data)


def test_detail_page_shows_the_state_and_the_button_to_managers(world, login):
    domain.issue_two_factor_invitation(actor=None, account=world.leader)

    html = login(world.admin).get(reverse("accounts:detail", args=[world.leader.pk])).content.decode()

    assert "chưa thiết lập; có mã mời hiệu lực đến" in html
    assert reverse("accounts:two_factor_invite", args=[world.leader.pk]) in html


def test_nobody_invites_themselves(world, login):
    client = login(world.admin)

    html = client.get(reverse("accounts:detail", args=[world.admin.pk])).content.decode()
    response = client.post(reverse("accounts:two_factor_invite", args=[world.admin.pk]))

    assert reverse("accounts:two_factor_invite", args=[world.admin.pk]) not in html
    assert response.status_code == 403
    assert not TwoFactorInvitation.objects.exists()


@pytest.mark.parametrize("persona", ["secretariat", "leader", "staff"])
def test_only_account_managers_invite(world, login, persona):
    response = login(getattr(world, persona)).post(
        reverse("accounts:two_factor_invite", args=[world.head.pk])
    )

    assert response.status_code in (403, 404)
    assert not TwoFactorInvitation.objects.exists()


def test_agency_admin_invites_in_own_agency_only(world, login, agency_admin):
    client = login(agency_admin)

    client.post(reverse("accounts:two_factor_invite", args=[world.staff.pk]))
    refused = client.post(reverse("accounts:two_factor_invite", args=[world.admin.pk]))

    assert list(TwoFactorInvitation.objects.values_list("user", flat=True)) == [world.staff.pk]
    assert refused.status_code in (403, 404)


def test_invite_is_post_only(world, login):
    response = login(world.admin).get(reverse("accounts:two_factor_invite", args=[world.leader.pk]))

    assert response.status_code == 405
    assert not TwoFactorInvitation.objects.exists()
