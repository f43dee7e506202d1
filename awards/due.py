"""Who is due (ai đến hạn): for an agency and a year, everyone eligible for each award, everyone one step away
(exactly one condition missing), and which proposals a ratio cap of the rule set would exceed — judged in one
pass: a fixed number of queries whatever the staff count.

The people judged are those who held a post in the agency (or an agency it succeeded) during the year, each in
the unit of her last post of that year; units are those of the agency that had staff that year.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from organisations.models import Unit
from people.models import Assignment, Person

from .eligibility import DEFERRED, ELIGIBLE, Engine, EngineError, Verdict
from .law import WOMEN_FIRST
from .models import Award, Subject
from .subjects import people_facts, unit_facts


@dataclass
class Row:
    subject: object  # Person or Unit
    unit: Unit
    verdict: Verdict
    over_cap: bool = False

    @property
    def missing(self) -> list:
        return [check for check in self.verdict.checks if check.passed is False]


@dataclass
class AwardDue:
    award: Award
    eligible: list = field(default_factory=list)
    one_step: list = field(default_factory=list)
    deferred: list = field(default_factory=list)
    cap: str = ""  # the cap's explanation, when the rule set has one


def who_is_due(*, agency, year: int, unit_ids=None, engine: Engine | None = None) -> list[AwardDue]:
    engine = engine or Engine()
    members, units = staff_of_year(agency, year, unit_ids)
    people = {p.pk: p for p in Person.objects.filter(pk__in=[i for ids in members.values() for i in ids])}
    facts = people_facts(people, year)
    unit_of = {person_id: units[unit_id] for unit_id, ids in members.items() for person_id in ids}
    awards = [a for a in engine.awards.values() if _judged(engine, a, year)]
    individual = [a.code for a in awards if a.subject == Subject.INDIVIDUAL]
    verdicts = {
        pid: engine.evaluate_many(person_facts, individual, year) for pid, person_facts in facts.items()
    }
    collective = unit_facts(members, facts, verdicts, year)
    collective_codes = [a.code for a in awards if a.subject == Subject.COLLECTIVE]
    unit_verdicts = {uid: engine.evaluate_many(f, collective_codes, year) for uid, f in collective.items()}
    steps = _Steps(engine, year, facts, collective)
    result = [_collect(award, people, unit_of, units, verdicts, unit_verdicts, steps) for award in awards]
    _apply_caps(engine, result, year)
    return result


def verdicts_of_people(*, agency, year: int, wanted) -> dict[tuple[int, str], Verdict | None]:
    """(person id, award code) → the engine's verdict for the achievement of `year`, under the settings of
    `agency`; None where the engine cannot judge it (no rule for the award that year, a collective award).
    The facts of all the people at once and one Engine, whatever their number; no query for nobody."""
    wanted = list(wanted)
    if not wanted:
        return {}
    engine = Engine(agency)
    facts = people_facts({person_id for person_id, _code in wanted}, year)
    verdicts = {}
    for person_id, code in wanted:
        try:
            verdicts[(person_id, code)] = engine.evaluate(facts[person_id], code, year)
        except EngineError:
            verdicts[(person_id, code)] = None
    return verdicts


def _judged(engine: Engine, award: Award, year: int) -> bool:
    """Awards with criteria the engine can decide (a rule made only of manual checks is left out)."""
    rule = engine.rules.get((engine.rule_set_for(year).code, award.code))
    return rule is not None and any(c.code not in {"manual", "not-pending"} for c in rule.criteria.all())


def staff_of_year(agency, year: int, unit_ids=None) -> tuple[dict, dict]:
    """unit id → ids of the people whose last post of the year was there; unit id → Unit."""
    lineage = agency.lineage_ids()
    posts = Assignment.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__year__gte=year),
        unit__agency_id__in=lineage,
        start_date__year__lte=year,
    )
    if unit_ids is not None:
        posts = posts.filter(unit_id__in=unit_ids)
    last = {}
    for post in posts.order_by("start_date", "pk").only("person_id", "unit_id"):
        last[post.person_id] = post.unit_id
    members = defaultdict(list)
    for person_id, unit_id in last.items():
        members[unit_id].append(person_id)
    units = {unit.pk: unit for unit in Unit.objects.filter(pk__in=members)}
    return dict(members), units


class _Steps:
    """Whether a subject is one step from an award: what is missing (one or two conditions) can all still be
    met in the year — the year's rating not given yet, an initiative, a prerequisite title, or the last link
    of a chain whose earlier years are all there (two consecutive Chiến sĩ thi đua cơ sở: a third this year
    opens the provincial title). A low rating, a discipline or too short a service cannot be made up."""

    ATTAINABLE = {"initiative", "excellent-or-initiative", "meets"}
    MOST_MISSING = 2

    def __init__(self, engine: Engine, year: int, people: dict, units: dict):
        self.engine, self.year, self.people, self.units = engine, year, people, units

    def __call__(self, verdict: Verdict, subject) -> bool:
        rule = self.engine.rules[(verdict.rule_set.code, verdict.award.code)]
        failed = [c for c, r in zip(rule.criteria.all(), verdict.checks, strict=True) if r.passed is False]
        if not 1 <= len(failed) <= self.MOST_MISSING:
            return False
        facts = (self.people if isinstance(subject, Person) else self.units)[subject.pk]
        return all(self._attainable(criterion.code, criterion.params, facts) for criterion in failed)

    def _attainable(self, code: str, params: dict, facts) -> bool:
        if code == "rating-at-least":
            return self.year not in facts.ratings
        if code == "consecutive":
            earlier = range(self.year - params["count"] + 1, self.year)
            return all(facts.holds(params["award"], y) for y in earlier)
        if code == "any-of":
            return any(self._attainable(o["code"], o.get("params", {}), facts) for o in params["options"])
        return code in self.ATTAINABLE


def _collect(award, people, unit_of, units, verdicts, unit_verdicts, steps) -> AwardDue:
    due = AwardDue(award)
    if award.subject == Subject.INDIVIDUAL:
        rows = [Row(people[pid], unit_of[pid], own[award.code]) for pid, own in verdicts.items()]
    else:
        rows = [Row(units[uid], units[uid], own[award.code]) for uid, own in unit_verdicts.items()]
    for row in rows:
        if row.verdict.verdict == ELIGIBLE:
            due.eligible.append(row)
        elif row.verdict.verdict == DEFERRED:
            due.deferred.append(row)
        elif steps(row.verdict, row.subject):
            due.one_step.append(row)
    for group in (due.eligible, due.one_step, due.deferred):
        group.sort(key=_order)
    return due


def _order(row: Row) -> tuple:
    subject = row.subject
    return (subject.sort_key, subject.pk) if isinstance(subject, Person) else (subject.position, subject.name)


def _apply_caps(engine: Engine, result: list[AwardDue], year: int) -> None:
    """Where the rule set caps an award at a share of another's holders in the agency (2017–2023: Chiến sĩ
    thi đua cơ sở ≤ 15 % of Lao động tiên tiến), mark the proposals beyond the cap — women first in line
    (tie-break rule), then by name."""
    by_code = {due.award.code: due for due in result}
    rule_set = engine.rule_set_for(year)
    for due in result:
        rule = engine.rules.get((rule_set.code, due.award.code))
        if not rule or not rule.quota_share or rule.quota_of not in by_code:
            continue
        allowed = math.floor(rule.quota_share * len(by_code[rule.quota_of].eligible))
        in_line = sorted(due.eligible, key=lambda row: (row.subject.gender != "female", *_order(row)))
        for row in in_line[allowed:]:
            row.over_cap = True
        share = f"{rule.quota_share * 100:.0f}"
        due.cap = (
            f"Không quá {share}% số người đạt “{engine.awards[rule.quota_of].name}” của cơ quan, "
            f"tức {allowed} người "
            f"({rule.quota_citation}); khi ngang nhau ưu tiên nữ ({WOMEN_FIRST})."
        )
