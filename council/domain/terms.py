"""The council, its terms and seats, the members' declared relatives."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from activity.domain import log_action
from lib.access import require
from organisations.scope import scope_for

from ..access import can_manage_council
from ..models import Council, Membership, Relative, Term


@transaction.atomic
def create_council(*, actor, agency, name: str) -> Council:
    require(actor is None or scope_for(actor).can_manage_agency(agency.pk))
    if Council.objects.filter(agency=agency).exists():
        raise ValidationError(_("This agency has a council already."), code="exists")
    council = Council(agency=agency, name=name)
    council.full_clean()
    council.save()
    log_action(
        actor=actor,
        action="council.council.created",
        target=council,
        agency=agency,
        after={"name": council.name},
    )
    return council


@transaction.atomic
def start_term(*, actor, council, starts_on: dt.date, ends_on: dt.date | None = None, decision=None) -> Term:
    """A new term; the previous open term ends the day before (its seats with it)."""
    require(actor is None or can_manage_council(actor, council))
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError(
            {"ends_on": ValidationError(_("A term cannot end before it starts."), code="dates")}
        )
    if decision is not None and decision.agency_id != council.agency_id:
        raise ValidationError({"decision": _("The decision must be one of the agency's documents.")})
    previous = Term.objects.filter(council=council, ends_on__isnull=True, starts_on__lt=starts_on)
    day_before = starts_on - dt.timedelta(days=1)
    Membership.objects.filter(term__in=previous, ends_on__isnull=True).update(ends_on=day_before)
    previous.update(ends_on=day_before)
    term = Term.objects.create(council=council, starts_on=starts_on, ends_on=ends_on, decision=decision)
    log_action(
        actor=actor,
        action="council.term.started",
        target=council,
        agency=council.agency,
        after={"from": starts_on.isoformat(), "decision": str(decision or "")},
    )
    return term


@transaction.atomic
def add_member(*, actor, term, person, role, starts_on: dt.date | None = None) -> Membership:
    council = term.council
    require(actor is None or can_manage_council(actor, council))
    starts_on = starts_on or term.starts_on
    if council.agency_id not in person.agency.lineage_ids():  # its staff, or staff its successor took over
        raise ValidationError(
            {"person": ValidationError(_("A member must be one of the agency's staff."), code="agency")}
        )
    if starts_on < term.starts_on or (term.ends_on and starts_on > term.ends_on):
        raise ValidationError(
            {"starts_on": ValidationError(_("The seat must start within the term."), code="dates")}
        )
    if Membership.objects.on(starts_on).filter(term=term, person=person).exists():
        raise ValidationError(
            {"person": ValidationError(_("This person already has a seat on that date."), code="twice")}
        )
    membership = Membership.objects.create(
        term=term, person=person, role=role, starts_on=starts_on, ends_on=term.ends_on
    )
    log_action(
        actor=actor,
        action="council.member.added",
        target=council,
        agency=council.agency,
        after={"member": person.full_name, "role": role.name, "from": starts_on.isoformat()},
    )
    return membership


@transaction.atomic
def end_membership(*, actor, membership, ends_on: dt.date) -> Membership:
    council = membership.term.council
    require(actor is None or can_manage_council(actor, council))
    if ends_on < membership.starts_on:
        raise ValidationError(
            {"ends_on": ValidationError(_("A seat cannot end before it starts."), code="dates")}
        )
    membership.ends_on = ends_on
    membership.save(update_fields=["ends_on"])
    log_action(
        actor=actor,
        action="council.member.ended",
        target=council,
        agency=council.agency,
        after={"member": membership.person.full_name, "until": ends_on.isoformat()},
    )
    return membership


@transaction.atomic
def declare_relative(*, actor, council, person, relative, relation: str) -> Relative:
    """Record a relative among the staff that a member declared (council-recuse-relatives)."""
    require(actor is None or can_manage_council(actor, council) or scope_for(actor).person_id == person.pk)
    if person.pk == relative.pk:
        raise ValidationError(
            {"relative": ValidationError(_("A person is not his own relative."), code="self")}
        )
    found, _created = Relative.objects.update_or_create(
        person=person, relative=relative, defaults={"relation": relation}
    )
    log_action(
        actor=actor,
        action="council.relative.declared",
        target=council,
        agency=council.agency,
        after={"member": person.full_name, "relative": relative.full_name},
    )
    return found
