"""council.recusal: never on one's own proposal; by the agency's settings, not on one's own unit's nor on a
declared relative's — in four queries whatever the number of seats and items."""

import datetime as dt

import pytest

from council.domain import meetings
from council.domain.terms import declare_relative
from council.models import Recusal
from council.recusal import recusals_of
from nominations.models import Proposal
from people.models import Assignment
from tests.council.conftest import ready
from tests.council.helpers_domain import remake, staff, vote
from tests.factories import AssignmentFactory


def found(meeting):
    return {
        (r.item.proposal.subject_name, r.membership.person.given_name, r.reason) for r in recusals_of(meeting)
    }


def test_by_default_only_the_members_own_proposal(cw):
    assert found(cw.meeting) == {("Nguyễn Văn Dũng", "Dũng", "self")}


def test_ones_unit_is_the_unit_one_is_assigned_to_on_the_meeting_date(cw):
    moved = cw.members[6][0].person
    Assignment.objects.filter(person=moved).update(end_date=cw.today - dt.timedelta(days=10))
    AssignmentFactory(person=moved, unit=cw.world.team, start_date=cw.today - dt.timedelta(days=9))
    remake(cw, settings={"council-recuse-unit": "yes"})

    reasons = found(cw.meeting)

    assert ("Đặng Thị Hương", "Khánh", "unit") in reasons  # the team's proposal, his unit now
    assert ("Trần Thị Lan", "Khánh", "unit") not in reasons  # the office, his unit before
    assert ("Trần Thị Lan", "An", "unit") in reasons
    assert not {r for r in reasons if r[0] == "Phòng Kế hoạch"}  # nobody is in the division itself
    assert ("Nguyễn Văn Dũng", "Dũng", "self") in reasons and (
        "Nguyễn Văn Dũng",
        "Dũng",
        "unit",
    ) not in reasons


def test_a_relative_declared_either_way(cw):
    declare_relative(
        actor=None,
        council=cw.council,
        person=cw.world.office_person,
        relative=cw.members[1][0].person,
        relation="child",
    )
    cw.meeting.recuse_relatives = True

    assert found(cw.meeting) == {("Nguyễn Văn Dũng", "Dũng", "self"), ("Trần Thị Lan", "Bình", "relative")}
    cw.meeting.recuse_relatives = False
    assert found(cw.meeting) == {("Nguyễn Văn Dũng", "Dũng", "self")}


@pytest.mark.parametrize("extra", [0, 6])
def test_four_queries_whatever_the_seats_and_items(cw, django_assert_num_queries, extra):
    people = staff(cw.world.team, extra)
    more = [ready(cw.round, cw.awards["lao-dong-tien-tien"], unit=cw.world.team, person=p) for p in people]
    remake(cw, settings={"council-recuse-unit": "yes"}, proposals=[*cw.proposals, *more])
    declare_relative(
        actor=None,
        council=cw.council,
        person=cw.members[2][0].person,
        relative=cw.world.team_person,
        relation="spouse",
    )

    with django_assert_num_queries(4):
        recusals = recusals_of(cw.meeting)

    assert len(recusals) == 1 + 9 + 8 + 1  # self; the office's two proposals (Dũng's counted once); relative


def test_a_recused_member_is_not_expected_to_vote_and_is_counted_not_voting(cw):
    meetings.open_ballot(actor=None, meeting=cw.meeting)
    vote(cw, {"Nguyễn Văn Dũng": 8})

    meetings.close_ballot(actor=None, meeting=cw.meeting)

    item = cw.meeting.items.get(proposal=cw.proposals[0])
    assert (item.votes_for, item.votes_against, item.not_voting, item.passes) == (8, 0, 1, True)
    assert Recusal.objects.filter(item=item).count() == 1
    assert Proposal.objects.get(pk=cw.proposals[0].pk).status == "passed"
