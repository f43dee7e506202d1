"""Who does not vote on which item (law-nominations.md §2.5 and the agency's rules): never on a proposal for
oneself; by the agency's settings, not on a proposal of one's own unit (council-recuse-unit) or for a
relative one declared (council-recuse-relatives). Four queries, whatever the number of seats and items."""

from collections import defaultdict

from django.db.models import Q

from people.models import Assignment

from .models import Item, Recusal, RecusalReason, Relative
from .quorum import seats


def _units_of(person_ids, day) -> dict[int, set[int]]:
    units = defaultdict(set)
    for person_id, unit_id in (
        Assignment.objects.current(day).filter(person_id__in=person_ids).values_list("person_id", "unit_id")
    ):
        units[person_id].add(unit_id)
    return units


def _relatives_of(person_ids) -> dict[int, set[int]]:
    found = defaultdict(set)
    pairs = Relative.objects.filter(Q(person_id__in=person_ids) | Q(relative_id__in=person_ids))
    for person_id, relative_id in pairs.values_list("person_id", "relative_id"):
        found[person_id].add(relative_id)
        found[relative_id].add(person_id)
    return found


def reason_for(meeting, membership, proposal, units, relatives) -> str | None:
    person_id = membership.person_id
    if proposal.person_id == person_id:
        return RecusalReason.SELF
    if meeting.recuse_unit and proposal.unit_id in units.get(person_id, ()):
        return RecusalReason.UNIT
    if meeting.recuse_relatives and proposal.person_id in relatives.get(person_id, ()):
        return RecusalReason.RELATIVE
    return None


def recusals_of(meeting) -> list[Recusal]:
    """The recusals of every seat on every item (unsaved)."""
    members = list(seats(meeting).select_related("person"))
    person_ids = [m.person_id for m in members]
    units = _units_of(person_ids, meeting.date) if meeting.recuse_unit else {}
    relatives = _relatives_of(person_ids) if meeting.recuse_relatives else {}
    found = []
    for item in Item.objects.filter(meeting=meeting).select_related("proposal__person", "proposal__award"):
        for membership in members:
            reason = reason_for(meeting, membership, item.proposal, units, relatives)
            if reason:
                found.append(Recusal(item=item, membership=membership, reason=reason))
    return found
