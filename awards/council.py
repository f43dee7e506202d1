"""Whether the Emulation and Reward Council's vote carries an award: the share is of the council's WHOLE
membership, not of those present, and the written votes of absent members count (law.md §4: NĐ 91/2017
Điều 45 khoản 8; NĐ 98/2023 Điều 30 khoản 7). An award whose rule sets no threshold needs a simple majority
of the membership."""

import math
from dataclasses import dataclass
from decimal import Decimal

from .models import AwardRule

MAJORITY = Decimal("0.5")


@dataclass(frozen=True)
class CouncilResult:
    passes: bool
    required: int
    threshold: Decimal
    citation: str


def required_votes(members_total: int, threshold: Decimal | None) -> int:
    """Votes needed: ⌈threshold × members⌉, or more than half the members when no threshold is set."""
    if threshold is None:
        return members_total // 2 + 1
    return math.ceil(threshold * members_total)


def council_result(rule: AwardRule, *, members_total: int, votes_for: int) -> CouncilResult:
    if members_total < 1 or not 0 <= votes_for <= members_total:
        raise ValueError("votes_for must be between 0 and members_total, members_total at least 1")
    required = required_votes(members_total, rule.council_threshold)
    threshold = rule.council_threshold if rule.council_threshold is not None else MAJORITY
    return CouncilResult(votes_for >= required, required, threshold, rule.council_citation)
