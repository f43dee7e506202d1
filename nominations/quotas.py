"""The caps (tỷ lệ) of a round, counted live on its proposals: where the rule set covering the round's year
caps an award at a share of another award's holders (awards.AwardRule quota_of / quota_share, e.g. 2017–2023:
Chiến sĩ thi đua cơ sở at most 15 % of Lao động tiên tiến, Nghị định 91/2017/NĐ-CP Điều 9 khoản 3), the live
proposals of the capped award against floor(share × live proposals of the other), for the agency and for
each unit asked about. The round page and the proposal page show an overrun before anything is submitted.

Only the caps of the law's data (AwardRule) are counted; a province's thematic caps are not data yet.
A fixed number of queries, whatever the number of proposals or units.
"""

import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count

from awards.models import Award, AwardRule, RuleSet
from awards.presentation import share_words

from .models import Proposal


@dataclass(frozen=True)
class Use:
    """The capped award's live proposals (`count`) against the cap counted on `base` of the other award."""

    count: int
    base: int
    cap: int

    @property
    def exceeded(self) -> bool:
        return self.count > self.cap

    @property
    def over_by(self) -> int:
        return max(self.count - self.cap, 0)


@dataclass
class Quota:
    """One capped award of the round: its use by the agency and by each unit asked about."""

    award: Award
    of_award: Award
    share: Decimal
    citation: str
    agency: Use
    units: dict[int, Use] = field(default_factory=dict)

    @property
    def exceeded(self) -> bool:
        return self.agency.exceeded or any(use.exceeded for use in self.units.values())

    @property
    def share_words(self) -> str:
        return share_words(self.share)

    def for_unit(self, unit_id: int) -> Use | None:
        return self.units.get(unit_id)


def _use(share: Decimal, count: int, base: int) -> Use:
    return Use(count=count, base=base, cap=math.floor(share * base))


def _rules(round_) -> list[AwardRule]:
    """The capping rules of the round's admitted awards under the rule set covering its year (two queries)."""
    rule_set = RuleSet.objects.for_year(round_.year)
    if rule_set is None:
        return []
    return list(
        AwardRule.objects.filter(rule_set=rule_set, award__in=round_.awards.all(), quota_share__isnull=False)
        .exclude(quota_of="")
        .select_related("award")
        .order_by("award__position", "award__name")
    )


def _counts(round_, award_ids, unit_ids=None) -> dict:
    """(unit id or None for the agency, award id) → live proposals of the round."""
    live = Proposal.objects.live().filter(round=round_, award_id__in=award_ids).order_by()
    found = {(None, award): n for award, n in live.values_list("award_id").annotate(n=Count("pk"))}
    if unit_ids:
        per_unit = (
            live.filter(unit_id__in=unit_ids).values_list("unit_id", "award_id").annotate(n=Count("pk"))
        )
        found |= {(unit, award): n for unit, award, n in per_unit}
    return found


def round_quotas(round_, unit_ids=None) -> list[Quota]:
    """Every capped award the round admits, with its live use by the agency and by each of `unit_ids`."""
    rules = _rules(round_)
    if not rules:
        return []
    others = {a.code: a for a in Award.objects.filter(code__in={rule.quota_of for rule in rules})}
    rules = [rule for rule in rules if rule.quota_of in others]
    ids = {rule.award_id for rule in rules} | {others[rule.quota_of].pk for rule in rules}
    unit_ids = sorted(set(unit_ids or ()))
    counts = _counts(round_, ids, unit_ids)
    quotas = []
    for rule in rules:
        base_award = others[rule.quota_of]

        def use(unit, rule=rule, base_award=base_award):
            return _use(
                rule.quota_share, counts.get((unit, rule.award_id), 0), counts.get((unit, base_award.pk), 0)
            )

        quotas.append(
            Quota(
                award=rule.award,
                of_award=base_award,
                share=rule.quota_share,
                citation=rule.quota_citation,
                agency=use(None),
                units={unit: use(unit) for unit in unit_ids},
            )
        )
    return quotas


def overruns_of(proposal) -> list[Quota]:
    """The caps the proposal's award is over, in its unit or in the agency (the proposal page's warning)."""
    return [
        quota
        for quota in round_quotas(proposal.round, [proposal.unit_id])
        if quota.award.pk == proposal.award_id and quota.exceeded
    ]
