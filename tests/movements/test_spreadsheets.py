import io

import pytest
from openpyxl import load_workbook

from awards.models import Award
from movements.domain import registrations as domain
from movements.models import Registration
from movements.spreadsheets import HEADER_ROW, consolidated_rows, export_registrations
from tests.factories import MovementFactory, RoundFactory, staff_in


@pytest.fixture
def table(world):
    """Two units registered: the division (collective title with pledges, two staff) and the office."""
    movement = MovementFactory(agency=world.agency, name="Phong trào thi đua “Chuyển đổi số” năm 2026")
    world.round = RoundFactory(movement=movement)
    collective = Award.objects.get(code="tap-the-lao-dong-tien-tien")
    individual = Award.objects.get(code="lao-dong-tien-tien")
    division = domain.start_registration(
        actor=None, round=world.round, unit=world.division, pledges="Hoàn thành 100% kế hoạch"
    )
    anh = staff_in(world.division, family_name="Vũ", middle_name="Thị", given_name="Ánh")
    domain.add_entry(actor=None, registration=division, award=individual, person=world.division_person)
    domain.add_entry(actor=None, registration=division, award=individual, person=anh, pledges="Không nghỉ")
    domain.add_entry(actor=None, registration=division, award=collective)
    office = domain.start_registration(actor=None, round=world.round, unit=world.office)
    domain.add_entry(actor=None, registration=office, award=collective, pledges="=SUM(A1:A2)")
    domain.submit_registration(actor=None, registration=office)
    domain.approve_registration(actor=None, registration=office)
    return world


def test_rows_hold_units_in_order_collective_first_then_staff_by_name(table, django_assert_num_queries):
    with django_assert_num_queries(1):
        rows = consolidated_rows(Registration.objects.filter(round=table.round))

    assert [row.cells() for row in rows] == [
        (
            1,
            "Phòng Kế hoạch",
            "Tập thể",
            "",
            "Tập thể lao động tiên tiến",
            "Hoàn thành 100% kế hoạch",
            "Đang tổng hợp",
        ),
        (2, "Phòng Kế hoạch", "Cá nhân", "Vũ Thị Ánh", "Lao động tiên tiến", "Không nghỉ", "Đang tổng hợp"),
        (3, "Phòng Kế hoạch", "Cá nhân", "Lê Văn Minh", "Lao động tiên tiến", "", "Đang tổng hợp"),
        (4, "Văn phòng", "Tập thể", "", "Tập thể lao động tiên tiến", "=SUM(A1:A2)", "Đã duyệt"),
    ]


def test_the_workbook_reads_back_with_its_title_rows(table):
    rows = consolidated_rows(Registration.objects.filter(round=table.round))

    sheet = load_workbook(io.BytesIO(export_registrations(table.round, rows))).active

    year = table.round.year
    assert [sheet.cell(row=n, column=1).value for n in (1, 2, 3)] == [
        "SỞ THỬ NGHIỆM",
        f"BẢNG TỔNG HỢP ĐĂNG KÝ THI ĐUA NĂM {year}",
        "Phong trào thi đua “Chuyển đổi số” năm 2026",
    ]
    assert [c.value for c in sheet[HEADER_ROW]] == [
        "STT",
        "Đơn vị",
        "Tập thể/Cá nhân",
        "Họ và tên",
        "Danh hiệu",
        "Chỉ tiêu",
        "Trạng thái",
    ]
    values = [
        tuple("" if v is None else v for v in row)
        for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)
    ]
    assert values == [row.cells() for row in rows]
    assert sheet.cell(row=HEADER_ROW + 4, column=6).data_type == "s"  # text, never a formula
    assert sheet.freeze_panes == f"A{HEADER_ROW + 1}"
