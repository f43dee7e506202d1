"""State changes of people and their history. Views, imports, the API and commands all call these.

`actor=None` means the system itself (management commands, the demo loader): no permission check.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from activity.domain import log_action, snapshot
from lib.access import require
from lib.cacheversions import bump
from notifications.domain import send_email
from organisations.access import can_edit_unit
from organisations.models import MEMBERS_VERSION

from .access import can_add_person_to_unit, can_edit_person, can_rate_unit
from .models import (
    PEOPLE_VERSION,
    Assignment,
    Discipline,
    Leave,
    Person,
    Proceeding,
    QualityRating,
    UnitHead,
    UnitQualityRating,
)

PERSON_FIELDS = (
    "staff_code",
    "family_name",
    "middle_name",
    "given_name",
    "gender",
    "date_of_birth",
    "ethnicity",
    "staff_category",
    "email",
    "phone",
)
ASSIGNMENT_FIELDS = ("unit", "position", "is_leadership", "is_primary", "start_date", "end_date")
PROCEEDING_FIELDS = ("kind", "opened_on", "note")
LEAVE_FIELDS = ("kind", "start", "end")


def _notify(person, template, context):
    account = getattr(person, "account", None) if person.pk else None
    send_email(user=account, template=template, context={"person": str(person), **context})


@transaction.atomic
def create_person(
    *, actor, agency, unit, fields: dict, position: str = "", is_leadership: bool = False, start_date: dt.date
) -> Person:
    require(actor is None or can_add_person_to_unit(actor, unit))
    if unit.agency_id != agency.pk:
        raise ValidationError({"unit": _("The unit must belong to the person's agency.")})
    person = Person(agency=agency, **{k: v for k, v in fields.items() if k in PERSON_FIELDS})
    person.full_clean()
    person.save()
    assignment = Assignment(
        person=person, unit=unit, position=position, is_leadership=is_leadership, start_date=start_date
    )
    assignment.full_clean()
    assignment.save()
    log_action(
        actor=actor,
        action="people.person.created",
        target=person,
        agency=agency,
        after=snapshot(person, PERSON_FIELDS) | {"unit": unit.pk, "position": position},
    )
    return person


@transaction.atomic
def update_person(*, actor, person: Person, fields: dict) -> Person:
    require(actor is None or can_edit_person(actor, person))
    before = snapshot(person, PERSON_FIELDS)
    for name, value in fields.items():
        if name in PERSON_FIELDS:
            setattr(person, name, value)
    person.full_clean()
    person.save()
    after = snapshot(person, PERSON_FIELDS)
    if after != before:
        log_action(
            actor=actor,
            action="people.person.updated",
            target=person,
            agency=person.agency,
            before=before,
            after=after,
        )
    return person


@transaction.atomic
def transfer_person(
    *,
    actor,
    person: Person,
    unit,
    position: str,
    start_date: dt.date,
    is_leadership: bool = False,
    note: str = "",
) -> Assignment:
    """End the person's current primary assignment the day before `start_date` and start a new one."""
    require(actor is None or (can_edit_person(actor, person) and can_add_person_to_unit(actor, unit)))
    if unit.agency_id != person.agency_id:
        raise ValidationError({"unit": _("The unit must belong to the person's agency.")})
    ended = []
    primary = person.assignments.filter(is_primary=True).select_for_update()
    if primary.filter(start_date__gte=start_date).exists():
        raise ValidationError({"start_date": _("The transfer must start after the current assignment.")})
    for current in primary.current(start_date):
        current.end_date = start_date - dt.timedelta(days=1)
        current.save(update_fields=["end_date"])
        ended.append(current.pk)
    assignment = Assignment(
        person=person,
        unit=unit,
        position=position,
        is_leadership=is_leadership,
        start_date=start_date,
        note=note,
    )
    assignment.full_clean()
    assignment.save()
    log_action(
        actor=actor,
        action="people.assignment.started",
        target=person,
        agency=unit.agency,
        after=snapshot(assignment, ASSIGNMENT_FIELDS),
        extra={"ended_assignments": ended},
    )
    _notify(
        person,
        "person_transferred",
        {"unit": str(unit), "position": position, "start_date": start_date.strftime("%d/%m/%Y")},
    )
    return assignment


@transaction.atomic
def end_assignment(*, actor, assignment: Assignment, end_date: dt.date) -> Assignment:
    require(actor is None or can_edit_person(actor, assignment.person))
    before = snapshot(assignment, ASSIGNMENT_FIELDS)
    assignment.end_date = end_date
    assignment.full_clean()
    assignment.save(update_fields=["end_date"])
    log_action(
        actor=actor,
        action="people.assignment.ended",
        target=assignment.person,
        agency=assignment.unit.agency,
        before=before,
        after=snapshot(assignment, ASSIGNMENT_FIELDS),
    )
    return assignment


@transaction.atomic
def record_rating(
    *, actor, person: Person, year: int, rating: str, note: str = "", decision: str = "", decided_on=None
) -> QualityRating:
    """Record (or correct) a person's annual quality rating for a year, with the decision that rated her."""
    require(actor is None or can_edit_person(actor, person))
    existing = QualityRating.objects.select_for_update().filter(person=person, year=year).first()
    before = (
        {"rating": existing.rating, "note": existing.note, "decision": existing.decision}
        if existing
        else None
    )
    record = existing or QualityRating(person=person, year=year)
    record.rating, record.note, record.decision, record.decided_on = rating, note, decision, decided_on
    record.full_clean()
    record.save()
    log_action(
        actor=actor,
        action="people.rating.recorded",
        target=person,
        agency=person.agency,
        before=before,
        after={"year": year, "rating": record.rating, "note": record.note, "decision": record.decision},
    )
    _notify(person, "rating_recorded", {"year": year, "rating": record.get_rating_display()})
    return record


@transaction.atomic
def record_discipline(
    *,
    actor,
    person: Person,
    form: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
    decision_number: str = "",
    reason: str = "",
) -> Discipline:
    require(actor is None or can_edit_person(actor, person))
    record = Discipline(
        person=person,
        form=form,
        start_date=start_date,
        end_date=end_date,
        decision_number=decision_number,
        reason=reason,
    )
    record.full_clean()
    record.save()
    log_action(
        actor=actor,
        action="people.discipline.recorded",
        target=person,
        agency=person.agency,
        after=snapshot(record, ("form", "start_date", "end_date", "decision_number", "reason")),
    )
    return record


@transaction.atomic
def open_proceeding(*, actor, person: Person, fields: dict) -> Proceeding:
    """Record a matter under review (discipline, inspection, complaint); the person's awards are deferred
    while it is open (NĐ 152/2025/NĐ-CP, Điều 4 khoản 4). `fields`: kind, opened_on, note."""
    require(actor is None or can_edit_person(actor, person))
    proceeding = Proceeding(person=person, **{k: v for k, v in fields.items() if k in PROCEEDING_FIELDS})
    proceeding.full_clean()
    proceeding.save()
    log_action(
        actor=actor,
        action="people.proceeding.opened",
        target=person,
        agency=person.agency,
        after=snapshot(proceeding, PROCEEDING_FIELDS),
    )
    return proceeding


@transaction.atomic
def close_proceeding(*, actor, proceeding: Proceeding, closed_on: dt.date, outcome: str = "") -> Proceeding:
    """Close a matter under review on `closed_on` with its outcome (e.g. the conclusion and its number)."""
    person = proceeding.person
    require(actor is None or can_edit_person(actor, person))
    current = Proceeding.objects.select_for_update().get(pk=proceeding.pk)
    if current.closed_on is not None:
        message = _("This matter was already closed on %(date)s; it cannot be closed again.")
        params = {"date": current.closed_on.strftime("%d/%m/%Y")}
        raise ValidationError({"closed_on": ValidationError(message, params=params, code="already_closed")})
    before = snapshot(current, ("closed_on", "outcome"))
    current.closed_on, current.outcome = closed_on, outcome
    current.full_clean()
    current.save(update_fields=["closed_on", "outcome"])
    log_action(
        actor=actor,
        action="people.proceeding.closed",
        target=person,
        agency=person.agency,
        before=before,
        after=snapshot(current, ("closed_on", "outcome")),
        extra=snapshot(current, ("kind", "opened_on")),
    )
    proceeding.closed_on, proceeding.outcome = current.closed_on, current.outcome
    return current


@transaction.atomic
def record_leave(*, actor, person: Person, fields: dict) -> Leave:
    """Record a period of leave (maternity leave: counted as working time for titles, NĐ 152/2025/NĐ-CP,
    Điều 4 khoản 5). `fields`: kind, start, end. A leave may not overlap another of the same kind."""
    require(actor is None or can_edit_person(actor, person))
    leave = Leave(person=person, **{k: v for k, v in fields.items() if k in LEAVE_FIELDS})
    leave.full_clean()
    overlapping = (
        Leave.objects.select_for_update()
        .filter(person=person, kind=leave.kind, start__lte=leave.end, end__gte=leave.start)
        .first()
    )
    if overlapping is not None:
        message = _("This leave overlaps the one recorded from %(start)s to %(end)s; correct the dates.")
        params = {
            "start": overlapping.start.strftime("%d/%m/%Y"),
            "end": overlapping.end.strftime("%d/%m/%Y"),
        }
        raise ValidationError({"start": ValidationError(message, params=params, code="overlap")})
    leave.save()
    log_action(
        actor=actor,
        action="people.leave.recorded",
        target=person,
        agency=person.agency,
        after=snapshot(leave, LEAVE_FIELDS),
    )
    return leave


# --- heads of units -----------------------------------------------------------------------------------------


@transaction.atomic
def set_unit_head(*, actor, unit, person=None):
    """Make `person` the head of `unit` (None: no head). The head belongs to the unit's agency, or — for a
    unit of a merged agency, whose staff moved on — to the agency that succeeded it."""
    require(actor is None or can_edit_unit(actor, unit))
    if person is not None and unit.agency_id not in person.agency.lineage_ids():
        raise ValidationError({"person": _("The head must belong to the unit's agency.")}, code="agency")
    current = UnitHead.objects.select_for_update().filter(unit=unit).first()
    before = current.person_id if current else None
    if before == (person.pk if person else None):
        return unit
    UnitHead.objects.filter(unit=unit).delete()
    if person is not None:
        UnitHead.objects.create(unit=unit, person=person)
    log_action(
        actor=actor,
        action="people.unit.head_set",
        target=unit,
        agency=unit.agency,
        before={"head": before},
        after={"head": person.pk if person else None},
    )
    return unit


@transaction.atomic
def record_unit_rating(*, actor, unit, year: int, rating: str, note: str = "") -> UnitQualityRating:
    """Record (or correct) the annual quality rating of a collective (a unit) for a year; the collective
    titles of that year are judged on it (awards.subjects.unit_facts)."""
    require(actor is None or can_rate_unit(actor, unit))
    existing = UnitQualityRating.objects.select_for_update().filter(unit=unit, year=year).first()
    before = {"rating": existing.rating, "note": existing.note} if existing else None
    record = existing or UnitQualityRating(unit=unit, year=year)
    record.rating, record.note = rating, note
    record.full_clean()
    if before == {"rating": record.rating, "note": record.note}:
        return record  # nothing changed: nothing to log
    record.save()
    log_action(
        actor=actor,
        action="people.unit_rating.recorded",
        target=unit,
        agency=unit.agency,
        before=before,
        after={"year": year, "rating": record.rating, "note": record.note},
    )
    return record


# --- an agency's merger (organisations.signals) -------------------------------------------------------------


def refuse_merger_on_staff_codes(*, agency, into, **_kwargs) -> None:
    """A merger may not bring two people with one staff code into the successor agency."""
    codes = Person.objects.filter(agency=agency).values("staff_code")
    if Person.objects.filter(agency=into, staff_code__in=codes).exists():
        raise ValidationError({"into": _("Some staff codes are already used in the successor agency.")})


def continue_after_merger(*, agency, into, last_day: dt.date, closed, **_kwargs) -> int:
    """The staff of a merged agency move to its successor; every assignment running past `last_day` in a
    closed unit ends that day and continues in the successor unit. Answers how many assignments moved."""
    moved = sum(_continue_assignments(unit, successor, last_day) for unit, successor in closed)
    Person.objects.filter(agency=agency).update(agency=into)
    bump(PEOPLE_VERSION, MEMBERS_VERSION)  # the update sends no post_save
    return moved


def _continue_assignments(unit, successor, last_day: dt.date) -> int:
    """End the assignments running past `last_day` in `unit` and continue them in `successor`, keeping a
    planned end date; an assignment that ends on `last_day` anyway is left alone."""
    running = Assignment.objects.current(last_day).filter(unit=unit).exclude(end_date=last_day)
    moved = 0
    for assignment in running.select_related("person"):
        planned_end = assignment.end_date
        assignment.end_date = last_day
        assignment.save(update_fields=["end_date"])
        if successor is None:
            continue
        Assignment.objects.create(
            person=assignment.person,
            unit=successor,
            position=assignment.position,
            is_leadership=assignment.is_leadership,
            is_primary=assignment.is_primary,
            start_date=last_day + dt.timedelta(days=1),
            end_date=planned_end,
            note=assignment.note,
        )
        moved += 1
    return moved
