"""Reward money: coefficient × base salary on the decision date, rounded up to 10.000 đồng by default —
checked against the worked amounts of law.md §5.3."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from awards.models import Award, AwardRule
from awards.money import Payment, Rounding, payable, reward_amount, round_amount

pytestmark = pytest.mark.django_db
D = dt.date
CODES = {
    "0.3": "lao-dong-tien-tien",
    "0.8": "tap-the-lao-dong-tien-tien",
    "1.0": "chien-si-thi-dua-co-so",
    "1.5": "tap-the-lao-dong-xuat-sac",
    "3.0": "chien-si-thi-dua-tinh",
    "8.0": "co-thi-dua-tinh",
}
# law.md §5.3 (coefficient: base 1.490.000 · 2.340.000 · 2.530.000), rounded up
WORKED = {
    "0.3": (450_000, 710_000, 760_000),
    "0.8": (1_200_000, 1_880_000, 2_030_000),
    "1.0": (1_490_000, 2_340_000, 2_530_000),
    "1.5": (2_240_000, 3_510_000, 3_800_000),
    "3.0": (4_470_000, 7_020_000, 7_590_000),
    "8.0": (11_920_000, 18_720_000, 20_240_000),
}
DECISIONS = (D(2022, 1, 20), D(2025, 1, 15), D(2026, 11, 24))  # one day under each base salary


@pytest.mark.parametrize("coefficient", sorted(WORKED))
def test_worked_amounts_of_the_reference(coefficient):
    rule = AwardRule.objects.get(rule_set__code="2017", award__code=CODES[coefficient])
    amounts = tuple(reward_amount(rule, day).amount for day in DECISIONS)
    assert amounts == WORKED[coefficient]


def test_the_amount_names_its_parts():
    rule = AwardRule.objects.get(rule_set__code="2025-07", award__code="lao-dong-tien-tien")
    amount = reward_amount(rule, D(2026, 11, 24))
    assert (amount.coefficient, amount.base_salary, amount.amount) == (Decimal("0.30"), 2_530_000, 760_000)
    assert "152/2025" in amount.citation
    assert amount.in_words == "Bảy trăm sáu mươi nghìn đồng"


@pytest.mark.parametrize(
    ("value", "mode", "expected"),
    [
        ("447000", Rounding.UP, 450_000), ("447000", Rounding.NEAREST, 450_000),
        ("447000", Rounding.DOWN, 440_000), ("223500", Rounding.UP, 230_000),
        ("223500", Rounding.NEAREST, 220_000), ("1490000", Rounding.UP, 1_490_000),
        ("834000", Rounding.UP, 840_000), ("447000", Rounding.NONE, 447_000),
        ("1404000", Rounding.DOWN, 1_400_000),
    ],
)  # fmt: skip
def test_rounding_modes(value, mode, expected):
    """834.000 → 840.000: the Central Board's 2018 answer only fits rounding up (law.md §11.5)."""
    assert round_amount(Decimal(value), mode) == expected


def test_no_amount_before_the_first_base_salary():
    rule = AwardRule.objects.get(rule_set__code="2017", award__code="lao-dong-tien-tien")
    assert reward_amount(rule, D(2010, 1, 1)) is None


@given(
    coefficient=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("20"), places=2),
    base=st.integers(min_value=1_000_000, max_value=10_000_000),
    mode=st.sampled_from([Rounding.UP, Rounding.NEAREST, Rounding.DOWN]),
)
def test_rounded_amounts_are_multiples_of_ten_thousand_and_within_one_step(coefficient, base, mode):
    exact = coefficient * base
    amount = round_amount(exact, mode)
    assert amount % 10_000 == 0
    assert abs(amount - exact) < 10_000
    if mode == Rounding.UP:
        assert amount >= exact


def payment(code: str, period: str, amount: int):
    return Payment(Award.objects.get(code=code), period, amount)


def test_several_titles_of_one_period_pay_only_the_highest():
    """law.md §5.1 item 4 (NĐ 152/2025 Art. 49): same period → the highest title's money only."""
    paid = payable(
        [payment("lao-dong-tien-tien", "2025", 760_000), payment("chien-si-thi-dua-co-so", "2025", 2_530_000)]
    )
    assert [(p.award.code, p.paid) for p in paid] == [
        ("lao-dong-tien-tien", False),
        ("chien-si-thi-dua-co-so", True),
    ]
    assert "cao nhất" in paid[0].reason


def test_titles_of_different_periods_and_forms_are_each_paid():
    """law.md §5.1 items 4–6: different periods → each; forms → each; a title and a form → both."""
    items = [
        payment("chien-si-thi-dua-co-so", "2025", 2_530_000),
        payment("chien-si-thi-dua-tinh", "2023–2025", 7_590_000),
        payment("giay-khen", "2025", 760_000),
        payment("bang-khen-tinh", "2025", 3_800_000),
    ]
    assert all(p.paid for p in payable(items))
    assert sum(p.amount for p in payable(items) if p.paid) == 14_680_000
