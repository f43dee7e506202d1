"""Loading accounts for a user: only administrators manage accounts and roles."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from .models import User
from .scope import scope_for

VIEW, EDIT = "view", "edit"


def accounts_for_user(user):
    scope = scope_for(user)
    if scope.installation_admin:
        return User.objects.all()
    if not scope.admin_agencies:
        return User.objects.none()
    in_agency = Q(role_grants__agency_id__in=scope.admin_agencies) | Q(person__agency_id__in=scope.admin_agencies)
    return User.objects.filter(pk__in=User.objects.filter(in_agency).values("pk"))


def get_account_for_user(user, pk, *, action=VIEW) -> User:
    account = accounts_for_user(user).select_related("person").filter(pk=pk).first()
    if account is None:
        if action == VIEW and user.is_authenticated and str(user.pk) == str(pk):
            return user  # everyone may see their own account
        raise Http404
    return account


def can_grant_in_agency(user, agency_id) -> bool:
    return scope_for(user).can_edit_agency(agency_id)


def require_account_manager(user):
    scope = scope_for(user)
    if not (scope.installation_admin or scope.admin_agencies):
        raise PermissionDenied
