"""State changes of accounts, role grants, API tokens and second-factor devices.

`actor=None` means the system itself (management commands, the demo loader): no permission check.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from activity.domain import log_action, snapshot
from lib.access import require
from notifications.domain import send_email
from organisations.scope import forget_scope, scope_for

from . import two_factor
from .access import can_manage_account, can_manage_accounts_in
from .models import ApiToken, Role, RoleGrant, User

ACCOUNT_FIELDS = ("username", "email", "first_name", "last_name", "person", "is_active")


def _agency_of(account: User):
    """The agency whose log shows the account's changes: that of its linked person, if any."""
    return account.person.agency if account.person_id else None


@transaction.atomic
def create_account(
    *,
    actor,
    username: str,
    password: str | None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    person=None,
) -> User:
    require(actor is None or can_manage_accounts_in(actor, person.agency_id if person else None))
    account = User(username=username, email=email, first_name=first_name, last_name=last_name, person=person)
    if password:
        account.set_password(password)
    else:
        account.set_unusable_password()
    account.full_clean()
    account.save()
    log_action(
        actor=actor,
        action="accounts.account.created",
        target=account,
        agency=_agency_of(account),
        after=snapshot(account, ACCOUNT_FIELDS) | {"password": "set"},
    )
    return account


@transaction.atomic
def update_account(*, actor, account: User, fields: dict) -> User:
    require(actor is None or can_manage_account(actor, account))
    if actor is not None and account.pk == actor.pk and fields.get("is_active") is False:
        raise PermissionDenied("self-deactivation")
    person = fields.get("person", account.person)
    if actor is not None and person is not None and person != account.person:
        require(can_manage_accounts_in(actor, person.agency_id))  # linking to a person of another agency
    before = snapshot(account, ACCOUNT_FIELDS)
    for name, value in fields.items():
        if name in ACCOUNT_FIELDS:
            setattr(account, name, value)
    account.full_clean()
    account.save()
    after = snapshot(account, ACCOUNT_FIELDS)
    if after != before:  # saving an unchanged form is not an event
        log_action(
            actor=actor,
            action="accounts.account.updated",
            target=account,
            before=before,
            after=after,
            agency=_agency_of(account),
        )
    return account


@transaction.atomic
def set_password(*, actor, account: User, password: str) -> User:
    require(actor is None or actor.pk == account.pk or can_manage_account(actor, account))
    account.set_password(password)
    account.save(update_fields=["password"])
    log_action(
        actor=actor,
        action="accounts.account.password_changed",
        target=account,
        agency=_agency_of(account),
        after={"password": "changed"},
    )
    return account


@transaction.atomic
def grant_role(*, actor, user: User, role: str, agency=None, unit=None) -> RoleGrant:
    agency = agency or (unit.agency if unit is not None else None)
    require(actor is None or can_manage_accounts_in(actor, agency.pk if agency else None))
    existing = RoleGrant.objects.active().filter(user=user, role=role, agency=agency, unit=unit).first()
    if existing:
        return existing
    grant = RoleGrant(user=user, role=role, agency=agency, unit=unit, granted_by=actor)
    grant.full_clean()
    grant.save()
    forget_scope(user)
    log_action(
        actor=actor,
        action="accounts.role.granted",
        target=user,
        agency=agency,
        after={"role": role, "agency": getattr(agency, "pk", None), "unit": getattr(unit, "pk", None)},
    )
    send_email(
        user=user,
        template="role_granted",
        context={"role": str(grant.get_role_display()), "where": str(unit or agency or "")},
    )
    return grant


@transaction.atomic
def revoke_role(*, actor, grant: RoleGrant) -> RoleGrant:
    """End an active grant (the row is kept); revoking an already revoked grant changes nothing."""
    require(actor is None or can_manage_accounts_in(actor, grant.agency_id))
    if actor is not None and grant.user_id == actor.pk and grant.role == Role.SYSTEM_ADMIN:
        raise PermissionDenied("self-revoke")
    if grant.revoked_at is not None:
        return grant
    grant.revoked_at = timezone.now()
    grant.save(update_fields=["revoked_at"])
    forget_scope(grant.user)
    log_action(
        actor=actor,
        action="accounts.role.revoked",
        target=grant.user,
        agency=grant.agency,
        before={"role": grant.role, "agency": grant.agency_id, "unit": grant.unit_id},
    )
    return grant


def _may_handle_tokens_of(actor, user_id) -> bool:
    return actor is None or actor.pk == user_id or scope_for(actor).installation_admin


@transaction.atomic
def issue_api_token(*, actor, user: User, name: str = "") -> tuple[ApiToken, str]:
    """Create a token for `user`; returns the record and the raw token, which is never stored."""
    require(_may_handle_tokens_of(actor, user.pk))
    raw = ApiToken.generate()
    token = ApiToken.objects.create(user=user, name=name, key_hash=ApiToken.hash(raw), hint=raw[:10])
    log_action(
        actor=actor,
        action="accounts.api_token.issued",
        target=user,
        agency=_agency_of(user),
        after={"token": token.hint, "name": name},
    )
    return token, raw


@transaction.atomic
def revoke_api_token(*, actor, token: ApiToken) -> ApiToken:
    """Revoke a token; revoking an already revoked token changes nothing."""
    require(_may_handle_tokens_of(actor, token.user_id))
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    log_action(
        actor=actor,
        action="accounts.api_token.revoked",
        target=token.user,
        agency=_agency_of(token.user),
        after={"token": token.hint},
    )
    return token


@transaction.atomic
def start_two_factor_enrolment(*, actor) -> TOTPDevice:
    """The actor's unconfirmed device, created if there is none yet (its key is shown until confirmed).

    Not logged: an unconfirmed device does nothing; confirm_two_factor_device() logs the enrolment.
    """
    return two_factor.pending_device(actor) or TOTPDevice.objects.create(
        user=actor, name=two_factor.DEVICE_NAME, confirmed=False
    )


@transaction.atomic
def confirm_two_factor_device(*, actor, device: TOTPDevice, token: str) -> bool:
    """Confirm the actor's own pending device with a first valid code; its other pending devices go.

    The caller then marks the session as verified (two_factor.mark_verified).
    """
    if device.user_id != actor.pk or device.confirmed or not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.devices_for_user(actor, confirmed=False).delete()
    log_action(
        actor=actor,
        action="accounts.two_factor.enrolled",
        target=actor,
        agency=_agency_of(actor),
        after={"device": device.name},
    )
    return True
