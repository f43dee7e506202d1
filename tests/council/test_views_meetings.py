"""council.views.meetings and council.views.voting: the meeting's page in every state (the quorum box, the
agenda by award, attendance, recusals, counts of seats that have voted — never a choice —, the results and
the published boxes after the close), and the secretariat's steps: agenda, convening, attendance, guests,
opening (refused without the quorum), written votes, seats not voting, paper counts, the close. Permission
before the form; constant queries whatever the number of seats and items."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from awards.models import Award
from council.domain import ballot, meetings
from council.domain.terms import add_member, create_council, start_term
from council.models import (
    Attendance,
    CouncilRole,
    Guest,
    How,
    Item,
    Meeting,
    MeetingStatus,
    PaperCount,
    Participation,
    Presence,
)
from nominations.domain.rounds import open_round
from nominations.models import Status
from tests.council.conftest import ready
from tests.factories import UnitFactory, account_with_role, staff_in

pytestmark = pytest.mark.django_db


def url(meeting, name="meeting"):
    return reverse(f"council:{name}", args=[meeting.pk])


def page_of(client, meeting) -> str:
    response = client.get(url(meeting))
    assert response.status_code == 200
    return response.content.decode()


def fresh_meeting(cw, *, proposals=2, **options) -> Meeting:
    """A meeting of today being prepared, on new ready proposals of the round (cw's are on its meeting)."""
    award = cw.awards["lao-dong-tien-tien"]
    people = [staff_in(cw.world.office, family_name="Võ", given_name=f"Tên {n}") for n in range(proposals)]
    chosen = [ready(cw.round, award, unit=cw.world.office, person=person) for person in people]
    meeting = meetings.prepare_meeting(
        actor=None, council=cw.council, title="Phiên họp bổ sung", date=cw.today, **options
    )
    meeting.ready = chosen
    return meeting


def attend(meeting, members, written=()):
    for n, (membership, _user) in enumerate(members):
        presence = Presence.WRITTEN if n in written else Presence.PRESENT
        meetings.record_attendance(actor=None, meeting=meeting, membership=membership, presence=presence)


def everyone_votes(cw, choice="for"):
    """Every present member votes on every item he is not recused from; the last votes in writing."""
    items = list(cw.meeting.items.all())
    for membership, user in cw.members[:-1]:
        choices = {i.pk: choice for i in items if i.proposal.person_id != membership.person_id}
        ballot.cast(actor=user, meeting=cw.meeting, choices=choices)
    written = {i.pk: choice for i in items}
    ballot.record_written(actor=None, meeting=cw.meeting, membership=cw.members[-1][0], choices=written)


# --- the page ----------------------------------------------------------------------------------------------


def test_the_convened_meeting_says_its_rules_quorum_and_agenda_in_words(cw, login, english):
    html = page_of(login(cw.secretary), cw.meeting)

    assert "Present 8/9, 8 needed — quorum met" in html
    assert "2/3 of all members" in html
    assert cw.today.strftime("%d/%m/%Y") in html
    assert "Convened" in html and "convened" not in html.replace("Convened", "")  # the word, not the code
    assert html.index("Lao động tiên tiến") < html.index("Chiến sĩ thi đua cơ sở")  # grouped by award
    assert url(cw.meeting, "attendance") in html and url(cw.meeting, "open") in html


def test_a_member_sees_the_meeting_without_the_secretariat_actions(cw, login, english):
    html = page_of(login(cw.members[5][1]), cw.meeting)  # an ordinary member

    assert "Present 8/9" in html
    assert url(cw.meeting, "attendance") not in html and url(cw.meeting, "open") not in html


def test_an_outsider_does_not_find_the_meeting(cw, login):
    outsider = account_with_role(Role.SECRETARIAT, agency=cw.world.other_agency, username="khac")

    assert login(outsider).get(url(cw.meeting)).status_code == 404


def test_while_voting_the_page_counts_seats_that_voted_never_choices(cw, login, english):
    meetings.open_ballot(actor=cw.secretary, meeting=cw.meeting)
    lan = cw.item("Trần Thị Lan")
    ballot.cast(actor=cw.members[0][1], meeting=cw.meeting, choices={lan.pk: "against"})

    html = page_of(login(cw.secretary), cw.meeting)

    assert f'data-testid="voted-{lan.pk}">1<' in html
    assert "Disagree" not in html and "Agree" not in html
    assert url(cw.meeting, "close") in html and url(cw.meeting, "written") in html
    assert "Nguyễn Văn Dũng" in html and "The proposal is for the member himself" in html  # the recusal


def test_the_quorum_refusal_says_how_many_more(cw, login, english):
    meeting = fresh_meeting(cw)
    meetings.set_agenda(actor=None, meeting=meeting, proposals=meeting.ready)
    meetings.convene(actor=None, meeting=meeting)
    attend(meeting, cw.members[:4])

    response = login(cw.secretary).post(url(meeting, "open"), follow=True)

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONVENED
    assert "4 of 9 members attend, 8 are needed (4 more)" in response.content.decode()
    assert "Present 4/9, 8 needed — 4 more members needed" in response.content.decode()


def test_after_the_close_the_results_and_the_boxes_show_no_name_for_a_secret_item(cw, login, english):
    Item.objects.filter(pk=cw.item("Trần Thị Lan").pk).update(secret=True)
    meetings.open_ballot(actor=cw.secretary, meeting=cw.meeting)
    everyone_votes(cw)
    meetings.close_ballot(actor=cw.secretary, meeting=cw.meeting)

    html = page_of(login(cw.secretary), cw.meeting)

    lan, division = cw.item("Trần Thị Lan"), cw.item("Phòng Kế hoạch")
    lan.refresh_from_db()
    assert lan.votes_for == 9 and lan.passes is True
    assert f'data-testid="for-{lan.pk}">9<' in html and f'data-testid="outcome-{lan.pk}"' in html
    assert f'data-testid="box-{lan.pk}"' in html and f'data-testid="named-{lan.pk}"' not in html
    assert f'data-testid="named-{division.pk}"' in html  # an open vote is a public act


# --- the steps ---------------------------------------------------------------------------------------------


def test_the_agenda_takes_a_partial_selection_of_the_candidates(cw, login):
    meeting = fresh_meeting(cw, proposals=3)
    client = login(cw.secretary)
    shown = client.get(url(meeting, "agenda"))
    assert {p.pk for p in shown.context["page"]} == {p.pk for p in meeting.ready}

    chosen = [p.pk for p in meeting.ready[:2]]
    client.post(url(meeting, "agenda"), {"proposals": chosen, "save": "1"})

    assert sorted(meeting.items.values_list("proposal_id", flat=True)) == sorted(chosen)


def test_the_agenda_refuses_a_proposal_not_ready(cw, login):
    meeting = fresh_meeting(cw)
    taken = cw.proposals[0].pk  # on the agenda of the open meeting

    response = login(cw.secretary).post(url(meeting, "agenda"), {"proposals": [taken], "save": "1"})

    assert response.status_code == 200 and response.context["form"].errors
    assert not meeting.items.exists()


def test_convening_sends_the_agenda(cw, login):
    meeting = fresh_meeting(cw)
    meetings.set_agenda(actor=None, meeting=meeting, proposals=meeting.ready)

    login(cw.secretary).post(url(meeting, "convene"))

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONVENED and meeting.documents_sent_on == timezone.localdate()


def test_the_attendance_of_every_seat_in_one_form(cw, login):
    meeting = fresh_meeting(cw)
    meetings.set_agenda(actor=None, meeting=meeting, proposals=meeting.ready)
    meetings.convene(actor=None, meeting=meeting)
    data = {f"presence_{m.pk}": Presence.PRESENT for m, _u in cw.members}
    data[f"presence_{cw.members[0][0].pk}"] = Presence.ABSENT

    response = login(cw.secretary).post(url(meeting, "attendance"), data)

    assert response.status_code == 302
    recorded = dict(Attendance.objects.filter(meeting=meeting).values_list("membership_id", "presence"))
    assert len(recorded) == 9 and recorded[cw.members[0][0].pk] == Presence.ABSENT


def test_a_substitute_refused_by_the_rules_is_a_form_error_and_nothing_is_saved(cw, login):
    meeting = fresh_meeting(cw)
    meetings.set_agenda(actor=None, meeting=meeting, proposals=meeting.ready)
    meetings.convene(actor=None, meeting=meeting)
    meeting.substitutes = False
    data = {f"presence_{m.pk}": Presence.PRESENT for m, _u in cw.members}
    data[f"presence_{cw.members[2][0].pk}"] = Presence.SUBSTITUTE  # not offered: the choice is refused

    response = login(cw.secretary).post(url(meeting, "attendance"), data)

    assert f"presence_{cw.members[2][0].pk}" in response.context["form"].errors
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_a_member_is_refused_the_attendance_before_the_form(cw, login):
    response = login(cw.members[5][1]).post(url(cw.meeting, "attendance"), {})

    assert response.status_code == 403
    assert Attendance.objects.filter(meeting=cw.meeting, presence=Presence.PRESENT).count() == 8


def test_a_guest_is_added(cw, login):
    login(cw.secretary).post(url(cw.meeting, "guest_new"), {"name": "Lê Văn Khách", "position": "Sở Nội vụ"})

    assert list(Guest.objects.filter(meeting=cw.meeting).values_list("name", flat=True)) == ["Lê Văn Khách"]


def test_the_written_vote_is_entered_for_the_seat_recorded_written(cw, login):
    meetings.open_ballot(actor=cw.secretary, meeting=cw.meeting)
    written = cw.members[-1][0]
    data = {"membership": written.pk} | {f"item_{i.pk}": "for" for i in cw.items.values()}

    response = login(cw.secretary).post(url(cw.meeting, "written"), data)

    assert response.status_code == 302
    assert set(Participation.objects.filter(membership=written).values_list("how", flat=True)) == {
        How.WRITTEN
    }
    assert Participation.objects.filter(membership=written).count() == 4


def test_a_present_seat_cannot_vote_in_writing(cw, login):
    meetings.open_ballot(actor=cw.secretary, meeting=cw.meeting)
    present = cw.members[0][0]
    data = {"membership": present.pk} | {f"item_{i.pk}": "for" for i in cw.items.values()}

    response = login(cw.secretary).post(url(cw.meeting, "written"), data)

    assert "membership" in response.context["form"].errors
    assert not Participation.objects.filter(membership=present).exists()


def test_a_seat_is_marked_as_not_voting(cw, login):
    meetings.open_ballot(actor=cw.secretary, meeting=cw.meeting)
    seat = cw.members[3][0]  # recused from his own proposal

    login(cw.secretary).post(url(cw.meeting, "not_voting"), {"membership": seat.pk})

    assert Participation.objects.filter(membership=seat, how=How.NOT_VOTING).count() == 3


def test_closing_with_votes_missing_is_refused_with_the_names(cw, login, english):
    meetings.open_ballot(actor=cw.secretary, meeting=cw.meeting)

    response = login(cw.secretary).post(url(cw.meeting, "close"), {})

    cw.meeting.refresh_from_db()
    assert cw.meeting.status == MeetingStatus.VOTING
    assert "have not voted nor been marked as not voting" in response.content.decode()


def test_closing_writes_the_results_and_moves_the_proposals(cw, login):
    meetings.open_ballot(actor=cw.secretary, meeting=cw.meeting)
    everyone_votes(cw)

    response = login(cw.secretary).post(url(cw.meeting, "close"), {})

    assert response.status_code == 302
    cw.meeting.refresh_from_db()
    assert cw.meeting.status == MeetingStatus.CLOSED
    assert {p.status for p in cw.meeting.items.all().select_related("proposal") for p in [p.proposal]} <= {
        Status.PASSED,
        Status.NOT_PASSED,
    }


def test_the_counting_group_enters_the_paper_totals(cw, login):
    meeting = fresh_meeting(cw, ballot_mode="paper")
    meetings.set_agenda(actor=None, meeting=meeting, proposals=meeting.ready)
    meetings.convene(actor=None, meeting=meeting)
    attend(meeting, cw.members)
    meetings.open_ballot(actor=None, meeting=meeting)
    item = meeting.items.first()
    data = {"item": item.pk, "ballots": 9, "votes_for": 8, "votes_against": 1, "invalid": 0}

    client = login(cw.secretary)
    assert client.get(url(meeting)).content.decode().count(url(meeting, "paper_count")) == 1
    client.post(url(meeting, "paper_count"), data)

    assert PaperCount.objects.filter(item=item).values_list("ballots", "votes_for").get() == (9, 8)


def test_a_member_outside_the_counting_group_is_refused_the_paper_totals(cw, login):
    response = login(cw.members[5][1]).post(url(cw.meeting, "paper_count"), {"item": 1})

    assert response.status_code == 403 and not PaperCount.objects.exists()


# --- constant queries --------------------------------------------------------------------------------------


def build(world, agency, *, seats: int, items: int, label: str):
    """A council of `seats` members in `agency`, a meeting of today convened on `items` ready proposals, every
    seat present but the last (written), the ballot open."""
    today = timezone.localdate()
    unit = UnitFactory(agency=agency, name=f"Phòng {label}", symbol=label)
    award = Award.objects.get(code="lao-dong-tien-tien")
    round_ = open_round(actor=None, agency=agency, name=f"Đợt {label}", year=today.year,
                        deadline=today + dt.timedelta(days=5), awards=[award])  # fmt: skip
    council = create_council(actor=None, agency=agency, name=f"Hội đồng {label}")
    term = start_term(actor=None, council=council, starts_on=today - dt.timedelta(days=30))
    role = CouncilRole.objects.get(code="uy-vien")
    members = []
    for n in range(seats):
        person = staff_in(unit, family_name="Hồ", given_name=f"Thành viên {n}")
        user = account_with_role(Role.COUNCIL_MEMBER, agency=agency, person=person, username=f"{label}{n}")
        members.append((add_member(actor=None, term=term, person=person, role=role), user))
    people = [staff_in(unit, family_name="Lý", given_name=f"Đề nghị {n}") for n in range(items)]
    proposals = [ready(round_, award, unit=unit, person=p) for p in people]
    meeting = meetings.prepare_meeting(actor=None, council=council, title=f"Họp {label}", date=today)
    meetings.set_agenda(actor=None, meeting=meeting, proposals=proposals)
    meetings.convene(actor=None, meeting=meeting)
    attend(meeting, members, written={seats - 1})
    meetings.open_ballot(actor=None, meeting=meeting)
    return SimpleNamespace(meeting=meeting, members=members, council=council)


def queries(client, path) -> int:
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def vote_and_close(made):
    items = list(made.meeting.items.all())
    for _membership, user in made.members[:2]:
        ballot.cast(actor=user, meeting=made.meeting, choices={i.pk: "for" for i in items})
    for membership, _user in made.members[2:]:
        ballot.mark_not_voting(actor=None, meeting=made.meeting, membership=membership)
    meetings.close_ballot(actor=None, meeting=made.meeting)


def test_the_meeting_page_queries_do_not_grow_with_seats_and_items(world, login):
    small = build(world, world.agency, seats=9, items=4, label="nho")
    large = build(world, world.other_agency, seats=20, items=12, label="lon")
    client = login(world.admin)

    voting = [queries(client, url(made.meeting)) for made in (small, large)]
    vote_and_close(small)
    vote_and_close(large)
    closed = [queries(client, url(made.meeting)) for made in (small, large)]

    assert voting[0] == voting[1]
    assert closed[0] == closed[1]
    assert Meeting.objects.filter(status=MeetingStatus.CLOSED).count() == 2
