"""Loading people for a user: every view and API endpoint goes through these."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.scope import scope_for

from .models import Person

VIEW, EDIT = "view", "edit"


def people_for_user(user):
    scope = scope_for(user)
    if not scope.is_authenticated:
        return Person.objects.none()
    return Person.objects.filter(scope.people_filter())


def can_edit_person(user, person) -> bool:
    scope = scope_for(user)
    if scope.can_manage_agency(person.agency_id):
        return True
    return bool(scope.edit_units) and Person.objects.in_units(scope.edit_units).filter(pk=person.pk).exists()


def can_add_person_to_unit(user, unit) -> bool:
    scope = scope_for(user)
    return scope.can_manage_agency(unit.agency_id) or unit.pk in scope.edit_units


def get_person_for_user(user, pk, *, action=VIEW) -> Person:
    person = people_for_user(user).select_related("agency").filter(pk=pk).first()
    if person is None:
        raise Http404
    if action == EDIT and not can_edit_person(user, person):
        raise PermissionDenied
    return person
