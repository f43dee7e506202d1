"""Loading agencies and units for a user: every view and API endpoint goes through these."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from organisations.scope import scope_for

from .models import Agency, Unit

VIEW, EDIT = "view", "edit"


def agencies_for_user(user):
    return Agency.objects.filter(scope_for(user).agency_filter("pk"))


def get_agency_for_user(user, pk, *, action=VIEW) -> Agency:
    scope = scope_for(user)
    agency = agencies_for_user(user).select_related("parent", "successor").filter(pk=pk).first()
    if agency is None:
        raise Http404
    if action == EDIT and not scope.can_edit_agency(agency.pk):
        raise PermissionDenied
    return agency


def units_for_user(user):
    return Unit.objects.filter(scope_for(user).agency_filter("agency_id"))


def can_edit_unit(user, unit) -> bool:
    return scope_for(user).can_manage_agency(unit.agency_id)


def can_add_unit(user, agency) -> bool:
    """Units are added by those who manage the agency, before it closes (a closed or merged agency's units
    are its history; one not yet in force may be prepared)."""
    return not agency.is_closed() and scope_for(user).can_manage_agency(agency.pk)


def get_unit_for_user(user, pk, *, action=VIEW) -> Unit:
    unit = units_for_user(user).select_related("agency", "parent", "successor").filter(pk=pk).first()
    if unit is None:
        raise Http404
    if action == EDIT and not can_edit_unit(user, unit):
        raise PermissionDenied
    return unit
