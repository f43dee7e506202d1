"""Helpers of the council's domain tests: the agency's council settings, a meeting remade on other rules, a
ballot cast by every seat with the figures a test wants, and new ready proposals."""

from collections import Counter

from awards.domain import change_setting
from awards.models import Setting
from council.domain import ballot, meetings
from council.models import Attendance, Presence, Recusal
from tests.council.conftest import ready
from tests.factories import staff_in


def set_settings(agency, values: dict) -> None:
    for code, value in values.items():
        change_setting(actor=None, agency=agency, setting=Setting.objects.get(code=code), value=value)


def items_of(meeting) -> dict:
    found = meeting.items.select_related("proposal__person", "proposal__unit", "proposal__award")
    return {item.proposal.subject_name: item for item in found}


def remake(cw, *, settings=None, proposals=None, presences=None, **prepare):
    """cw's meeting again (the old one deleted), prepared under `settings` (the agency's, set first) on
    `proposals` (cw's by default), convened, with `presences` ({member index: presence}; by default 8
    present and the last in writing)."""
    set_settings(cw.world.agency, settings or {})
    cw.meeting.delete()
    meeting = meetings.prepare_meeting(
        actor=None, council=cw.council, title="Phiên họp xét khen thưởng", date=cw.today, **prepare
    )
    meetings.set_agenda(
        actor=None, meeting=meeting, proposals=cw.proposals if proposals is None else proposals
    )
    meetings.convene(actor=None, meeting=meeting)
    last = len(cw.members) - 1
    presences = presences or {n: Presence.WRITTEN if n == last else Presence.PRESENT for n in range(last + 1)}
    for n, presence in presences.items():
        meetings.record_attendance(
            actor=None, meeting=meeting, membership=cw.members[n][0], presence=presence
        )
    cw.meeting = meeting
    cw.items = items_of(meeting)
    cw.item = cw.items.__getitem__
    return meeting


def vote(cw, wanted: dict, *, rest="against") -> dict:
    """Every seat present casts (the written one through the secretary) on every item it does not recuse
    from: the first `wanted[subject name]` of them "for", the others `rest`. → {membership id: receipt}."""
    meeting = cw.meeting
    recused = set(Recusal.objects.filter(item__meeting=meeting).values_list("item_id", "membership_id"))
    presence = dict(Attendance.objects.filter(meeting=meeting).values_list("membership_id", "presence"))
    given, codes = Counter(), {}
    for membership, user in cw.members:
        how = presence.get(membership.pk)
        if how not in (Presence.PRESENT, Presence.WRITTEN):
            continue
        choices = {}
        for name, item in cw.items.items():
            if (item.pk, membership.pk) in recused:
                continue
            choices[item.pk] = "for" if given[name] < wanted.get(name, 0) else rest
            given[name] += choices[item.pk] == "for"
        if how == Presence.PRESENT:
            codes[membership.pk] = ballot.cast(actor=user, meeting=meeting, choices=choices)
        else:
            ballot.record_written(actor=cw.secretary, meeting=meeting, membership=membership, choices=choices)
    return codes


def staff(unit, count, given="Tên"):
    return [
        staff_in(unit, family_name="Võ", middle_name="Văn", given_name=f"{given} {n}") for n in range(count)
    ]


def ready_for(round_, award, people, unit):
    return [ready(round_, award, unit=unit, person=person) for person in people]
