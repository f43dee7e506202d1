"""The demo's award ledger — every row written by a decision — and "who is due" for the seed's Department in
2021 and for the current year."""

import datetime as dt
from collections import defaultdict

import pytest
from django.db.models import Count
from django.utils import timezone

from activity.models import ActivityLog
from awards.due import who_is_due
from awards.eligibility import Engine
from awards.models import AwardKind, AwardRecord
from awards.money import amount_for
from decisions.models import Decision, Line
from demo.nominations import ROUND_UNITS
from tests.demo.helpers import agency

pytestmark = pytest.mark.django_db
LDTT, CSTD = "lao-dong-tien-tien", "chien-si-thi-dua-co-so"


def due(agency_key: str, year: int) -> dict:
    return {d.award.code: d for d in who_is_due(agency=agency(agency_key), year=year)}


def full_price(engine: Engine, record) -> int:
    """The title's money on its own: its coefficient × the base salary of its decision's day."""
    rule = engine.rules[(engine.rule_set_for(record.year).code, record.award.code)]
    return amount_for(rule, engine.base_salary_on(record.decided_on)).amount


def test_the_ledger_holds_the_decided_years_and_the_2021_story(demo):
    years = set(AwardRecord.objects.values_list("year", flat=True))
    assert years == set(range(2017, 2026))  # this year stays undecided
    per_year = dict(AwardRecord.objects.filter(award__code=LDTT).values_list("year").annotate(n=Count("id")))
    assert all(n > 100 for year, n in per_year.items() if year != 2021)
    seed_year = AwardRecord.objects.filter(year=2021)  # the 2021 round's decisions only (demo.decisions)
    assert set(seed_year.values_list("agency", flat=True)) == {agency("TNMT").pk}
    assert seed_year.count() == Line.objects.filter(decision__year=2021).count() == 12


def test_every_row_comes_from_a_decision_of_its_agency(demo):
    """Each agency's year before thidua is one registered decision of 20 January (an incoming document of
    the agency's register); a row per line, its số sổ vàng the line's position."""
    records = AwardRecord.objects.select_related("decision", "decision_line__decision")
    assert not records.filter(decision__isnull=True).exists()
    for record in records:
        line = record.decision_line
        assert line.decision.document_id == record.decision_id and line.decision.agency_id == record.agency_id
        assert record.certificate_number == line.position
        assert record.amount == (line.amount if line.paid else 0)
    past = Decision.objects.filter(year__lt=2021).select_related("document")
    assert past.count() == 2 * 4  # the two Departments, 2017–2020
    for decision in past:
        document = decision.document
        assert (decision.origin, decision.status, document.direction, document.status) == (
            "registered",
            "issued",
            "incoming",
            "registered",
        )
        assert (
            document.issued_on
            == document.arrival_date
            == decision.decided_on
            == dt.date(decision.year + 1, 1, 20)
        )
        assert (
            document.notation == f"QĐ-{decision.agency.symbol}"
            and document.sender_name == decision.agency.name
        )
        assert decision.awards_count == decision.lines.count() > 0
    logged = ActivityLog.objects.filter(action="decisions.decision.recorded", agency=agency("TNMT"))
    assert {row.created_at.date() for row in logged} >= {dt.date(2018, 1, 20), dt.date(2022, 4, 20)}


def test_one_paid_title_per_person_and_period(demo):
    """A Lao động tiên tiến awarded with the year's Chiến sĩ thi đua cơ sở carries no money; a title decided
    later (the Province's) gets the difference only: the year's titles together never pay more than the
    highest of them (the 73 doubly paid person-years of before are gone)."""
    engine, paid = Engine(), defaultdict(list)
    titles = AwardRecord.objects.filter(person__isnull=False, award__kind=AwardKind.TITLE)
    for record in titles.select_related("award"):
        paid[(record.person_id, record.year)].append(record)
    doubled = 0
    for records in paid.values():
        assert sum(r.amount for r in records) <= max(full_price(engine, r) for r in records)
        same_decision = defaultdict(int)
        for record in records:
            same_decision[record.decision_id] += record.amount > 0
        assert max(same_decision.values()) <= 1
        doubled += len(records) > 1
    assert doubled > 50
    unpaid = Line.objects.filter(award__code=LDTT, paid=False)
    assert unpaid.exists() and all("danh hiệu cao nhất" in line.unpaid_reason for line in unpaid)


def test_every_grassroots_fighter_of_2017_2020_rests_on_an_initiative_of_hers(demo):
    """ND 91/2017 Art. 9: an initiative was required; each initiative serves one award of its author."""
    records = AwardRecord.objects.filter(award__code=CSTD, year__lte=2020)
    assert records.exists()
    for record in records.select_related("initiative_authorship__initiative"):
        record.initiative = record.initiative_authorship.initiative  # the link is the author's (achievements)
        assert record.initiative.authors.filter(person=record.person).exists()
        assert record.initiative.year == record.year


def test_who_is_due_in_2021_for_the_seed_department(demo):
    result = due("TNMT", 2021)
    awarded = AwardRecord.objects.filter(year=2021, award__code=LDTT).count()
    assert len(result[LDTT].eligible) + awarded > 100  # the round's eight awarded are no longer due
    cstdcs = result[CSTD]
    assert cstdcs.eligible and cstdcs.one_step  # with an initiative / still needing one
    assert "15%" in cstdcs.cap
    for row in cstdcs.one_step:
        assert {check.code for check in row.missing} <= {"initiative", "meets"}


def test_who_is_due_this_year_shows_the_provincial_chain(demo):
    year = timezone.localdate().year
    result = due("NNMT_CT", year)
    workers = result[LDTT]
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
                person=row.subject, award__code=CSTD, year__in=[year - 2, year - 1]
            ).count()
            == 2
        )


def test_every_amount_is_its_lines_price_on_the_decisions_day(demo):
    """The demo prices its ledger from the law as data (corrected: law-nominations.md §10): coefficient of
    the rule set governing the achievement year × the base salary on the decision date, rounded up — the
    full price where the title is paid alone."""
    engine = Engine()
    lines = Line.objects.select_related("award", "decision", "record")
    assert lines.exists()
    for line in lines:
        if line.paid and not line.unpaid_reason:
            assert line.amount == full_price(engine, line.record), (line.award.code, line.year)
        assert (
            line.coefficient
            == engine.rules[(engine.rule_set_for(line.year).code, line.award.code)].coefficient
        )
        assert line.decision.base_salary == engine.base_salary_on(line.decision.decided_on)
