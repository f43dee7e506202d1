"""workdays.domain: the agency's administrators add and remove exceptions, each checked and logged; a refused
change leaves everything as it was."""

import datetime as dt
import unicodedata

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from activity.models import ActivityLog
from organisations.models import Agency
from tests.factories import AgencyFactory
from workdays import domain
from workdays.calendar import working_day_after
from workdays.models import DayException, Kind

pytestmark = pytest.mark.django_db
D = dt.date


MONDAY = D(2026, 3, 9)


def add(actor, agency, day=MONDAY, kind=Kind.OFF, reason="Nghỉ theo thông báo của UBND tỉnh"):
    return domain.add_exception(actor=actor, agency=agency, day=day, kind=kind, reason=reason)


def rows():
    return list(DayException.objects.values_list("agency_id", "day", "kind", "reason"))


def test_an_administrator_adds_a_day_off_logged_with_its_values(world, agency_admin):
    exception = add(agency_admin, world.agency)

    assert rows() == [(world.agency.pk, D(2026, 3, 9), "off", "Nghỉ theo thông báo của UBND tỉnh")]
    assert exception.created_by == agency_admin
    log = ActivityLog.objects.get(action="workdays.exception.added")
    assert (log.actor, log.agency, log.target_id) == (agency_admin, world.agency, str(exception.pk))
    assert log.data["after"] == {
        "day": "2026-03-09",
        "kind": "off",
        "reason": "Nghỉ theo thông báo của UBND tỉnh",
    }
    assert working_day_after(D(2026, 3, 6), 1, agency=world.agency) == D(2026, 3, 10)


def test_the_reason_is_kept_in_nfc(world, agency_admin):
    add(agency_admin, world.agency, reason=unicodedata.normalize("NFD", "  Nghỉ lễ   địa phương "))

    assert DayException.objects.get().reason == "Nghỉ lễ địa phương"
    assert unicodedata.is_normalized("NFC", DayException.objects.get().reason)


def test_a_working_saturday_is_added(world, agency_admin):
    add(agency_admin, world.agency, day=D(2026, 2, 21), kind=Kind.WORK, reason="Làm bù ngày 20/02")

    assert rows() == [(world.agency.pk, D(2026, 2, 21), "work", "Làm bù ngày 20/02")]


@pytest.mark.parametrize("persona", ["staff", "secretariat", "leader", "officer"])
def test_others_of_the_agency_may_not_add(world, persona):
    with pytest.raises(PermissionDenied):
        add(getattr(world, persona), world.agency)

    assert rows() == []
    assert not ActivityLog.objects.filter(action__startswith="workdays.").exists()


def test_an_administrator_of_another_agency_may_not_add(world, agency_admin):
    with pytest.raises(PermissionDenied):
        add(agency_admin, world.other_agency)

    assert rows() == []


def test_the_installation_administrator_may_add_anywhere(world):
    add(world.admin, world.other_agency)

    assert rows()[0][0] == world.other_agency.pk


def test_a_merged_agency_has_no_calendar_to_change(world, agency_admin):
    successor = AgencyFactory(name="Sở Mới")
    Agency.objects.filter(pk=world.agency.pk).update(successor=successor)
    world.agency.refresh_from_db()

    with pytest.raises(PermissionDenied):
        add(agency_admin, world.agency)

    assert rows() == []


def test_a_second_exception_on_the_same_day_is_refused_and_nothing_changes(world, agency_admin):
    add(agency_admin, world.agency)

    with pytest.raises(ValidationError) as refused:
        add(agency_admin, world.agency, kind=Kind.OFF, reason="Lý do khác")

    assert refused.value.message_dict == {
        "day": [
            "Cơ quan đã có ngoại lệ vào ngày 09/03/2026: hãy xoá ngoại lệ đó trước khi ghi ngoại lệ khác."
        ]
    }
    assert rows() == [(world.agency.pk, D(2026, 3, 9), "off", "Nghỉ theo thông báo của UBND tỉnh")]
    assert ActivityLog.objects.filter(action="workdays.exception.added").count() == 1


def test_the_same_day_in_another_agency_is_its_own(world, agency_admin):
    add(agency_admin, world.agency)
    add(None, world.other_agency)

    assert len(rows()) == 2


def test_an_empty_reason_is_refused(world, agency_admin):
    with pytest.raises(ValidationError) as refused:
        add(agency_admin, world.agency, reason="   ")

    assert refused.value.message_dict == {
        "reason": ["Hãy nhập lý do: thông báo hoặc ngày nghỉ của địa phương làm căn cứ cho ngoại lệ."]
    }
    assert rows() == []


@pytest.mark.parametrize(
    ("day", "kind", "message"),
    [
        (D(2026, 2, 17), Kind.OFF, "Ngày 17/02/2026 đã là ngày nghỉ theo lịch chung của cả nước."),
        (D(2026, 3, 8), Kind.OFF, "Ngày 08/03/2026 đã là ngày nghỉ theo lịch chung của cả nước."),  # a Sunday
        (D(2026, 3, 9), Kind.WORK, "Ngày 09/03/2026 đã là ngày làm việc theo lịch chung của cả nước."),
        (D(2025, 4, 26), Kind.WORK, "Ngày 26/04/2025 đã là ngày làm việc theo lịch chung của cả nước."),
        (D(2016, 3, 9), Kind.OFF, "Ngày phải thuộc các năm từ 2017 đến 2027."),
    ],
)
def test_an_exception_that_changes_nothing_is_refused(world, agency_admin, day, kind, message):
    with pytest.raises(ValidationError) as refused:
        add(agency_admin, world.agency, day=day, kind=kind)

    assert refused.value.message_dict == {"day": [message.replace("2027", str(domain.last_year()))]}
    assert rows() == []


def test_an_administrator_removes_an_exception_logged_with_its_values(world, agency_admin):
    exception = add(agency_admin, world.agency)
    pk = exception.pk

    domain.remove_exception(actor=agency_admin, exception=exception)

    assert rows() == []
    log = ActivityLog.objects.get(action="workdays.exception.removed")
    assert (log.actor, log.agency, log.target_id) == (agency_admin, world.agency, str(pk))
    assert log.data["before"]["day"] == "2026-03-09"
    assert working_day_after(D(2026, 3, 6), 1, agency=world.agency) == D(2026, 3, 9)


def test_staff_may_not_remove(world, agency_admin):
    exception = add(agency_admin, world.agency)

    with pytest.raises(PermissionDenied):
        domain.remove_exception(actor=world.staff, exception=exception)

    assert len(rows()) == 1
    assert not ActivityLog.objects.filter(action="workdays.exception.removed").exists()
