"""Loading people for a user: every view and API endpoint goes through these."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from organisations.scope import scope_for

from .models import Person

VIEW, EDIT = "view", "edit"


def people_for_user(user):
    scope = scope_for(user)
    if not scope.is_authenticated:
        return Person.objects.none()
    return Person.objects.filter(people_filter(scope))


def people_filter(scope) -> Q:
    """Q for the people a scope reads: every person of the agencies it reads, the people of its units, and
    the account's own person."""
    if scope.installation_admin:
        return Q()
    condition = Q(agency_id__in=scope.read_agencies) | Q(
        pk__in=Person.objects.in_units(scope.read_units).values("pk")
    )
    if scope.person_id:
        condition |= Q(pk=scope.person_id)
    return condition


def editable_people(user, people):
    """The people of the queryset `people` whose record the user may change: every person of the agencies
    she manages, and the people currently in the units where she is the emulation officer."""
    scope = scope_for(user)
    if scope.installation_admin:
        return people
    in_units = Person.objects.in_units(scope.edit_units).values("pk")
    return people.filter(Q(agency_id__in=scope.manage_agencies) | Q(pk__in=in_units))


def can_edit_person(user, person) -> bool:
    scope = scope_for(user)
    if scope.can_manage_agency(person.agency_id):
        return True
    return bool(scope.edit_units) and editable_people(user, Person.objects.filter(pk=person.pk)).exists()


def can_add_person_to_unit(user, unit) -> bool:
    scope = scope_for(user)
    return scope.can_manage_agency(unit.agency_id) or unit.pk in scope.edit_units


def can_rate_unit(user, unit) -> bool:
    """May record a collective's annual rating: whoever keeps the ratings of its people — the agency's
    secretariat and administrators, and the unit's emulation officer (as can_edit_person)."""
    scope = scope_for(user)
    return scope.can_manage_agency(unit.agency_id) or unit.pk in scope.edit_units


def get_person_for_user(user, pk, *, action=VIEW) -> Person:
    person = people_for_user(user).select_related("agency").filter(pk=pk).first()
    if person is None:
        raise Http404
    if action == EDIT and not can_edit_person(user, person):
        raise PermissionDenied
    return person
