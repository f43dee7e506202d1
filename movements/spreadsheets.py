"""The consolidated registration table of an agency for one round (bảng tổng hợp đăng ký thi đua) as .xlsx:
title rows with the agency and the movement, then one row per registered title.

Headers and labels are Vietnamese and fixed (a file format, not interface text), as in lib.xlsx."""

import io
from dataclasses import dataclass

from django.db.models import F
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from .models import RegistrationEntry, RegistrationStatus

COLUMNS = (
    ("STT", 6),
    ("Đơn vị", 30),
    ("Tập thể/Cá nhân", 14),
    ("Họ và tên", 26),
    ("Danh hiệu", 30),
    ("Chỉ tiêu", 50),
    ("Trạng thái", 20),
)
STATUS_LABELS = {
    RegistrationStatus.DRAFT: "Đang tổng hợp",
    RegistrationStatus.SUBMITTED: "Đã gửi, chờ duyệt",
    RegistrationStatus.RETURNED: "Trả lại để hoàn chỉnh",
    RegistrationStatus.APPROVED: "Đã duyệt",
}
COLLECTIVE, INDIVIDUAL = "Tập thể", "Cá nhân"
HEADER_ROW = 5


@dataclass(frozen=True)
class Row:
    number: int
    unit: str
    subject: str
    name: str
    title: str
    pledges: str
    status: str

    def cells(self) -> tuple:
        return (self.number, self.unit, self.subject, self.name, self.title, self.pledges, self.status)


def consolidated_rows(registrations) -> list[Row]:
    """One row per registered title of the registrations (one query): units in the tree's order, in each
    the unit's own titles first, then its staff by name."""
    entries = (
        RegistrationEntry.objects.filter(registration__in=registrations)
        .select_related("registration__unit", "award", "person")
        .order_by(
            "registration__unit__position",
            "registration__unit__name",
            "registration_id",
            F("person__sort_key").asc(nulls_first=True),
            "award__position",
            "pk",
        )
    )
    return [_row(number, entry) for number, entry in enumerate(entries, start=1)]


def _row(number: int, entry) -> Row:
    registration = entry.registration
    collective = entry.is_collective
    return Row(
        number=number,
        unit=registration.unit.name,
        subject=COLLECTIVE if collective else INDIVIDUAL,
        name="" if collective else entry.person.full_name,
        title=entry.award.name,
        pledges=entry.pledges or (registration.pledges if collective else ""),
        status=STATUS_LABELS[registration.status],
    )


def title_lines(registration_round) -> list[str]:
    """The title block: the agency, the table's name and year, the movement."""
    movement = registration_round.movement
    agency = movement.agency
    return [
        (agency.short_name or agency.name).upper(),
        f"BẢNG TỔNG HỢP ĐĂNG KÝ THI ĐUA NĂM {registration_round.year}",
        movement.name,
    ]


def _text(cell, value) -> None:
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, even when the text starts with "="


def export_registrations(registration_round, rows) -> bytes:
    """The .xlsx workbook: three title rows, a blank row, the header row (frozen) and the rows."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"Đăng ký {registration_round.year}"
    last = get_column_letter(len(COLUMNS))
    fonts = (Font(bold=True), Font(bold=True, size=13), Font(italic=True))
    for number, (line, font) in enumerate(zip(title_lines(registration_round), fonts, strict=True), start=1):
        sheet.merge_cells(f"A{number}:{last}{number}")
        cell = sheet.cell(row=number, column=1)
        _text(cell, line)
        cell.font, cell.alignment = font, Alignment(horizontal="center", wrap_text=True)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for index, (header, width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=index, value=header)
        cell.font, cell.border = Font(bold=True), border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(index)].width = width
    for offset, row in enumerate(rows, start=HEADER_ROW + 1):
        for index, value in enumerate(row.cells(), start=1):
            cell = sheet.cell(row=offset, column=index)
            _text(cell, value)
            cell.border, cell.alignment = border, Alignment(vertical="top", wrap_text=True)
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    workbook.properties.creator = "thidua"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
