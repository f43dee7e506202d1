"""Loading movements, registrations and reviews for a user, and what the user may do with them: every view and
API endpoint goes through these.

- movements: the members of an agency (its lineage included) see its movements; its secretariat and
  administrators create, edit, relay and move them, open registration rounds and reviews;
- registrations: the agency's secretariat, administrators, leaders and council members see them all; a unit's
  head and emulation officer see those of her unit and the units below; a staff member sees her own unit's;
- compile a registration (pledges, titles, submit): the unit's emulation officer, and the agency's managers;
  a staff member may add and withdraw her own individual titles while the registration is being compiled;
- approve or return a registration: the agency's secretariat and administrators;
- a unit's review report: the unit's emulation officer or head, and the agency's managers.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from organisations.scope import scope_for
from people.models import Assignment

from .models import Movement, Registration, RegistrationEntry, RegistrationRound, Review, UnitReport

VIEW, EDIT, REVIEW = "view", "edit", "review"


# --- Movements ------------------------------------------------------------------------------------------


def movements_for_user(user):
    scope = scope_for(user)
    if not scope.is_authenticated:
        return Movement.objects.none()
    return Movement.objects.filter(scope.agency_filter("agency_id"))


def can_manage_movements(user, agency_id) -> bool:
    return scope_for(user).can_manage_agency(agency_id)


def get_movement_for_user(user, pk, *, action=VIEW) -> Movement:
    movement = movements_for_user(user).select_related("agency").filter(pk=pk).first()
    if movement is None:
        raise Http404
    if action == EDIT and not can_manage_movements(user, movement.agency_id):
        raise PermissionDenied
    return movement


# --- Registrations --------------------------------------------------------------------------------------


def own_unit_ids(user) -> set[int]:
    """The units where the user's person holds a post today."""
    person_id = scope_for(user).person_id
    if person_id is None:
        return set()
    return set(Assignment.objects.current().filter(person_id=person_id).values_list("unit_id", flat=True))


def registrations_for_user(user):
    scope = scope_for(user)
    if not scope.is_authenticated:
        return Registration.objects.none()
    if scope.installation_admin:
        return Registration.objects.all()
    units = set(scope.read_units) | own_unit_ids(user)
    return Registration.objects.filter(
        Q(round__movement__agency_id__in=scope.read_agencies) | Q(unit_id__in=units)
    )


def can_compile(user, registration_or_unit) -> bool:
    """May create the unit's registration, change its pledges and titles and submit it (while editable)."""
    unit = getattr(registration_or_unit, "unit", registration_or_unit)
    scope = scope_for(user)
    return scope.can_manage_agency(unit.agency_id) or unit.pk in scope.edit_units


def can_add_own_title(user, registration) -> bool:
    """A staff member registers her own individual title in her unit's registration."""
    return scope_for(user).person_id is not None and registration.unit_id in own_unit_ids(user)


def can_review(user, registration) -> bool:
    return scope_for(user).can_manage_agency(registration.round.movement.agency_id)


def get_registration_for_user(user, pk, *, action=VIEW) -> Registration:
    registration = (
        registrations_for_user(user)
        .select_related("round__movement__agency", "unit__agency")
        .filter(pk=pk)
        .first()
    )
    if registration is None:
        raise Http404
    allowed = {
        VIEW: True,
        EDIT: lambda: can_compile(user, registration),
        REVIEW: lambda: can_review(user, registration),
    }
    check = allowed[action]
    if check is not True and not check():
        raise PermissionDenied
    return registration


def rounds_for_user(user):
    """Registration rounds of the movements the user sees."""
    return RegistrationRound.objects.filter(movement__in=movements_for_user(user))


MINE, UNITS = "mine", "units"
THIS_WEEK, WEEK = "week", dt.timedelta(days=7)


def rounds_waiting(user, whose: str, on):
    """Rounds where registration work waits, as the to-do list counts them and the rounds list shows them:
    MINE — the user's own units must still submit (or resubmit); UNITS — in the agencies she manages, some
    unit has still to submit."""
    scope, rounds = scope_for(user), rounds_for_user(user)
    if whose == MINE:
        return rounds.awaiting_units(on, scope.edit_units)
    if whose == UNITS:
        if not scope.installation_admin:
            rounds = rounds.filter(movement__agency_id__in=scope.manage_agencies)
        return rounds.awaiting_units(on)
    return rounds.none()


def waiting_rounds(user, whose: str, closing: str, today: dt.date):
    """The rounds of the list filter (`whose` MINE or UNITS; `closing` THIS_WEEK: the deadline within seven
    days, or "" for any): the to-do tasks (movements/todo.py) and the rounds list use the same."""
    rounds = rounds_waiting(user, whose, today)
    if closing == THIS_WEEK:
        rounds = rounds.closing_by(today, today + WEEK)
    return rounds


def get_round_for_user(user, pk, *, action=VIEW) -> RegistrationRound:
    registration_round = rounds_for_user(user).select_related("movement__agency").filter(pk=pk).first()
    if registration_round is None:
        raise Http404
    if action == EDIT and not can_manage_movements(user, registration_round.movement.agency_id):
        raise PermissionDenied
    return registration_round


def reviewable_registrations(user):
    """Registrations the user may approve or return: those of the agencies whose secretariat she is."""
    scope = scope_for(user)
    if scope.installation_admin:
        return Registration.objects.all()
    return Registration.objects.filter(round__movement__agency_id__in=scope.manage_agencies)


def can_edit_entry(user, entry) -> bool:
    """May change or withdraw a registered entry: the compiler any, a staff member her own individual one."""
    registration = entry.registration
    if can_compile(user, registration):
        return True
    own = entry.person_id is not None and entry.person_id == scope_for(user).person_id
    return own and can_add_own_title(user, registration)


def get_entry_for_user(user, pk, *, action=VIEW) -> RegistrationEntry:
    entry = (
        RegistrationEntry.objects.filter(registration__in=registrations_for_user(user))
        .select_related("registration__round__movement__agency", "registration__unit", "award", "person")
        .filter(pk=pk)
        .first()
    )
    if entry is None:
        raise Http404
    if action == EDIT and not can_edit_entry(user, entry):
        raise PermissionDenied
    return entry


# --- Reviews --------------------------------------------------------------------------------------------


def get_review_for_user(user, pk, *, action=VIEW) -> Review:
    review = (
        Review.objects.filter(movement__in=movements_for_user(user))
        .select_related("movement__agency", "summary_document")
        .filter(pk=pk)
        .first()
    )
    if review is None:
        raise Http404
    if action == EDIT and not can_manage_movements(user, review.movement.agency_id):
        raise PermissionDenied
    return review


def can_report(user, unit) -> bool:
    """May send the unit's report for a review."""
    scope = scope_for(user)
    return scope.can_manage_agency(unit.agency_id) or unit.pk in scope.read_units


def get_unit_report_for_user(user, pk) -> UnitReport:
    """A unit's review report (and its file): seen by whoever sees the movement."""
    report = (
        UnitReport.objects.filter(review__movement__in=movements_for_user(user))
        .select_related("review__movement", "unit")
        .filter(pk=pk)
        .first()
    )
    if report is None:
        raise Http404
    return report
