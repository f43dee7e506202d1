"""The eligibility engine: for a subject's facts, an award and an achievement year, the rule set governing
that year, every criterion checked with its explanation and citation, a verdict, and the money.

`Engine()` reads the law once (awards, rule sets, rules with their criteria, base salaries, settings: six or
seven queries); evaluating any number of subjects afterwards costs no query, so a whole agency is judged in
one pass. Each rule is compiled once per engine (`Engine.compiled`: its criteria in order, their parameters
with the settings resolved, their words), and a verdict's explanations are formatted when they are read
(`CheckResult.message`): screening a province judges 400.000 verdicts and formats nothing.
"""

import bisect
import datetime as dt
from operator import attrgetter

from django.db.models import Prefetch

from .checks import JUDGES, Context, describe_criterion, say
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


class CheckResult:
    """One criterion checked for a subject: its code, whether it passed (None: the award is deferred), the
    explanation (`message`), the citation, the source status and the condition in words (`criterion`,
    checks.describe_criterion, as the award page says it).

    The explanation may be given unsaid (a template and its values, checks.Explanation): it is formatted when
    `message` is first read, and `formatted` tells whether it is text yet. Read-only; equal when every field
    is."""

    __slots__ = ("_citation", "_code", "_criterion", "_message", "_passed", "_status")

    def __init__(self, code: str, passed, message, citation: str, status: str, criterion: str = ""):
        self._code, self._passed, self._message = code, passed, message
        self._citation, self._status, self._criterion = citation, status, criterion

    code = property(attrgetter("_code"))
    passed = property(attrgetter("_passed"))
    citation = property(attrgetter("_citation"))
    status = property(attrgetter("_status"))
    criterion = property(attrgetter("_criterion"))

    @property
    def message(self) -> str:
        message = self._message
        if type(message) is not str:
            message = self._message = say(message)
        return message

    @property
    def formatted(self) -> bool:
        """Whether the explanation is text already (read once, or given as text)."""
        return type(self._message) is str

    def _fields(self) -> tuple:
        return (self._code, self._passed, self.message, self._citation, self._status, self._criterion)

    def __eq__(self, other):
        return self._fields() == other._fields() if type(other) is CheckResult else NotImplemented

    def __hash__(self):
        return hash(self._fields())

    def __repr__(self):
        fields = ("code", "passed", "message", "citation", "status", "criterion")
        return (
            "CheckResult("
            + ", ".join(f"{n}={v!r}" for n, v in zip(fields, self._fields(), strict=True))
            + ")"
        )


class Verdict:
    """An award judged for a subject and an achievement year under `rule_set`: `verdict` (ELIGIBLE,
    NOT_ELIGIBLE or DEFERRED), its `checks` (CheckResult, in the order of the rule's criteria) and the
    `amount` (money, when asked for and eligible). Read-only; equal when every field is.

    The engine's verdicts make their CheckResult objects when `checks` is first read."""

    __slots__ = ("_amount", "_award", "_checks", "_outcomes", "_rule_set", "_steps", "_verdict", "_year")

    def __init__(self, award, year: int, rule_set, verdict: str, checks=None, amount: Amount | None = None):
        self._award, self._year, self._rule_set, self._verdict = award, year, rule_set, verdict
        self._checks, self._amount = [] if checks is None else checks, amount

    @classmethod
    def judged(cls, compiled: "CompiledRule", year: int, verdict: str, outcomes: list, amount=None):
        """The verdict the engine reached on `compiled`: `outcomes` are its judges' (passed, explanation),
        kept as a tuple of plain data (a province's verdicts give the garbage collector nothing to follow)."""
        made = cls(compiled.award, year, compiled.rule_set, verdict, None, amount)
        made._checks, made._steps, made._outcomes = None, compiled.results, tuple(outcomes)
        return made

    award = property(attrgetter("_award"))
    year = property(attrgetter("_year"))
    rule_set = property(attrgetter("_rule_set"))
    verdict = property(attrgetter("_verdict"))
    amount = property(attrgetter("_amount"))

    @property
    def checks(self) -> list[CheckResult]:
        checks = self._checks
        if checks is None:
            checks = self._checks = [
                CheckResult(code, passed, explanation, citation, status, words)
                for (code, citation, status, words), (passed, explanation) in zip(
                    self._steps, self._outcomes, strict=True
                )
            ]
        return checks

    @property
    def passes(self) -> tuple:
        """Whether each check passed (True, False or None: deferred), in the order of `checks` — without
        making the CheckResult objects."""
        if self._checks is None:
            return tuple(passed for passed, _explanation in self._outcomes)
        return tuple(check.passed for check in self._checks)

    @property
    def is_eligible(self) -> bool:
        return self._verdict == ELIGIBLE

    def _fields(self) -> tuple:
        return (self._award, self._year, self._rule_set, self._verdict, self.checks, self._amount)

    def __eq__(self, other):
        return self._fields() == other._fields() if type(other) is Verdict else NotImplemented

    __hash__ = None  # as the dataclass it was: its checks are a list

    def __repr__(self):
        return (
            f"Verdict(award={self._award!r}, year={self._year!r}, rule_set={self._rule_set!r}, "
            f"verdict={self._verdict!r}, checks={self.checks!r}, amount={self._amount!r})"
        )


class CompiledRule:
    """An AwardRule made ready to judge, once per engine: its criteria in order (`criteria`), their
    parameters with the engine's settings resolved (`params`), their words (`words`), and what the
    evaluation loop runs — (judge, params) pairs, without "not already awarded" for a nested standard."""

    __slots__ = (
        "award", "code", "criteria", "judges", "nested", "once", "params", "results", "rule", "rule_set",
        "subject", "words",
    )  # fmt: skip

    def __init__(self, rule: AwardRule, settings: dict[str, str], name_of):
        self.rule, self.award, self.rule_set = rule, rule.award, rule.rule_set
        self.code, self.subject = rule.award.code, rule.award.subject
        self.criteria: tuple[Criterion, ...] = tuple(rule.criteria.all())
        self.params = tuple(resolve_params(c.params, settings) for c in self.criteria)
        pairs = tuple(zip(self.criteria, self.params, strict=True))
        self.words = tuple(describe_criterion(c.code, params, name_of=name_of) for c, params in pairs)
        self.judges = tuple((JUDGES[c.code], params) for c, params in pairs)
        self.nested = tuple((JUDGES[c.code], params) for c, params in pairs if c.code != ONCE)
        codes = [c.code for c in self.criteria]
        self.once = codes.index(ONCE) if ONCE in codes else None
        self.results = tuple(  # what a CheckResult holds besides the outcome
            (c.code, c.citation, c.source_status, words)
            for c, words in zip(self.criteria, self.words, strict=True)
        )

    def verdict_without_once(self, outcomes: list, verdict: str) -> str:
        """The verdict as a nested standard ("meets"): "not already awarded" left out."""
        if self.once is None or outcomes[self.once][0]:
            return verdict
        return _verdict([outcome for n, outcome in enumerate(outcomes) if n != self.once])


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
        self._compiled = {}  # AwardRule id → its CompiledRule
        self._rule_set_of = {}  # year → the rule set governing it
        self._compiled_of = {}  # (year, award code) → the CompiledRule judging it
        self._names = _Names((code, award.name) for code, award in self.awards.items())

    def rule_set_for(self, year: int) -> RuleSet:
        rule_set = self._rule_set_of.get(year)
        if rule_set is None:
            for candidate in self.rule_sets:
                if candidate.covers_year(year):
                    rule_set = self._rule_set_of[year] = candidate
                    break
            else:
                raise EngineError(
                    "year", f"Năm {year} không thuộc bộ quy định nào của hệ thống (từ năm 2017)."
                )
        return rule_set

    def govern(self, year: int, rule_set: RuleSet) -> "Engine":
        """Judge the achievements of `year` under `rule_set` rather than the one covering the year (a
        transitional clause that looks at the dossier's date of receipt: nominations.law); returns self."""
        self._rule_set_of[year] = rule_set
        self._compiled_of = {key: value for key, value in self._compiled_of.items() if key[0] != year}
        return self

    def compiled(self, rule: AwardRule) -> CompiledRule:
        """A rule of `self.rules` ready to judge (its criteria, resolved parameters and words), made once."""
        compiled = self._compiled.get(rule.pk)
        if compiled is None:
            compiled = self._compiled[rule.pk] = CompiledRule(rule, self.settings, self._name)
        return compiled

    def base_salary_on(self, day: dt.date) -> int | None:
        index = bisect.bisect_right(self._salary_days, day) - 1
        return self._salaries[index] if index >= 0 else None

    def evaluate(self, facts: Facts, award: str, year: int, *, decision_date=None, rounding=None) -> Verdict:
        compiled = self._compiled_for(facts.kind, award, year)
        context = self._context(facts, year, {})
        context.award = compiled.code
        outcomes = [judge(context, params) for judge, params in compiled.judges]
        verdict = _verdict(outcomes)
        amount = None
        if decision_date is not None and verdict == ELIGIBLE:
            base = self.base_salary_on(decision_date)
            amount = amount_for(compiled.rule, base, rounding or self.rounding) if base else None
        return Verdict.judged(compiled, year, verdict, outcomes, amount)

    def evaluate_many(self, facts: Facts, awards, year: int) -> dict[str, Verdict]:
        """Several awards for one subject and year, sharing the nested results (LĐTT inside CSTĐCS inside
        CSTĐ tỉnh is judged once)."""
        memo, verdicts = {}, {}
        context = self._context(facts, year, memo)
        for code in awards:
            compiled = self._compiled_for(facts.kind, code, year)
            context.award = compiled.code
            outcomes = [judge(context, params) for judge, params in compiled.judges]
            verdict = _verdict(outcomes)
            verdicts[code] = Verdict.judged(compiled, year, verdict, outcomes)
            memo[(code, year)] = compiled.verdict_without_once(outcomes, verdict)
        return verdicts

    def _context(self, facts: Facts, year: int, memo: dict) -> Context:
        """The checks' view of `facts` for `year`, its `meets` judging a nested standard once per `memo`
        ("not already awarded" left out: holding the prerequisite title proves its standard)."""

        def meets(code: str, when: int) -> str:
            if context.holds(code, when):
                return ELIGIBLE
            key = (code, when)
            verdict = memo.get(key)
            if verdict is None:
                memo[key] = NOT_ELIGIBLE  # a rule citing itself cannot pass through itself
                nested = context.at(code, when)
                judges = self._compiled_for(facts.kind, code, when).nested
                verdict = memo[key] = _verdict([judge(nested, params) for judge, params in judges])
            return verdict

        context = Context(facts, year, "", meets, self._names.__getitem__)
        return context

    def _compiled_for(self, kind: str, code: str, year: int) -> CompiledRule:
        compiled = self._compiled_of.get((year, code))
        if compiled is None:
            compiled = self._compiled_of[(year, code)] = self.compiled(self._rule(kind, code, year))
        elif compiled.subject != kind:
            self._rule(kind, code, year)  # says why
        return compiled

    def _rule(self, kind: str, code: str, year: int) -> AwardRule:
        award = self.awards.get(code)
        if award is None:
            raise EngineError("award", f"Không có danh hiệu hay hình thức khen thưởng mã “{code}”.")
        if award.subject != kind:
            who = "cá nhân" if award.subject == "individual" else "tập thể"
            raise EngineError("subject", f"“{award.name}” chỉ xét tặng cho {who}.")
        rule_set = self.rule_set_for(year)
        rule = self.rules.get((rule_set.code, code))
        if rule is None:
            raise EngineError("award", f"Bộ quy định “{rule_set.name}” không quy định “{award.name}”.")
        return rule

    def _name(self, code: str) -> str:
        return self._names[code]


class _Names(dict):
    """Award code → its name; a code without an award is its own name."""

    def __missing__(self, code: str) -> str:
        return code


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


def _verdict(outcomes: list) -> str:
    """The verdict of the judges' (passed, explanation) outcomes: deferred if one is, else eligible if all
    passed."""
    eligible = True
    for passed, _explanation in outcomes:
        if passed is None:
            return DEFERRED
        if not passed:
            eligible = False
    return ELIGIBLE if eligible else NOT_ELIGIBLE
