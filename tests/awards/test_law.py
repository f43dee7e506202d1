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


# --- corrections of law-nominations.md §10 (migrations 0010 and 0011) ---------------------------------------


def rule(rule_set: str, award: str) -> AwardRule:
    return AwardRule.objects.get(rule_set__code=rule_set, award__code=award)


@pytest.mark.parametrize(
    ("rule_set", "award", "coefficient", "citation", "status"),
    [
        ("2017", "bang-khen-tinh", "1.00", "Nghị định 91/2017/NĐ-CP, Điều 69–73", "V2"),
        ("2024", "bang-khen-tinh", "1.50", "Nghị định 98/2023/NĐ-CP, Điều 58 khoản 1 điểm b", "V1"),
        ("2024", "bang-khen-tinh-tap-the", "3.00", "Nghị định 98/2023/NĐ-CP, Điều 58 khoản 2 điểm a", "V1"),
        ("2025-07", "bang-khen-tinh", "1.50", "Nghị định 152/2025/NĐ-CP, Điều 50 và Điều 54 khoản 1", "V2"),
        ("2024", "giay-khen", "0.30", "Nghị định 98/2023/NĐ-CP, Điều 58 khoản 1 điểm e", "V1"),
        ("2024", "giay-khen-tap-the", "0.60", "Nghị định 98/2023/NĐ-CP, Điều 58 khoản 2 điểm c", "V1"),
        ("2024", "lao-dong-tien-tien", "0.30", "Nghị định 98/2023/NĐ-CP, Điều 54 khoản 1 điểm d", "V1"),
        ("2024", "co-thi-dua-tinh", "8.00", "Nghị định 98/2023/NĐ-CP, Điều 54 khoản 2 điểm e", "V1"),
        ("2024", "bang-khen-thu-tuong", "3.50", "Nghị định 98/2023/NĐ-CP, Điều 54–58", "R"),
    ],
)  # fmt: skip
def test_the_coefficients_read_in_nd_98_carry_their_article(rule_set, award, coefficient, citation, status):
    """The provincial chairman's Bằng khen is 1,5 / 3,0 from 01/01/2024 (NĐ 98/2023 Điều 58, V1), Giấy khen
    0,3 / 0,6 (V1); a coefficient not read keeps the rule set's citation (law-nominations.md §6.2, §10)."""
    found = rule(rule_set, award)
    assert (str(found.coefficient), found.coefficient_citation, found.source_status) == (
        coefficient,
        citation,
        status,
    )


def test_the_council_thresholds_of_2017_and_2024_are_read_in_full():
    """ND 91/2017 Art. 45 cl.8 (secret ballot), ND 98/2023 Art. 30 cl.7 (ballot): V1, law-nominations §2.4"""
    old, new = rule("2017", "chien-si-thi-dua-tinh"), rule("2024", "chien-si-thi-dua-co-so")
    assert (old.council_citation, old.council_status) == (
        "Nghị định 91/2017/NĐ-CP, Điều 45 khoản 8 (bỏ phiếu kín)",
        "V1",
    )
    assert (new.council_citation, new.council_status) == (
        "Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7 (bỏ phiếu)",
        "V1",
    )
    assert rule("2024", "lao-dong-tien-tien").council_status == "R"  # a simple majority: the council's rules


def test_tt_01_2024_dates_and_its_six_months_are_read_in_full():
    rule_set = RuleSet.objects.get(code="2024")
    assert "Thông tư 01/2024/TT-BNV (ký ngày 24/02/2024, hiệu lực từ 15/04/2024)" in rule_set.instruments
    service = rule("2024", "lao-dong-tien-tien").criteria.get(code="service-months")
    assert (service.params, service.source_status) == ({"months": 6}, "V1")
