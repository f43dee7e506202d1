"""Who sees and who changes an agency's working-day calendar.

Everyone of an agency opens its calendar (the installation's administrators, every agency's); the agency's
system administrators (and the installation's) add and remove its exceptions. Only agencies in force (without
a successor) have a calendar that changes: a merged agency's days are its successor's.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from organisations.models import Agency
from organisations.scope import scope_for

from .models import DayException

VIEW, EDIT = "view", "edit"


def calendar_agencies_for_user(user):
    """The agencies in force whose calendar the user may open, by name."""
    agencies = Agency.objects.filter(scope_for(user).agency_filter("pk"), successor__isnull=True)
    return agencies.order_by("name", "pk")


def own_agency(user) -> Agency | None:
    """The agency in force the user belongs to (the first, should she belong to several), whose calendar
    counts her working days; None for an account of no agency (the national calendar then)."""
    member = scope_for(user).member_agencies
    if not member:
        return None
    return Agency.objects.filter(pk__in=member, successor__isnull=True).order_by("pk").first()


def can_edit_calendar(user, agency) -> bool:
    """Adds and removes the agency's exceptions: its system administrators, while it is in force."""
    return agency is not None and agency.successor_id is None and scope_for(user).can_edit_agency(agency.pk)


def get_calendar_agency_for_user(user, agency_id: int | None = None, *, action=VIEW) -> Agency:
    """The agency whose calendar is shown: the one asked for (404 outside the user's reach), else her own,
    else the first she may open."""
    agencies = calendar_agencies_for_user(user)
    if agency_id is not None:
        agency = agencies.filter(pk=agency_id).first()
    else:
        agency = own_agency(user) or agencies.first()
    if agency is None:
        raise Http404
    if action == EDIT and not can_edit_calendar(user, agency):
        raise PermissionDenied
    return agency


def exceptions_for_user(user):
    return DayException.objects.filter(scope_for(user).agency_filter("agency_id"))


def get_exception_for_user(user, pk, *, action=VIEW) -> DayException:
    exception = exceptions_for_user(user).select_related("agency").filter(pk=pk).first()
    if exception is None:
        raise Http404
    if action == EDIT and not can_edit_calendar(user, exception.agency):
        raise PermissionDenied
    return exception
