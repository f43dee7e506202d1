"""Who is due (ai đến hạn): for an agency and a year, everyone eligible for each award, everyone one step away
(exactly one condition missing), and which proposals a ratio cap of the rule set would exceed — judged in one
pass: a fixed number of queries whatever the staff count.

The people judged are those who held a post in the agency (or an agency it succeeded) during the year, each in
the unit of her last post of that year; units are those of the agency that had staff that year, judged on
their own annual rating (people.UnitQualityRating) and their members' results.

A year not over yet may be asked too — the current one, or the next as a forecast: it has no ratings or titles
of its own yet, so its lists say who will be due if what is still missing comes (`is_forecast`).
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from organisations.models import Unit
from people.models import Assignment, Person

from .eligibility import DEFERRED, ELIGIBLE, Engine, EngineError, Verdict
from .facts import rating_rank
from .law import WOMEN_FIRST
from .models import Award, Subject
from .subjects import people_facts, unit_facts

PERSON_FIELDS = (
    "pk",
    "agency_id",
    "staff_code",
    "family_name",
    "middle_name",
    "given_name",
    "gender",
    "sort_key",
)
PROGRESS_EVERY = 500


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


def is_forecast(year: int) -> bool:
    """A year that has not begun: its list is a forecast ("who will be due if …")."""
    return year > timezone.localdate().year


def who_is_due(
    *, agency, year: int, unit_ids=None, engine: Engine | None = None, progress=None
) -> list[AwardDue]:
    """The lists of `agency` for `year` (within `unit_ids` when given), in memory. The pages read them from
    a snapshot the task worker builds with this function (awards.snapshots); the demo calls it directly.
    `progress(fraction)`, if given, is told how far the work is (0 to 1) as the people are judged."""
    engine = engine or Engine()
    tell = progress or (lambda fraction: None)
    posts = _posts_of_year(agency, year, unit_ids)
    members, units = _members(posts)
    ids = [i for group in members.values() for i in group]
    people = {p.pk: p for p in Person.objects.filter(pk__in=posts.values("person_id")).only(*PERSON_FIELDS)}
    facts = people_facts(posts.values("person_id"), year)
    tell(0.2)
    unit_of = {person_id: units[unit_id] for unit_id, group in members.items() for person_id in group}
    awards = [a for a in engine.awards.values() if _judged(engine, a, year)]
    individual = [a.code for a in awards if a.subject == Subject.INDIVIDUAL]
    verdicts = {}
    for done, pid in enumerate(ids, start=1):
        verdicts[pid] = engine.evaluate_many(facts[pid], individual, year)
        if done % PROGRESS_EVERY == 0:
            tell(0.2 + 0.6 * done / len(ids))
    collective = unit_facts(members, facts, verdicts, year)
    collective_codes = [a.code for a in awards if a.subject == Subject.COLLECTIVE]
    unit_verdicts = {uid: engine.evaluate_many(f, collective_codes, year) for uid, f in collective.items()}
    tell(0.85)
    steps = _Steps(engine, year, facts, collective)
    result = [_collect(award, people, unit_of, units, verdicts, unit_verdicts, steps) for award in awards]
    _apply_caps(engine, result, year)
    tell(0.9)
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


def verdicts_of_units(*, agency, year: int, unit_ids, codes, engine: Engine) -> dict[int, dict[str, Verdict]]:
    """unit id → award code → the engine's verdict on the unit for `year` (its members' results judged on the
    way); units without staff that year are left out. Queries are fixed whatever the number of units."""
    members, _units = staff_of_year(agency, year, list(unit_ids))
    ids = [person_id for group in members.values() for person_id in group]
    facts = people_facts(ids, year)
    individual = [
        a.code for a in engine.awards.values() if a.subject == Subject.INDIVIDUAL and _judged(engine, a, year)
    ]
    verdicts = {person_id: engine.evaluate_many(facts[person_id], individual, year) for person_id in ids}
    collective = unit_facts(members, facts, verdicts, year)
    return {unit_id: engine.evaluate_many(own, codes, year) for unit_id, own in collective.items()}


def _judged(engine: Engine, award: Award, year: int) -> bool:
    """Awards with criteria the engine can decide (a rule made only of manual checks is left out)."""
    rule = engine.rules.get((engine.rule_set_for(year).code, award.code))
    return rule is not None and any(c.code not in {"manual", "not-pending"} for c in rule.criteria.all())


def staff_of_year(agency, year: int, unit_ids=None) -> tuple[dict, dict]:
    """unit id → ids of the people whose last post of the year was there; unit id → Unit."""
    return _members(_posts_of_year(agency, year, unit_ids))


def _posts_of_year(agency, year: int, unit_ids=None):
    """The posts held during `year` in the agency's lineage (within `unit_ids`)."""
    lineage = agency.lineage_ids()
    posts = Assignment.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__year__gte=year),
        unit__agency_id__in=lineage,
        start_date__year__lte=year,
    )
    if unit_ids is not None:
        posts = posts.filter(unit_id__in=unit_ids)
    return posts


def _members(posts) -> tuple[dict, dict]:
    last = {}
    for person_id, unit_id in posts.order_by("start_date", "pk").values_list("person_id", "unit_id"):
        last[person_id] = unit_id
    members = defaultdict(list)
    for person_id, unit_id in last.items():
        members[unit_id].append(person_id)
    units = {unit.pk: unit for unit in Unit.objects.filter(pk__in=members)}
    return dict(members), units


class _Steps:
    """Whether a subject is one step from an award: what is missing (one or two conditions) can all still be
    met in the year — the year's rating not given yet, an initiative, a prerequisite title, the last links
    of a chain whose earlier years are all there or not yet decided (two consecutive Chiến sĩ thi đua cơ sở:
    a third this year opens the provincial title), or a collective's share of members whose ratings of the
    year are still to come. A low rating, a discipline or too short a service cannot be made up.

    Years from the current one on are still open: their ratings and titles may yet come (a forecast of next
    year counts on this year's too)."""

    ATTAINABLE = {"initiative", "excellent-or-initiative", "meets"}
    RISING = {"completed_tasks", "lao_dong_tien_tien", "chien_si_thi_dua_co_so"}  # raised by ratings to come
    MOST_MISSING = 2

    def __init__(self, engine: Engine, year: int, people: dict, units: dict):
        self.engine, self.year, self.people, self.units = engine, year, people, units
        self.criteria = {}  # (rule set code, award code) → the rule's criteria
        self.open_from = timezone.localdate().year

    def __call__(self, verdict: Verdict, subject) -> bool:
        key = (verdict.rule_set.code, verdict.award.code)
        criteria = self.criteria.get(key)
        if criteria is None:  # read once per rule: a province's agency asks 100 000 times
            criteria = self.criteria[key] = list(self.engine.rules[key].criteria.all())
        failed = [c for c, r in zip(criteria, verdict.checks, strict=True) if r.passed is False]
        if not 1 <= len(failed) <= self.MOST_MISSING:
            return False
        facts = (self.people if isinstance(subject, Person) else self.units)[subject.pk]
        return all(self._attainable(criterion.code, criterion.params, facts) for criterion in failed)

    def _open(self, year: int) -> bool:
        return year == self.year or year >= self.open_from

    def _attainable(self, code: str, params: dict, facts) -> bool:
        if code == "rating-at-least":
            return self.year not in facts.ratings
        if code == "consecutive":
            earlier = range(self.year - params["count"] + 1, self.year)
            return all(facts.holds(params["award"], y) or self._open(y) for y in earlier)
        if code == "consecutive-ratings":
            years = range(self.year - params["years"] + 1, self.year + 1)
            short = [y for y in years if rating_rank(facts.ratings.get(y)) < rating_rank(params["rating"])]
            return all(y not in facts.ratings and self._open(y) for y in short)
        if code in ("members-share", "members-count"):
            return self._members_can_reach(code, params, facts.members)
        if code == "any-of":
            return any(self._attainable(o["code"], o.get("params", {}), facts) for o in params["options"])
        return code in self.ATTAINABLE

    def _members_can_reach(self, code: str, params: dict, members) -> bool:
        """The members whose ratings of the year are still to come could bring the figure up to the bar."""
        if members is None or params.get("field") not in self.RISING or not members.unrated:
            return False
        reachable = getattr(members, params["field"]) + members.unrated
        if code == "members-count":
            return params.get("max") is None and reachable >= params.get("min", 0)
        share, minimum = reachable / members.total, float(params["min"])
        return share > minimum if params.get("strict") else share >= minimum


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
