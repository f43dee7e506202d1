"""Loading accounts for a user: only administrators manage accounts and roles."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from organisations.scope import scope_for

from .models import RoleGrant, User

VIEW, EDIT = "view", "edit"


def accounts_for_user(user):
    scope = scope_for(user)
    if scope.installation_admin:
        return User.objects.all()
    if not scope.admin_agencies:
        return User.objects.none()
    in_agency = Q(role_grants__agency_id__in=scope.admin_agencies, role_grants__revoked_at__isnull=True) | Q(
        person__agency_id__in=scope.admin_agencies
    )
    return User.objects.filter(pk__in=User.objects.filter(in_agency).values("pk"))


def can_manage_account(user, account) -> bool:
    """Installation admins manage every account. An agency's system administrator manages the accounts of
    its agency, but not one linked to a person elsewhere, holding roles elsewhere or administering it all."""
    scope = scope_for(user)
    if scope.installation_admin:
        return True
    if not scope.admin_agencies or account.is_superuser:
        return False
    if account.person_id and account.person.agency_id not in scope.admin_agencies:
        return False
    grants = RoleGrant.objects.active().filter(user=account)
    if grants.filter(Q(agency__isnull=True) | ~Q(agency_id__in=scope.admin_agencies)).exists():
        return False
    return bool(account.person_id) or grants.exists()


def get_account_for_user(user, pk, *, action=VIEW) -> User:
    account = accounts_for_user(user).select_related("person").filter(pk=pk).first()
    if account is None:
        if not (scope_for(user).is_authenticated and str(user.pk) == str(pk)):
            raise Http404
        account = user  # everyone may see their own account
    if action == EDIT and not can_manage_account(user, account):
        raise PermissionDenied
    return account


def can_manage_accounts_in(user, agency_id) -> bool:
    """Create, link and grant roles in the agency (agency_id None: the whole installation)."""
    return scope_for(user).can_edit_agency(agency_id)


def require_account_manager(user):
    if not scope_for(user).manages_accounts:
        raise PermissionDenied
