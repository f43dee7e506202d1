"""The demo's councils (demo/council.py, issue 14 point 10): the 2021 Sở's council of nine met in February
2022 — eight voted electronically, one in writing, all but one proposal passed —, and today's Cần Thơ council
of eleven has its ballot open, so that hoidong has a ballot to cast and thuongtruc can close it."""

import datetime as dt
from collections import Counter

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from accounts.models import User
from activity.models import ActivityLog
from awards.council import required_votes
from council.access import MANAGE, VOTE, get_meeting_for_user, seats_of
from council.domain import ballot, meetings
from council.models import (
    Attendance,
    Ballot,
    How,
    Meeting,
    MeetingStatus,
    OpenVote,
    Participation,
    Presence,
    Recusal,
)
from council.quorum import quorum_of, seats
from council.tally import missing_votes
from nominations.models import Proposal, Status
from notifications.models import Notification
from tests.demo.helpers import agency
from workdays.calendar import is_working_day

pytestmark = pytest.mark.django_db


def meeting_of(key: str) -> Meeting:
    return Meeting.objects.select_related("council__agency", "term__decision").get(
        council__agency=agency(key)
    )


def user(username: str) -> User:
    return User.objects.select_related("person").get(username=username)


def roles_of(meeting) -> Counter:
    return Counter(seats(meeting).values_list("role__code", flat=True))


def hows(meeting) -> dict[int, set[str]]:
    """membership id → how it took part, over the items."""
    found = {}
    for membership_id, how in Participation.objects.filter(item__meeting=meeting).values_list(
        "membership_id", "how"
    ):
        found.setdefault(membership_id, set()).add(how)
    return found


def test_the_2021_council_of_nine_formed_by_the_directors_decision(demo):
    meeting = meeting_of("TNMT")
    term, decision = meeting.term, meeting.term.decision
    assert meeting.council.name == "Hội đồng Thi đua - Khen thưởng Sở Tài nguyên và Môi trường tỉnh Sóc Trăng"
    assert roles_of(meeting) == {
        "chu-tich": 1,
        "pho-chu-tich-thuong-truc": 1,
        "uy-vien-thu-ky": 1,
        "uy-vien": 6,
    }
    assert seats(meeting).get(role__code="uy-vien-thu-ky").person == user("thuongtruc").person
    assert seats(meeting).get(role__code="chu-tich").person == user("giamdoc").person  # the Giám đốc then
    assert (decision.agency, decision.kind.code) == (agency("TNMT"), "quyet_dinh")
    assert decision.status == "published"  # then on the portal (withdrawn since: replaced)
    assert decision.issued_on == term.starts_on and term.starts_on.year == 2022
    assert decision.subject == f"Về việc kiện toàn {meeting.council.name}"
    assert term.ends_on == agency("TNMT").valid_to  # the Sở merged on 01/03/2025
    text = decision.body_text()
    assert all(m.person.full_name in text for m in seats(meeting).select_related("person"))


def test_the_2021_meeting_early_2022_eight_electronic_one_written_all_but_one_passed(demo):
    meeting = meeting_of("TNMT")
    assert meeting.status == MeetingStatus.CLOSED
    assert (
        meeting.date.year,
        meeting.date.month <= 3,
        is_working_day(meeting.date, agency=agency("TNMT")),
    ) == (
        2022,
        True,
        True,
    )
    assert meeting.documents_sent_on == meeting.documents_due < meeting.date
    assert meeting.opened_at.date() == meeting.closed_at.date() == meeting.date
    presence = Counter(Attendance.objects.filter(meeting=meeting).values_list("presence", flat=True))
    assert presence == {Presence.PRESENT: 8, Presence.WRITTEN: 1}
    assert quorum_of(meeting).met and meeting.guests.count() == 1
    took_part = hows(meeting)
    assert sorted(map(sorted, took_part.values())) == [[How.ELECTRONIC]] * 8 + [[How.WRITTEN]]
    written = Attendance.objects.get(meeting=meeting, presence=Presence.WRITTEN).membership_id
    assert took_part[written] == {How.WRITTEN}

    items = list(meeting.items.select_related("proposal__award").order_by("position"))
    round_2021 = Proposal.objects.filter(round__agency=agency("TNMT"), round__year=2021)
    assert {i.proposal_id for i in items} == set(round_2021.values_list("pk", flat=True)) and len(items) == 13
    assert all(i.denominator == 9 and i.required == required_votes(9, i.threshold) for i in items)
    (failed,) = [i for i in items if not i.passes]
    assert failed.votes_for < failed.required and failed.proposal.award.code == "chien-si-thi-dua-co-so"
    assert all(i.votes_for >= i.required for i in items if i.passes)
    statuses = Counter(p.status for p in Proposal.objects.filter(pk__in=[i.proposal_id for i in items]))
    assert statuses == {Status.DECIDED: 11, Status.AWARDED: 1, Status.NOT_PASSED: 1}  # decided since
    assert Ballot.objects.filter(item__meeting=meeting, choice="").count() == 0  # every box counted
    assert Ballot.objects.filter(item__meeting=meeting).count() == sum(
        i.votes_for + i.votes_against for i in items
    )


def test_the_2021_members_proposed_themselves_did_not_vote_on_their_own_proposals(demo):
    meeting = meeting_of("TNMT")
    members = dict(seats(meeting).values_list("person_id", "pk"))
    own = [(i.pk, members[i.proposal.person_id]) for i in meeting.items.select_related("proposal")
           if i.proposal.person_id in members]  # fmt: skip
    assert own  # the Chánh Văn phòng and the Giám đốc of the Văn phòng Đăng ký đất đai
    assert set(Recusal.objects.filter(item__meeting=meeting).values_list("item_id", "membership_id")) == set(
        own
    )
    voted = set(Participation.objects.filter(item__meeting=meeting).values_list("item_id", "membership_id"))
    assert not voted & set(own)
    assert all(i.votes_for + i.votes_against == 9 - i.recusals.count() for i in meeting.items.all())


def test_the_2021_story_is_logged_on_its_days_and_its_notices_read(demo):
    meeting = meeting_of("TNMT")
    rows = ActivityLog.objects.filter(agency=agency("TNMT"), action__startswith="council.")
    assert rows.filter(action="council.member.added").count() == 9
    assert {row.created_at.year for row in rows} == {2022}
    assert rows.filter(action="council.meeting.closed").get().created_at.date() == meeting.date
    notices = Notification.objects.filter(
        target_type=ContentType.objects.get_for_model(Meeting), target_id=str(meeting.pk)
    )
    assert notices.exists() and not notices.filter(read_at=None).exists()


def test_the_2021_minutes_drafted_at_the_close(demo):
    meeting = meeting_of("TNMT")
    assert meeting.minutes is not None
    assert meeting.minutes.agency == agency("TNMT")


def test_todays_council_of_eleven_with_hoidong_and_thuongtruc_as_secretary(demo):
    meeting = meeting_of("NNMT_CT")
    term = meeting.term
    assert roles_of(meeting) == {
        "chu-tich": 1, "pho-chu-tich-thuong-truc": 1, "pho-chu-tich": 1, "uy-vien-thu-ky": 1, "uy-vien": 7,
    }  # fmt: skip
    assert seats(meeting).get(role__code="uy-vien-thu-ky").person == user("thuongtruc").person
    assert seats(meeting).get(role__code="chu-tich").person == user("giamdoc").person
    assert seats(meeting).filter(person=user("hoidong").person).exists()
    assert term.starts_on == agency("NNMT_CT").valid_from == dt.date(2025, 7, 1) and term.ends_on is None
    assert (term.decision.issued_on, term.decision.agency) == (term.starts_on, agency("NNMT_CT"))
    assert ActivityLog.objects.filter(agency=agency("NNMT_CT"), action="council.member.added").count() == 11


def test_todays_meeting_has_its_ballot_open_for_hoidong(demo):
    meeting = meeting_of("NNMT_CT")
    today = timezone.localdate()
    assert meeting.status == MeetingStatus.VOTING
    assert today <= meeting.date <= today + dt.timedelta(days=10)
    assert is_working_day(meeting.date, agency=agency("NNMT_CT"))
    assert meeting.documents_sent_on == meeting.documents_due < today
    ready = Proposal.objects.filter(round__agency=agency("NNMT_CT"), round__year=today.year)
    items = list(meeting.items.all())
    assert {i.proposal_id for i in items} == set(
        ready.filter(status=Status.READY).values_list("pk", flat=True)
    )
    assert items and all(i.secret for i in items) and not OpenVote.objects.filter(item__meeting=meeting)
    presence = Counter(Attendance.objects.filter(meeting=meeting).values_list("presence", flat=True))
    assert presence == {Presence.PRESENT: 10, Presence.WRITTEN: 1}

    hoidong, thuongtruc = user("hoidong"), user("thuongtruc")
    (seat,) = seats_of(hoidong, meeting)
    assert seat.person == hoidong.person and not Participation.objects.filter(membership=seat)
    assert get_meeting_for_user(hoidong, meeting.pk, action=VOTE) == meeting
    assert get_meeting_for_user(thuongtruc, meeting.pk, action=MANAGE) == meeting
    took_part = hows(meeting)
    assert Counter(frozenset(h) for h in took_part.values()) == {
        frozenset({How.ELECTRONIC}): 7,
        frozenset({How.WRITTEN}): 1,
    }
    waiting = set(missing_votes(meeting))
    assert len(waiting) == 3 and {hoidong.person.full_name, thuongtruc.person.full_name} < waiting
    assert (
        Ballot.objects.filter(item__meeting=meeting).exclude(choice="").count() == 0
    )  # sealed until the close


def test_hoidong_casts_and_thuongtruc_closes_the_ballot(demo):
    """What the demo is for, through the domain (the browser does the same): hoidong and thuongtruc vote,
    the secretary marks the last member as not voting and closes; every proposal is decided."""
    meeting = meeting_of("NNMT_CT")
    hoidong, thuongtruc = user("hoidong"), user("thuongtruc")
    items = list(meeting.items.all())
    for account in (hoidong, thuongtruc):
        code = ballot.cast(actor=account, meeting=meeting, choices={i.pk: "for" for i in items})
        assert code
    (last,) = [a.membership for a in Attendance.objects.filter(meeting=meeting).select_related("membership")
               if a.membership.person.full_name in missing_votes(meeting)]  # fmt: skip
    assert ballot.mark_not_voting(actor=thuongtruc, meeting=meeting, membership=last) >= 1
    meetings.close_ballot(actor=thuongtruc, meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CLOSED
    decided = Proposal.objects.filter(pk__in=[i.proposal_id for i in items]).values_list("status", flat=True)
    assert set(decided) <= {Status.PASSED, Status.NOT_PASSED} and Status.PASSED in set(decided)
    for item in meeting.items.all():
        silent = item.recusals.count() + item.participations.filter(how=How.NOT_VOTING).count()
        assert (item.votes_for + item.votes_against, silent) == (10, 1)
