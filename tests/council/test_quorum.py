"""council.quorum: a fraction of the WHOLE membership on the meeting's date, the higher attendance of award
sessions, who makes it (present, substitute; written votes only in a written consultation) — in two
queries."""

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from council.domain import meetings
from council.domain.terms import end_membership
from council.models import Attendance, Format, Presence
from council.quorum import Quorum, fraction, needed, quorum_of
from tests.council.helpers_domain import remake


@pytest.mark.parametrize(
    "total, quorum, presence, expected",
    [
        (9, "2/3", None, 6),
        (9, "2/3", Decimal("0.80"), 8),  # ⌈7.2⌉
        (10, "2/3", Decimal("0.80"), 8),
        (11, "2/3", None, 8),  # ⌈7.33⌉
        (11, "3/4", Decimal("0.50"), 9),  # the higher of the two
        (9, "1/2", None, 5),
        (12, "2/3", None, 8),
        (0, "2/3", None, 0),
    ],
)
def test_the_members_needed(total, quorum, presence, expected):
    assert needed(total, quorum, presence) == expected


def test_fractions_as_written():
    assert fraction("2/3") == Fraction(2, 3)
    assert fraction("0,8") == fraction("0.8") == fraction(Decimal("0.80")) == Fraction(4, 5)


def test_the_quorum_says_how_many_more():
    assert Quorum(total=9, attending=5, needed=8).more_needed == 3
    assert Quorum(total=9, attending=9, needed=8).more_needed == 0
    assert Quorum(total=9, attending=8, needed=8).met
    assert not Quorum(total=0, attending=0, needed=0).met  # a council without members never meets


def test_present_members_and_substitutes_make_the_quorum_not_written_votes(cw, django_assert_num_queries):
    with django_assert_num_queries(2):
        quorum = quorum_of(cw.meeting)

    assert (quorum.total, quorum.attending, quorum.needed, quorum.met) == (9, 8, 8, True)
    meetings.record_attendance(
        actor=None, meeting=cw.meeting, membership=cw.members[0][0], presence=Presence.WRITTEN
    )
    quorum = quorum_of(cw.meeting)
    assert (quorum.attending, quorum.met, quorum.more_needed) == (7, False, 1)


def test_a_substitute_counts_as_attending(cw):
    remake(cw, settings={"council-substitutes": "yes"})
    meetings.record_attendance(
        actor=None,
        meeting=cw.meeting,
        membership=cw.members[0][0],
        presence=Presence.SUBSTITUTE,
        substitute=cw.world.division_person,
        mandate="Giấy ủy quyền",
    )

    assert quorum_of(cw.meeting).attending == 8


def test_a_written_consultation_counts_every_member_not_absent(cw):
    remake(
        cw, format=Format.WRITTEN, presences=dict.fromkeys(range(9), Presence.WRITTEN) | {0: Presence.ABSENT}
    )

    quorum = quorum_of(cw.meeting)

    assert (quorum.total, quorum.attending, quorum.met) == (9, 8, True)


def test_the_total_is_the_membership_on_the_meeting_date(cw):
    end_membership(actor=None, membership=cw.members[8][0], ends_on=cw.today - dt.timedelta(days=1))
    end_membership(actor=None, membership=cw.members[7][0], ends_on=cw.today - dt.timedelta(days=1))
    Attendance.objects.filter(membership__in=[cw.members[7][0], cw.members[8][0]]).delete()

    quorum = quorum_of(cw.meeting)

    # 7 seats: ⌈0.8 × 7⌉ = 6 needed, the 7 present attend
    assert (quorum.total, quorum.needed, quorum.attending, quorum.met) == (7, 6, 7, True)


def test_no_quorum_without_the_award_sessions_attendance(cw):
    remake(
        cw,
        settings={"council-presence": "0"},
        presences={n: Presence.PRESENT if n < 6 else Presence.ABSENT for n in range(9)},
    )

    quorum = quorum_of(cw.meeting)
    assert (cw.meeting.presence, quorum.needed, quorum.met) == (None, 6, True)
    meetings.open_ballot(actor=None, meeting=cw.meeting)
    cw.meeting.refresh_from_db()
    assert cw.meeting.status == "voting"
