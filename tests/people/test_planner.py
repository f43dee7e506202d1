"""PostgreSQL uses the people's indexes for the pages that need them (issue 12): the people list's order and
a year's quality ratings counted by level (the home page's figures)."""

import datetime as dt

import pytest
from django.db.models import Count

from people.models import Person, QualityRating, Rating
from tests.factories import AgencyFactory
from tests.planner import analyse, assert_uses_index, on_postgresql

GIVEN = ["An", "Bình", "Cường", "Dũng", "Đức", "Hà", "Hải", "Lan", "Minh", "Nam", "Yến"]


@pytest.fixture
def many_people(db):
    """10 000 people in two agencies, each with ten years of ratings."""
    agencies = [AgencyFactory(), AgencyFactory()]
    people = []
    for n in range(10_000):
        person = Person(
            agency=agencies[n % 2],
            staff_code=f"CB{n:05d}",
            family_name="Nguyễn",
            middle_name="Văn",
            given_name=GIVEN[n % len(GIVEN)],
            gender="male",
            date_of_birth=dt.date(1980, 1, 1),
        )
        person.normalise()  # bulk_create does not save(): the sort key and the search text by hand
        people.append(person)
    Person.objects.bulk_create(people, batch_size=2_000)
    ratings = [
        QualityRating(person=person, year=year, rating=Rating.values[(person.pk + year) % 4])
        for person in people
        for year in range(2016, 2026)
    ]
    QualityRating.objects.bulk_create(ratings, batch_size=5_000)
    analyse(Person, QualityRating)
    return agencies


@on_postgresql
def test_a_page_of_the_people_list_reads_the_alphabetical_index(many_people):
    assert_uses_index(Person.objects.alphabetical()[:50], "person_alphabetical")
    assert_uses_index(Person.objects.all()[500:550], "person_alphabetical")  # the default ordering


@on_postgresql
def test_a_years_ratings_are_counted_from_the_year_index(many_people):
    counted = QualityRating.objects.filter(year=2025).values("rating").annotate(n=Count("pk")).order_by()
    assert_uses_index(counted, "rating_year_rating_person")
    of_an_agency = counted.filter(person__agency=many_people[0])
    assert_uses_index(of_an_agency, "rating_year_rating_person")
