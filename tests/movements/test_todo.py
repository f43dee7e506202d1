"""The registration tasks of the home page's to-do list: who gets which, their counts and deadlines, the list
each links to (holding exactly the counted rounds), and one query per task."""

import datetime as dt

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from awards.models import Award
from movements.domain import registrations as domain
from movements.models import Registration
from movements.todo import registration_tasks
from organisations.scope import scope_for
from tests.factories import MovementFactory, RoundFactory

TODAY = timezone.localdate()
TO_SUBMIT = "Đăng ký thi đua của đơn vị cần nộp"
MINE_THIS_WEEK = "Hạn nộp đăng ký thi đua trong tuần này"
TO_REVIEW = "Đăng ký thi đua chờ duyệt"
UNITS_THIS_WEEK = "Hạn đăng ký thi đua trong tuần này: còn đơn vị chưa nộp"


@pytest.fixture
def rounds(world):
    """Two open rounds of the agency: one closing in three days, one in a month; a round of another agency."""
    world.soon = RoundFactory(
        movement=MovementFactory(agency=world.agency, name="Phong trào sắp hết hạn"),
        deadline=TODAY + dt.timedelta(days=3),
    )
    world.later = RoundFactory(
        movement=MovementFactory(agency=world.agency, name="Phong trào còn lâu"),
        deadline=TODAY + dt.timedelta(days=30),
    )
    RoundFactory(movement=MovementFactory(agency=world.other_agency), deadline=TODAY + dt.timedelta(days=2))
    world.collective = Award.objects.get(code="tap-the-lao-dong-tien-tien")
    return world


def tasks(user):
    request = RequestFactory().get("/")
    request.user = user
    return {task.label: task for task in registration_tasks(request)}


def submit(world, registration_round, unit):
    registration = domain.start_registration(actor=None, round=registration_round, unit=unit)
    domain.add_entry(actor=None, registration=registration, award=world.collective)
    return domain.submit_registration(actor=None, registration=registration)


def listed(client, url) -> set[int]:
    return {r.pk for r in client.get(url).context["page"]}


def test_the_officer_has_her_units_rounds_to_submit_and_this_weeks_deadlines(rounds, login):
    found = tasks(rounds.officer)

    assert set(found) == {TO_SUBMIT, MINE_THIS_WEEK}
    assert (found[TO_SUBMIT].count, found[TO_SUBMIT].due) == (2, rounds.soon.deadline)
    assert (found[MINE_THIS_WEEK].count, found[MINE_THIS_WEEK].due) == (1, rounds.soon.deadline)
    assert not found[TO_SUBMIT].urgent
    client = login(rounds.officer)
    assert listed(client, found[TO_SUBMIT].url) == {rounds.soon.pk, rounds.later.pk}
    assert listed(client, found[MINE_THIS_WEEK].url) == {rounds.soon.pk}


def test_a_round_leaves_the_officers_list_when_all_her_units_submitted(rounds, login):
    submit(rounds, rounds.soon, rounds.division)
    assert tasks(rounds.officer)[TO_SUBMIT].count == 2  # the team (a unit of hers too) has still to submit
    submit(rounds, rounds.soon, rounds.team)

    found = tasks(rounds.officer)

    assert found[TO_SUBMIT].count == 1 and found[TO_SUBMIT].due == rounds.later.deadline
    assert found[MINE_THIS_WEEK].count == 0
    assert listed(login(rounds.officer), found[TO_SUBMIT].url) == {rounds.later.pk}


def test_a_returned_registration_is_to_submit_again_even_after_the_deadline(rounds, login):
    registration = submit(rounds, rounds.soon, rounds.division)
    domain.return_registration(actor=None, registration=registration, reason="Bổ sung chỉ tiêu")
    submit(rounds, rounds.soon, rounds.team)
    submit(rounds, rounds.later, rounds.division)
    submit(rounds, rounds.later, rounds.team)
    rounds.soon.opens_on, rounds.soon.deadline = TODAY - dt.timedelta(days=30), TODAY - dt.timedelta(days=1)
    rounds.soon.save()

    found = tasks(rounds.officer)

    assert (found[TO_SUBMIT].count, found[TO_SUBMIT].due, found[TO_SUBMIT].urgent) == (
        1,
        rounds.soon.deadline,
        True,
    )
    assert listed(login(rounds.officer), found[TO_SUBMIT].url) == {rounds.soon.pk}


def test_a_round_closing_today_is_urgent(rounds):
    rounds.soon.deadline = TODAY
    rounds.soon.save()
    assert tasks(rounds.officer)[MINE_THIS_WEEK].urgent is True


def test_the_secretariat_has_registrations_to_review_and_rounds_closing_with_units_pending(rounds, login):
    submit(rounds, rounds.later, rounds.division)
    for unit in (rounds.office, rounds.division, rounds.team):
        submit(rounds, rounds.soon, unit)
    found = tasks(rounds.secretariat)
    assert set(found) == {TO_REVIEW, UNITS_THIS_WEEK}
    assert found[TO_REVIEW].count == 4 and found[TO_REVIEW].url == reverse("registrations:queue")
    assert found[UNITS_THIS_WEEK].count == 0  # every unit submitted in the round closing this week

    Registration.objects.filter(round=rounds.soon, unit=rounds.office).delete()
    found = tasks(rounds.secretariat)

    assert (found[UNITS_THIS_WEEK].count, found[UNITS_THIS_WEEK].due) == (1, rounds.soon.deadline)
    client = login(rounds.secretariat)
    assert listed(client, found[UNITS_THIS_WEEK].url) == {rounds.soon.pk}
    queue = client.get(found[TO_REVIEW].url).context["page"]
    assert len(queue) == found[TO_REVIEW].count == 3


def test_a_staff_member_has_no_registration_task(rounds):
    assert tasks(rounds.staff) == {}


@pytest.mark.parametrize("persona", ["officer", "secretariat"])
def test_one_query_per_task(rounds, persona, django_assert_num_queries):
    user = getattr(rounds, persona)
    scope_for(user)  # computed once per request by the login, before the sources run

    with django_assert_num_queries(2):
        found = tasks(user)

    assert len(found) == 2


def test_the_home_page_lists_the_officers_tasks(rounds, login):
    html = login(rounds.officer).get(reverse("home")).content.decode()
    assert TO_SUBMIT in html and MINE_THIS_WEEK in html
    assert f"{reverse('registrations:rounds')}?waiting=mine&amp;closing=week" in html
