"""council.todo: the secretary's meetings to convene, to open and to close, and a member's open ballot not
yet cast — each counted in one query, linked to the meeting (or the council), gone once the work is done."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from council.domain import ballot, meetings
from council.todo import council_tasks
from lib.todo import tasks_for

pytestmark = pytest.mark.django_db


def tasks_of(user) -> dict:
    request = RequestFactory().get("/")
    request.user = user
    return {str(task.label): task for task in tasks_for(request) if "ouncil" in str(task.label)}


def counted(user) -> dict:
    request = RequestFactory().get("/")
    request.user = user
    return {str(task.label): (task.count, task.url) for task in council_tasks(request)}


def test_the_secretary_opens_then_closes(cw, english):
    meeting_url = reverse("council:meeting", args=[cw.meeting.pk])

    before = counted(cw.secretary)
    meetings.open_ballot(actor=cw.secretary, meeting=cw.meeting)
    after = counted(cw.secretary)

    assert before["Council meetings whose ballot is to open"] == (1, meeting_url)
    assert before["Council ballots open, to close once everyone has voted"][0] == 0
    assert after["Council meetings whose ballot is to open"][0] == 0
    assert after["Council ballots open, to close once everyone has voted"] == (1, meeting_url)


def test_a_meeting_being_prepared_is_to_convene(cw, english):
    meetings.prepare_meeting(actor=None, council=cw.council, title="Họp mới", date=cw.today)
    meetings.prepare_meeting(actor=None, council=cw.council, title="Họp khác", date=cw.today)

    assert counted(cw.secretary)["Council meetings to convene"] == (2, reverse("council:home"))


def test_a_member_is_told_of_the_ballot_until_he_has_cast_every_item(cw, english):
    member = cw.members[0][1]
    ballot_url = reverse("council:ballot", args=[cw.meeting.pk])
    assert counted(member)["Council ballots waiting for your vote"][0] == 0  # not open yet

    meetings.open_ballot(actor=cw.secretary, meeting=cw.meeting)
    waiting = counted(member)["Council ballots waiting for your vote"]
    items = list(cw.meeting.items.all())
    ballot.cast(actor=member, meeting=cw.meeting, choices={items[0].pk: "for"})
    partly = counted(member)["Council ballots waiting for your vote"]
    ballot.cast(actor=member, meeting=cw.meeting, choices={i.pk: "against" for i in items[1:]})

    assert waiting == (1, ballot_url) and partly == (1, ballot_url)
    assert counted(member)["Council ballots waiting for your vote"][0] == 0


def test_a_recused_item_is_not_owed(cw, english):
    dung = cw.members[3][1]  # the subject of one proposal: recused from it
    meetings.open_ballot(actor=cw.secretary, meeting=cw.meeting)
    others = {i.pk: "for" for i in cw.meeting.items.all() if i.proposal.person_id != dung.person_id}

    ballot.cast(actor=dung, meeting=cw.meeting, choices=others)

    assert counted(dung)["Council ballots waiting for your vote"][0] == 0


def test_the_member_voting_in_writing_is_not_asked_to_cast(cw, english):
    meetings.open_ballot(actor=cw.secretary, meeting=cw.meeting)

    assert counted(cw.members[-1][1])["Council ballots waiting for your vote"][0] == 0


def test_each_role_costs_one_query(cw):
    meetings.open_ballot(actor=cw.secretary, meeting=cw.meeting)
    for user, expected in ((cw.members[5][1], 2), (cw.secretary, 2)):
        request = RequestFactory().get("/")
        request.user = user
        user.scope  # noqa: B018 — the scope is computed once per request, outside the count
        with CaptureQueriesContext(connection) as captured:
            list(council_tasks(request))
        assert len(captured) <= expected


def test_the_home_page_lists_the_council_tasks(cw, english):
    assert "Council meetings whose ballot is to open" in tasks_of(cw.secretary)
