"""council.activity_labels: every action the council logs has words; attendance and recusal reasons read as
words; a ballot's row says how many items, never a choice."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from activity.models import ActivityLog
from activity.presentation import action_label, present
from activity.registry import registry
from council.domain import ballot, meetings

pytestmark = pytest.mark.django_db

ACTIONS = [
    "council.council.created",
    "council.term.started",
    "council.member.added",
    "council.member.ended",
    "council.relative.declared",
    "council.meeting.prepared",
    "council.meeting.agenda",
    "council.meeting.convened",
    "council.meeting.opened",
    "council.meeting.closed",
    "council.attendance.recorded",
    "council.guest.added",
    "council.recusal",
    "council.ballot.cast",
    "council.ballot.written",
    "council.ballot.not_voting",
    "council.paper.counted",
    "council.proposal.passed",
    "council.proposal.not_passed",
]


def test_every_action_has_a_label():
    assert {
        action: registry.action_label(action) for action in ACTIONS if not registry.action_label(action)
    } == {}


def test_the_council_code_logs_no_action_without_a_label():
    logged = set()
    for path in (Path(settings.BASE_DIR) / "council").rglob("*.py"):
        logged |= set(re.findall(r'(?:action|log)="(council\.[a-z_.]+)"', path.read_text(encoding="utf-8")))
    assert logged and logged <= set(registry.actions)


def test_the_rows_of_a_meeting_read_in_words_and_never_show_a_choice(cw, english):
    meetings.open_ballot(actor=cw.secretary, meeting=cw.meeting)
    member = cw.members[0][1]
    ballot.cast(actor=member, meeting=cw.meeting, choices={i.pk: "against" for i in cw.meeting.items.all()})

    rows = present(ActivityLog.objects.filter(action__startswith="council.").order_by("pk"))

    shown = {row.entry.action: row for row in rows}
    assert shown["council.ballot.cast"].action_label == "Council ballot cast"
    cast = " ".join(f"{c.label} {c.before} {c.after}" for c in shown["council.ballot.cast"].changes)
    assert "against" not in cast.lower() and "disagree" not in cast.lower()
    attendance = " ".join(c.after for c in shown["council.attendance.recorded"].changes)
    assert "Present" in attendance or "Absent, voting in writing" in attendance
    recusal = " ".join(c.after for c in shown["council.recusal"].changes)
    assert "The proposal is for the member himself" in recusal
    assert action_label("council.meeting.opened") == "Council ballot opened"
    assert all("choice" not in change.field for row in rows for change in row.changes)
