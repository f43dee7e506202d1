"""The demo's collectives: their annual ratings for the rated years, so that "who is due" lists collectives —
eligible for the last rated year, one step away (their rating and their members' still to come) this year but
for the few units of the nominations round, rated with their people before proposing."""

import datetime as dt

import pytest
from django.utils import timezone

from awards.due import who_is_due
from demo import data
from demo.nominations import ROUND_UNITS
from organisations.models import Unit
from people.models import Assignment, QualityRating, UnitQualityRating
from tests.demo.helpers import agency

pytestmark = pytest.mark.django_db
TTLDTT, TTLDXS = "tap-the-lao-dong-tien-tien", "tap-the-lao-dong-xuat-sac"


def due(agency_key: str, year: int) -> dict:
    return {d.award.code: d for d in who_is_due(agency=agency(agency_key), year=year)}


def test_every_staffed_unit_in_force_at_the_years_end_is_rated(demo):
    for year in (data.FIRST_RATED_YEAR, 2021, data.LAST_RATED_YEAR):
        last = dt.date(year, 12, 31)
        staffed = set(
            Assignment.objects.filter(start_date__lte=last)
            .exclude(end_date__lt=dt.date(year, 1, 1))
            .values_list("unit_id", flat=True)
        )
        expected = {u.pk for u in Unit.objects.filter(pk__in=staffed) if u.is_active(last)}
        rated = set(UnitQualityRating.objects.filter(year=year).values_list("unit_id", flat=True))
        assert rated == expected and rated, year
    later = UnitQualityRating.objects.filter(year__gt=data.LAST_RATED_YEAR).select_related("unit__agency")
    assert {(r.year, r.unit.agency.code, r.unit.symbol) for r in later} == {
        (timezone.localdate().year, "000.00.12.H19", symbol) for symbol in ROUND_UNITS
    }  # this year only the units of the nominations round, by the Sở's rating decision of the year
    assert {r.note for r in later} == set(
        QualityRating.objects.filter(year__gt=data.LAST_RATED_YEAR).values_list("decision", flat=True)
    )
    levels = set(UnitQualityRating.objects.values_list("rating", flat=True))
    assert {"excellent", "good", "completed"} <= levels


def test_collectives_are_due_for_the_last_rated_year(demo):
    result = due("NNMT_CT", data.LAST_RATED_YEAR)

    eligible = result[TTLDTT].eligible
    assert len(eligible) >= 5
    assert {row.subject.agency.code for row in eligible} == {"000.00.12.H19"}  # the city's Sở and its units
    assert result[TTLDXS].eligible, "an excellent unit with a grassroots fighter should be listed"
    for row in eligible:
        rating = UnitQualityRating.objects.get(unit=row.subject, year=data.LAST_RATED_YEAR)
        assert rating.rating in ("good", "excellent")


def test_collectives_are_one_step_away_this_year(demo):
    year = timezone.localdate().year
    result = due("NNMT_CT", year)

    one_step = result[TTLDTT].one_step
    assert len(one_step) >= 5
    for row in one_step:
        assert {check.code for check in row.missing} <= {"rating-at-least", "members-share"}
        assert any("Tập thể chưa có kết quả xếp loại chất lượng" in c.message for c in row.missing)
