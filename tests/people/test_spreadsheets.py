import datetime as dt
import io

import openpyxl
import pytest

from accounts.models import Role
from activity.models import ActivityLog
from lib.xlsx import CREATE, UNCHANGED, UPDATE, ImportFailed
from organisations.domain import merge_agency
from people.access import people_for_user
from people.models import Assignment, Person
from people.spreadsheets import COLUMNS, apply_people, export_people, import_agencies, plan_people
from tests.factories import AgencyFactory, UnitFactory, account_with_role, staff_in

pytestmark = pytest.mark.usefixtures("english")  # messages are compared with their English msgids

HEADERS = [c.header for c in COLUMNS]
NEW_ROW = {
    "Mã cán bộ": "CB-MOI-1",
    "Họ": "Nguyễn",
    "Tên đệm": "Thị",
    "Tên": "Mai",
    "Giới tính": "Nữ",
    "Ngày sinh": "02/03/1990",
    "Dân tộc": "Tày",
    "Loại cán bộ": "Viên chức",
    "Đơn vị": "PKH",
    "Chức vụ": "Chuyên viên",
    "Lãnh đạo": "Không",
    "Ngày bắt đầu": dt.date(2024, 1, 1),
    "Email": "mai@example.test",
    "Điện thoại": "0912345678",
}


def xlsx(rows, headers=HEADERS) -> bytes:
    """A workbook with `headers`, then one line per row (a dict by header; missing headers left empty)."""
    workbook = openpyxl.Workbook()
    workbook.active.append(headers)
    for row in rows:
        workbook.active.append([row.get(h) for h in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read_back(content: bytes) -> list[list]:
    return [list(r) for r in openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)]


def exported(world, user) -> bytes:
    people = people_for_user(user).filter(agency=world.agency).with_current_assignments().alphabetical()
    return export_people(people)


def row_of(world, person, **changes) -> dict:
    """The file row of `person` as the export writes it, with `changes` (by header)."""
    rows = read_back(exported(world, world.secretariat))
    line = next(r for r in rows if r[0] == person.staff_code)
    return dict(zip(HEADERS, line, strict=True)) | changes


def counts():
    return Person.objects.count(), Assignment.objects.count(), ActivityLog.objects.count()


def problems(plan) -> list[tuple]:
    return [(e.row, e.column, e.header) for e in plan.all_errors]


# --- export ------------------------------------------------------------------------------------------


def test_export_writes_the_import_columns_with_real_dates(world):
    rows = read_back(exported(world, world.secretariat))

    assert rows[0] == HEADERS
    lan = next(r for r in rows if r[0] == world.office_person.staff_code)
    assert lan == [
        world.office_person.staff_code,
        "Trần",
        "Thị",
        "Lan",
        "Nam",
        dt.datetime(1985, 5, 17),
        "Kinh",
        "Công chức",
        "VP",
        "Chuyên viên",
        "Không",
        dt.datetime(2017, 1, 1),
        None,
        None,
    ]
    assert len(rows) == 4  # header + the three people of the agency


def test_export_for_an_officer_holds_only_the_people_she_sees(world):
    rows = read_back(exported(world, world.officer))

    assert sorted(r[0] for r in rows[1:]) == sorted(
        [world.division_person.staff_code, world.team_person.staff_code]
    )


# --- round trip and agencies -------------------------------------------------------------------------


def test_export_then_import_changes_nothing(world):
    before = counts()

    plan = plan_people(exported(world, world.secretariat), user=world.secretariat, agency=world.agency)

    assert plan.is_valid
    assert [(r.action, r.changes) for r in plan.rows] == [(UNCHANGED, [])] * 3
    apply_people(plan, user=world.secretariat, agency=world.agency)
    assert counts()[:2] == before[:2]
    assert ActivityLog.objects.filter(action="people.import.applied").count() == 1


def test_import_agencies_follow_the_roles(world):
    assert list(import_agencies(world.secretariat)) == [world.agency]
    assert list(import_agencies(world.officer)) == [world.agency]
    assert set(import_agencies(world.admin)) == {world.agency, world.other_agency}
    assert list(import_agencies(world.staff)) == []
    assert list(import_agencies(world.leader)) == []


# --- create and update -------------------------------------------------------------------------------


def test_new_row_is_planned_then_created_with_its_post(world):
    plan = plan_people(xlsx([NEW_ROW]), user=world.secretariat, agency=world.agency)

    assert plan.is_valid
    (row,) = plan.rows
    assert (row.row, row.key, row.label, row.action) == (2, "CB-MOI-1", "Nguyễn Thị Mai", CREATE)
    assert {c.header: c.new for c in row.changes}["Ngày sinh"] == "02/03/1990"
    assert not Person.objects.filter(staff_code="CB-MOI-1").exists()  # a dry run writes nothing

    assert apply_people(plan, user=world.secretariat, agency=world.agency) == {
        "create": 1,
        "update": 0,
        "unchanged": 0,
    }
    person = Person.objects.get(agency=world.agency, staff_code="CB-MOI-1")
    assert (person.full_name, person.gender, person.ethnicity, person.staff_category) == (
        "Nguyễn Thị Mai",
        "female",
        "Tày",
        "public_employee",
    )
    assert (person.date_of_birth, person.phone, person.email) == (
        dt.date(1990, 3, 2),
        "0912345678",
        "mai@example.test",
    )
    post = person.assignments.get()
    assert (post.unit, post.position, post.is_leadership, post.start_date) == (
        world.division,
        "Chuyên viên",
        False,
        dt.date(2024, 1, 1),
    )
    log = ActivityLog.objects.get(action="people.import.applied")
    assert (log.actor, log.agency, log.data["after"]) == (
        world.secretariat,
        world.agency,
        {"create": 1, "update": 0, "unchanged": 0, "rows": 1},
    )
    assert ActivityLog.objects.filter(action="people.person.created", target_id=str(person.pk)).exists()


def test_empty_ethnicity_and_category_take_the_defaults_for_a_new_person(world):
    row = NEW_ROW | {"Dân tộc": None, "Loại cán bộ": None}
    apply_people(
        plan_people(xlsx([row]), user=world.secretariat, agency=world.agency),
        user=world.secretariat,
        agency=world.agency,
    )

    person = Person.objects.get(staff_code="CB-MOI-1")
    assert (person.ethnicity, person.staff_category) == ("Kinh", "civil_servant")


def test_changed_fields_update_the_person_and_a_new_position_starts_a_new_post(world):
    lan = world.office_person
    row = row_of(
        world,
        lan,
        **{
            "Điện thoại": "0987654321",
            "Chức vụ": "Phó Chánh Văn phòng",
            "Lãnh đạo": "Có",
            "Ngày bắt đầu": "01/07/2025",
        },
    )

    plan = plan_people(xlsx([row]), user=world.secretariat, agency=world.agency)

    assert plan.is_valid
    assert plan.rows[0].action == UPDATE
    assert [(c.header, c.old, c.new) for c in plan.rows[0].changes] == [
        ("Chức vụ", "Chuyên viên", "Phó Chánh Văn phòng"),
        ("Lãnh đạo", "Không", "Có"),
        ("Điện thoại", "", "0987654321"),
        ("Ngày bắt đầu", "01/01/2017", "01/07/2025"),
    ]
    apply_people(plan, user=world.secretariat, agency=world.agency)
    lan.refresh_from_db()
    assert lan.phone == "0987654321"
    old, new = lan.assignments.order_by("start_date")
    assert (old.end_date, new.unit, new.position, new.is_leadership, new.start_date) == (
        dt.date(2025, 6, 30),
        world.office,
        "Phó Chánh Văn phòng",
        True,
        dt.date(2025, 7, 1),
    )


def test_unit_symbols_match_whatever_the_case(world):
    plan = plan_people(xlsx([NEW_ROW | {"Đơn vị": "pkh"}]), user=world.secretariat, agency=world.agency)

    assert plan.is_valid
    assert plan.rows[0].data["post"]["unit"] == world.division


# --- errors: each has its row and column, and nothing is written -------------------------------------


def assert_refused(world, user, content, expected, agency=None):
    before = counts()
    plan = plan_people(content, user=user, agency=agency or world.agency)
    assert problems(plan) == expected
    assert not plan.is_valid
    with pytest.raises(ImportFailed):
        apply_people(plan, user=user, agency=agency or world.agency)
    assert counts() == before
    return plan


def test_missing_and_unknown_columns_are_refused(world):
    headers = [h for h in HEADERS if h != "Tên"] + ["Quê quán"]
    plan = assert_refused(
        world, world.secretariat, xlsx([NEW_ROW], headers), [(1, "N", "Quê quán"), (None, "", "")]
    )
    assert plan.rows == []


def test_empty_required_cell_is_refused(world):
    plan = assert_refused(world, world.secretariat, xlsx([NEW_ROW | {"Họ": None}]), [(2, "B", "Họ")])
    assert "required" in str(plan.all_errors[0])


def test_bad_dates_are_refused(world):
    row = NEW_ROW | {"Ngày sinh": "31/02/1990", "Ngày bắt đầu": "hôm nay"}
    plan = assert_refused(
        world, world.secretariat, xlsx([row]), [(2, "F", "Ngày sinh"), (2, "L", "Ngày bắt đầu")]
    )
    assert str(plan.all_errors[0]).startswith("Row 2, column F (Ngày sinh): “31/02/1990” is not a date")


def test_unknown_unit_and_units_of_another_agency_are_refused(world):
    UnitFactory(agency=world.other_agency, symbol="PKT")
    rows = [NEW_ROW | {"Đơn vị": "KHONGCO"}, NEW_ROW | {"Mã cán bộ": "CB-MOI-2", "Đơn vị": "PKT"}]
    plan = assert_refused(world, world.secretariat, xlsx(rows), [(2, "I", "Đơn vị"), (3, "I", "Đơn vị")])
    assert "“KHONGCO”" in str(plan.all_errors[0])


def test_duplicate_staff_code_in_the_file_is_refused(world):
    rows = [NEW_ROW, NEW_ROW | {"Tên": "Hoa"}]
    plan = assert_refused(world, world.secretariat, xlsx(rows), [(3, "A", "Mã cán bộ")])
    assert "already used in row 2" in str(plan.all_errors[0])


def test_invalid_choice_values_are_refused(world):
    row = NEW_ROW | {
        "Giới tính": "Gái",
        "Dân tộc": "Martian",
        "Loại cán bộ": "Tình nguyện",
        "Lãnh đạo": "Hơi",
    }
    plan = assert_refused(
        world,
        world.secretariat,
        xlsx([row]),
        [(2, "E", "Giới tính"), (2, "G", "Dân tộc"), (2, "H", "Loại cán bộ"), (2, "K", "Lãnh đạo")],
    )
    assert "Nam, Nữ" in str(plan.all_errors[0])


def test_model_validation_is_reported_on_its_cell(world):
    row = NEW_ROW | {"Email": "không-phải-email", "Ngày sinh": "01/01/2999"}
    assert_refused(world, world.secretariat, xlsx([row]), [(2, "F", "Ngày sinh"), (2, "M", "Email")])


def test_new_person_without_start_date_is_refused(world):
    assert_refused(
        world, world.secretariat, xlsx([NEW_ROW | {"Ngày bắt đầu": None}]), [(2, "L", "Ngày bắt đầu")]
    )


def test_new_post_must_start_after_the_current_one(world):
    lan = world.office_person
    rows = [row_of(world, lan, **{"Đơn vị": "PKH", "Ngày bắt đầu": "01/01/2016"})]
    plan = assert_refused(world, world.secretariat, xlsx(rows), [(2, "L", "Ngày bắt đầu")])
    assert "01/01/2017" in str(plan.all_errors[0])


def test_start_date_alone_cannot_change(world):
    rows = [row_of(world, world.office_person, **{"Ngày bắt đầu": "02/01/2017"})]
    assert_refused(world, world.secretariat, xlsx(rows), [(2, "L", "Ngày bắt đầu")])


def test_a_new_post_in_a_unit_not_yet_in_force_is_refused(world):
    world.division.valid_from = dt.date(2024, 6, 1)
    world.division.save()
    plan = assert_refused(world, world.secretariat, xlsx([NEW_ROW]), [(2, "I", "Đơn vị")])
    assert "Phòng Kế hoạch is not in force on 01/01/2024." in str(plan.all_errors[0])


def test_errors_of_several_rows_are_all_reported(world):
    rows = [
        NEW_ROW | {"Họ": None},
        NEW_ROW | {"Mã cán bộ": "CB-MOI-2"},
        NEW_ROW | {"Mã cán bộ": "CB-MOI-3", "Ngày sinh": "x"},
    ]
    plan = assert_refused(world, world.secretariat, xlsx(rows), [(2, "B", "Họ"), (4, "F", "Ngày sinh")])
    assert plan.rows[1].action == CREATE and plan.rows[1].errors == []


# --- unit officers -----------------------------------------------------------------------------------


def test_officer_imports_people_into_her_units(world):
    rows = [NEW_ROW | {"Đơn vị": "TKH"}, row_of(world, world.division_person, **{"Điện thoại": "0911000111"})]
    plan = plan_people(xlsx(rows), user=world.officer, agency=world.agency)

    assert plan.is_valid
    apply_people(plan, user=world.officer, agency=world.agency)
    assert Person.objects.in_units([world.team.pk]).filter(staff_code="CB-MOI-1").exists()
    world.division_person.refresh_from_db()
    assert world.division_person.phone == "0911000111"


def test_officer_cannot_import_people_into_another_unit(world):
    plan = assert_refused(world, world.officer, xlsx([NEW_ROW | {"Đơn vị": "VP"}]), [(2, "I", "Đơn vị")])
    assert "to which you may add people" in str(plan.all_errors[0])


def test_officer_cannot_move_her_people_out_of_her_units(world):
    rows = [row_of(world, world.division_person, **{"Đơn vị": "VP", "Ngày bắt đầu": "01/07/2025"})]
    assert_refused(world, world.officer, xlsx(rows), [(2, "I", "Đơn vị")])


def test_officer_cannot_change_people_of_other_units_by_staff_code(world):
    rows = [row_of(world, world.office_person, **{"Đơn vị": "PKH", "Ngày bắt đầu": "01/07/2025"})]
    plan = assert_refused(world, world.officer, xlsx(rows), [(2, "A", "Mã cán bộ")])
    assert "may not change" in str(plan.all_errors[0])


@pytest.mark.parametrize("count", [1, 3])
def test_officer_plan_queries_do_not_grow_with_the_rows(world, django_assert_num_queries, count):
    people = [world.division_person] + [staff_in(world.team) for _ in range(count - 1)]
    rows = [row_of(world, person, **{"Điện thoại": "0911000111"}) for person in people]
    content = xlsx(rows)

    with django_assert_num_queries(6):  # the lineage: one query for every generation (predecessor_map)
        plan = plan_people(content, user=world.officer, agency=world.agency)

    assert plan.is_valid and plan.counts["update"] == count


def test_new_person_in_a_file_without_the_start_date_column_is_refused(world):
    headers = [h for h in HEADERS if h != "Ngày bắt đầu"]
    plan = assert_refused(world, world.secretariat, xlsx([NEW_ROW], headers), [(2, "", "Ngày bắt đầu")])
    assert str(plan.all_errors[0]) == (
        "Row 2, column “Ngày bắt đầu”: A new person needs the start date of the post."
    )


def test_a_closed_predecessor_agency_is_not_an_import_target(world):
    successor = AgencyFactory(name="Sở kế thừa", symbol="SKT")
    merge_agency(actor=None, agency=world.agency, into=successor, on=dt.date(2025, 7, 1), unit_map={})
    account = account_with_role(Role.SECRETARIAT, agency=successor, username="tt-moi")
    assert list(import_agencies(account)) == [successor]
