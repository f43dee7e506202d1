"""The demo's award ledger and "who is due" for the seed's Department in 2021 and for the current year."""

import pytest
from django.db.models import Count
from django.utils import timezone

from awards.due import who_is_due
from awards.models import AwardRecord
from demo.nominations import ROUND_UNITS
from tests.demo.helpers import agency


def due(agency_key: str, year: int) -> dict:
    return {d.award.code: d for d in who_is_due(agency=agency(agency_key), year=year)}


def test_the_ledger_holds_the_decided_years_only(demo, db):
    years = set(AwardRecord.objects.values_list("year", flat=True))
    assert years == {2017, 2018, 2019, 2020, 2022, 2023, 2024, 2025}  # 2021 and this year stay undecided
    per_year = dict(
        AwardRecord.objects.filter(award__code="lao-dong-tien-tien")
        .values_list("year")
        .annotate(n=Count("id"))
    )
    assert all(n > 100 for n in per_year.values())


def test_every_grassroots_fighter_of_2017_2020_rests_on_an_initiative_of_hers(demo, db):
    """ND 91/2017 Art. 9: an initiative was required; each initiative serves one award of its author."""
    records = AwardRecord.objects.filter(award__code="chien-si-thi-dua-co-so", year__lte=2020)
    assert records.exists()
    for record in records.select_related("initiative_authorship__initiative"):
        record.initiative = record.initiative_authorship.initiative  # the link is the author's (achievements)
        assert record.initiative.authors.filter(person=record.person).exists()
        assert record.initiative.year == record.year


def test_who_is_due_in_2021_for_the_seed_department(demo, db):
    result = due("TNMT", 2021)
    assert len(result["lao-dong-tien-tien"].eligible) > 100
    cstdcs = result["chien-si-thi-dua-co-so"]
    assert cstdcs.eligible and cstdcs.one_step  # with an initiative / still needing one
    assert "15%" in cstdcs.cap
    for row in cstdcs.one_step:
        assert {check.code for check in row.missing} <= {"initiative", "meets"}


def test_who_is_due_this_year_shows_the_provincial_chain(demo, db):
    year = timezone.localdate().year
    result = due("NNMT_CT", year)
    workers = result["lao-dong-tien-tien"]
    assert {row.unit.symbol for row in workers.eligible} == set(ROUND_UNITS)  # rated for the round …
    assert len(workers.one_step) > len(workers.eligible) >= 40  # … most of the Sở still waits for its rating
    for row in workers.one_step:
        if row.unit.symbol not in ROUND_UNITS:
            assert [check.code for check in row.missing] == ["rating-at-least"], row.subject
    provincial = result["chien-si-thi-dua-tinh"].one_step
    assert provincial, "someone with two grassroots fighter titles running should be one step away"
    for row in provincial:
        assert (
            AwardRecord.objects.filter(
                person=row.subject, award__code="chien-si-thi-dua-co-so", year__in=[year - 2, year - 1]
            ).count()
            == 2
        )


pytestmark = pytest.mark.django_db


def test_every_amount_of_the_demo_ledger_is_its_coefficient_times_the_base_salary(demo, db):
    """The demo prices its ledger from the law as data (corrected: law-nominations.md §10): coefficient of
    the rule set governing the achievement year × the base salary on the decision date, rounded up."""
    from awards.eligibility import Engine
    from awards.money import amount_for

    engine = Engine()
    records = AwardRecord.objects.select_related("award")
    assert records.exists()
    for record in records:
        rule = engine.rules[(engine.rule_set_for(record.year).code, record.award.code)]
        expected = amount_for(rule, engine.base_salary_on(record.decided_on)).amount
        assert record.amount == expected, (record.award.code, record.year)
