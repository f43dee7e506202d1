"""nominations.quotas: the caps of the law's data (AwardRule quota_of / quota_share) counted live on a round's
proposals, per unit and for the agency, in a fixed number of queries."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.models import AwardRule, RuleSet
from nominations.domain.proposals import propose, withdraw_proposal
from nominations.domain.rounds import open_round
from nominations.quotas import overruns_of, round_quotas
from tests.factories import staff_in

pytestmark = pytest.mark.django_db


def cap_fighters(year: int, share="0.15"):
    AwardRule.objects.filter(
        rule_set=RuleSet.objects.for_year(year), award__code="chien-si-thi-dua-co-so"
    ).update(
        quota_of="lao-dong-tien-tien",
        quota_share=Decimal(share),
        quota_citation="Nghị định 91/2017/NĐ-CP, Điều 9",
    )


def staff_of(unit, count):
    return [staff_in(unit, family_name="Võ", middle_name="Thị", given_name=f"Tên {n}") for n in range(count)]


def test_no_cap_in_the_rule_set_means_no_quota(world, nom):
    AwardRule.objects.update(quota_of="", quota_share=None)

    assert round_quotas(nom.round) == []


def test_the_cap_is_counted_for_the_agency_and_each_unit(world, nom):
    cap_fighters(nom.today.year)
    division = [world.division_person, *staff_of(world.division, 6)]
    office = [world.office_person, *staff_of(world.office, 6)]
    propose(actor=None, round=nom.round, unit=world.division, award=nom.ldtt, people=division)
    propose(actor=None, round=nom.round, unit=world.office, award=nom.ldtt, people=office)
    propose(actor=None, round=nom.round, unit=world.division, award=nom.cstdcs, people=division[:2])

    (quota,) = round_quotas(nom.round, [world.division.pk, world.office.pk])

    assert (quota.award, quota.of_award, quota.share) == (nom.cstdcs, nom.ldtt, Decimal("0.15"))
    assert quota.share_words == "15%" and quota.citation == "Nghị định 91/2017/NĐ-CP, Điều 9"
    # the agency: 14 Lao động tiên tiến → at most floor(0.15 × 14) = 2 Chiến sĩ thi đua cơ sở
    assert (quota.agency.count, quota.agency.base, quota.agency.cap, quota.agency.exceeded) == (
        2,
        14,
        2,
        False,
    )
    division_use, office_use = quota.units[world.division.pk], quota.units[world.office.pk]
    assert (division_use.count, division_use.base, division_use.cap, division_use.over_by) == (2, 7, 1, 1)
    assert (office_use.count, office_use.cap, office_use.exceeded) == (0, 1, False)
    assert quota.exceeded


def test_withdrawn_proposals_do_not_count(world, nom):
    cap_fighters(nom.today.year)
    people = [world.division_person, *staff_of(world.division, 6)]
    propose(actor=None, round=nom.round, unit=world.division, award=nom.ldtt, people=people)
    first, second = propose(
        actor=None, round=nom.round, unit=world.division, award=nom.cstdcs, people=people[:2]
    )

    assert [q.award for q in overruns_of(first)] == [nom.cstdcs]
    withdraw_proposal(actor=None, proposal=second, reason="")
    assert overruns_of(first) == []


def test_a_round_that_does_not_admit_the_capped_award_has_no_quota(world, nom):
    cap_fighters(nom.today.year)
    other = open_round(actor=None, agency=world.agency, name="Đợt khác", year=nom.today.year,
                       deadline=nom.today, awards=[nom.ldtt])  # fmt: skip

    assert round_quotas(other) == []


@pytest.mark.parametrize("units", [1, 3])
def test_the_queries_do_not_grow(world, nom, units):
    cap_fighters(nom.today.year)
    people = [world.division_person, *staff_of(world.division, 7 * units)]
    propose(actor=None, round=nom.round, unit=world.division, award=nom.ldtt, people=people)
    propose(actor=None, round=nom.round, unit=world.division, award=nom.cstdcs, people=people[: 2 * units])
    unit_ids = [world.division.pk, world.office.pk, world.team.pk][:units]

    with CaptureQueriesContext(connection) as queries:
        round_quotas(nom.round, unit_ids)

    assert len(queries) == 5  # rule set, rules, the other award, the agency's counts, the units' counts
