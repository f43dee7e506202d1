"""The data migrations correcting the law (law-nominations.md §10): forwards and backwards, and the ledger
rows whose amount came from a corrected coefficient repriced with it (awards.money.reprice_records)."""

import datetime as dt
import importlib
from decimal import Decimal

import pytest
from django.apps import apps

from awards import domain
from awards.models import AgencySetting, Award, AwardRule, RuleSet, Setting
from awards.money import reprice_records
from tests.awards.records import decision_document

pytestmark = pytest.mark.django_db
BANG_KHEN = importlib.import_module("awards.migrations.0010_bang_khen_tinh_nd98")
VERIFIED = importlib.import_module("awards.migrations.0011_nd98_verified")


def coefficient(rule_set: str, award: str) -> AwardRule:
    return AwardRule.objects.get(rule_set__code=rule_set, award__code=award)


def ledger(world, *, year: int, decided_on: dt.date, amount: int, person=None):
    return domain.record_award(
        actor=None, agency=world.agency, award=Award.objects.get(code="bang-khen-tinh"), year=year,
        decision=decision_document(world.agency, 1, decided_on), decided_on=decided_on,
        person=person or world.division_person, amount=amount,
    )  # fmt: skip


def test_the_provincial_certificate_migration_goes_both_ways_and_reprices_the_ledger(world):
    VERIFIED.backwards(apps, None)
    BANG_KHEN.backwards(apps, None)  # the installation as it stood: 1,0 in 2024
    assert coefficient("2024", "bang-khen-tinh").coefficient == Decimal("1.0")
    priced = ledger(world, year=2024, decided_on=dt.date(2024, 12, 20), amount=2_340_000)
    typed = ledger(
        world, year=2024, decided_on=dt.date(2025, 1, 5), amount=5_000_000, person=world.office_person
    )
    earlier = ledger(world, year=2023, decided_on=dt.date(2024, 1, 20), amount=1_800_000)

    BANG_KHEN.forwards(apps, None)
    VERIFIED.forwards(apps, None)

    rule = coefficient("2024", "bang-khen-tinh")
    assert (rule.coefficient, rule.source_status) == (Decimal("1.5"), "V1")
    assert "Điều 58 khoản 1 điểm b" in rule.coefficient_citation
    assert coefficient("2024", "bang-khen-tinh-tap-the").coefficient == Decimal("3.0")
    for record in (priced, typed, earlier):
        record.refresh_from_db()
    assert (priced.amount, typed.amount, earlier.amount) == (3_510_000, 5_000_000, 1_800_000)

    VERIFIED.backwards(apps, None)
    BANG_KHEN.backwards(apps, None)

    rule.refresh_from_db()
    priced.refresh_from_db()
    assert (rule.coefficient, rule.coefficient_citation, rule.source_status) == (
        Decimal("1.0"), "Nghị định 98/2023/NĐ-CP, Điều 54–58", "R",
    )  # fmt: skip
    assert priced.amount == 2_340_000
    assert coefficient("2024", "chien-si-thi-dua-co-so").council_status == "V2"
    assert "15/04/2024" not in RuleSet.objects.get(code="2024").instruments
    BANG_KHEN.forwards(apps, None)
    VERIFIED.forwards(apps, None)
    assert coefficient("2024", "chien-si-thi-dua-co-so").council_status == "V1"


def test_repricing_rounds_as_the_agency_does(world):
    """An agency rounding down: 1,55 × 2.340.000 = 3.627.000 → 3.620.000 (3.630.000 rounded up)."""
    rounding = Setting.objects.get(code="rounding")
    AgencySetting.objects.create(agency=world.agency, setting=rounding, value="down")
    record = ledger(world, year=2024, decided_on=dt.date(2024, 12, 20), amount=2_340_000)  # 1,0 × 2.340.000

    changed = reprice_records(rule_set="2024", award="bang-khen-tinh", old="1.0", new="1.55")

    record.refresh_from_db()
    assert (changed, record.amount) == (1, 3_620_000)


def test_nothing_is_repriced_for_an_unknown_rule_set(world):
    assert reprice_records(rule_set="1999", award="bang-khen-tinh", old="1.0", new="1.5") == 0
