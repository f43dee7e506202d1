"""The province generator's council stage (demo/province/council.py) at a small size: the councils and their
seats, this year's meetings with their ballots open, the largest one's box valid and countable by the
domain's close, last year's meetings closed with their figures matching their boxes."""

import io
from collections import Counter, defaultdict

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from accounts.models import User
from council import ballot_box
from council.access import VOTE, get_meeting_for_user
from council.domain.ballot import mark_not_voting
from council.domain.meetings import close_ballot
from council.models import (
    Attendance,
    Ballot,
    Choice,
    Council,
    Item,
    Meeting,
    MeetingStatus,
    Membership,
    Participation,
    Presence,
)
from council.quorum import quorum_of
from council.tally import missing_votes
from nominations.models import Proposal, Round, Status

SIZES = ["--people", "300", "--units", "30", "--documents", "300", "--years", "3"]
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def province(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS), transaction.atomic():
        call_command("generate_province", *SIZES, stdout=io.StringIO(), stderr=io.StringIO())
        yield
        transaction.set_rollback(True)


def this_year():
    return Meeting.objects.filter(date__year=timezone.localdate().year)


def largest():
    return max(this_year(), key=lambda m: (m.items.count(), -m.pk))


def test_every_department_with_a_round_has_a_council_with_its_seats(province):
    year = timezone.localdate().year
    with_round = set(Round.objects.filter(year=year).values_list("agency_id", flat=True))
    assert set(Council.objects.values_list("agency_id", flat=True)) == with_round
    for council in Council.objects.all():
        seats = Membership.objects.filter(term__council=council)
        assert 1 <= seats.count() <= 15
        assert not seats.exclude(person__agency=council.agency_id).exists()  # its own staff
        assert seats.filter(role__code="chu-tich").count() == 1
    biggest = largest().council
    assert 11 <= Membership.objects.filter(term__council=biggest).count() <= 15


def test_this_years_meetings_vote_on_the_ready_proposals(province):
    meetings = this_year()
    assert meetings.exists() and set(meetings.values_list("status", flat=True)) == {MeetingStatus.VOTING}
    for meeting in meetings:
        agenda = set(meeting.items.values_list("proposal_id", flat=True))
        ready = Proposal.objects.filter(
            round__agency=meeting.council.agency_id, round__year=meeting.date.year
        )
        assert agenda == set(ready.filter(status=Status.READY).values_list("pk", flat=True))
        presence = Counter(Attendance.objects.filter(meeting=meeting).values_list("presence", flat=True))
        assert presence[Presence.ABSENT] == 1
        assert sum(presence.values()) == Membership.objects.filter(term=meeting.term).count()
        assert quorum_of(meeting).met
    positions = list(largest().items.order_by("position").values_list("proposal__award__position", flat=True))
    assert positions == sorted(positions)  # grouped by award, as the minutes read


def test_the_largest_box_is_valid_and_the_domain_closes_it(province):
    meeting = largest()
    items = {item.pk: item for item in meeting.items.all()}
    participations = Participation.objects.filter(item__meeting=meeting)
    assert participations.count() == Ballot.objects.filter(item__meeting=meeting).count() > 0
    assert set(Ballot.objects.filter(item__meeting=meeting).values_list("choice", flat=True)) == {""}
    expected = defaultdict(Counter)
    for ballot in Ballot.objects.filter(item__meeting=meeting):
        choice = ballot_box.unseal(ballot.item_id, ballot.receipt, ballot.seal, Choice.values)
        assert choice is not None
        expected[ballot.item_id][choice] += 1
    waiting = missing_votes(meeting)
    member = User.objects.get(username="council-1")
    assert member.person.full_name in waiting and len(waiting) == 2
    assert get_meeting_for_user(member, meeting.pk, action=VOTE) == meeting  # the benchmark's voter
    present = Attendance.objects.filter(meeting=meeting, presence=Presence.PRESENT).values("membership")
    silent = Membership.objects.filter(pk__in=present).exclude(pk__in=participations.values("membership"))
    assert {seat.person.full_name for seat in silent} == set(waiting)
    for seat in silent:
        mark_not_voting(actor=None, meeting=meeting, membership=seat)

    close_ballot(actor=None, meeting=meeting)

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CLOSED
    for item in Item.objects.filter(meeting=meeting).select_related("proposal"):
        counted = expected[item.pk]
        assert (item.votes_for, item.votes_against, item.abstentions) == (
            counted[Choice.FOR],
            counted[Choice.AGAINST],
            counted[Choice.ABSTAIN],
        )
        assert item.proposal.status == (Status.PASSED if item.passes else Status.NOT_PASSED)
    assert len(items) == meeting.items.count()


def test_last_years_meetings_are_closed_with_figures_matching_their_boxes(province):
    past = Meeting.objects.filter(date__year=timezone.localdate().year - 1)
    assert past.exists() and set(past.values_list("status", flat=True)) == {MeetingStatus.CLOSED}
    items = Item.objects.filter(meeting__in=past).select_related("proposal")
    counted = defaultdict(Counter)
    for item_id, choice in Ballot.objects.filter(item__in=items).values_list("item_id", "choice"):
        counted[item_id][choice] += 1
    assert not Ballot.objects.filter(item__in=items).exclude(seal="").exists()
    for item in items:
        assert item.votes_for == counted[item.pk][Choice.FOR]
        assert item.votes_against == counted[item.pk][Choice.AGAINST]
        assert item.required is not None and item.passes == (item.votes_for >= item.required)
        assert item.proposal.status == (Status.PASSED if item.passes else Status.NOT_PASSED)
    statuses = Counter(items.values_list("proposal__status", flat=True))
    assert statuses[Status.PASSED] > statuses[Status.NOT_PASSED] > 0
    written = Attendance.objects.filter(meeting__in=past, presence=Presence.WRITTEN)
    assert written.count() == past.count()  # one member of each voted in writing
    assert Participation.objects.filter(item__meeting__in=past, how="written").exists()
