"""State changes of agencies and units, including a merger into a successor agency."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lib.access import require
from lib.models import snapshot
from organisations.scope import forget_scope, scope_for

from .access import can_add_unit, can_edit_unit
from .models import Agency, Unit
from .signals import announce, merged, merging

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
UNIT_FIELDS = ("name", "kind", "symbol", "parent", "position", "valid_from", "valid_to")


@transaction.atomic
def create_agency(*, actor, fields: dict) -> Agency:
    require(actor is None or scope_for(actor).installation_admin)
    agency = Agency(**{k: v for k, v in fields.items() if k in AGENCY_FIELDS})
    agency.full_clean()
    agency.save()
    announce(
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
    announce(
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
    announce(
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
        announce(
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
    merging.send(sender=Agency, agency=agency, into=into, unit_map=unit_map)
    last_day = on - dt.timedelta(days=1)
    agency.valid_to, agency.successor = last_day, into
    agency.save(update_fields=["valid_to", "successor"])
    closed = []
    for unit in agency.units.active(last_day):
        successor = unit_map.get(unit.pk)
        unit.valid_to, unit.successor = last_day, successor
        unit.save(update_fields=["valid_to", "successor"])
        closed.append((unit, successor))
    answers = merged.send(sender=Agency, agency=agency, into=into, last_day=last_day, closed=closed)
    announce(
        actor=actor,
        action="organisations.agency.merged",
        target=agency,
        agency=into,
        after={"successor": into.pk, "on": on.isoformat(), "assignments_moved": sum(n for _r, n in answers)},
    )
    if actor is not None:
        forget_scope(actor)  # the lineage of `into` changed


def _validate_merger(agency: Agency, into: Agency, unit_map: dict[int, Unit]) -> None:
    """Refuse a merger that would loop or send units to a third agency (the apps above refuse the rest:
    people, staff codes already taken — signals.merging)."""
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
