import datetime as dt
import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from lib.vntext import collation_key
from people.models import (
    Assignment,
    Discipline,
    DisciplineForm,
    Leave,
    LeaveKind,
    Person,
    Proceeding,
    ProceedingKind,
    QualityRating,
    Rating,
)
from tests.factories import AssignmentFactory, PersonFactory, UnitFactory

NFD = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731


def test_person_save_normalises_and_derives_search_and_sort_columns(world):
    person = PersonFactory(
        agency=world.agency,
        family_name=NFD(" Nguyễn "),
        middle_name=NFD("Thị  Minh"),
        given_name=NFD("Khai"),
        staff_code=" CB-01 ",
        email="Khai@Example.Test",
    )
    person.refresh_from_db()
    assert (person.family_name, person.middle_name, person.given_name) == ("Nguyễn", "Thị Minh", "Khai")
    assert person.full_name == str(person) == "Nguyễn Thị Minh Khai"
    assert person.staff_code == "CB-01"
    assert person.search_text == " nguyen thi minh khai cb-01 khai@example.test"
    assert person.sort_key == collation_key("Khai", "Nguyễn", "Thị Minh")


def test_full_name_without_middle_name(db):
    assert PersonFactory.build(family_name="Lò", middle_name="", given_name="Thị").full_name == "Lò Thị"


def test_future_date_of_birth_is_refused(world):
    person = PersonFactory.build(
        agency=world.agency, date_of_birth=timezone.localdate() + dt.timedelta(days=1)
    )
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert list(error.value.message_dict) == ["date_of_birth"]


def test_staff_code_is_unique_in_the_agency(world):
    with pytest.raises(ValidationError) as error:
        PersonFactory.build(agency=world.agency, staff_code=world.office_person.staff_code).full_clean()
    assert "__all__" in error.value.message_dict
    PersonFactory.build(agency=world.other_agency, staff_code=world.office_person.staff_code).full_clean()


@pytest.mark.parametrize("model", [Assignment, Discipline])
def test_end_before_start_is_refused_on_the_end_date(world, model):
    fields = {
        "person": world.office_person,
        "start_date": dt.date(2020, 1, 2),
        "end_date": dt.date(2020, 1, 1),
    }
    fields |= {"unit": world.office} if model is Assignment else {"form": DisciplineForm.REPRIMAND}
    with pytest.raises(ValidationError) as error:
        model(**fields).full_clean()
    assert list(error.value.message_dict) == ["end_date"]
    model(**(fields | {"end_date": dt.date(2020, 1, 2)})).full_clean()


@pytest.mark.parametrize("model", [Assignment, Discipline])
def test_end_before_start_is_refused_by_the_database(world, model):
    fields = {
        "person": world.office_person,
        "start_date": dt.date(2020, 1, 2),
        "end_date": dt.date(2020, 1, 1),
    }
    fields |= {"unit": world.office} if model is Assignment else {"form": DisciplineForm.REPRIMAND}
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(**fields)


def test_one_rating_per_person_and_year(world):
    QualityRating.objects.create(person=world.office_person, year=2024, rating=Rating.GOOD)
    with pytest.raises(ValidationError):
        QualityRating(person=world.office_person, year=2024, rating=Rating.EXCELLENT).full_clean()
    QualityRating(person=world.office_person, year=2025, rating=Rating.EXCELLENT).full_clean()


def test_current_assignments_by_date(world):
    person = world.office_person
    AssignmentFactory(
        person=person, unit=world.division, start_date=dt.date(2010, 1, 1), end_date=dt.date(2016, 12, 31)
    )
    AssignmentFactory(person=person, unit=world.team, start_date=dt.date(2099, 1, 1))
    assert [a.unit for a in person.assignments.current()] == [world.office]
    assert [a.unit for a in person.assignments.current(dt.date(2016, 12, 31))] == [world.division]
    assert [a.unit for a in person.assignments.current(dt.date(2099, 1, 1))] == [world.team, world.office]


def test_in_units_counts_only_current_assignments(world):
    AssignmentFactory(
        person=world.other_person,
        unit=world.division,
        start_date=dt.date(2010, 1, 1),
        end_date=dt.date(2011, 1, 1),
    )
    assert set(Person.objects.in_units({world.division.pk, world.team.pk})) == {
        world.division_person,
        world.team_person,
    }
    assert set(Person.objects.in_units({world.division.pk}, on=dt.date(2010, 6, 1))) == {world.other_person}


def test_current_assignment_prefers_the_primary_post(world, django_assert_num_queries):
    AssignmentFactory(
        person=world.office_person, unit=world.team, is_primary=False, start_date=dt.date(2010, 1, 1)
    )
    assert world.office_person.current_assignment.unit == world.office
    people = list(Person.objects.filter(agency=world.agency).with_current_assignments())
    with django_assert_num_queries(0):
        assert {p.current_assignment.unit for p in people} == {world.office, world.division, world.team}
    assert PersonFactory(agency=world.agency).current_assignment is None


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("huong", {"team_person"}),
        ("Hương", {"team_person"}),
        ("đặng", {"team_person"}),
        ("DANG HUONG", {"team_person"}),
        ("thi", {"office_person", "team_person"}),
        ("van nam", {"other_person"}),
        ("", None),
        ("xyz", set()),
    ],
)
def test_search_is_accent_insensitive(world, query, found):
    everyone = {"office_person", "division_person", "team_person", "other_person"}
    expected = {getattr(world, name) for name in (everyone if found is None else found)}
    assert set(Person.objects.search(query)) == expected


def test_alphabetical_orders_by_given_name_then_family_name(db):
    unit = UnitFactory()
    names = [
        ("Nguyễn", "Văn", "An"),
        ("Phạm", "Văn", "An"),
        ("Lê", "", "Ánh"),
        ("Trần", "", "Ân"),
        ("Võ", "", "Ba"),
        ("Lý", "", "Dũng"),
        ("Hồ", "", "Đức"),
        ("Đỗ", "", "Hà"),
    ]
    for family, middle, given in reversed(names):
        PersonFactory(agency=unit.agency, family_name=family, middle_name=middle, given_name=given)
    found = [(p.family_name, p.middle_name, p.given_name) for p in Person.objects.alphabetical()]
    assert found == names
    assert [p.full_name for p in Person.objects.all()] == [" ".join(filter(None, n)) for n in names]


def test_str_of_history_records(world):
    assignment = world.office_person.assignments.get()
    assert str(assignment) == "Trần Thị Lan — Chuyên viên Văn phòng"
    rating = QualityRating(person=world.office_person, year=2024, rating=Rating.GOOD)
    assert str(rating).startswith("Trần Thị Lan 2024: ")
    discipline = Discipline(
        person=world.office_person, form=DisciplineForm.WARNING, start_date=dt.date(2024, 1, 1)
    )
    assert str(discipline).startswith("Trần Thị Lan: ")


# --- matters under review and leave ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "start", "end", "extra"),
    [
        (Proceeding, "opened_on", "closed_on", {"kind": ProceedingKind.COMPLAINT}),
        (Leave, "start", "end", {"kind": LeaveKind.MATERNITY}),
    ],
)
def test_a_matter_or_leave_ending_before_it_starts_is_refused_on_its_end(world, model, start, end, extra):
    fields = {"person": world.office_person, start: dt.date(2025, 3, 2), end: dt.date(2025, 3, 1), **extra}
    with pytest.raises(ValidationError) as error:
        model(**fields).full_clean()
    assert list(error.value.error_dict) == [end]
    assert error.value.error_dict[end][0].code == "period"
    with translation.override("vi"):
        assert "ngày" in error.value.message_dict[end][0].lower()
    model(**(fields | {end: dt.date(2025, 3, 2)})).full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(**fields)
    assert not model.objects.exists()


def test_a_leave_needs_its_end_and_a_matter_may_stay_open(world):
    with pytest.raises(ValidationError) as error:
        Leave(person=world.office_person, start=dt.date(2025, 1, 1)).full_clean()
    assert list(error.value.message_dict) == ["end"]
    Proceeding(
        person=world.office_person, kind=ProceedingKind.DISCIPLINE, opened_on=dt.date(2025, 1, 1)
    ).full_clean()


def test_open_matters_on_a_day(world):
    person = world.office_person
    running = Proceeding.objects.create(person=person, kind="discipline", opened_on=dt.date(2025, 1, 1))
    closed = Proceeding.objects.create(
        person=person, kind="inspection", opened_on=dt.date(2024, 1, 1), closed_on=dt.date(2024, 6, 1)
    )
    assert list(Proceeding.objects.open_on(dt.date(2025, 1, 1))) == [running]
    assert list(Proceeding.objects.open_on(dt.date(2024, 5, 31))) == [closed]
    assert list(Proceeding.objects.open_on(dt.date(2024, 6, 1))) == []
    assert (running.is_open(), closed.is_open(), running.is_open(dt.date(2024, 12, 31))) == (
        True,
        False,
        False,
    )
    assert list(person.proceedings.all()) == [running, closed]  # latest first


def test_matter_texts_are_normalised(world):
    proceeding = Proceeding.objects.create(
        person=world.office_person,
        kind="complaint",
        opened_on=dt.date(2025, 1, 1),
        note=NFD("Đơn tố cáo"),
        outcome=NFD("Không vi phạm"),
    )
    proceeding.refresh_from_db()
    assert (proceeding.note, proceeding.outcome) == ("Đơn tố cáo", "Không vi phạm")
