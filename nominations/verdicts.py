"""The engine's verdict as part of a proposal: judged when the proposal is made and submitted, and again when
the record changes (awards.staleness bumps the record version; `refresh_verdicts` recomputes the proposals
judged on an older one — the task worker runs it).

The rule set is the one governing the dossier's day of receipt where a transitional clause says so
(nominations.law.governing: Luật 06/2026/QH16 Điều 4 khoản 4), else the one covering the achievement year;
the proposal shows which and why.
"""

from collections import defaultdict

from django.utils import timezone

from awards import staleness
from awards.due import verdicts_of_units
from awards.eligibility import DEFERRED, ELIGIBLE, NOT_ELIGIBLE, Engine, EngineError
from awards.models import RuleSet
from awards.subjects import people_facts

from .law import governing, more_favourable_reason, report_form
from .models import LIVE_STATES, Proposal, Verdict

CODES = {ELIGIBLE: Verdict.ELIGIBLE, NOT_ELIGIBLE: Verdict.NOT_ELIGIBLE, DEFERRED: Verdict.DEFERRED}
FIELDS = ("verdict", "checks", "rule_set", "rule_set_reason", "report_form", "judged_at", "judged_version")


def _checks(verdict) -> list[dict]:
    return [
        {
            "code": c.code,
            "criterion": c.criterion,
            "passed": c.passed,
            "message": c.message,
            "citation": c.citation,
            "status": c.status,
        }
        for c in verdict.checks
    ]


def _judge_group(engine: Engine, agency, year: int, proposals: list) -> dict[int, object]:
    """id(proposal) → the engine's Verdict (None when it cannot judge: no rule, no staff that year)."""
    people = [p for p in proposals if p.person_id]
    units = [p for p in proposals if not p.person_id]
    result = {}
    if people:
        facts = people_facts({p.person_id for p in people}, year)
        for proposal in people:
            try:
                result[id(proposal)] = engine.evaluate(facts[proposal.person_id], proposal.award.code, year)
            except EngineError:
                result[id(proposal)] = None
    if units:
        codes = sorted({p.award.code for p in units})
        try:
            found = verdicts_of_units(
                agency=agency, year=year, unit_ids={p.unit_id for p in units}, codes=codes, engine=engine
            )
        except EngineError:
            found = {}
        for proposal in units:
            result[id(proposal)] = found.get(proposal.unit_id, {}).get(proposal.award.code)
    return result


def judge(proposals, *, on=None) -> list[Proposal]:
    """Set the verdict, its checks and the governing rule set on each proposal (not saved); a fixed number of
    queries per agency, year and rule set, whatever the number of proposals."""
    today = on or timezone.localdate()
    version = staleness.versions()[1]
    rule_sets, groups = list(RuleSet.objects.order_by("effective_from")), defaultdict(list)
    for proposal in proposals:
        rule = governing(rule_sets, proposal.round.year, proposal.received_on or today)
        groups[(proposal.round.agency_id, proposal.round.year, rule.rule_set.code)].append((proposal, rule))
    for (_agency_id, year, _code), members in groups.items():
        engine = Engine(members[0][0].round.agency).govern(year, members[0][1].rule_set)
        verdicts = _judge_group(engine, members[0][0].round.agency, year, [p for p, _r in members])
        favourable = [
            (p, r) for p, r in members if r.favourable and _verdict_code(verdicts[id(p)]) != ELIGIBLE
        ]
        newer = _newer_verdicts(members[0][0].round.agency, year, favourable)
        for proposal, rule in members:
            _store(proposal, rule, verdicts[id(proposal)], newer.get(id(proposal)), version)
    return list(proposals)


def _verdict_code(verdict) -> str | None:
    return getattr(verdict, "verdict", None)


def _newer_verdicts(agency, year: int, favourable: list) -> dict:
    if not favourable:
        return {}
    engine = Engine(agency).govern(year, favourable[0][1].favourable)
    return _judge_group(engine, agency, year, [p for p, _r in favourable])


def _store(proposal, rule, verdict, newer, version: int) -> None:
    reason = rule.reason
    if newer is not None and _verdict_code(newer) == ELIGIBLE:
        verdict, reason = newer, more_favourable_reason(rule)
        proposal.rule_set = rule.favourable
    else:
        proposal.rule_set = rule.rule_set
    if verdict is None:
        proposal.verdict, proposal.checks = Verdict.UNJUDGED, []
    else:
        proposal.verdict, proposal.checks = CODES[verdict.verdict], _checks(verdict)
    proposal.rule_set_reason = reason[:400]
    # the achievement report's form is the one of the rule set judging it (Mẫu số 02 / 03 / 05 …)
    proposal.report_form = report_form(proposal.rule_set.code, proposal.award.subject, proposal.round.track)
    proposal.judged_at, proposal.judged_version = timezone.now(), version


def refresh_verdicts(*, limit: int = 500) -> int:
    """Re-judge the live proposals (not yet before the council) judged on an older record version; returns
    how many were re-judged. Run by the task worker after the record changes."""
    version = staleness.versions()[1]
    stale = list(
        Proposal.objects.filter(status__in=LIVE_STATES, judged_version__lt=version)
        .exclude(status="ready")
        .select_related("round__agency", "award")[:limit]
    )
    for proposal in judge(stale):
        Proposal.objects.filter(pk=proposal.pk).update(**{f: getattr(proposal, f) for f in FIELDS})
    return len(stale)
