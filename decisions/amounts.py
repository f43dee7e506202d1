"""The money of a decision's lines (law.md §5): the coefficient of the rule set governing the achievement
year × the base salary in force on the decision's date, rounded as the agency's setting says (awards.money);
of several titles of one subject for the same period only the highest is paid (NĐ 152/2025 Điều 49 khoản 4;
NĐ 91/2017 Điều 68) — counting what earlier decisions already paid for that period: this line then gets
the difference (nothing when the earlier title was as high)."""

import datetime as dt
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from awards.eligibility import settings_of
from awards.models import AwardKind, AwardRecord, AwardRule, RuleSet
from awards.money import Rounding, amount_for, base_salary_on


def _rule(award, year: int, rules: dict) -> AwardRule:
    key = (award.pk, year)
    if key not in rules:
        rule_set = RuleSet.objects.for_year(year)
        rule = AwardRule.objects.filter(rule_set=rule_set, award=award).first() if rule_set else None
        if rule is None:
            message = _("The law recorded in thidua has no amount for “%(award)s” of %(year)s.")
            raise ValidationError(message % {"award": award.name, "year": year}, code="no_rule")
        rules[key] = rule
    return rules[key]


def base_salary_for(day: dt.date) -> int:
    base = base_salary_on(day)
    if base is None:
        message = _("No base salary is recorded for %(day)s: the amounts cannot be computed.")
        raise ValidationError(message % {"day": day.strftime("%d/%m/%Y")}, code="no_base_salary")
    return base.amount


def _subject(line) -> tuple:
    return ("person", line.person_id) if line.person_id else ("unit", line.unit_id)


def _paid_before(lines, exclude_decision_id) -> dict:
    """(subject, year) → the highest title money the ledger already holds for that period (not revoked)."""
    people = {line.person_id for line in lines if line.person_id}
    units = {line.unit_id for line in lines if not line.person_id}
    years = {line.year for line in lines}
    records = AwardRecord.objects.standing().filter(award__kind=AwardKind.TITLE, year__in=years, amount__gt=0)
    records = records.filter(person_id__in=people) | records.filter(person__isnull=True, unit_id__in=units)
    if exclude_decision_id:
        records = records.exclude(decision_line__decision_id=exclude_decision_id)
    paid = defaultdict(int)
    for person_id, unit_id, year, amount in records.values_list("person_id", "unit_id", "year", "amount"):
        key = (("person", person_id) if person_id else ("unit", unit_id), year)
        paid[key] = max(paid[key], amount)
    return paid


def price_lines(lines, *, agency, day: dt.date, decision_id=None) -> int:
    """Set coefficient, amount, paid and unpaid_reason on each line (unsaved); returns the base salary."""
    base = base_salary_for(day)
    rounding = settings_of(agency).get("rounding", Rounding.UP)
    rules = {}
    for line in lines:
        line.coefficient = _rule(line.award, line.year, rules).coefficient
        line.amount = amount_for(_rule(line.award, line.year, rules), base, rounding).amount
        line.paid, line.unpaid_reason = True, ""
    _highest_title_only(lines, _paid_before(lines, decision_id))
    return base


def _highest_title_only(lines, paid_before: dict) -> None:
    titles = defaultdict(list)
    for line in lines:
        if line.award.kind == AwardKind.TITLE:
            titles[(_subject(line), line.year)].append(line)
    for key, group in titles.items():
        best = max(group, key=lambda line: line.amount)
        for line in group:
            if line is not best:
                line.paid, line.amount = False, 0
                line.unpaid_reason = (
                    f"Cùng thời gian thành tích với danh hiệu “{best.award.name}”: chỉ nhận tiền thưởng "
                    "của danh hiệu cao nhất (Nghị định số 152/2025/NĐ-CP, Điều 49 khoản 4)."
                )
        earlier = paid_before.get(key, 0)
        if earlier and best.paid:
            best.amount = max(best.amount - earlier, 0)
            best.paid = best.amount > 0
            best.unpaid_reason = "Đã nhận tiền thưởng của danh hiệu khác cùng thời gian thành tích: " + (
                "chỉ nhận phần chênh lệch." if best.paid else "không nhận thêm."
            )
