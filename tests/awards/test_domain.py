"""The award ledger and the agencies' settings: refusals change nothing, changes are logged and read by the
engine."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from achievements import domain as achievements
from activity.models import ActivityLog
from awards import domain
from awards.eligibility import Engine
from awards.facts import Facts
from awards.models import AgencySetting, Award, AwardRecord, Setting
from tests.awards.records import decision_document

pytestmark = pytest.mark.django_db
D = dt.date


def award(code: str) -> Award:
    return Award.objects.get(code=code)


def record(world, code="lao-dong-tien-tien", **kwargs):
    values = {"person": world.division_person, "year": 2024,
              "decision": decision_document(world.agency, 5, D(2025, 1, 20)), "decided_on": D(2025, 1, 20),
              **kwargs}  # fmt: skip
    # an award resting on an initiative is recorded from the author's side (achievements)
    record_award = achievements.record_award_on_initiative if "initiative" in values else domain.record_award
    return record_award(actor=world.secretariat, agency=world.agency, award=award(code), **values)


def test_record_award_logs_the_entry(world):
    entry = record(world, amount=710_000)

    assert (entry.person, entry.year, entry.track, entry.amount) == (
        world.division_person,
        2024,
        "cong-trang",
        710_000,
    )
    log = ActivityLog.objects.get(action="awards.record.created")
    assert (log.actor, log.agency, log.data["after"]["award"]) == (
        world.secretariat,
        world.agency,
        "lao-dong-tien-tien",
    )


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"code": "tap-the-lao-dong-tien-tien"}, "wrong_subject"),
        ({"person": None}, "subject"),
    ],
)
def test_record_award_refuses_a_wrong_subject(world, kwargs, code):
    with pytest.raises(ValidationError) as refused:
        record(world, **kwargs)
    assert refused.value.code == code
    assert not AwardRecord.objects.exists() and not ActivityLog.objects.filter(action="awards.record.created")


def test_one_achievement_one_award(world):
    record(world)
    with pytest.raises(ValidationError) as refused:
        record(world)
    assert refused.value.code == "duplicate"
    assert AwardRecord.objects.count() == 1
    record(world, track="dot-xuat")  # a sudden achievement of the same year is another achievement
    assert AwardRecord.objects.count() == 2


def test_an_initiative_is_used_once_by_each_author(world):
    initiative = achievements.record_initiative(
        actor=None,
        agency=world.agency,
        unit=world.division,
        fields={"title": "Sổ tay thủ tục", "year": 2024, "recognition_level": "co-so",
                "recognised_on": D(2024, 12, 1)},
        authors=[(world.division_person, Decimal("60")), (world.team_person, Decimal("40"))],
    )  # fmt: skip
    record(world, code="chien-si-thi-dua-co-so", initiative=initiative)
    record(world, code="chien-si-thi-dua-co-so", person=world.team_person, initiative=initiative)  # co-author
    with pytest.raises(ValidationError) as refused:
        record(world, code="giay-khen", initiative=initiative)
    assert refused.value.code == "initiative_used"
    with pytest.raises(ValidationError) as stranger:
        record(world, code="giay-khen", person=world.office_person, initiative=initiative)
    assert stranger.value.code == "not_author"
    assert AwardRecord.objects.count() == 2


def test_only_the_agencys_managers_record_awards(world):
    with pytest.raises(PermissionDenied):
        domain.record_award(
            actor=world.officer, agency=world.agency, award=award("lao-dong-tien-tien"),
            person=world.division_person, year=2024, decided_on=D(2025, 1, 20),
            decision=decision_document(world.agency, 1, D(2025, 1, 20)),
        )  # fmt: skip
    assert not AwardRecord.objects.exists()


def test_an_agency_setting_changes_what_the_engine_reads(world):
    """Minimum service for Lao động tiên tiến since 07/2025 is the agency's setting (6 months by default)."""
    facts = Facts(kind="individual", hired_on=D(2025, 5, 1), ratings={2025: "HTTNV"})
    assert Engine(world.agency).evaluate(facts, "lao-dong-tien-tien", 2025).verdict == "eligible"  # 8 months

    setting = Setting.objects.get(code="min-service-months")
    domain.change_setting(actor=world.secretariat, agency=world.agency, setting=setting, value="10")

    assert Engine(world.agency).evaluate(facts, "lao-dong-tien-tien", 2025).verdict == "not_eligible"
    assert Engine(world.other_agency).evaluate(facts, "lao-dong-tien-tien", 2025).verdict == "eligible"
    log = ActivityLog.objects.get(action="awards.setting.changed")
    assert (log.data["before"]["value"], log.data["after"]["value"]) == ("6", "10")


def test_the_rounding_setting_changes_the_amount(world):
    facts = Facts(kind="individual", hired_on=D(2020, 1, 1), ratings={2025: "HTTNV"})
    rounding = Setting.objects.get(code="rounding")
    domain.change_setting(actor=world.secretariat, agency=world.agency, setting=rounding, value="down")
    verdict = Engine(world.agency).evaluate(facts, "lao-dong-tien-tien", 2025, decision_date=D(2026, 11, 24))
    assert verdict.amount.amount == 750_000  # 0,3 × 2.530.000 = 759.000, rounded down


@pytest.mark.parametrize(("code", "value"), [("rounding", "sideways"), ("min-service-months", "sáu"),
                                             ("council-presence", "-1")])  # fmt: skip
def test_bad_setting_values_are_refused_in_words(world, code, value, english):
    with pytest.raises(ValidationError) as refused:
        domain.change_setting(
            actor=world.secretariat, agency=world.agency, setting=Setting.objects.get(code=code), value=value
        )
    assert refused.value.error_dict["value"][0].code == "invalid"
    assert not AgencySetting.objects.exists()


def test_a_decimal_comma_is_accepted(world):
    presence = Setting.objects.get(code="council-presence")
    saved = domain.change_setting(actor=world.secretariat, agency=world.agency, setting=presence, value="0,9")
    assert saved.value == "0.9"


def test_staff_cannot_change_settings(world):
    with pytest.raises(PermissionDenied):
        domain.change_setting(
            actor=world.staff, agency=world.agency, setting=Setting.objects.get(code="rounding"), value="down"
        )
    assert not AgencySetting.objects.exists()
