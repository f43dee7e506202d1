"""decisions.amounts: the coefficient of the achievement year's rule set × the base salary on the decision's
date, rounded up to 10.000 đồng by default; one paid title per subject and period — in the same decision the
highest, against an earlier decision the difference."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from awards.models import Award
from decisions.amounts import price_lines
from decisions.domain.registering import record_decision, register_decision
from decisions.models import Line


def line(award_code, person, unit, year=2021):
    return Line(award=Award.objects.get(code=award_code), person=person, unit=unit, year=year, name="x")


def test_2021_amounts_at_the_2022_base_salary(dw):
    w = dw.world
    lines = [
        line("lao-dong-tien-tien", w.office_person, w.office),
        line("chien-si-thi-dua-co-so", w.team_person, w.team),
        line("tap-the-lao-dong-tien-tien", None, w.division),
    ]
    base = price_lines(lines, agency=w.agency, day=dt.date(2022, 2, 25))
    assert base == 1_490_000
    assert [(str(item.coefficient), item.amount) for item in lines] == [
        ("0.30", 450_000),  # 447.000 rounded up
        ("1.00", 1_490_000),
        ("0.80", 1_200_000),  # 1.192.000 rounded up
    ]


def test_two_titles_of_one_period_pay_the_higher_only(dw):
    w = dw.world
    lines = [
        line("lao-dong-tien-tien", w.team_person, w.team),
        line("chien-si-thi-dua-co-so", w.team_person, w.team),
    ]
    price_lines(lines, agency=w.agency, day=dt.date(2022, 2, 25))
    assert [(item.paid, item.amount) for item in lines] == [(False, 0), (True, 1_490_000)]
    assert "chỉ nhận tiền thưởng của danh hiệu cao nhất" in lines[0].unpaid_reason


def test_an_earlier_title_of_the_period_leaves_the_difference(dw):
    w = dw.world
    fields = {
        "number": 12,
        "notation": "QĐ-STN",
        "issued_on": dt.date(2022, 1, 20),
        "subject": "Khen thưởng 2021",
        "sender_name": "Sở Thử nghiệm",
        "signer_name": "Trần Văn Giám",
        "signer_position": "GIÁM ĐỐC",
    }
    earlier = register_decision(
        actor=None,
        agency=w.agency,
        fields=fields,
        issuer="Giám đốc Sở Thử nghiệm",
        year=2021,
        lines=[
            {
                "award": Award.objects.get(code="lao-dong-tien-tien"),
                "person": w.team_person,
                "unit": w.team,
                "name": "Đặng Thị Hương",
                "amount": None,
            }
        ],
    )
    record_decision(actor=None, decision=earlier)
    later = [line("chien-si-thi-dua-co-so", w.team_person, w.team)]
    price_lines(later, agency=w.agency, day=dt.date(2022, 3, 1))
    assert (later[0].paid, later[0].amount) == (True, 1_490_000 - 450_000)
    assert "chỉ nhận phần chênh lệch" in later[0].unpaid_reason


def test_no_base_salary_for_the_day(dw):
    with pytest.raises(ValidationError) as refused:
        price_lines(
            [line("lao-dong-tien-tien", None, dw.world.office)],
            agency=dw.world.agency,
            day=dt.date(1990, 1, 1),
        )
    assert refused.value.code == "no_base_salary"


def test_the_agency_rounding_setting_applies(dw):
    from awards.domain import change_setting
    from awards.models import Setting

    change_setting(
        actor=None, agency=dw.world.agency, setting=Setting.objects.get(code="rounding"), value="none"
    )
    lines = [line("lao-dong-tien-tien", dw.world.office_person, dw.world.office)]
    price_lines(lines, agency=dw.world.agency, day=dt.date(2022, 2, 25))
    assert lines[0].amount == 447_000 and lines[0].coefficient == Decimal("0.30")
