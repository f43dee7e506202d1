"""Reward money: the coefficient of the rule set × the base salary in force on the decision date, rounded as
the agency's setting says (NĐ 152/2025 Điều 49 khoản 1–2; NĐ 91/2017 Điều 68 khoản 2: "làm tròn số lên hàng
chục nghìn đồng" — read as rounding up, law.md §11.5, status R; hence a setting, default up).
"""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from lib.vnmoney import in_words

from .models import AwardRule, BaseSalary

STEP = 10_000  # hàng chục nghìn đồng


class Rounding(models.TextChoices):
    UP = "up", _("Up to the next 10.000 đồng (default)")
    NEAREST = "nearest", _("To the nearest 10.000 đồng")
    DOWN = "down", _("Down to 10.000 đồng")
    NONE = "none", _("Not rounded")


_MODES = {Rounding.UP: ROUND_CEILING, Rounding.NEAREST: ROUND_HALF_UP, Rounding.DOWN: ROUND_FLOOR}


@dataclass(frozen=True)
class Amount:
    coefficient: Decimal
    base_salary: int
    amount: int
    citation: str

    @property
    def in_words(self) -> str:
        return in_words(self.amount)


def base_salary_on(day: dt.date) -> BaseSalary | None:
    return BaseSalary.objects.filter(effective_from__lte=day).order_by("-effective_from").first()


def round_amount(value: Decimal, rounding: str = Rounding.UP) -> int:
    if rounding == Rounding.NONE:
        return int(value.to_integral_value(ROUND_HALF_UP))
    steps = (value / STEP).to_integral_value(_MODES[rounding])
    return int(steps * STEP)


def amount_for(rule: AwardRule, base_salary: int, rounding: str = Rounding.UP) -> Amount:
    value = rule.coefficient * base_salary
    return Amount(rule.coefficient, base_salary, round_amount(value, rounding), rule.coefficient_citation)


def reward_amount(rule: AwardRule, decision_date: dt.date, rounding: str = Rounding.UP) -> Amount | None:
    """The money of one award under `rule` decided on `decision_date`; None before the first base salary."""
    base = base_salary_on(decision_date)
    return amount_for(rule, base.amount, rounding) if base else None


@dataclass(frozen=True)
class Payment:
    award: object  # awards.models.Award
    period: str  # the achievement period the award rewards, e.g. "2025"
    amount: int
    paid: bool = True
    reason: str = ""


def payable(items: list[Payment]) -> list[Payment]:
    """Which of several awards given at the same time are paid (NĐ 152/2025 Điều 49 khoản 4–6, law.md §5.1):
    several titles for the same period — only the highest title's money; titles of different periods, and
    every reward form, are each paid; a title and a form are both paid."""
    best = {}
    for item in items:
        if item.award.kind == "title" and item.amount > best.get(item.period, (-1, None))[0]:
            best[item.period] = (item.amount, item)
    result = []
    for item in items:
        kept = best.get(item.period, (0, None))[1]
        if item.award.kind == "title" and kept is not item:
            reason = (
                f"Cùng thời gian thành tích với “{kept.award.name}”: chỉ nhận tiền thưởng danh hiệu cao nhất."
            )
            result.append(Payment(item.award, item.period, item.amount, paid=False, reason=reason))
        else:
            result.append(item)
    return result


def reprice_records(apps=None, *, rule_set: str, award: str, old, new) -> int:
    """After a correction of `award`'s coefficient in `rule_set` from `old` to `new` (a data migration), the
    ledger rows of the achievement years the rule set governs whose amount is the one `old` gave — old ×
    the base salary on the decision date, rounded as the row's agency rounds — get the amount `new` gives.
    A row with another amount (typed from a decision that paid otherwise, or none) stays as it is.
    Returns how many rows changed. `apps` inside a migration."""
    get = apps.get_model if apps else _model
    RuleSet, AwardRecord = get("awards", "RuleSet"), get("awards", "AwardRecord")
    found = RuleSet.objects.filter(code=rule_set).first()
    if found is None:
        return 0
    records = AwardRecord.objects.filter(award__code=award, year__gte=found.first_year)
    if found.last_year is not None:
        records = records.filter(year__lte=found.last_year)
    salaries = list(
        get("awards", "BaseSalary").objects.order_by("effective_from").values_list("effective_from", "amount")
    )
    default = (
        get("awards", "Setting").objects.filter(code="rounding").values_list("default", flat=True).first()
    )
    own = dict(
        get("awards", "AgencySetting")
        .objects.filter(setting__code="rounding")
        .values_list("agency_id", "value")
    )
    changed = []
    for record in records:
        base = next((amount for day, amount in reversed(salaries) if day <= record.decided_on), None)
        rounding = own.get(record.agency_id, default or Rounding.UP)
        if base is not None and record.amount == round_amount(Decimal(old) * base, rounding):
            record.amount = round_amount(Decimal(new) * base, rounding)
            changed.append(record)
    AwardRecord.objects.bulk_update(changed, ["amount"])
    return len(changed)


def _model(app_label: str, name: str):
    from django.apps import apps

    return apps.get_model(app_label, name)
