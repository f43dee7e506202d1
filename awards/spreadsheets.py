""" "Who is due" as an .xlsx file: one row per award, group and subject, with what is still missing — the
whole list of a snapshot (awards.snapshots), written by the task worker in openpyxl's write-only mode
(rows streamed to the file, never a sheet held in memory: 40 000 rows in a few seconds).

Headers and group names are Vietnamese and fixed (a file format, not interface text), as in lib.xlsx."""

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from lib.xlsx import BOOL, Column

from .models import Award, DueGroup

GROUP_WORDS = {
    DueGroup.ELIGIBLE: "Đủ điều kiện",
    DueGroup.ONE_STEP: "Còn một bước",
    DueGroup.DEFERRED: "Hoãn xét",
}
ELIGIBLE, ONE_STEP, DEFERRED = GROUP_WORDS.values()
CHUNK = 2000

COLUMNS = (
    Column("year", "Năm thành tích", width=10),
    Column("award", "Danh hiệu, hình thức khen thưởng", width=34),
    Column("group", "Nhóm", width=16),
    Column("name", "Cá nhân, tập thể", width=28),
    Column("staff_code", "Mã cán bộ", width=12),
    Column("unit", "Đơn vị", width=28),
    Column("over_cap", "Vượt tỷ lệ", kind=BOOL, width=10),
    Column("missing", "Điều kiện còn thiếu", width=60),
    Column("citations", "Căn cứ", width=40),
    Column("rule_set", "Bộ quy định áp dụng", width=34),
)
FIELDS = (
    "award_id",
    "group",
    "person_id",
    "person__family_name",
    "person__middle_name",
    "person__given_name",
    "person__staff_code",
    "unit__name",
    "over_cap",
    "missing",
)


def due_record(values: dict, *, award: str, year: int, rule_set: str) -> dict:
    """One row of the file from a DueEntry's values (FIELDS)."""
    person = values["person_id"] is not None
    names = (values["person__family_name"], values["person__middle_name"], values["person__given_name"])
    missing = values["missing"]
    return {
        "year": year,
        "award": award,
        "group": GROUP_WORDS[values["group"]],
        "name": " ".join(p for p in names if p) if person else values["unit__name"],
        "staff_code": values["person__staff_code"] if person else "",
        "unit": values["unit__name"],
        "over_cap": values["over_cap"],
        "missing": "\n".join(check["message"] for check in missing),
        "citations": "\n".join(dict.fromkeys(check["citation"] for check in missing)),
        "rule_set": rule_set,
    }


def write_due_file(output, snapshot, entries, *, progress=None) -> int:
    """Write the .xlsx of `entries` (DueEntry rows of `snapshot`, ordered) to the binary file `output`; the
    number of rows written. `progress(fraction)` is told how far it is."""
    awards = dict(Award.objects.values_list("pk", "name"))
    total = entries.count() or 1
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(f"Đến hạn {snapshot.year}"[:31])
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    sheet.append([_bold(sheet, column.header, bold) for column in COLUMNS])
    written = 0
    for values in entries.values(*FIELDS).iterator(chunk_size=CHUNK):
        record = due_record(
            values, award=awards[values["award_id"]], year=snapshot.year, rule_set=snapshot.rule_set_name
        )
        sheet.append([_cell(sheet, column, record[column.key]) for column in COLUMNS])
        written += 1
        if progress is not None and written % CHUNK == 0:
            progress(written / total)
    workbook.properties.creator = "thidua"
    workbook.save(output)
    return written


def _bold(sheet, value, font):
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = font
    return cell


def _cell(sheet, column: Column, value):
    value = column.to_cell(value)
    if isinstance(value, str) and value.startswith("="):  # text, never a formula
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value
