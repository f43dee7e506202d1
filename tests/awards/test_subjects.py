"""The facts of people read from the database: matters under review defer, maternity leave is counted
(NĐ 152/2025/NĐ-CP, Điều 4 khoản 4 and 5), in a fixed number of queries."""

import datetime as dt

import pytest
from django.utils import timezone

from awards.due import who_is_due
from awards.subjects import people_facts
from people import domain
from people.models import LeaveKind, ProceedingKind, QualityRating, Rating
from tests.factories import staff_in

D = dt.date
LDTT = "lao-dong-tien-tien"
TODAY = timezone.localdate()
DAY = dt.timedelta(days=1)


def open_review(person, opened_on=TODAY - 30 * DAY, kind=ProceedingKind.INSPECTION):
    return domain.open_proceeding(actor=None, person=person, fields={"kind": kind, "opened_on": opened_on})


def leave(person, start, end):
    return domain.record_leave(
        actor=None, person=person, fields={"kind": LeaveKind.MATERNITY, "start": start, "end": end}
    )


def rows(dues, code: str, group: str) -> list:
    due = next((d for d in dues if d.award.code == code), None)
    return [row.subject for row in getattr(due, group)] if due else []


def test_an_open_matter_under_review_is_a_pending_review(world):
    open_review(world.office_person)

    facts = people_facts([world.office_person.pk, world.division_person.pk], 2025)

    assert facts[world.office_person.pk].pending_review is True
    assert facts[world.division_person.pk].pending_review is False


@pytest.mark.parametrize(
    ("opened_on", "closed_on", "pending"),
    [
        (TODAY - 30 * DAY, None, True),
        (TODAY, None, True),  # opened today
        (TODAY - 30 * DAY, TODAY + 10 * DAY, True),  # to close later
        (TODAY - 30 * DAY, TODAY, False),  # closed today
        (TODAY - 30 * DAY, TODAY - DAY, False),
        (TODAY + DAY, None, False),  # not yet opened
    ],
)
def test_pending_review_is_judged_on_today(world, opened_on, closed_on, pending):
    proceeding = open_review(world.team_person, opened_on=opened_on)
    if closed_on:
        domain.close_proceeding(
            actor=None, proceeding=proceeding, closed_on=closed_on, outcome="Không vi phạm"
        )

    assert people_facts([world.team_person.pk], 2021)[world.team_person.pk].pending_review is pending


def test_pending_review_may_be_judged_on_another_day(world):
    proceeding = open_review(world.team_person, opened_on=D(2022, 3, 1))
    domain.close_proceeding(actor=None, proceeding=proceeding, closed_on=D(2022, 9, 1))
    pk = world.team_person.pk

    assert people_facts([pk], 2021, on=D(2022, 5, 1))[pk].pending_review is True
    assert people_facts([pk], 2021, on=D(2022, 9, 1))[pk].pending_review is False


def test_maternity_leaves_of_the_years_looked_back_over_are_read_in_order(world):
    pk = world.office_person.pk
    leave(world.office_person, D(2024, 10, 1), D(2025, 3, 31))
    leave(world.office_person, D(2021, 2, 1), D(2021, 7, 31))
    leave(world.office_person, D(2010, 1, 1), D(2010, 6, 30))  # too long ago to matter
    leave(world.office_person, D(2026, 1, 1), D(2026, 6, 30))  # after the year judged

    facts = people_facts([pk, world.team_person.pk], 2025)

    assert facts[pk].maternity_leave == [(D(2021, 2, 1), D(2021, 7, 31)), (D(2024, 10, 1), D(2025, 3, 31))]
    assert facts[world.team_person.pk].maternity_leave == []


@pytest.mark.parametrize("count", [1, 3])
def test_people_facts_query_count_does_not_grow(world, django_assert_num_queries, count):
    people = [staff_in(world.division, given_name=f"Tên{n}") for n in range(count)]
    for person in people:
        open_review(person)
        leave(person, D(2025, 1, 1), D(2025, 6, 30))
        QualityRating.objects.create(person=person, year=2025, rating=Rating.GOOD)

    # people with their open matters, first posts, ratings, disciplines, ledger, maternity leave, initiatives
    with django_assert_num_queries(7):
        facts = people_facts([p.pk for p in people], 2025)

    assert [facts[p.pk].pending_review for p in people] == [True] * count
    assert [len(facts[p.pk].maternity_leave) for p in people] == [1] * count


def test_who_is_due_defers_a_person_under_review_until_the_matter_is_closed(world, engine):
    for person in (world.office_person, world.division_person):
        QualityRating.objects.create(person=person, year=2025, rating=Rating.GOOD)
    proceeding = open_review(world.division_person, kind=ProceedingKind.DISCIPLINE)

    dues = who_is_due(agency=world.agency, year=2025, engine=engine)

    assert rows(dues, LDTT, "eligible") == [world.office_person]
    assert rows(dues, LDTT, "deferred") == [world.division_person]
    deferred = next(d for d in dues if d.award.code == LDTT).deferred[0]
    assert deferred.verdict.verdict == "deferred"
    assert [c.passed for c in deferred.verdict.checks if c.code == "not-pending"] == [None]

    domain.close_proceeding(actor=None, proceeding=proceeding, closed_on=TODAY, outcome="Không vi phạm")
    dues = who_is_due(agency=world.agency, year=2025, engine=engine)

    assert rows(dues, LDTT, "eligible") == [world.office_person, world.division_person]
    assert rows(dues, LDTT, "deferred") == []


def test_maternity_leave_is_noted_on_the_service_check(world, engine):
    person = world.team_person
    QualityRating.objects.create(person=person, year=2025, rating=Rating.GOOD)
    leave(person, D(2025, 2, 1), D(2025, 7, 31))

    dues = who_is_due(agency=world.agency, year=2025, engine=engine)

    (row,) = [r for d in dues if d.award.code == LDTT for r in d.eligible if r.subject == person]
    (service,) = [c for c in row.verdict.checks if c.code == "service-months"]
    assert service.passed is True
    assert "kể cả thời gian nghỉ thai sản" in service.message
