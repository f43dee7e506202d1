import datetime as dt
import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lib.xlsx import (
    BOOL,
    CHOICE,
    DATE,
    CellError,
    Column,
    Plan,
    PlanRow,
    SpreadsheetError,
    UploadForm,
    cell_text,
    check_xlsx,
    checksum,
    parse_bool,
    parse_date,
    read_sheet,
    start_plan,
    write_sheet,
)
from organisations.models import Agency

pytestmark = pytest.mark.usefixtures("english")  # messages are compared with their English msgids

COLUMNS = (
    Column("code", "Mã cán bộ", required=True, width=14),
    Column("name", "Tên", required=True),
    Column("gender", "Giới tính", kind=CHOICE, choices=(("male", "Nam"), ("female", "Nữ", "Female"))),
    Column("born", "Ngày sinh", kind=DATE, width=12),
    Column("leader", "Lãnh đạo", kind=BOOL),
)
XLSX_MAIN_PART = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
DOCX_MAIN_PART = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def xlsx(rows) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zipped(files: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def messages_of(excinfo) -> list[str]:
    return [str(e) for e in excinfo.value.errors]


# --- cells -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (dt.datetime(1985, 5, 17, 0, 0), dt.date(1985, 5, 17)),
        (dt.date(1985, 5, 17), dt.date(1985, 5, 17)),
        ("17/05/1985", dt.date(1985, 5, 17)),
        (" 7/5/1985 ", dt.date(1985, 5, 7)),
        ("07-05-1985", dt.date(1985, 5, 7)),
        ("1985-05-17", dt.date(1985, 5, 17)),
        (None, None),
        ("", None),
    ],
)
def test_parse_date_accepts_excel_dates_and_day_month_year_text(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["31/02/2020", "17.05.85", "hôm qua", 31045, 12.5, "05/17/1985"])
def test_parse_date_rejects_anything_else_with_the_expected_format(raw):
    with pytest.raises(ValueError, match="dd/mm/yyyy"):
        parse_date(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Có", True),
        ("có", True),
        ("x", True),
        (True, True),
        (1, True),
        ("Không", False),
        ("KHONG", False),
        (None, False),
        ("", False),
        (False, False),
    ],
)
def test_parse_bool_reads_co_and_khong(raw, expected):
    assert parse_bool(raw) is expected


def test_parse_bool_rejects_other_words():
    with pytest.raises(ValueError, match="Có"):
        parse_bool("có lẽ")


def test_cell_text_normalises_to_nfc_and_drops_float_zero():
    decomposed = "Nguye\u0302\u0303n  Thi\u0323"
    assert cell_text(decomposed) == "Nguyễn Thị"
    assert cell_text(912345678.0) == "912345678"
    assert cell_text(dt.date(2020, 1, 2)) == "02/01/2020"
    assert cell_text(None) == ""


def test_choice_column_matches_labels_values_and_aliases_without_accents():
    column = COLUMNS[2]
    assert [column.to_python(v) for v in ("Nữ", "nu", "NỮ", "female", "Female", "nam", "")] == [
        "female",
        "female",
        "female",
        "female",
        "female",
        "male",
        "",
    ]
    with pytest.raises(ValueError, match="Nam, Nữ"):
        column.to_python("khác")


def test_column_display_and_cell_values():
    gender, born, leader = COLUMNS[2], COLUMNS[3], COLUMNS[4]
    assert (gender.display("female"), gender.to_cell("female")) == ("Nữ", "Nữ")
    assert born.display(dt.date(1985, 5, 17)) == "17/05/1985"
    assert (leader.to_cell(True), leader.to_cell(False), born.to_cell(None)) == ("Có", "Không", None)


def test_cell_error_reads_as_a_sentence_with_row_and_column():
    assert (
        str(CellError("Sai.", row=5, column="F", header="Ngày sinh")) == "Row 5, column F (Ngày sinh): Sai."
    )
    assert str(CellError("Thiếu.", row=4, header="Tên")) == "Row 4, column “Tên”: Thiếu."
    assert str(CellError("Sai.", column="B", header="Tuổi")) == "Column B (Tuổi): Sai."
    assert str(CellError("Sai.", row=3)) == "Row 3: Sai."
    assert str(CellError("Hỏng.")) == "Hỏng."


# --- file checks -------------------------------------------------------------------------------------


def test_check_xlsx_accepts_a_workbook():
    check_xlsx(xlsx([["Mã cán bộ"]]))


@pytest.mark.parametrize(
    "content",
    [
        b"Ma can bo;Ten\nCB1;An\n",  # a text/CSV file renamed .xlsx
        zipped({"hello.txt": "xin chào"}),  # a plain zip
        zipped(
            {  # a .docx
                "[Content_Types].xml": DOCX_MAIN_PART,
                "word/document.xml": "<w:document/>",
            }
        ),
        b"%PDF-1.7 ...",
    ],
    ids=["text", "zip", "docx", "pdf"],
)
def test_check_xlsx_refuses_other_files_by_their_content(content):
    with pytest.raises(SpreadsheetError) as excinfo:
        check_xlsx(content)
    assert len(excinfo.value.errors) == 1
    assert "not an Excel .xlsx file" in str(excinfo.value)


def test_check_xlsx_refuses_empty_oversized_and_truncated_files(settings):
    data = xlsx([["Mã cán bộ"]])
    with pytest.raises(SpreadsheetError, match="empty"):
        check_xlsx(b"")
    with pytest.raises(SpreadsheetError, match="damaged"):
        check_xlsx(data[: len(data) // 2])
    settings.MAX_UPLOAD_BYTES = len(data) - 1
    with pytest.raises(SpreadsheetError, match="largest accepted"):
        check_xlsx(data)


def test_check_xlsx_refuses_a_zip_that_inflates_far_beyond_the_upload_limit(settings):
    settings.MAX_UPLOAD_BYTES = 50_000
    bomb = zipped(
        {
            "[Content_Types].xml": XLSX_MAIN_PART,
            "xl/workbook.xml": "<workbook/>",
            "xl/worksheets/sheet1.xml": " " * 2_000_000,
        }
    )
    with pytest.raises(SpreadsheetError, match="damaged"):
        check_xlsx(bomb)


def test_read_sheet_reports_a_damaged_workbook_once():
    broken = zipped(
        {
            "[Content_Types].xml": XLSX_MAIN_PART,
            "xl/workbook.xml": "<not xml",
        }
    )
    with pytest.raises(SpreadsheetError) as excinfo:
        read_sheet(broken, COLUMNS)
    assert len(excinfo.value.errors) == 1
    assert "damaged" in messages_of(excinfo)[0]


# --- reading -----------------------------------------------------------------------------------------


def test_read_sheet_matches_headers_ignoring_case_accents_and_order():
    data = xlsx([["  TEN ", "ma can bo", "NGÀY SINH"], ["An", "CB1", "17/05/1985"]])
    sheet = read_sheet(data, COLUMNS)
    assert sheet.positions == {"name": 0, "code": 1, "born": 2}
    values, errors = sheet.values(*sheet.rows[0])
    assert (values, errors) == ({"name": "An", "code": "CB1", "born": dt.date(1985, 5, 17)}, [])


def test_read_sheet_reports_unknown_duplicate_and_missing_columns_with_their_letters():
    data = xlsx([["Mã cán bộ", "Tuổi", "mã cán bộ"], ["CB1", 30, "CB1"]])
    with pytest.raises(SpreadsheetError) as excinfo:
        read_sheet(data, COLUMNS)
    errors = [(e.row, e.column, e.header) for e in excinfo.value.errors]
    assert errors == [(1, "B", "Tuổi"), (1, "C", "mã cán bộ"), (None, "", "")]
    assert "Unknown column “Tuổi”" in str(excinfo.value.errors[0])
    assert "appears twice" in str(excinfo.value.errors[1])
    assert str(excinfo.value.errors[2]) == "The column “Tên” is missing; it is required."


def test_read_sheet_skips_empty_rows_and_keeps_excel_row_numbers():
    data = xlsx([["Mã cán bộ", "Tên"], ["CB1", "An"], [None, None], ["CB2", "Bình"]])
    sheet = read_sheet(data, COLUMNS)
    assert [number for number, _cells in sheet.rows] == [2, 4]


def test_read_sheet_refuses_a_file_without_rows_or_with_too_many():
    with pytest.raises(SpreadsheetError, match="no rows"):
        read_sheet(xlsx([["Mã cán bộ", "Tên"]]), COLUMNS)
    rows = [["Mã cán bộ", "Tên"]] + [[f"CB{i}", "An"] for i in range(4)]
    with pytest.raises(SpreadsheetError, match="more than 3 rows"):
        read_sheet(xlsx(rows), COLUMNS, max_rows=3)
    assert len(read_sheet(xlsx(rows), COLUMNS, max_rows=4).rows) == 4


def test_sheet_values_report_each_bad_cell_with_row_and_column():
    data = xlsx(
        [["Mã cán bộ", "Tên", "Giới tính", "Ngày sinh", "Lãnh đạo"], ["CB1", None, "Gái", "32/01/1990", "?"]]
    )
    sheet = read_sheet(data, COLUMNS)
    values, errors = sheet.values(*sheet.rows[0])
    assert values == {"code": "CB1"}
    assert [(e.row, e.column, e.key) for e in errors] == [
        (2, "B", "name"),
        (2, "C", "gender"),
        (2, "D", "born"),
        (2, "E", "leader"),
    ]
    assert str(errors[0]) == "Row 2, column B (Tên): The cell is empty but this column is required."


def test_check_model_reports_model_errors_on_their_cells_except_cells_already_in_error():
    data = xlsx([["Giới tính", "Tên", "Mã cán bộ"], ["Nam", "X" * 300, "CB1"]])
    sheet = read_sheet(data, COLUMNS)
    row = PlanRow(row=2, errors=[sheet.error(2, "code", "already wrong")])
    agency = Agency(name="X" * 300, symbol="S", place_name="", code="bad")  # a bad code, not reported twice

    sheet.check_model(row, agency, exclude=["parent", "successor"])

    assert [(e.column, e.key, e.message) for e in row.errors] == [
        ("C", "code", "already wrong"),
        ("B", "name", "Ensure this value has at most 255 characters (it has 300)."),
        ("", "", "This field cannot be blank."),  # place_name: not a column of the file, so about the row
    ]


def test_start_plan_gives_the_sheet_or_the_errors_of_an_unreadable_file():
    good = xlsx([["Mã cán bộ", "Tên"], ["CB1", "An"]])

    plan, sheet = start_plan(good, COLUMNS)
    bad_plan, no_sheet = start_plan(b"not a workbook", COLUMNS)

    assert (plan.checksum, plan.errors, len(sheet.rows)) == (checksum(good), [], 1)
    assert no_sheet is None and bad_plan.checksum == checksum(b"not a workbook")
    assert [str(e) for e in bad_plan.errors] == [str(e) for e in _errors_of(b"not a workbook")]
    assert not bad_plan.is_valid


def _errors_of(data) -> list:
    with pytest.raises(SpreadsheetError) as excinfo:
        read_sheet(data, COLUMNS)
    return excinfo.value.errors


# --- writing -----------------------------------------------------------------------------------------


def test_write_sheet_formats_headers_dates_and_widths():
    records = [
        {
            "code": "CB1",
            "name": '=HYPERLINK("x")',
            "gender": "female",
            "born": dt.date(1985, 5, 17),
            "leader": True,
        }
    ]
    sheet = openpyxl.load_workbook(io.BytesIO(write_sheet(COLUMNS, records, title="Cán bộ"))).active
    assert sheet.title == "Cán bộ"
    assert [c.value for c in sheet[1]] == ["Mã cán bộ", "Tên", "Giới tính", "Ngày sinh", "Lãnh đạo"]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert (sheet.column_dimensions["A"].width, sheet.column_dimensions["D"].width) == (14, 12)
    assert [c.value for c in sheet[2]] == ["CB1", '=HYPERLINK("x")', "Nữ", dt.datetime(1985, 5, 17), "Có"]
    assert sheet["B2"].data_type == "s"  # text that looks like a formula stays text
    assert sheet["D2"].number_format == "DD/MM/YYYY"


def test_written_sheet_reads_back_to_the_same_values():
    record = {
        "code": "CB1",
        "name": "Đặng Thị Hương",
        "gender": "male",
        "born": dt.date(2001, 2, 3),
        "leader": False,
    }
    sheet = read_sheet(write_sheet(COLUMNS, [record], title="x"), COLUMNS)
    assert sheet.values(*sheet.rows[0]) == (record, [])


# --- plan and form -----------------------------------------------------------------------------------


def test_plan_is_valid_only_with_rows_and_no_errors():
    assert not Plan().is_valid
    assert Plan(rows=[PlanRow(row=2)]).is_valid
    assert not Plan(rows=[PlanRow(row=2, errors=[CellError("x", row=2)])]).is_valid
    assert Plan(rows=[PlanRow(row=2, action="create"), PlanRow(row=3)]).counts == {
        "create": 1,
        "update": 0,
        "unchanged": 1,
    }


def upload(content, name="danh-sach.xlsx"):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_upload_form_reads_a_workbook_and_knows_when_it_is_confirmed(db):
    agency = Agency.objects.create(name="Sở A", symbol="SA", place_name="Huế")
    data = xlsx([["Mã cán bộ"], ["CB1"]])
    post = {"agency": agency.pk, "checksum": checksum(data), "apply": "1"}
    form = UploadForm(post, {"file": upload(data)}, agencies=Agency.objects.all())
    assert form.is_valid()
    assert form.cleaned_data["content"] == data
    assert form.confirmed(Plan(checksum=checksum(data)))
    assert not form.confirmed(Plan(checksum=checksum(data + b"x")))


def test_upload_form_refuses_a_renamed_text_file(db):
    Agency.objects.create(name="Sở A", symbol="SA", place_name="Huế")
    form = UploadForm({}, {"file": upload(b"not a workbook", "ds.xlsx")}, agencies=Agency.objects.all())
    assert not form.is_valid()
    assert "not an Excel .xlsx file" in form.errors["file"][0]
