import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Role
from activity.models import ActivityLog
from organisations import domain
from organisations.models import Agency, Unit
from organisations.scope import forget_scope
from people.models import Assignment, Person
from tests.factories import AgencyFactory, AssignmentFactory, UnitFactory, account_with_role, staff_in

AGENCY = {
    "name": "Sở Nội vụ",
    "short_name": "SỞ NỘI VỤ",
    "symbol": "SNV",
    "place_name": "Cần Thơ",
    "code": "000.00.00.H55",
    "kind": "department",
}
MERGE_DAY = dt.date(2025, 7, 1)
LAST_DAY = dt.date(2025, 6, 30)


def counts():
    return (
        Agency.objects.count(),
        Unit.objects.count(),
        Assignment.objects.count(),
        ActivityLog.objects.count(),
    )


def only_log() -> ActivityLog:
    (log,) = ActivityLog.objects.all()
    return log


# agencies


def test_create_agency_by_installation_admin(world):
    agency = domain.create_agency(actor=world.admin, fields=AGENCY | {"successor": world.other_agency})
    assert (agency.name, agency.code, agency.successor) == ("Sở Nội vụ", "000.00.00.H55", None)  # not a field
    log = only_log()
    assert (log.action, log.actor, log.agency, log.target_id) == (
        "organisations.agency.created",
        world.admin,
        agency,
        str(agency.pk),
    )
    assert log.data["after"]["symbol"] == "SNV" and "before" not in log.data


@pytest.mark.parametrize("persona", ["secretariat", "council", "officer", "staff"])
def test_create_agency_refused(world, persona):
    before = counts()
    with pytest.raises(PermissionDenied):
        domain.create_agency(actor=getattr(world, persona), fields=AGENCY)
    assert counts() == before


def test_create_agency_with_a_bad_code_writes_nothing(world):
    before = counts()
    with pytest.raises(ValidationError) as error:
        domain.create_agency(actor=world.admin, fields=AGENCY | {"code": "H55"})
    assert list(error.value.message_dict) == ["code"]
    assert counts() == before


def test_update_agency_by_its_system_admin(world):
    actor = account_with_role(Role.SYSTEM_ADMIN, agency=world.agency)
    domain.update_agency(
        actor=actor, agency=world.agency, fields={"code": "000.00.00.H56", "name": "Sở Mới tên"}
    )
    world.agency.refresh_from_db()
    assert (world.agency.code, world.agency.name) == ("000.00.00.H56", "Sở Mới tên")
    log = only_log()
    assert log.action == "organisations.agency.updated" and log.agency == world.agency
    assert ("code", "", "000.00.00.H56") in log.changes and (
        "name",
        "Sở Thử nghiệm",
        "Sở Mới tên",
    ) in log.changes


@pytest.mark.parametrize("persona", ["secretariat", "leader"])
def test_update_agency_refused(world, persona):
    with pytest.raises(PermissionDenied):
        domain.update_agency(actor=getattr(world, persona), agency=world.agency, fields={"name": "Khác"})
    world.agency.refresh_from_db()
    assert world.agency.name == "Sở Thử nghiệm" and ActivityLog.objects.count() == 0


def test_agency_admin_cannot_update_another_agency(world):
    actor = account_with_role(Role.SYSTEM_ADMIN, agency=world.agency)
    with pytest.raises(PermissionDenied):
        domain.update_agency(actor=actor, agency=world.other_agency, fields={"name": "Khác"})
    assert ActivityLog.objects.count() == 0


# units


def test_create_unit_by_the_secretariat(world):
    unit = domain.create_unit(
        actor=world.secretariat,
        agency=world.agency,
        fields={"name": "Thanh tra", "symbol": "tt", "kind": "inspectorate"},
    )
    assert (unit.agency, unit.symbol, unit.parent) == (world.agency, "TT", None)
    log = only_log()
    assert (log.action, log.agency, log.actor) == (
        "organisations.unit.created",
        world.agency,
        world.secretariat,
    )
    assert log.data["after"]["name"] == "Thanh tra"


@pytest.mark.parametrize("persona", ["council", "leader", "head", "officer", "staff", "editor"])
def test_create_unit_refused(world, persona):
    before = counts()
    with pytest.raises(PermissionDenied):
        domain.create_unit(
            actor=getattr(world, persona), agency=world.agency, fields={"name": "X", "symbol": "X"}
        )
    assert counts() == before


def test_secretariat_cannot_create_a_unit_in_another_agency(world):
    before = counts()
    with pytest.raises(PermissionDenied):
        domain.create_unit(
            actor=world.secretariat, agency=world.other_agency, fields={"name": "X", "symbol": "X"}
        )
    assert counts() == before


def test_no_unit_is_added_to_a_closed_agency(world):
    world.agency.valid_to = dt.date(2024, 12, 31)
    world.agency.save()
    before = counts()
    with pytest.raises(PermissionDenied):
        domain.create_unit(actor=world.admin, agency=world.agency, fields={"name": "X", "symbol": "X"})
    assert counts() == before


def test_create_unit_under_a_parent_of_another_agency_is_refused(world):
    before = counts()
    with pytest.raises(ValidationError) as error:
        domain.create_unit(
            actor=world.admin,
            agency=world.agency,
            fields={"name": "Tổ lạc", "symbol": "TL", "parent": world.other_unit},
        )
    assert list(error.value.message_dict) == ["parent"]
    assert counts() == before


def test_update_unit_logs_only_real_changes(world):
    domain.update_unit(actor=world.secretariat, unit=world.office, fields={"name": "Văn phòng"})
    assert ActivityLog.objects.count() == 0
    domain.update_unit(actor=world.secretariat, unit=world.team, fields={"parent": None})
    world.team.refresh_from_db()
    assert world.team.parent is None
    assert only_log().changes == [("parent", world.division.pk, None)]


def test_update_unit_into_a_cycle_is_refused(world):
    with pytest.raises(ValidationError) as error:
        domain.update_unit(actor=world.admin, unit=world.division, fields={"parent": world.team})
    assert list(error.value.message_dict) == ["parent"]
    world.division.refresh_from_db()
    assert world.division.parent is None and ActivityLog.objects.count() == 0


@pytest.mark.parametrize("persona", ["council", "head", "officer"])
def test_update_unit_refused(world, persona):
    with pytest.raises(PermissionDenied):
        domain.update_unit(actor=getattr(world, persona), unit=world.division, fields={"name": "Đổi tên"})
    world.division.refresh_from_db()
    assert world.division.name == "Phòng Kế hoạch" and ActivityLog.objects.count() == 0


# merge_agency


@pytest.fixture
def successor(world):
    """A successor agency with two units; the office head is a leader; one assignment already ended."""
    new = AgencyFactory(name="Sở Hợp nhất", symbol="SHN")
    new_office, new_division = UnitFactory(agency=new, symbol="VP"), UnitFactory(agency=new, symbol="PKH")
    Assignment.objects.filter(person=world.office_person).update(
        position="Chánh Văn phòng", is_leadership=True
    )
    AssignmentFactory(
        person=world.division_person,
        unit=world.office,
        start_date=dt.date(2010, 1, 1),
        end_date=dt.date(2016, 12, 31),
    )
    closed = UnitFactory(agency=world.agency, symbol="CU", valid_to=dt.date(2020, 1, 1))
    return {
        "agency": new,
        "office": new_office,
        "division": new_division,
        "closed": closed,
        "unit_map": {world.office.pk: new_office, world.division.pk: new_division},
    }


def merge(world, successor, actor=None, **overrides):
    kwargs = {
        "agency": world.agency,
        "into": successor["agency"],
        "on": MERGE_DAY,
        "unit_map": successor["unit_map"],
    }
    domain.merge_agency(actor=actor or world.admin, **(kwargs | overrides))


def test_merge_closes_the_agency_and_its_units_the_day_before(world, successor):
    merge(world, successor)
    world.agency.refresh_from_db()
    assert (world.agency.valid_to, world.agency.successor) == (LAST_DAY, successor["agency"])
    units = {u.symbol: u for u in Unit.objects.filter(agency=world.agency)}
    assert {s: (u.valid_to, u.successor) for s, u in units.items() if s != "CU"} == {
        "VP": (LAST_DAY, successor["office"]),
        "PKH": (LAST_DAY, successor["division"]),
        "TKH": (LAST_DAY, None),
    }
    assert (units["CU"].valid_to, units["CU"].successor) == (
        dt.date(2020, 1, 1),
        None,
    )  # closed earlier: untouched


def test_merge_continues_assignments_with_the_same_position(world, successor):
    merge(world, successor)
    (old, new) = Assignment.objects.filter(person=world.office_person).order_by("start_date")
    assert (old.unit, old.end_date) == (world.office, LAST_DAY)
    assert (new.unit, new.start_date, new.end_date) == (successor["office"], MERGE_DAY, None)
    assert (new.position, new.is_leadership, new.is_primary) == ("Chánh Văn phòng", True, True)
    team = Assignment.objects.get(person=world.team_person)  # no successor unit: ended, not continued
    assert team.end_date == LAST_DAY


def test_merge_keeps_every_history_continuous(world, successor):
    merge(world, successor)

    def periods(person):
        return list(person.assignments.order_by("start_date").values_list("start_date", "end_date"))

    assert periods(world.office_person) == [(dt.date(2017, 1, 1), LAST_DAY), (MERGE_DAY, None)]
    assert periods(world.division_person) == [
        (dt.date(2010, 1, 1), dt.date(2016, 12, 31)),
        (dt.date(2017, 1, 1), LAST_DAY),
        (MERGE_DAY, None),
    ]


def test_merge_moves_the_people_and_writes_one_log_row(world, successor):
    merge(world, successor)
    assert set(Person.objects.filter(agency=successor["agency"])) == {
        world.office_person,
        world.division_person,
        world.team_person,
    }
    assert world.other_person.agency == world.other_agency
    log = only_log()
    assert (log.action, log.actor, log.agency, log.target_id) == (
        "organisations.agency.merged",
        world.admin,
        successor["agency"],
        str(world.agency.pk),
    )
    assert log.data == {
        "after": {"successor": successor["agency"].pk, "on": "2025-07-01", "assignments_moved": 2}
    }


def test_merge_by_an_admin_of_both_agencies(world, successor):
    actor = account_with_role(Role.SYSTEM_ADMIN, agency=world.agency)
    with pytest.raises(PermissionDenied):
        merge(world, successor, actor=actor)
    actor.role_grants.create(role=Role.SYSTEM_ADMIN, agency=successor["agency"])
    forget_scope(actor)
    merge(world, successor, actor=actor)
    assert only_log().actor == actor


@pytest.mark.parametrize("persona", ["secretariat", "council", "officer"])
def test_merge_refused_writes_nothing(world, successor, persona):
    before = counts()
    with pytest.raises(PermissionDenied):
        merge(world, successor, actor=getattr(world, persona))
    world.agency.refresh_from_db()
    assert (world.agency.valid_to, world.agency.successor) == (None, None)
    assert counts() == before
    assert Person.objects.filter(agency=world.agency).count() == 3


@pytest.mark.parametrize("case", ["itself", "loop", "unit_of_third_agency", "staff_code_taken"])
def test_merge_validation_writes_nothing(world, successor, case):
    overrides, field = {
        "itself": ({"into": world.agency}, "into"),
        "loop": ({}, "into"),
        "unit_of_third_agency": ({"unit_map": {world.office.pk: world.other_unit}}, "unit_map"),
        "staff_code_taken": ({}, "into"),
    }[case]
    if case == "loop":
        Agency.objects.filter(pk=successor["agency"].pk).update(successor=world.agency)
        successor["agency"].refresh_from_db()
    if case == "staff_code_taken":
        staff_in(successor["office"], staff_code=world.team_person.staff_code)
    before = counts()
    with pytest.raises(ValidationError) as error:
        merge(world, successor, **overrides)
    assert list(error.value.message_dict) == [field]
    world.agency.refresh_from_db()
    assert world.agency.valid_to is None and counts() == before


def test_merge_leaves_an_assignment_ending_on_the_last_day_alone(world, successor):
    leaving = world.office_person.assignments.get()
    leaving.end_date = LAST_DAY
    leaving.save()
    merge(world, successor)
    periods = world.office_person.assignments.values_list("unit", "end_date")
    assert list(periods) == [(world.office.pk, LAST_DAY)]


def test_merge_carries_a_planned_end_date_into_the_successor(world, successor):
    planned = world.office_person.assignments.get()
    planned.end_date = dt.date(2025, 12, 31)
    planned.save()
    merge(world, successor)
    periods = world.office_person.assignments.order_by("start_date")
    periods = periods.values_list("unit", "start_date", "end_date")
    assert list(periods) == [
        (world.office.pk, dt.date(2017, 1, 1), LAST_DAY),
        (successor["office"].pk, MERGE_DAY, dt.date(2025, 12, 31)),
    ]
