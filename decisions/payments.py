"""The payment list of a decision (danh sách chi tiền thưởng) as an .xlsx for the finance office: the header
of the agency, the title and the decision it goes with, then one row per line of the decision's annex — the
coefficient, the base salary, the amount in digits and in words (lib.vnmoney), the bank account, the bank
and the signature left for the finance office to fill in —, a line not paid with 0 and why, the total in
digits and in words, and the signatures of who drew the list up, the chief accountant and the head.

Amounts are numbers with the grouped format "#,##0": Excel shows it with the reader's separators
(1.490.000 on a Vietnamese system). The texts are fixed Vietnamese of a financial document, not interface
text, as in lib.xlsx; a text cell is never a formula, even when it starts with "=".
"""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from documents.rendering.layout import BLANK, draft_notation, header_names
from lib.vnmoney import in_words
from lib.vntext import fold

from .wording import day

TITLE = "DANH SÁCH CHI TIỀN THƯỞNG"
MONEY_FORMAT = "#,##0"  # shown 1.490.000 with Vietnamese separators (Excel stores the en-US format code)
COEFFICIENT_FORMAT = "0.0#"
COLUMNS = (  # (header, width)
    ("STT", 6),
    ("Họ và tên", 26),
    ("Đơn vị", 26),
    ("Danh hiệu/hình thức", 26),
    ("Hệ số", 7),
    ("Mức lương cơ sở", 14),
    ("Số tiền (đồng)", 14),
    ("Bằng chữ", 36),
    ("Số tài khoản", 18),
    ("Ngân hàng", 18),
    ("Ký nhận", 14),
    ("Ghi chú", 36),
)
(STT, NAME, UNIT, AWARD, COEFFICIENT, BASE, AMOUNT, WORDS, ACCOUNT, BANK, SIGNATURE, NOTE) = range(1, 13)
LAST = len(COLUMNS)
HEADER_ROW = 7
SIGNERS = (
    (NAME, "NGƯỜI LẬP BIỂU"),
    (WORDS, "KẾ TOÁN TRƯỞNG"),
    (BANK, "THỦ TRƯỞNG ĐƠN VỊ"),
)
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)


def reference_line(decision) -> str:
    """ "Kèm theo Quyết định số 12/QĐ-STN ngày 05/02/2022 của Giám đốc Sở …"; a draft leaves number and date
    blank."""
    document = decision.document
    number = document.reference or f"{BLANK}/{draft_notation(document)}"
    words = f"Kèm theo Quyết định số {number} ngày {day(document.issued_on)}"
    return f"{words} của {decision.issuer}" if decision.issuer else words


def paid_amount(line) -> int:
    return line.amount if line.paid else 0


def line_row(number: int, line, base_salary: int | None) -> dict:
    """The cells of one line, by column (the account, bank and signature columns stay empty)."""
    amount = paid_amount(line)
    return {
        STT: number,
        NAME: line.name,
        UNIT: line.unit_name,
        AWARD: line.award.name,
        COEFFICIENT: float(line.coefficient) if line.coefficient else None,
        BASE: base_salary,
        AMOUNT: amount,
        WORDS: in_words(amount),
        NOTE: line.unpaid_reason or ("Không chi" if not line.paid else ""),
    }


def file_name(decision) -> str:
    reference = decision.document.reference
    label = fold(reference).replace("/", "-") if reference else f"du-thao-{decision.pk}"
    return f"danh-sach-chi-tien-thuong-{label}.xlsx"


def payment_list(decision) -> bytes:
    """The .xlsx of the decision's payment list (two queries: the lines with their awards, the agency's
    superior for the header)."""
    lines = list(decision.lines.select_related("award").order_by("position"))
    document = decision.document
    document.agency = decision.agency  # the same agency: no query for the header
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách chi"
    _header(sheet, decision, header_names(document))
    row = HEADER_ROW + 1
    for number, line in enumerate(lines, start=1):
        _write_row(sheet, row, line_row(number, line, decision.base_salary))
        row += 1
    total = sum(paid_amount(line) for line in lines)
    _totals(sheet, row, total)
    _signatures(sheet, row + 3)
    _page_setup(sheet)
    workbook.properties.creator = "thidua"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text(sheet, row: int, column: int, value: str, **style):
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def _merged(sheet, row: int, first: int, last: int, value: str, **style) -> None:
    _text(sheet, row, first, value, **style)
    sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def _header(sheet, decision, names) -> None:
    superior, issuer = names
    if superior:
        _merged(sheet, 1, STT, UNIT, superior, alignment=CENTRED)
    _merged(sheet, 2, STT, UNIT, issuer, font=BOLD, alignment=CENTRED)
    _merged(sheet, 4, STT, LAST, TITLE, font=Font(bold=True, size=14), alignment=CENTRED)
    _merged(sheet, 5, STT, LAST, reference_line(decision), font=Font(italic=True), alignment=CENTRED)
    for column, (label, width) in enumerate(COLUMNS, start=1):
        _text(sheet, HEADER_ROW, column, label, font=BOLD, alignment=CENTRED, border=BOX)
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=1)


def _write_row(sheet, row: int, values: dict) -> None:
    for column in range(1, LAST + 1):
        cell = _text(sheet, row, column, values.get(column), border=BOX, alignment=WRAP)
        if column in (BASE, AMOUNT):
            cell.number_format = MONEY_FORMAT
        elif column == COEFFICIENT:
            cell.number_format = COEFFICIENT_FORMAT


def _totals(sheet, row: int, total: int) -> None:
    for column in range(1, LAST + 1):
        _text(sheet, row, column, None, border=BOX)
    _text(sheet, row, NAME, "Tổng cộng", font=BOLD)
    _text(sheet, row, AMOUNT, total, font=BOLD).number_format = MONEY_FORMAT
    _text(sheet, row, WORDS, in_words(total), font=BOLD, alignment=WRAP)
    _merged(sheet, row + 1, STT, LAST, f"Tổng số tiền bằng chữ: {in_words(total)}.", font=Font(italic=True))


def _signatures(sheet, row: int) -> None:
    for column, title in SIGNERS:
        _text(sheet, row, column, title, font=BOLD, alignment=CENTRED)
        _text(sheet, row + 1, column, "(Ký, ghi rõ họ tên)", font=Font(italic=True), alignment=CENTRED)


def _page_setup(sheet) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
