"""A person's record for the awards tests: a year's rating, a title in the ledger, an initiative."""

import datetime as dt

from achievements.models import InitiativeAuthor
from awards import domain
from awards.models import Award
from people.models import QualityRating, Rating
from tests.factories import InitiativeFactory

D = dt.date


def rate(person, year: int, rating=Rating.GOOD):
    QualityRating.objects.create(person=person, year=year, rating=rating)


def record(world, person, code: str, year: int):
    return domain.record_award(
        actor=None,
        agency=world.agency,
        award=Award.objects.get(code=code),
        year=year,
        decision=f"Quyết định số {year}/QĐ-STN",
        decided_on=D(year + 1, 1, 20),
        person=person,
    )


def initiative(person, year: int, level="co-so"):
    found = InitiativeFactory(
        unit=person.assignments.first().unit, year=year, recognition_level=level, recognised_on=D(year, 11, 1)
    )
    InitiativeAuthor.objects.create(initiative=found, person=person, share=100)
    return found
