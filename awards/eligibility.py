"""The eligibility engine: for a subject's facts, an award and an achievement year, the rule set governing
that year, every criterion checked with its explanation and citation, a verdict, and the money.

`Engine()` reads the law once (awards, rule sets, rules with their criteria, base salaries, settings: six or
seven queries);
evaluating any number of subjects afterwards costs no query, so a whole agency is judged in one pass.
"""

import bisect
import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch

from .checks import CHECKS, Context, describe_criterion
from .facts import Facts
from .models import AgencySetting, Award, AwardRule, BaseSalary, Criterion, RuleSet, Setting
from .money import Amount, Rounding, amount_for

ELIGIBLE, NOT_ELIGIBLE, DEFERRED = "eligible", "not_eligible", "deferred"
ONCE = "not-already-awarded"


class EngineError(ValueError):
    """Input the engine cannot judge; `field` names the input at fault, the message is Vietnamese."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class CheckResult:
    code: str
    passed: bool | None  # None: the award is deferred
    message: str
    citation: str
    status: str
    criterion: str = ""  # the condition in words (checks.describe_criterion), as the award page says it


@dataclass(frozen=True)
class Verdict:
    award: Award
    year: int
    rule_set: RuleSet
    verdict: str
    checks: list = field(default_factory=list)
    amount: Amount | None = None

    @property
    def is_eligible(self) -> bool:
        return self.verdict == ELIGIBLE


class Engine:
    def __init__(self, agency=None):
        """The law, with the settings of `agency` where it changed a default (else the reference's)."""
        criteria = Prefetch("criteria", queryset=Criterion.objects.order_by("position", "id"))
        self.settings = settings_of(agency)
        self.awards = {award.code: award for award in Award.objects.all()}
        self.rule_sets = list(RuleSet.objects.order_by("effective_from"))
        rules = AwardRule.objects.select_related("award", "rule_set").prefetch_related(criteria)
        self.rules = {(rule.rule_set.code, rule.award.code): rule for rule in rules}
        salaries = list(BaseSalary.objects.order_by("effective_from"))
        self._salary_days = [salary.effective_from for salary in salaries]
        self.rounding = self.settings.get("rounding", Rounding.UP)
        self._salaries = [salary.amount for salary in salaries]
        self._prepared = {}  # criterion id → (its parameters with the settings resolved, its words)

    def rule_set_for(self, year: int) -> RuleSet:
        for rule_set in self.rule_sets:
            if rule_set.covers_year(year):
                return rule_set
        raise EngineError("year", f"Năm {year} không thuộc bộ quy định nào của hệ thống (từ năm 2017).")

    def base_salary_on(self, day: dt.date) -> int | None:
        index = bisect.bisect_right(self._salary_days, day) - 1
        return self._salaries[index] if index >= 0 else None

    def evaluate(self, facts: Facts, award: str, year: int, *, decision_date=None, rounding=None) -> Verdict:
        rule = self._rule(facts, award, year)
        checks = self._checks(facts, rule, year, {})
        verdict = _verdict(checks)
        amount = None
        if decision_date is not None and verdict == ELIGIBLE:
            base = self.base_salary_on(decision_date)
            amount = amount_for(rule, base, rounding or self.rounding) if base else None
        return Verdict(rule.award, year, rule.rule_set, verdict, checks, amount)

    def evaluate_many(self, facts: Facts, awards, year: int) -> dict[str, Verdict]:
        """Several awards for one subject and year, sharing the nested results (LĐTT inside CSTĐCS inside
        CSTĐ tỉnh is judged once)."""
        memo, verdicts = {}, {}
        for code in awards:
            rule = self._rule(facts, code, year)
            checks = self._checks(facts, rule, year, memo)
            verdicts[code] = Verdict(rule.award, year, rule.rule_set, _verdict(checks), checks)
            memo[(code, year)] = _verdict([check for check in checks if check.code != ONCE])
        return verdicts

    def _rule(self, facts: Facts, code: str, year: int) -> AwardRule:
        award = self.awards.get(code)
        if award is None:
            raise EngineError("award", f"Không có danh hiệu hay hình thức khen thưởng mã “{code}”.")
        if award.subject != facts.kind:
            who = "cá nhân" if award.subject == "individual" else "tập thể"
            raise EngineError("subject", f"“{award.name}” chỉ xét tặng cho {who}.")
        rule_set = self.rule_set_for(year)
        rule = self.rules.get((rule_set.code, code))
        if rule is None:
            raise EngineError("award", f"Bộ quy định “{rule_set.name}” không quy định “{award.name}”.")
        return rule

    def _checks(
        self, facts: Facts, rule: AwardRule, year: int, memo: dict, nested=False
    ) -> list[CheckResult]:
        """The rule's checks; `nested` (a prerequisite's standard, "meets"): without "not already awarded" —
        holding the prerequisite title proves its standard rather than barring it."""

        def meets(code: str, when: int) -> str:
            key = (code, when)
            if facts.holds(code, when):
                return ELIGIBLE
            if key not in memo:
                memo[key] = NOT_ELIGIBLE  # a rule citing itself cannot pass through itself
                checks = self._checks(facts, self._rule(facts, code, when), when, memo, nested=True)
                memo[key] = _verdict(checks)
            return memo[key]

        context = Context(facts, year, rule.award.code, meets, self._name)
        results = []
        for criterion in rule.criteria.all():
            if nested and criterion.code == ONCE:
                continue
            params, words = self._prepare(criterion)
            passed, message = CHECKS[criterion.code](context, params)
            status = criterion.source_status
            results.append(CheckResult(criterion.code, passed, message, criterion.citation, status, words))
        return results

    def _prepare(self, criterion: Criterion) -> tuple[dict, str]:
        """The criterion's parameters with the settings resolved, and its words — once per criterion."""
        prepared = self._prepared.get(criterion.pk)
        if prepared is None:
            params = resolve_params(criterion.params, self.settings)
            prepared = (params, describe_criterion(criterion.code, params, name_of=self._name))
            self._prepared[criterion.pk] = prepared
        return prepared

    def _name(self, code: str) -> str:
        award = self.awards.get(code)
        return award.name if award else code


def settings_of(agency) -> dict[str, str]:
    """Setting code → value: the agency's own where it set one, else the reference's default."""
    values = dict(Setting.objects.values_list("code", "default"))
    if agency is not None:
        values.update(AgencySetting.objects.filter(agency=agency).values_list("setting__code", "value"))
    return values


def resolve_params(params: dict, settings: dict[str, str]) -> dict:
    """Parameters naming a setting ({"setting": "min-service-months"}) take the setting's value in
    `settings` (setting code → value, as `settings_of` reads them); one it does not know stays as it is."""
    return {
        key: _number(settings[value["setting"]]) if setting_named(value) in settings else value
        for key, value in params.items()
    }


def setting_named(value) -> str | None:
    """The setting a criterion's parameter names ({"setting": "min-service-months"}), None for a value."""
    return value.get("setting") if isinstance(value, dict) else None


def _number(value: str):
    return int(value) if value.isdigit() else value


def _verdict(checks: list[CheckResult]) -> str:
    if any(check.passed is None for check in checks):
        return DEFERRED
    return ELIGIBLE if all(check.passed for check in checks) else NOT_ELIGIBLE
