import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import domain
from accounts.models import ApiToken, Role, RoleGrant, User
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
    assert callbacks == [] and mailoutbox == []


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
    assert log.data == {"after": {"token": MASK, "name": "tích hợp"}}
    assert raw not in json.dumps(log.data)


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


def test_confirm_two_factor_device_confirms_logs_and_drops_other_pending_devices(world):
    stale = TOTPDevice.objects.create(user=world.secretariat, name="thidua", confirmed=False)
    device = TOTPDevice.objects.create(user=world.secretariat, name="thidua", confirmed=False)
    assert domain.confirm_two_factor_device(actor=world.secretariat, device=device, token=totp_code(device))
    device.refresh_from_db()
    assert device.confirmed and not TOTPDevice.objects.filter(pk=stale.pk).exists()
    log = only_log()
    assert (log.action, log.actor, log.target_id, log.agency) == (
        "accounts.two_factor.enrolled",
        world.secretariat,
        str(world.secretariat.pk),
        None,  # the secretariat account has no linked person
    )
    assert log.data == {"after": {"device": "thidua"}}


def test_confirm_two_factor_device_refuses_a_wrong_code_another_users_device_or_a_confirmed_one(world):
    device = domain.start_two_factor_enrolment(actor=world.admin)
    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"
    assert not domain.confirm_two_factor_device(actor=world.admin, device=device, token=wrong)
    assert not domain.confirm_two_factor_device(actor=world.staff, device=device, token=totp_code(device))
    device.refresh_from_db()
    assert device.confirmed is False
    confirmed = TOTPDevice.objects.create(user=world.staff, name="thidua", confirmed=True)
    assert not domain.confirm_two_factor_device(
        actor=world.staff, device=confirmed, token=totp_code(confirmed)
    )
    assert ActivityLog.objects.count() == 0
