import datetime as dt
import hashlib
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone, translation
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import domain
from accounts.models import ApiToken, Role, RoleGrant, TwoFactorInvitation, User
from activity.domain import MASK
from activity.models import ActivityLog
from tests.factories import UserFactory, account_with_role

NEW_PASSWORD = "mot-mat-khau-moi-dai"


def counts():
    return (
        User.objects.count(),
        RoleGrant.objects.count(),
        ApiToken.objects.count(),
        ActivityLog.objects.count(),
    )


def only_log() -> ActivityLog:
    (log,) = ActivityLog.objects.all()
    return log


@pytest.fixture
def agency_admin(world):
    return account_with_role(Role.SYSTEM_ADMIN, agency=world.agency, username="quantri")


# create_account


def test_create_account_stores_a_hashed_password_and_logs_it_masked(world, agency_admin):
    account = domain.create_account(
        actor=agency_admin,
        username="moi",
        password=NEW_PASSWORD,
        email="moi@example.test",
        person=world.division_person,
    )
    account.refresh_from_db()
    assert account.check_password(NEW_PASSWORD) and account.person == world.division_person
    log = only_log()
    assert (log.action, log.actor, log.agency, log.target_id) == (
        "accounts.account.created",
        agency_admin,
        world.agency,
        str(account.pk),
    )
    assert log.data["after"]["password"] == MASK
    assert log.data["after"]["username"] == "moi"
    assert NEW_PASSWORD not in json.dumps(log.data)


def test_create_account_without_password_has_an_unusable_one(world):
    account = domain.create_account(actor=world.admin, username="khongmatkhau", password=None)
    assert not account.has_usable_password()
    assert only_log().agency is None


@pytest.mark.parametrize("persona", ["secretariat", "council", "officer", "staff"])
def test_create_account_refused_for_non_admins(world, persona):
    before = counts()
    with pytest.raises(PermissionDenied):
        domain.create_account(
            actor=getattr(world, persona), username="x", password=NEW_PASSWORD, person=world.division_person
        )
    assert counts() == before


def test_agency_admin_cannot_create_an_account_for_another_agency(world, agency_admin):
    before = counts()
    with pytest.raises(PermissionDenied):
        domain.create_account(actor=agency_admin, username="x", password=None, person=world.other_person)
    with pytest.raises(PermissionDenied):
        domain.create_account(actor=agency_admin, username="y", password=None)
    assert counts() == before


def test_create_account_validates_the_username(world):
    before = counts()
    with pytest.raises(ValidationError) as error:
        domain.create_account(actor=world.admin, username=world.staff.username, password=None)
    assert "username" in error.value.message_dict
    assert counts() == before


# update_account


def test_update_account_logs_before_and_after(world, agency_admin):
    domain.update_account(actor=agency_admin, account=world.staff, fields={"email": "lan@example.test"})
    world.staff.refresh_from_db()
    assert world.staff.email == "lan@example.test"
    log = only_log()
    assert log.action == "accounts.account.updated" and log.agency == world.agency
    assert log.changes == [("email", "nhanvien@example.test", "lan@example.test")]


def test_update_account_without_a_change_logs_nothing(world):
    domain.update_account(actor=world.admin, account=world.staff, fields={"email": world.staff.email})
    assert ActivityLog.objects.count() == 0


def test_update_account_refused_for_non_managers(world):
    before = counts()
    with pytest.raises(PermissionDenied):
        domain.update_account(actor=world.secretariat, account=world.staff, fields={"is_active": False})
    world.staff.refresh_from_db()
    assert world.staff.is_active and counts() == before


def test_nobody_deactivates_their_own_account(world):
    with pytest.raises(PermissionDenied):
        domain.update_account(actor=world.admin, account=world.admin, fields={"is_active": False})
    world.admin.refresh_from_db()
    assert world.admin.is_active and ActivityLog.objects.count() == 0


def test_agency_admin_cannot_link_an_account_to_another_agencys_person(world, agency_admin):
    with pytest.raises(PermissionDenied):
        domain.update_account(actor=agency_admin, account=world.staff, fields={"person": world.other_person})
    world.staff.refresh_from_db()
    assert world.staff.person == world.office_person and ActivityLog.objects.count() == 0


# set_password


def test_everyone_may_change_their_own_password(world):
    domain.set_password(actor=world.staff, account=world.staff, password=NEW_PASSWORD)
    world.staff.refresh_from_db()
    assert world.staff.check_password(NEW_PASSWORD)
    log = only_log()
    assert (log.action, log.data) == ("accounts.account.password_changed", {"after": {"password": MASK}})


def test_set_password_of_another_account_is_for_its_managers(world, agency_admin):
    domain.set_password(actor=agency_admin, account=world.officer, password=NEW_PASSWORD)
    world.officer.refresh_from_db()
    assert world.officer.check_password(NEW_PASSWORD)
    assert NEW_PASSWORD not in json.dumps(only_log().data)


@pytest.mark.parametrize("persona", ["secretariat", "officer", "agency_admin_of_other"])
def test_set_password_refused(world, persona):
    actor = (
        account_with_role(Role.SYSTEM_ADMIN, agency=world.other_agency)
        if persona == "agency_admin_of_other"
        else getattr(world, persona)
    )
    old_hash = world.staff.password
    with pytest.raises(PermissionDenied):
        domain.set_password(actor=actor, account=world.staff, password=NEW_PASSWORD)
    world.staff.refresh_from_db()
    assert world.staff.password == old_hash and ActivityLog.objects.count() == 0


# grant_role / revoke_role


def test_grant_role_logs_and_emails_the_account(
    world, agency_admin, django_capture_on_commit_callbacks, mailoutbox
):
    user = UserFactory(username="moi", email="moi@example.test")
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        grant = domain.grant_role(actor=agency_admin, user=user, role=Role.SECRETARIAT, agency=world.agency)
    assert RoleGrant.objects.active().get(user=user) == grant and grant.granted_by == agency_admin
    log = only_log()
    assert (log.action, log.actor, log.agency, log.target_id) == (
        "accounts.role.granted",
        agency_admin,
        world.agency,
        str(user.pk),
    )
    assert log.data == {"after": {"role": "secretariat", "agency": world.agency.pk, "unit": None}}
    (mail,) = mailoutbox
    assert mail.to == ["moi@example.test"]
    assert "Emulation secretariat" in mail.subject + mail.body
    assert world.agency.name in mail.body


def test_grant_role_sends_nothing_to_an_account_without_email(
    world, django_capture_on_commit_callbacks, mailoutbox
):
    user = UserFactory(email="")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        domain.grant_role(actor=world.admin, user=user, role=Role.COUNCIL_MEMBER, agency=world.agency)
    assert not any("_enqueue" in repr(callback) for callback in callbacks)  # no e-mail task queued
    assert mailoutbox == []


def test_grant_unit_role_takes_the_agency_from_the_unit(world, agency_admin):
    user = UserFactory()
    grant = domain.grant_role(actor=agency_admin, user=user, role=Role.UNIT_OFFICER, unit=world.team)
    assert (grant.agency, grant.unit) == (world.agency, world.team)
    assert only_log().data["after"] == {
        "role": "unit_officer",
        "agency": world.agency.pk,
        "unit": world.team.pk,
    }


def test_granting_an_active_role_again_changes_nothing(world):
    grant = RoleGrant.objects.get(user=world.council)
    before = counts()
    assert (
        domain.grant_role(
            actor=world.admin, user=world.council, role=Role.COUNCIL_MEMBER, agency=world.agency
        )
        == grant
    )
    assert counts() == before


@pytest.mark.parametrize("persona", ["secretariat", "council", "officer", "staff"])
def test_grant_role_refused_for_non_admins(world, persona, django_capture_on_commit_callbacks, mailoutbox):
    before = counts()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        domain.grant_role(
            actor=getattr(world, persona),
            user=getattr(world, persona),
            role=Role.SYSTEM_ADMIN,
            agency=world.agency,
        )
    assert counts() == before and mailoutbox == []


def test_agency_admin_cannot_grant_in_another_agency_or_the_installation(world, agency_admin):
    before = counts()
    with pytest.raises(PermissionDenied):
        domain.grant_role(
            actor=agency_admin, user=world.staff, role=Role.SECRETARIAT, agency=world.other_agency
        )
    with pytest.raises(PermissionDenied):
        domain.grant_role(actor=agency_admin, user=world.staff, role=Role.SYSTEM_ADMIN)
    assert counts() == before


def test_grant_role_validates_the_unit(world):
    before = counts()
    with pytest.raises(ValidationError) as error:
        domain.grant_role(actor=world.admin, user=world.staff, role=Role.UNIT_HEAD, agency=world.agency)
    assert "unit" in error.value.message_dict
    assert counts() == before


def test_revoke_role_keeps_the_grant_and_logs(world, agency_admin):
    grant = RoleGrant.objects.get(user=world.officer)
    domain.revoke_role(actor=agency_admin, grant=grant)
    grant.refresh_from_db()
    assert grant.revoked_at is not None and not RoleGrant.objects.active().filter(user=world.officer).exists()
    log = only_log()
    assert log.action == "accounts.role.revoked" and log.agency == world.agency
    assert log.data == {
        "before": {"role": "unit_officer", "agency": world.agency.pk, "unit": world.division.pk}
    }


def test_revoke_role_refused(world, agency_admin):
    installation = RoleGrant.objects.get(user=world.admin)
    with pytest.raises(PermissionDenied):
        domain.revoke_role(actor=agency_admin, grant=installation)
    with pytest.raises(PermissionDenied):
        domain.revoke_role(actor=world.secretariat, grant=RoleGrant.objects.get(user=world.officer))
    with pytest.raises(PermissionDenied):
        domain.revoke_role(actor=world.admin, grant=installation)  # an admin does not lock itself out
    assert RoleGrant.objects.filter(revoked_at__isnull=False).count() == 0
    assert ActivityLog.objects.count() == 0


# API tokens


def test_issue_api_token_stores_only_the_hash(world):
    token, raw = domain.issue_api_token(actor=world.officer, user=world.officer, name="tích hợp")
    assert raw.startswith(ApiToken.PREFIX)
    assert token.key_hash == ApiToken.hash(raw) and token.hint == raw[:10]
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert raw not in json.dumps(stored, default=str)
    log = only_log()
    assert log.action == "accounts.api_token.issued"
    assert log.data == {"after": {"token": MASK, "name": "tích hợp", "expires_at": iso(token.expires_at)}}
    assert raw not in json.dumps(log.data)


def iso(moment) -> str:
    return json.loads(json.dumps(moment, cls=DjangoJSONEncoder))


@pytest.mark.parametrize("days", [30, 90, 180, 365])
def test_issue_api_token_expires_after_the_chosen_days(world, days):
    before = timezone.now()
    token, _raw = domain.issue_api_token(actor=world.staff, user=world.staff, days=days)
    assert before + dt.timedelta(days=days) <= token.expires_at <= timezone.now() + dt.timedelta(days=days)
    assert list(ApiToken.objects.active()) == [token]


def test_issue_api_token_lasts_90_days_unless_told(world):
    token, _raw = domain.issue_api_token(actor=world.staff, user=world.staff)
    assert (token.expires_at - token.created_at).days == 89  # 90 days less the microseconds between the two


@pytest.mark.parametrize("days", [0, -1, 366])
def test_issue_api_token_refuses_a_lifetime_beyond_the_limit(world, days):
    before = counts()
    with pytest.raises(ValidationError) as refused, translation.override("vi"):
        domain.issue_api_token(actor=world.staff, user=world.staff, days=days)
    with translation.override("vi"):
        assert refused.value.messages == [
            "Mã truy cập có thời hạn từ 1 đến 365 ngày: vui lòng chọn thời hạn ngắn hơn."
        ]
    assert counts() == before


def test_the_longest_lifetime_is_a_setting(world, settings):
    settings.THIDUA_API_TOKEN_MAX_DAYS = 30
    with pytest.raises(ValidationError):
        domain.issue_api_token(actor=world.staff, user=world.staff, days=90)
    token, _raw = domain.issue_api_token(actor=world.staff, user=world.staff, days=30)
    assert ApiToken.objects.get() == token


def test_issue_api_token_for_another_account_is_for_installation_admins(world, agency_admin):
    domain.issue_api_token(actor=world.admin, user=world.officer)
    before = counts()
    with pytest.raises(PermissionDenied):
        domain.issue_api_token(actor=agency_admin, user=world.officer)
    assert counts() == before


def test_revoke_api_token(world):
    token, _raw = domain.issue_api_token(actor=world.staff, user=world.staff)
    with pytest.raises(PermissionDenied):
        domain.revoke_api_token(actor=world.officer, token=token)
    token.refresh_from_db()
    assert token.revoked_at is None
    domain.revoke_api_token(actor=world.staff, token=token)
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert list(ActivityLog.objects.values_list("action", flat=True)) == [
        "accounts.api_token.revoked",
        "accounts.api_token.issued",
    ]


def test_revoking_a_revoked_role_again_changes_nothing(world):
    grant = domain.revoke_role(actor=world.admin, grant=RoleGrant.objects.get(user=world.officer))
    revoked_at = grant.revoked_at
    before = counts()
    assert domain.revoke_role(actor=world.admin, grant=grant) == grant
    grant.refresh_from_db()
    assert grant.revoked_at == revoked_at and counts() == before


def test_revoking_a_revoked_token_again_changes_nothing(world):
    token, _raw = domain.issue_api_token(actor=world.staff, user=world.staff)
    domain.revoke_api_token(actor=world.staff, token=token)
    revoked_at = token.revoked_at
    before = counts()
    domain.revoke_api_token(actor=world.staff, token=token)
    token.refresh_from_db()
    assert token.revoked_at == revoked_at and counts() == before


def test_account_changes_are_logged_under_the_agency_of_the_linked_person(world):
    """So the agency's administrators and secretariat see them in the activity log."""
    domain.set_password(actor=world.staff, account=world.staff, password=NEW_PASSWORD)
    token, _raw = domain.issue_api_token(actor=world.staff, user=world.staff)
    domain.revoke_api_token(actor=world.staff, token=token)
    domain.set_password(actor=world.admin, account=world.admin, password=NEW_PASSWORD)  # no person
    agencies = dict(ActivityLog.objects.filter(actor=world.staff).values_list("action", "agency"))
    assert agencies == {
        "accounts.account.password_changed": world.agency.pk,
        "accounts.api_token.issued": world.agency.pk,
        "accounts.api_token.revoked": world.agency.pk,
    }
    assert ActivityLog.objects.get(actor=world.admin).agency is None


# second factor


def totp_code(device, drift=0) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, drift):06d}"


def test_start_two_factor_enrolment_reuses_the_pending_device(world):
    device = domain.start_two_factor_enrolment(actor=world.admin)
    assert domain.start_two_factor_enrolment(actor=world.admin) == device
    assert (device.user, device.confirmed, device.name) == (world.admin, False, "thidua")
    assert TOTPDevice.objects.filter(user=world.admin).count() == 1
    assert ActivityLog.objects.count() == 0  # nothing is in force before the first code


def invitation_for(account):
    invitation, _code = domain.issue_two_factor_invitation(actor=None, account=account)
    return invitation


def test_confirm_with_an_invitation_confirms_logs_uses_it_and_drops_other_pending_devices(world):
    invitation = invitation_for(world.secretariat)
    ActivityLog.objects.all().delete()
    stale = TOTPDevice.objects.create(user=world.secretariat, name="thidua", confirmed=False)
    device = TOTPDevice.objects.create(user=world.secretariat, name="thidua", confirmed=False)
    assert domain.confirm_two_factor_device(
        actor=world.secretariat, device=device, token=totp_code(device), invitation=invitation
    )
    device.refresh_from_db()
    invitation.refresh_from_db()
    assert device.confirmed and not TOTPDevice.objects.filter(pk=stale.pk).exists()
    assert invitation.used_at is not None and not invitation.is_pending
    log = only_log()
    assert (log.action, log.actor, log.target_id, log.agency) == (
        "accounts.two_factor.enrolled",
        world.secretariat,
        str(world.secretariat.pk),
        None,  # the secretariat account has no linked person
    )
    assert log.data == {
        "after": {"device": "thidua"},
        "extra": {"confirmed_by": "invitation", "replaced": False},
    }


def test_confirm_with_the_verified_device_replaces_it(world):
    old = TOTPDevice.objects.create(user=world.admin, name="thidua", confirmed=True)
    device = domain.start_two_factor_enrolment(actor=world.admin)
    assert domain.confirm_two_factor_device(
        actor=world.admin, device=device, token=totp_code(device), verified_device=old
    )
    assert list(TOTPDevice.objects.values_list("pk", "confirmed")) == [(device.pk, True)]
    assert only_log().data["extra"] == {"confirmed_by": "device", "replaced": True}


def test_the_password_alone_never_confirms_a_device(world):
    device = domain.start_two_factor_enrolment(actor=world.admin)
    with pytest.raises(PermissionDenied):
        domain.confirm_two_factor_device(actor=world.admin, device=device, token=totp_code(device))
    others = TOTPDevice.objects.create(user=world.staff, name="thidua", confirmed=True)
    with pytest.raises(PermissionDenied):  # someone else's device
        domain.confirm_two_factor_device(
            actor=world.admin, device=device, token=totp_code(device), verified_device=others
        )
    with pytest.raises(PermissionDenied):  # someone else's invitation
        domain.confirm_two_factor_device(
            actor=world.admin, device=device, token=totp_code(device), invitation=invitation_for(world.staff)
        )
    device.refresh_from_db()
    assert device.confirmed is False
    assert not ActivityLog.objects.filter(action="accounts.two_factor.enrolled").exists()


def test_an_expired_or_used_invitation_confirms_nothing(world):
    invitation = invitation_for(world.admin)
    device = domain.start_two_factor_enrolment(actor=world.admin)
    TwoFactorInvitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    invitation.refresh_from_db()
    with pytest.raises(PermissionDenied):
        domain.confirm_two_factor_device(
            actor=world.admin, device=device, token=totp_code(device), invitation=invitation
        )
    assert TOTPDevice.objects.get().confirmed is False


def test_confirm_two_factor_device_refuses_a_wrong_code_another_users_device_or_a_confirmed_one(world):
    invitation = invitation_for(world.admin)
    ActivityLog.objects.all().delete()
    device = domain.start_two_factor_enrolment(actor=world.admin)
    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"
    assert not domain.confirm_two_factor_device(
        actor=world.admin, device=device, token=wrong, invitation=invitation
    )
    staff_invitation = invitation_for(world.staff)
    ActivityLog.objects.all().delete()
    assert not domain.confirm_two_factor_device(
        actor=world.staff, device=device, token=totp_code(device), invitation=staff_invitation
    )
    device.refresh_from_db()
    assert device.confirmed is False
    confirmed = TOTPDevice.objects.create(user=world.staff, name="thidua", confirmed=True)
    assert not domain.confirm_two_factor_device(
        actor=world.staff, device=confirmed, token=totp_code(confirmed), invitation=staff_invitation
    )
    assert ActivityLog.objects.count() == 0


# invitations to set up two-step verification


def test_issue_invitation_stores_a_keyed_hash_and_logs_no_code(world, agency_admin):
    invitation, code = domain.issue_two_factor_invitation(actor=agency_admin, account=world.staff)
    assert len(TwoFactorInvitation.normalise(code)) == 16 and code.count("-") == 3
    assert invitation.matches(code) and invitation.matches(code.lower().replace("-", " "))
    stored = json.dumps(TwoFactorInvitation.objects.filter(pk=invitation.pk).values().get(), default=str)
    assert code not in stored and TwoFactorInvitation.normalise(code) not in stored
    assert invitation.code_hash != hashlib.sha256(TwoFactorInvitation.normalise(code).encode()).hexdigest()
    assert invitation.issued_by == agency_admin
    assert invitation.expires_at - invitation.issued_at == dt.timedelta(hours=72)
    log = only_log()
    assert (log.action, log.actor, log.target_id, log.agency) == (
        "accounts.two_factor.invited",
        agency_admin,
        str(world.staff.pk),
        world.agency,
    )
    assert log.data == {"after": {"expires_at": iso(invitation.expires_at)}}


def test_a_new_invitation_voids_the_pending_one(world):
    first, first_code = domain.issue_two_factor_invitation(actor=world.admin, account=world.leader)
    second, second_code = domain.issue_two_factor_invitation(actor=world.admin, account=world.leader)
    first.refresh_from_db()
    assert first.voided_at is not None
    assert list(world.leader.two_factor_invitations.pending()) == [second]
    assert domain.accept_two_factor_invitation(actor=world.leader, code=first_code) is None
    assert domain.accept_two_factor_invitation(actor=world.leader, code=second_code) == second


@pytest.mark.parametrize("persona", ["secretariat", "leader", "head", "staff"])
def test_invitations_are_issued_by_account_managers_only(world, persona):
    with pytest.raises(PermissionDenied):
        domain.issue_two_factor_invitation(actor=getattr(world, persona), account=world.officer)
    assert not TwoFactorInvitation.objects.exists() and not ActivityLog.objects.exists()


def test_nobody_invites_themselves_nor_an_agency_admin_outside_its_agency(world, agency_admin):
    elsewhere = UserFactory(username="nguoikhac", person=world.other_person)
    with pytest.raises(PermissionDenied):
        domain.issue_two_factor_invitation(actor=world.admin, account=world.admin)
    with pytest.raises(PermissionDenied):
        domain.issue_two_factor_invitation(actor=agency_admin, account=elsewhere)
    assert not TwoFactorInvitation.objects.exists()


def test_wrong_codes_count_and_void_the_invitation_at_the_fifth(world):
    invitation, code = domain.issue_two_factor_invitation(actor=None, account=world.admin)
    for attempt in range(1, 5):
        assert domain.accept_two_factor_invitation(actor=world.admin, code="AAAABBBBCCCCDDDD") is None
        invitation.refresh_from_db()
        assert (invitation.failed_attempts, invitation.voided_at) == (attempt, None)
    assert domain.accept_two_factor_invitation(actor=world.admin, code="AAAABBBBCCCCDDDD") is None
    invitation.refresh_from_db()
    assert invitation.failed_attempts == 5 and invitation.voided_at is not None
    assert domain.accept_two_factor_invitation(actor=world.admin, code=code) is None  # too late, even right


def test_an_expired_invitation_is_not_accepted(world):
    invitation, code = domain.issue_two_factor_invitation(actor=None, account=world.admin)
    TwoFactorInvitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    assert domain.accept_two_factor_invitation(actor=world.admin, code=code) is None
    assert domain.accept_two_factor_invitation(actor=world.secretariat, code=code) is None


def test_the_invitation_lifetime_is_a_setting(world, settings):
    settings.THIDUA_2FA_INVITATION_HOURS = 24
    invitation, _code = domain.issue_two_factor_invitation(actor=None, account=world.admin)
    assert invitation.expires_at - invitation.issued_at == dt.timedelta(hours=24)


# security events


def test_record_login_and_logout(world):
    domain.record_login(user=world.staff)
    domain.record_logout(user=world.staff, reason="idle")
    domain.record_logout(user=world.admin)
    rows = ActivityLog.objects.order_by("id").values_list("action", "actor", "target_id", "agency", "data")
    assert list(rows) == [
        ("accounts.account.logged_in", world.staff.pk, str(world.staff.pk), world.agency.pk, {}),
        (
            "accounts.account.logged_out",
            world.staff.pk,
            str(world.staff.pk),
            world.agency.pk,
            {"extra": {"reason": "idle"}},
        ),
        ("accounts.account.logged_out", world.admin.pk, str(world.admin.pk), None, {}),
    ]


def test_record_failed_login_names_the_account_if_there_is_one(world):
    domain.record_failed_login(username="nhanvien")
    domain.record_failed_login(username="khong-ai-ca")
    domain.record_lockout(username="x" * 300)
    rows = ActivityLog.objects.order_by("id").values_list("action", "actor", "target_id", "agency", "data")
    assert list(rows) == [
        (
            "accounts.account.login_failed",
            None,
            str(world.staff.pk),
            world.agency.pk,
            {"extra": {"username": "nhanvien"}},
        ),
        ("accounts.account.login_failed", None, "", None, {"extra": {"username": "khong-ai-ca"}}),
        ("accounts.account.locked_out", None, "", None, {"extra": {"username": "x" * 150}}),
    ]
