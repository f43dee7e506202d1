"""The law as data: which rule set governs an achievement year or a day, and the base salary by date."""

import datetime as dt
from decimal import Decimal

import pytest

from awards.catalogue import ENTRIES
from awards.law import BASE_SALARIES, RULE_SETS, ensure_law
from awards.models import AwardRule, BaseSalary, RuleSet
from awards.money import base_salary_on

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.mark.parametrize(
    ("year", "code"),
    [(2017, "2017"), (2021, "2017"), (2023, "2017"), (2024, "2024"), (2025, "2025-07"), (2026, "2026-10"),
     (2031, "2026-10")],
)  # fmt: skip
def test_an_achievement_year_is_judged_under_the_rule_set_covering_it(year, code):
    assert RuleSet.objects.for_year(year).code == code


def test_no_rule_set_before_2017():
    assert RuleSet.objects.for_year(2016) is None
    assert RuleSet.objects.in_force_on(D(2017, 9, 30)) is None


@pytest.mark.parametrize(
    ("day", "code"),
    [(D(2022, 1, 20), "2017"), (D(2024, 1, 1), "2024"), (D(2025, 6, 30), "2024"), (D(2025, 7, 1), "2025-07"),
     (D(2026, 9, 30), "2025-07"), (D(2026, 10, 1), "2026-10")],
)  # fmt: skip
def test_the_rule_set_in_force_on_a_day(day, code):
    assert RuleSet.objects.in_force_on(day).code == code


@pytest.mark.parametrize(
    ("day", "amount"),
    [(D(2022, 1, 20), 1_490_000), (D(2023, 6, 30), 1_490_000), (D(2023, 7, 1), 1_800_000),
     (D(2024, 7, 1), 2_340_000), (D(2026, 6, 30), 2_340_000), (D(2026, 7, 1), 2_530_000),
     (D(2026, 11, 24), 2_530_000)],
)  # fmt: skip
def test_base_salary_in_force_on_the_decision_date(day, amount):
    """law.md §1.3: ND 38/2019 (V2), ND 24/2023 (V2), ND 73/2024 (V2), ND 161/2026 (V1)."""
    assert base_salary_on(day).amount == amount


def test_every_rule_set_prices_every_award_and_cites_its_basis():
    assert AwardRule.objects.count() == len(RULE_SETS) * len(ENTRIES)
    for rule in AwardRule.objects.select_related("rule_set"):
        assert "Nghị định" in rule.coefficient_citation
        assert rule.source_status in {"V1", "V2", "R", "U"} and rule.council_status in {"V1", "V2", "R", "U"}
        assert rule.council_citation


def test_the_2021_rules_have_no_national_threshold_for_grassroots_fighters():
    """ND 91/2017 Art. 45 cl.8 sets 90 % for provincial and national fighters only (law.md §4)."""
    rules = {r.award.code: r for r in AwardRule.objects.filter(rule_set__code="2017").select_related("award")}
    assert str(rules["chien-si-thi-dua-tinh"].council_threshold) == "0.90"
    assert rules["chien-si-thi-dua-co-so"].council_threshold is None
    later = AwardRule.objects.get(rule_set__code="2024", award__code="chien-si-thi-dua-co-so")
    assert str(later.council_threshold) == "0.80"


def test_loading_again_changes_nothing_and_restores_an_edited_row():
    AwardRule.objects.filter(rule_set__code="2024", award__code="lao-dong-tien-tien").update(coefficient=9)
    ensure_law()
    ensure_law()
    assert AwardRule.objects.get(
        rule_set__code="2024", award__code="lao-dong-tien-tien"
    ).coefficient == Decimal("0.3")
    assert BaseSalary.objects.count() == len(BASE_SALARIES)
    assert RuleSet.objects.count() == len(RULE_SETS)
