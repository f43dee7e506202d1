"""Fifty casts at the same instant (a council of 25, each member clicking twice): exactly one participation
and one ballot per seat and item, the second click of each refused, and the right tally at the close."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from accounts.models import User
from council.domain import ballot, meetings
from council.models import Ballot, Item, Meeting, Participation, Presence
from nominations.domain.rounds import open_round
from tests.council.conftest import ready, seat_council

SEATS = 25


def council_of_25(world):
    from awards.models import Award
    from tests.council.conftest import ensure_law_data

    ensure_law_data()
    today = timezone.localdate()

    ldtt = Award.objects.get(code="lao-dong-tien-tien")
    collective = Award.objects.get(code="tap-the-lao-dong-tien-tien")
    round_ = open_round(
        actor=None,
        agency=world.agency,
        name="Đợt thử",
        year=today.year,
        deadline=today,
        awards=[ldtt, collective],
    )
    council, _term, members = seat_council(world, today, count=SEATS)
    proposals = [
        ready(round_, ldtt, unit=world.office, person=world.office_person),
        ready(round_, collective, unit=world.division),
    ]
    meeting = meetings.prepare_meeting(actor=None, council=council, title="Phiên họp đông", date=today)
    meetings.set_agenda(actor=None, meeting=meeting, proposals=proposals)
    meetings.convene(actor=None, meeting=meeting)
    for membership, _user in members:
        meetings.record_attendance(
            actor=None, meeting=meeting, membership=membership, presence=Presence.PRESENT
        )
    meetings.open_ballot(actor=None, meeting=meeting)
    return meeting, members, list(meeting.items.order_by("position"))


def cast_together(meeting_pk, plan: list[tuple[int, dict]]):
    """Every (user id, choices) of `plan` cast from its own thread, all released at once."""
    barrier = threading.Barrier(len(plan))
    receipts, refusals, errors = [], [], []

    def work(user_pk, choices):
        try:
            user = User.objects.get(pk=user_pk)
            meeting = Meeting.objects.get(pk=meeting_pk)
            barrier.wait(timeout=60)
            receipts.append(ballot.cast(actor=user, meeting=meeting, choices=choices))
        except ValidationError as refusal:
            refusals.append(refusal.code)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=args) for args in plan]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    return receipts, refusals, errors


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite serialises every write transaction, so there is no race to test",
)
@pytest.mark.django_db(transaction=True)  # the law data written again after a flush
def test_fifty_casts_at_the_same_instant(world):
    meeting, members, (ldtt, collective) = council_of_25(world)
    plan = []
    for n, (_membership, user) in enumerate(members):
        choices = {ldtt.pk: "for" if n < 17 else "against", collective.pk: "for" if n % 2 else "against"}
        plan += [(user.pk, choices), (user.pk, dict.fromkeys(choices, "for"))]  # the double click says "for"

    receipts, refusals, errors = cast_together(meeting.pk, plan)

    assert errors == []
    # each member: one cast in, one refused — whichever of the two clicks came first
    assert len(receipts) == SEATS and refusals == [ballot.TWICE] * SEATS
    for item in (ldtt, collective):
        seats = list(Participation.objects.filter(item=item).values_list("membership", flat=True))
        assert sorted(seats) == sorted(m.pk for m, _u in members)
        assert Ballot.objects.filter(item=item).count() == SEATS
    meetings.close_ballot(actor=None, meeting=meeting)
    counted = {item.pk: item for item in Item.objects.filter(meeting=meeting)}
    worker, unit = counted[ldtt.pk], counted[collective.pk]
    assert worker.votes_for + worker.votes_against == unit.votes_for + unit.votes_against == SEATS
    # the double click carries "for" everywhere: the tally is between the planned and all "for"
    assert 17 <= worker.votes_for <= SEATS and 12 <= unit.votes_for <= SEATS
    found = [
        ballot.verify_receipt(meeting=Meeting.objects.get(pk=meeting.pk), code=code) for code in receipts
    ]
    assert all(len(pairs) == 2 for pairs in found)
    assert sum(choice == "for" for pairs in found for item, choice in pairs if item.pk == ldtt.pk) == (
        worker.votes_for
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_fifty_distinct_casts_give_the_exact_tally(world):
    meeting, members, (ldtt, collective) = council_of_25(world)
    plan = []
    for n, (_membership, user) in enumerate(members):
        plan.append((user.pk, {ldtt.pk: "for" if n < 20 else "against"}))
        plan.append((user.pk, {collective.pk: "for" if n < 9 else "against"}))

    receipts, refusals, errors = cast_together(meeting.pk, plan)

    assert (errors, refusals, len(receipts)) == ([], [], 2 * SEATS)
    assert Participation.objects.filter(item__meeting=meeting).count() == 2 * SEATS
    meetings.close_ballot(actor=None, meeting=meeting)
    results = dict(Item.objects.filter(meeting=meeting).values_list("pk", "votes_for"))
    assert results == {ldtt.pk: 20, collective.pk: 9}
    passes = dict(Item.objects.filter(meeting=meeting).values_list("pk", "passes"))
    assert passes == {ldtt.pk: True, collective.pk: False}  # a majority of 25 is 13
