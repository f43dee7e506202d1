import datetime as dt
import io

import openpyxl
import pytest

from activity.models import ActivityLog
from lib.xlsx import CREATE, UNCHANGED, UPDATE, ImportFailed
from organisations.access import units_for_user
from organisations.models import Unit
from organisations.spreadsheets import COLUMNS, apply_units, export_units, import_agencies, plan_units

pytestmark = pytest.mark.usefixtures("english")  # messages are compared with their English msgids

HEADERS = [c.header for c in COLUMNS]


def xlsx(rows, headers=HEADERS) -> bytes:
    """A workbook with `headers`, then one line per row (a dict by header; missing headers left empty)."""
    workbook = openpyxl.Workbook()
    workbook.active.append(headers)
    for row in rows:
        workbook.active.append([row.get(h) for h in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def unit_row(symbol, name, parent=None, **others) -> dict:
    """A row in force since 01/01/2008, as the world's units are."""
    return {
        "Ký hiệu": symbol,
        "Tên đơn vị": name,
        "Đơn vị cấp trên": parent,
        "Hiệu lực từ": "01/01/2008",
    } | others


def read_back(content: bytes) -> list[list]:
    return [list(r) for r in openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)]


def exported(world, user) -> bytes:
    return export_units(units_for_user(user).filter(agency=world.agency).order_by("position", "name"))


def counts():
    return Unit.objects.count(), ActivityLog.objects.count()


def problems(plan) -> list[tuple]:
    return [(e.row, e.column, e.header) for e in plan.all_errors]


def plan_and_apply(world, rows, headers=HEADERS):
    plan = plan_units(xlsx(rows, headers), user=world.secretariat, agency=world.agency)
    assert plan.all_errors == []
    apply_units(plan, user=world.secretariat, agency=world.agency)
    return plan


# --- export ------------------------------------------------------------------------------------------


def test_export_writes_parents_before_children_with_real_dates(world):
    world.team.valid_to = dt.date(2024, 12, 31)
    world.team.save()

    rows = read_back(exported(world, world.secretariat))

    assert rows == [
        HEADERS,
        ["PKH", "Phòng Kế hoạch", "Phòng chuyên môn", None, dt.datetime(2008, 1, 1), None],
        ["TKH", "Tổ Kế hoạch", "Phòng chuyên môn", "PKH", dt.datetime(2008, 1, 1), dt.datetime(2024, 12, 31)],
        ["VP", "Văn phòng", "Phòng chuyên môn", None, dt.datetime(2008, 1, 1), None],
    ]


def test_export_then_import_changes_nothing(world):
    before = counts()

    plan = plan_units(exported(world, world.secretariat), user=world.secretariat, agency=world.agency)

    assert plan.is_valid
    assert [(r.key, r.action, r.changes) for r in plan.rows] == [
        ("PKH", UNCHANGED, []),
        ("TKH", UNCHANGED, []),
        ("VP", UNCHANGED, []),
    ]
    assert counts() == before


def test_import_agencies_are_the_managed_ones(world):
    assert list(import_agencies(world.secretariat)) == [world.agency]
    assert set(import_agencies(world.admin)) == {world.agency, world.other_agency}
    assert list(import_agencies(world.officer)) == []
    assert list(import_agencies(world.leader)) == []


# --- create and update -------------------------------------------------------------------------------


def test_new_units_are_created_parents_first_whatever_the_row_order(world):
    rows = [
        unit_row("TTC", "Tổ Tổ chức", "PTC", **{"Hiệu lực từ": "01/07/2025"}),
        unit_row("ptc", "Phòng Tổ chức", **{"Loại": "phong chuyen mon", "Hiệu lực từ": None}),
        unit_row("TT", "Thanh tra Sở", **{"Loại": "Thanh tra", "Hiệu lực từ": None}),
    ]
    plan = plan_units(xlsx(rows), user=world.secretariat, agency=world.agency)

    assert [(r.row, r.key, r.action) for r in plan.rows] == [
        (2, "TTC", CREATE),
        (3, "PTC", CREATE),
        (4, "TT", CREATE),
    ]
    assert {c.header: c.new for c in plan.rows[0].changes} == {
        "Ký hiệu": "TTC",
        "Tên đơn vị": "Tổ Tổ chức",
        "Loại": "Phòng chuyên môn",
        "Đơn vị cấp trên": "PTC",
        "Hiệu lực từ": "01/07/2025",
    }
    assert apply_units(plan, user=world.secretariat, agency=world.agency) == {
        "create": 3,
        "update": 0,
        "unchanged": 0,
    }
    team = Unit.objects.get(agency=world.agency, symbol="TTC")
    assert (team.parent.symbol, team.kind, team.valid_from) == ("PTC", "division", dt.date(2025, 7, 1))
    assert Unit.objects.get(agency=world.agency, symbol="TT").kind == "inspectorate"
    log = ActivityLog.objects.get(action="organisations.import.applied")
    assert (log.actor, log.agency, log.data["after"]) == (
        world.secretariat,
        world.agency,
        {"create": 3, "update": 0, "unchanged": 0, "rows": 3},
    )
    assert ActivityLog.objects.filter(action="organisations.unit.created").count() == 3


def test_changed_units_are_updated_and_only_in_the_chosen_agency(world):
    rows = [
        unit_row("VP", "Văn phòng Sở", **{"Loại": "Văn phòng"}),
        unit_row("TKH", "Tổ Kế hoạch", "VP"),
        unit_row("PKH", "Phòng Kế hoạch", **{"Hiệu lực đến": "30/06/2025"}),
    ]
    plan = plan_units(xlsx(rows), user=world.secretariat, agency=world.agency)

    assert [(r.key, r.action) for r in plan.rows] == [("VP", UPDATE), ("TKH", UPDATE), ("PKH", UPDATE)]
    assert [(c.header, c.old, c.new) for c in plan.rows[0].changes] == [
        ("Tên đơn vị", "Văn phòng", "Văn phòng Sở"),
        ("Loại", "Phòng chuyên môn", "Văn phòng"),
    ]
    assert [(c.header, c.old, c.new) for c in plan.rows[1].changes] == [("Đơn vị cấp trên", "PKH", "VP")]
    apply_units(plan, user=world.secretariat, agency=world.agency)
    for unit in (world.office, world.team, world.division, world.other_unit):
        unit.refresh_from_db()
    assert (world.office.name, world.office.kind) == ("Văn phòng Sở", "office")
    assert world.team.parent == world.office
    assert world.division.valid_to == dt.date(2025, 6, 30)
    assert world.other_unit.name == "Văn phòng Sở Khác"


def test_a_branch_can_be_turned_upside_down(world):
    """TKH is under PKH; the file puts PKH under TKH: applied in the new tree's order, no loop on the way."""
    plan_and_apply(world, [unit_row("PKH", "Phòng Kế hoạch", "TKH"), unit_row("TKH", "Tổ Kế hoạch", None)])

    world.division.refresh_from_db()
    world.team.refresh_from_db()
    assert (world.division.parent, world.team.parent) == (world.team, None)


def test_missing_optional_columns_keep_the_current_values(world):
    rows = [{"Ký hiệu": "TKH", "Tên đơn vị": "Tổ Kế hoạch tổng hợp"}]
    plan = plan_and_apply(world, rows, headers=["Ký hiệu", "Tên đơn vị"])
    assert plan.rows[0].action == UPDATE
    world.team.refresh_from_db()
    assert (world.team.name, world.team.parent, world.team.kind) == (
        "Tổ Kế hoạch tổng hợp",
        world.division,
        "division",
    )


# --- errors: each has its row and column, and nothing is written -------------------------------------


def assert_refused(world, rows, expected, headers=HEADERS):
    before = counts()
    plan = plan_units(xlsx(rows, headers), user=world.secretariat, agency=world.agency)
    assert problems(plan) == expected
    with pytest.raises(ImportFailed):
        apply_units(plan, user=world.secretariat, agency=world.agency)
    assert counts() == before
    return plan


def test_missing_required_column_is_refused(world):
    assert_refused(world, [{"Ký hiệu": "X"}], [(None, "", "")], headers=["Ký hiệu", "Loại"])


def test_symbol_twice_in_the_file_is_refused(world):
    plan = assert_refused(
        world, [unit_row("PX", "Phòng X"), unit_row("px", "Phòng X bis")], [(3, "A", "Ký hiệu")]
    )
    assert "already used in row 2" in str(plan.all_errors[0])


def test_unknown_parent_is_refused(world):
    plan = assert_refused(world, [unit_row("PX", "Phòng X", "KHONGCO")], [(2, "D", "Đơn vị cấp trên")])
    assert "“KHONGCO”" in str(plan.all_errors[0])


def test_parent_of_another_agency_is_refused(world):
    world.other_unit.symbol = "VPK"
    world.other_unit.save()
    assert_refused(world, [unit_row("PX", "Phòng X", "VPK")], [(2, "D", "Đơn vị cấp trên")])


def test_parent_loops_are_refused(world):
    rows = [unit_row("PKH", "Phòng Kế hoạch", "TKH"), unit_row("VP", "Văn phòng", "VP")]
    plan = assert_refused(world, rows, [(2, "D", "Đơn vị cấp trên"), (3, "D", "Đơn vị cấp trên")])
    assert "under itself" in str(plan.all_errors[0]) and "under itself" in str(plan.all_errors[1])


def test_bad_kind_and_dates_are_refused(world):
    rows = [
        unit_row("PX", "Phòng X", **{"Loại": "Ban", "Hiệu lực từ": "1/13/2025"}),
        unit_row("PY", "Phòng Y", **{"Hiệu lực từ": "01/07/2025", "Hiệu lực đến": "30/06/2025"}),
        unit_row("PZ", None),
    ]
    plan = assert_refused(
        world,
        rows,
        [(2, "C", "Loại"), (2, "E", "Hiệu lực từ"), (3, "F", "Hiệu lực đến"), (4, "B", "Tên đơn vị")],
    )
    assert "Lãnh đạo, Văn phòng" in str(plan.all_errors[0])
