"""State changes of accounts, role grants and API tokens."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from activity.domain import log_action

from .access import can_manage_account
from .models import ApiToken, RoleGrant, User
from .notify import schedule_email
from .scope import forget_scope, scope_for

ACCOUNT_FIELDS = ("username", "email", "first_name", "last_name", "person", "is_active")


def _check(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _account_snapshot(account: User) -> dict:
    return {
        "username": account.username,
        "email": account.email,
        "first_name": account.first_name,
        "last_name": account.last_name,
        "person": account.person_id,
        "is_active": account.is_active,
    }


def _may_manage(actor, agency_id) -> bool:
    scope = scope_for(actor)
    return scope.installation_admin or (agency_id is not None and agency_id in scope.admin_agencies)


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
    _check(
        actor is None
        or _may_manage(actor, person.agency_id if person else None)
        or scope_for(actor).installation_admin
    )
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
        agency=person.agency if person else None,
        after=_account_snapshot(account) | {"password": "set"},
    )
    return account


@transaction.atomic
def update_account(*, actor, account: User, fields: dict) -> User:
    _check(actor is None or can_manage_account(actor, account))
    if actor is not None and account.pk == actor.pk and fields.get("is_active") is False:
        raise PermissionDenied("self-deactivation")
    person = fields.get("person", account.person)
    if actor is not None and person is not None and person != account.person:
        _check(_may_manage(actor, person.agency_id))  # linking to a person of another agency
    before = _account_snapshot(account)
    for name, value in fields.items():
        if name in ACCOUNT_FIELDS:
            setattr(account, name, value)
    account.full_clean()
    account.save()
    log_action(
        actor=actor,
        action="accounts.account.updated",
        target=account,
        before=before,
        after=_account_snapshot(account),
        agency=account.person.agency if account.person_id else None,
    )
    return account


@transaction.atomic
def set_password(*, actor, account: User, password: str) -> User:
    _check(actor is None or actor.pk == account.pk or can_manage_account(actor, account))
    account.set_password(password)
    account.save(update_fields=["password"])
    log_action(
        actor=actor, action="accounts.account.password_changed", target=account, after={"password": "changed"}
    )
    return account


@transaction.atomic
def grant_role(*, actor, user: User, role: str, agency=None, unit=None) -> RoleGrant:
    agency = agency or (unit.agency if unit is not None else None)
    _check(actor is None or _may_manage(actor, agency.pk if agency else None))
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
    schedule_email(
        user=user,
        template="role_granted",
        context={"role": str(grant.get_role_display()), "where": str(unit or agency or "")},
    )
    return grant


@transaction.atomic
def revoke_role(*, actor, grant: RoleGrant) -> RoleGrant:
    _check(actor is None or _may_manage(actor, grant.agency_id))
    if actor is not None and grant.user_id == actor.pk and grant.role == "system_admin":
        raise PermissionDenied("self-revoke")
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


@transaction.atomic
def issue_api_token(*, actor, user: User, name: str = "") -> tuple[ApiToken, str]:
    """Create a token for `user`; returns the record and the raw token, which is never stored."""
    _check(actor is None or actor.pk == user.pk or scope_for(actor).installation_admin)
    raw = ApiToken.generate()
    token = ApiToken.objects.create(user=user, name=name, key_hash=ApiToken.hash(raw), hint=raw[:10])
    log_action(
        actor=actor,
        action="accounts.api_token.issued",
        target=user,
        after={"token": token.hint, "name": name},
    )
    return token, raw


@transaction.atomic
def revoke_api_token(*, actor, token: ApiToken) -> ApiToken:
    _check(actor is None or actor.pk == token.user_id or scope_for(actor).installation_admin)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    log_action(
        actor=actor, action="accounts.api_token.revoked", target=token.user, after={"token": token.hint}
    )
    return token
