"""State changes of accounts, role grants, API tokens and second-factor devices.

`actor=None` means the system itself (management commands, the demo loader): no permission check.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from activity.domain import log_action, snapshot
from lib.access import require
from notifications.domain import send_email
from organisations.scope import forget_scope, scope_for

from . import two_factor
from .access import can_manage_account, can_manage_accounts_in
from .models import ApiToken, Role, RoleGrant, TwoFactorInvitation, User

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
def issue_api_token(*, actor, user: User, name: str = "", days: int = 90) -> tuple[ApiToken, str]:
    """Create a token for `user`, valid `days` days (at most THIDUA_API_TOKEN_MAX_DAYS); returns the record
    and the raw token, which is never stored."""
    require(_may_handle_tokens_of(actor, user.pk))
    limit = settings.THIDUA_API_TOKEN_MAX_DAYS
    if not 1 <= days <= limit:
        raise ValidationError(
            _("A token is valid for 1 to %(limit)d days: choose a shorter time.") % {"limit": limit},
            code="days",
        )
    raw = ApiToken.generate()
    expires_at = timezone.now() + dt.timedelta(days=days)
    token = ApiToken.objects.create(
        user=user, name=name, key_hash=ApiToken.hash(raw), hint=raw[:10], expires_at=expires_at
    )
    log_action(
        actor=actor,
        action="accounts.api_token.issued",
        target=user,
        agency=_agency_of(user),
        after={"token": token.hint, "name": name, "expires_at": expires_at},
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
def confirm_two_factor_device(
    *, actor, device: TOTPDevice, token: str, invitation=None, verified_device=None
) -> bool:
    """Confirm the actor's own pending device with a first valid code; every other device of the actor goes
    (pending ones, and a confirmed one this device replaces).

    The password alone never suffices: the actor brings a pending invitation of hers (`invitation`, then used
    up) or the session was verified with her confirmed device (`verified_device`). The caller then marks the
    session as verified (two_factor.mark_verified).
    """
    by_invitation = invitation is not None and invitation.user_id == actor.pk and invitation.is_pending
    by_device = (
        verified_device is not None and verified_device.user_id == actor.pk and verified_device.confirmed
    )
    require(by_invitation or by_device)
    if device.user_id != actor.pk or device.confirmed or not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    others = TOTPDevice.objects.devices_for_user(actor, confirmed=None).exclude(pk=device.pk)
    replaced = others.filter(confirmed=True).exists()
    others.delete()
    if by_invitation:
        invitation.used_at = timezone.now()
        invitation.save(update_fields=["used_at"])
    log_action(
        actor=actor,
        action="accounts.two_factor.enrolled",
        target=actor,
        agency=_agency_of(actor),
        after={"device": device.name},
        extra={"confirmed_by": "invitation" if by_invitation else "device", "replaced": replaced},
    )
    return True


@transaction.atomic
def issue_two_factor_invitation(*, actor, account: User) -> tuple[TwoFactorInvitation, str]:
    """Let `account` set up (or replace) its authenticator app: returns the invitation and its one-time code,
    which is never stored. Earlier pending invitations of the account are void.

    Issued by whoever manages the account (accounts.access.can_manage_account), never for oneself — the first
    administrator of an installation gets hers from `manage.py invite_two_factor` (actor None)."""
    require(actor is None or (actor.pk != account.pk and can_manage_account(actor, account)))
    now = timezone.now()
    account.two_factor_invitations.pending().update(voided_at=now)
    code = TwoFactorInvitation.generate()
    invitation = TwoFactorInvitation.objects.create(
        user=account,
        code_hash=TwoFactorInvitation.hash(code),
        issued_by=actor,
        issued_at=now,
        expires_at=now + TwoFactorInvitation.lifetime(),
    )
    log_action(
        actor=actor,
        action="accounts.two_factor.invited",
        target=account,
        agency=_agency_of(account),
        after={"expires_at": invitation.expires_at},
    )
    return invitation, code


@transaction.atomic
def accept_two_factor_invitation(*, actor, code: str) -> TwoFactorInvitation | None:
    """The actor's pending invitation if `code` is its code, else None; a wrong code counts, and the
    invitation is void after TwoFactorInvitation.MAX_ATTEMPTS of them. Using it up is enrolment's job."""
    invitation = actor.two_factor_invitations.pending().select_for_update().first()
    if invitation is None:
        return None
    if invitation.matches(code):
        return invitation
    invitation.failed_attempts += 1
    fields = ["failed_attempts"]
    if invitation.failed_attempts >= TwoFactorInvitation.MAX_ATTEMPTS:
        invitation.voided_at = timezone.now()
        fields.append("voided_at")
    invitation.save(update_fields=fields)
    return None


# --- security events (accounts.signals): written to the activity log, which adds the client's address ---


def _account_named(username: str) -> User | None:
    return (
        User.objects.filter(username=username).select_related("person__agency").first() if username else None
    )


def record_login(*, user: User) -> None:
    log_action(actor=user, action="accounts.account.logged_in", target=user, agency=_agency_of(user))


def record_logout(*, user: User, reason: str = "") -> None:
    """`reason`: "" (the user logged out), "idle" or "expired" (the session timed out)."""
    extra = {"reason": reason} if reason else None
    log_action(
        actor=user, action="accounts.account.logged_out", target=user, agency=_agency_of(user), extra=extra
    )


def record_failed_login(*, username: str) -> None:
    """A wrong password, or an unknown username (then no account is named). The password is never logged."""
    _record_refusal("accounts.account.login_failed", username)


def record_lockout(*, username: str) -> None:
    """django-axes refused the username or the address after too many failures."""
    _record_refusal("accounts.account.locked_out", username)


def _record_refusal(action: str, username: str) -> None:
    username = (username or "")[:150]
    account = _account_named(username)
    agency = _agency_of(account) if account else None
    log_action(actor=None, action=action, target=account, agency=agency, extra={"username": username})
