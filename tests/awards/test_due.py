"""Who is due, complete: collectives judged on their own annual rating (people.UnitQualityRating) and their
members; "one step away" naming the step; next year as a forecast."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from awards import domain as awards
from awards.checks import describe_criterion
from awards.due import who_is_due
from awards.models import Award
from awards.subjects import people_facts, unit_facts
from people import domain as people
from people.models import QualityRating, Rating
from tests.awards.records import decision_document
from tests.factories import UnitFactory, staff_in

pytestmark = pytest.mark.django_db
D = dt.date
THIS_YEAR = timezone.localdate().year
LDTT, CSTD, CSTD_TINH = "lao-dong-tien-tien", "chien-si-thi-dua-co-so", "chien-si-thi-dua-tinh"
TTLDTT, TTLDXS, BK_TAP_THE = (
    "tap-the-lao-dong-tien-tien",
    "tap-the-lao-dong-xuat-sac",
    "bang-khen-tinh-tap-the",
)


def rate(person, year: int, rating=Rating.GOOD):
    QualityRating.objects.create(person=person, year=year, rating=rating)


def rate_unit(unit, year: int, rating=Rating.GOOD):
    return people.record_unit_rating(actor=None, unit=unit, year=year, rating=rating)


def group(dues, code: str, name: str) -> list:
    due = next((d for d in dues if d.award.code == code), None)
    return [row.subject for row in getattr(due, name)] if due else []


def row_of(dues, code: str, name: str, subject):
    due = next(d for d in dues if d.award.code == code)
    return next(row for row in getattr(due, name) if row.subject == subject)


# --- collectives judged on their own rating -----------------------------------------------------------------


def test_a_collective_is_eligible_once_its_own_rating_is_recorded(world, engine):
    rate(world.division_person, 2025)

    before = who_is_due(agency=world.agency, year=2025, engine=engine)
    rate_unit(world.division, 2025, Rating.GOOD)
    after = who_is_due(agency=world.agency, year=2025, engine=engine)

    assert world.division in group(before, TTLDTT, "one_step")  # it only misses its rating …
    (missing,) = row_of(before, TTLDTT, "one_step", world.division).missing
    assert missing.code == "rating-at-least"
    assert missing.criterion == describe_criterion("rating-at-least", {"rating": "HTTNV"})
    assert missing.message.startswith("Tập thể chưa có kết quả xếp loại chất lượng năm 2025")
    assert group(after, TTLDTT, "eligible") == [world.division]  # … and is eligible with it
    checks = row_of(after, TTLDTT, "eligible", world.division).verdict.checks
    rating = next(c for c in checks if c.code == "rating-at-least")
    assert "Tập thể xếp loại năm 2025: hoàn thành tốt nhiệm vụ — đạt" in rating.message
    assert world.division in group(after, "giay-khen-tap-the", "eligible")


def test_a_low_collective_rating_cannot_be_made_up(world, engine):
    rate(world.division_person, 2025)
    rate_unit(world.division, 2025, Rating.COMPLETED)

    dues = who_is_due(agency=world.agency, year=2025, engine=engine)

    assert world.division not in group(dues, TTLDTT, "eligible") + group(dues, TTLDTT, "one_step")


def test_an_excellent_collective_with_an_excellent_member_is_an_excellent_labour_collective(world, engine):
    rate(world.division_person, 2025, Rating.EXCELLENT)  # LĐTT and, rated excellent, CSTĐCS
    rate_unit(world.division, 2025, Rating.EXCELLENT)
    rate(world.office_person, 2025, Rating.EXCELLENT)
    rate_unit(world.office, 2025, Rating.GOOD)

    dues = who_is_due(agency=world.agency, year=2025, engine=engine)

    assert group(dues, TTLDXS, "eligible") == [world.division]
    assert set(group(dues, TTLDTT, "eligible")) == {world.office, world.division}


def test_a_unit_carries_the_ratings_of_the_units_it_continued(world, engine):
    """Bằng khen tập thể: two years running "hoàn thành xuất sắc", across a reorganisation of the unit."""
    new = UnitFactory(agency=world.agency, name="Phòng Mới", valid_from=D(2025, 1, 1))
    old = UnitFactory(agency=world.agency, name="Phòng Cũ", valid_to=D(2024, 12, 31), successor=new)
    member = staff_in(new, given_name="Xuân")
    rate(member, 2025, Rating.EXCELLENT)
    rate_unit(old, 2024, Rating.EXCELLENT)
    rate_unit(new, 2025, Rating.EXCELLENT)

    dues = who_is_due(agency=world.agency, year=2025, engine=engine)
    facts = unit_facts({new.pk: [member.pk]}, people_facts([member.pk], 2025), {}, 2025)

    assert new in group(dues, BK_TAP_THE, "eligible")
    assert facts[new.pk].ratings == {2024: "HTXSNV", 2025: "HTXSNV"}


def test_a_units_own_rating_wins_over_the_one_it_continued(world):
    new = UnitFactory(agency=world.agency, valid_from=D(2020, 1, 1))
    UnitFactory(agency=world.agency, valid_to=D(2020, 12, 31), successor=new)
    old = new.predecessors.get()
    rate_unit(old, 2020, Rating.EXCELLENT)
    rate_unit(new, 2020, Rating.COMPLETED)

    facts = unit_facts({new.pk: []}, {}, {}, 2020)

    assert facts[new.pk].ratings == {2020: "HTNV"}


def test_the_collectives_titles_in_the_ledger_are_read(world, engine):
    rate(world.division_person, 2025)
    rate_unit(world.division, 2025)
    awards.record_award(
        actor=None,
        agency=world.agency,
        award=Award.objects.get(code=TTLDTT),
        year=2025,
        decision=decision_document(world.agency, 5, D(2026, 1, 20)),
        decided_on=D(2026, 1, 20),
        unit=world.division,
    )

    dues = who_is_due(agency=world.agency, year=2025, engine=engine)

    assert world.division not in group(dues, TTLDTT, "eligible")  # each achievement is rewarded once


def test_members_already_awarded_their_title_count_for_the_collective(world, engine):
    """Once the Director has awarded the members' Lao động tiên tiến of the year, they still count."""
    rate(world.division_person, 2025)
    rate_unit(world.division, 2025)
    awards.record_award(
        actor=None,
        agency=world.agency,
        award=Award.objects.get(code=LDTT),
        year=2025,
        decision=decision_document(world.agency, 3, D(2026, 1, 20)),
        decided_on=D(2026, 1, 20),
        person=world.division_person,
    )

    dues = who_is_due(agency=world.agency, year=2025, engine=engine)

    assert world.division_person not in group(dues, LDTT, "eligible")  # awarded: not proposed again …
    assert group(dues, TTLDTT, "eligible") == [world.division]  # … but a Lao động tiên tiến of the unit


@pytest.mark.parametrize("count", [1, 3])
def test_unit_facts_cost_three_queries_whatever_the_units(world, django_assert_num_queries, count):
    units = [UnitFactory(agency=world.agency) for _ in range(count)]
    for unit in units:
        rate_unit(unit, 2024)

    with django_assert_num_queries(3):  # ratings, ledger, the units they continued (none)
        facts = unit_facts({unit.pk: [] for unit in units}, {}, {}, 2024)

    assert [facts[unit.pk].ratings for unit in units] == [{2024: "HTTNV"}] * count


# --- the current year and the forecast: what may still come -------------------------------------------------


def test_this_years_collective_waits_for_its_rating_and_its_members(world, engine):
    dues = who_is_due(agency=world.agency, year=THIS_YEAR, engine=engine)

    row = row_of(dues, TTLDTT, "one_step", world.division)
    assert {check.code for check in row.missing} == {"rating-at-least", "members-share"}
    facts = unit_facts(
        {world.division.pk: [world.division_person.pk]},
        people_facts([world.division_person.pk], THIS_YEAR),
        {},
        THIS_YEAR,
    )
    assert (facts[world.division.pk].members.rated, facts[world.division.pk].members.unrated) == (0, 1)


def test_members_already_rated_too_low_close_the_step(world, engine):
    rate(world.division_person, THIS_YEAR, Rating.NOT_COMPLETED)

    dues = who_is_due(agency=world.agency, year=THIS_YEAR, engine=engine)

    assert world.division not in group(dues, TTLDTT, "one_step")


def test_next_year_is_a_forecast_counting_on_this_years_titles(world, engine):
    person = world.division_person
    awards.record_award(
        actor=None,
        agency=world.agency,
        award=Award.objects.get(code=CSTD),
        year=THIS_YEAR - 1,
        decision=decision_document(world.agency, 7, D(THIS_YEAR, 1, 20)),
        decided_on=D(THIS_YEAR, 1, 20),
        person=person,
    )

    dues = who_is_due(agency=world.agency, year=THIS_YEAR + 1, engine=engine)

    assert not group(dues, LDTT, "eligible")  # nobody is rated for a year not begun …
    assert set(group(dues, LDTT, "one_step")) >= {person, world.office_person}  # … everyone may be
    assert group(dues, CSTD_TINH, "one_step") == [person]  # this year's title may still come
    assert world.division in group(dues, TTLDTT, "one_step")


# --- the screen ---------------------------------------------------------------------------------------------


def test_next_year_is_offered_and_said_to_be_a_forecast(world, login):
    response = login(world.secretariat).get(reverse("awards:due"), {"year": THIS_YEAR + 1})

    assert response.context["forecast"] is True
    html = response.content.decode()
    assert 'data-testid="forecast"' in html
    assert f"Dự báo ai sẽ đến hạn khen thưởng cho thành tích năm {THIS_YEAR + 1}" in html
    assert f'max="{THIS_YEAR + 1}"' in html
    assert f"award={TTLDTT}&amp;group=one_step" in html  # the division may be, once its year is rated


def test_this_year_is_no_forecast(world, login):
    response = login(world.secretariat).get(reverse("awards:due"), {"year": THIS_YEAR})

    assert response.context["forecast"] is False
    assert 'data-testid="forecast"' not in response.content.decode()


def test_one_step_away_names_the_step(world, login):
    rate(world.division_person, 2025)

    response = login(world.secretariat).get(
        reverse("awards:due"), {"year": 2025, "award": TTLDTT, "group": "one_step"}
    )

    html = response.content.decode()
    table = html[html.index(f'data-testid="one_step-{TTLDTT}"') :]
    table = table[: table.index("</table>")]
    words = describe_criterion("rating-at-least", {"rating": "HTTNV"})
    assert f'<strong data-testid="missing-criterion">{words}.</strong>' in table
    assert "Tập thể chưa có kết quả xếp loại chất lượng năm 2025" in table
    assert reverse("organisations:detail", args=[world.division.pk]) in table  # the collective is a link
