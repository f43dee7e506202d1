"""State changes of agencies and units, including a merger into a successor agency."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.scope import forget_scope, scope_for
from activity.domain import log_action, snapshot
from lib.access import require

from .access import can_add_unit, can_edit_unit
from .models import Agency, Unit

AGENCY_FIELDS = (
    "name",
    "short_name",
    "kind",
    "symbol",
    "code",
    "parent",
    "place_name",
    "valid_from",
    "valid_to",
)
UNIT_FIELDS = ("name", "kind", "symbol", "parent", "head", "position", "valid_from", "valid_to")


@transaction.atomic
def create_agency(*, actor, fields: dict) -> Agency:
    require(actor is None or scope_for(actor).installation_admin)
    agency = Agency(**{k: v for k, v in fields.items() if k in AGENCY_FIELDS})
    agency.full_clean()
    agency.save()
    log_action(
        actor=actor,
        action="organisations.agency.created",
        target=agency,
        agency=agency,
        after=snapshot(agency, AGENCY_FIELDS),
    )
    return agency


@transaction.atomic
def update_agency(*, actor, agency: Agency, fields: dict) -> Agency:
    require(actor is None or scope_for(actor).can_edit_agency(agency.pk))
    before = snapshot(agency, AGENCY_FIELDS)
    for name, value in fields.items():
        if name in AGENCY_FIELDS:
            setattr(agency, name, value)
    agency.full_clean()
    agency.save()
    log_action(
        actor=actor,
        action="organisations.agency.updated",
        target=agency,
        agency=agency,
        before=before,
        after=snapshot(agency, AGENCY_FIELDS),
    )
    return agency


@transaction.atomic
def create_unit(*, actor, agency: Agency, fields: dict) -> Unit:
    require(actor is None or can_add_unit(actor, agency))
    unit = Unit(agency=agency, **{k: v for k, v in fields.items() if k in UNIT_FIELDS})
    unit.full_clean()
    unit.save()
    log_action(
        actor=actor,
        action="organisations.unit.created",
        target=unit,
        agency=agency,
        after=snapshot(unit, UNIT_FIELDS),
    )
    return unit


@transaction.atomic
def update_unit(*, actor, unit: Unit, fields: dict) -> Unit:
    require(actor is None or can_edit_unit(actor, unit))
    before = snapshot(unit, UNIT_FIELDS)
    for name, value in fields.items():
        if name in UNIT_FIELDS:
            setattr(unit, name, value)
    unit.full_clean()
    unit.save()
    after = snapshot(unit, UNIT_FIELDS)
    if after != before:
        log_action(
            actor=actor,
            action="organisations.unit.updated",
            target=unit,
            agency=unit.agency,
            before=before,
            after=after,
        )
    return unit


@transaction.atomic
def merge_agency(*, actor, agency: Agency, into: Agency, on: dt.date, unit_map: dict[int, Unit]) -> None:
    """Merge `agency` into its successor `into` from date `on` (the first day of the new body).

    The old agency and its units close the day before; each old unit points to its successor
    (`unit_map`: old unit id → new unit); every current assignment in an old unit ends and
    continues in the successor unit with the same position, so a person's history stays continuous.
    """
    require(
        actor is None
        or (scope_for(actor).can_edit_agency(agency.pk) and scope_for(actor).can_edit_agency(into.pk))
    )
    _validate_merger(agency, into, unit_map)
    last_day = on - dt.timedelta(days=1)
    agency.valid_to, agency.successor = last_day, into
    agency.save(update_fields=["valid_to", "successor"])
    moved = 0
    for unit in agency.units.active(last_day):
        successor = unit_map.get(unit.pk)
        unit.valid_to, unit.successor = last_day, successor
        unit.save(update_fields=["valid_to", "successor"])
        moved += _continue_assignments(unit, successor, last_day)
    agency.people.update(agency=into)
    log_action(
        actor=actor,
        action="organisations.agency.merged",
        target=agency,
        agency=into,
        after={"successor": into.pk, "on": on.isoformat(), "assignments_moved": moved},
    )
    if actor is not None:
        forget_scope(actor)  # the lineage of `into` changed


def _continue_assignments(unit: Unit, successor: Unit | None, last_day: dt.date) -> int:
    """End the assignments running past `last_day` in `unit` and continue them in `successor`,
    keeping a planned end date; an assignment that ends on `last_day` anyway is left alone."""
    from people.models import Assignment

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


def _validate_merger(agency: Agency, into: Agency, unit_map: dict[int, Unit]) -> None:
    """Refuse a merger that would loop, send units to a third agency or collide on staff codes."""
    from people.models import Person

    chain, node = set(), into
    while node is not None and node.pk not in chain:
        chain.add(node.pk)
        node = node.successor
    if agency.pk in chain:
        raise ValidationError(
            {"into": _("An agency cannot be merged into itself or into one of its predecessors.")}
        )
    if any(unit.agency_id != into.pk for unit in unit_map.values() if unit is not None):
        raise ValidationError({"unit_map": _("Every successor unit must belong to the successor agency.")})
    codes = agency.people.values("staff_code")
    if Person.objects.filter(agency=into, staff_code__in=codes).exists():
        raise ValidationError({"into": _("Some staff codes are already used in the successor agency.")})
