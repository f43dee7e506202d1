"""Council thresholds are shares of the WHOLE membership (law.md §4), absentees' written votes included."""

from decimal import Decimal

import pytest

from awards.council import council_result, required_votes
from awards.models import AwardRule

pytestmark = pytest.mark.django_db


def rule(code: str, rule_set: str) -> AwardRule:
    return AwardRule.objects.select_related("rule_set").get(award__code=code, rule_set__code=rule_set)


@pytest.mark.parametrize(
    ("members", "threshold", "required"),
    [(10, "0.9", 9), (11, "0.9", 10), (9, "0.8", 8), (15, "0.8", 12), (7, "0.8", 6), (1, "0.9", 1),
     (10, None, 6), (11, None, 6), (1, None, 1)],
)  # fmt: skip
def test_required_votes(members, threshold, required):
    assert required_votes(members, Decimal(threshold) if threshold else None) == required


def test_a_grassroots_fighter_in_2024_needs_80_percent_of_all_members():
    """ND 98/2023 Art. 30 cl.7: 12 of 15 members, whoever was present."""
    cstdcs = rule("chien-si-thi-dua-co-so", "2024")
    assert council_result(cstdcs, members_total=15, votes_for=12).passes is True
    result = council_result(cstdcs, members_total=15, votes_for=11)
    assert (result.passes, result.required, str(result.threshold)) == (False, 12, "0.80")


def test_a_provincial_fighter_in_2021_needs_90_percent():
    result = council_result(rule("chien-si-thi-dua-tinh", "2017"), members_total=11, votes_for=9)
    assert (result.passes, result.required) == (False, 10)
    assert "91/2017" in result.citation


def test_without_a_threshold_a_majority_of_the_membership_carries():
    result = council_result(rule("lao-dong-tien-tien", "2017"), members_total=10, votes_for=6)
    assert (result.passes, result.required, str(result.threshold)) == (True, 6, "0.5")
    assert council_result(rule("lao-dong-tien-tien", "2017"), members_total=10, votes_for=5).passes is False


@pytest.mark.parametrize(("members", "votes"), [(0, 0), (10, 11), (10, -1)])
def test_impossible_counts_are_refused(members, votes):
    with pytest.raises(ValueError):
        council_result(rule("lao-dong-tien-tien", "2017"), members_total=members, votes_for=votes)
