"""Simple .xlsx lists: one header row, then one record per row.

Non-domain helpers shared by the Excel imports and exports of the data apps:

- `check_xlsx` / `UploadForm` — the upload is a real .xlsx (a zip with the spreadsheet content types, sniffed
  from the content, never the name) and no larger than settings.MAX_UPLOAD_BYTES;
- `read_sheet` — the first worksheet, its headers matched accent- and case-insensitively to a column
  specification; `Sheet.values` converts a row (NFC text, dates, choices, yes/no) and reports every problem
  with its row number and column letter;
- `write_sheet` — the same columns written back: bold frozen header row, column widths, real dates shown
  dd/mm/yyyy;
- `Plan` — what an import will do, row by row (create / update / unchanged, with the changes and errors).

Header and choice labels are Vietnamese and fixed: they are a file format, not interface text, so a file
exported with one interface language imports with any other.
"""

import datetime as dt
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from functools import cached_property

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from lib.vntext import fold, nfc

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 5000
EXCEL_DATE_FORMAT = "DD/MM/YYYY"
YES, NO = "Có", "Không"
TEXT, DATE, CHOICE, BOOL = "text", "date", "choice", "bool"
CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"

_MAIN_PART = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
_INFLATE_LIMIT = 20  # the unzipped parts may be at most this many times MAX_UPLOAD_BYTES
_DATE_TEXT = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO_DATE_TEXT = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TRUE = {"co", "x", "1", "true", "yes", "c"}
_FALSE = {"", "khong", "0", "false", "no", "k"}


@dataclass
class CellError:
    """A problem in the file, with its row number and column letter when it has them."""

    message: str
    row: int | None = None
    column: str = ""  # the letter, e.g. "F"
    header: str = ""
    key: str = ""  # the column key of the specification

    def __str__(self) -> str:
        values = {"row": self.row, "column": self.column, "header": self.header, "message": self.message}
        if self.row and self.column:
            return _("Row %(row)s, column %(column)s (%(header)s): %(message)s") % values
        if self.row and self.header:
            return _("Row %(row)s, column “%(header)s”: %(message)s") % values
        if self.column:
            return _("Column %(column)s (%(header)s): %(message)s") % values
        if self.row:
            return _("Row %(row)s: %(message)s") % values
        return self.message


class SpreadsheetError(Exception):
    """The file cannot be imported at all: not an .xlsx, damaged, too big, wrong headers…"""

    def __init__(self, errors):
        errors = [errors] if isinstance(errors, str) else errors
        self.errors = [e if isinstance(e, CellError) else CellError(str(e)) for e in errors]
        super().__init__("; ".join(str(e) for e in self.errors))


class ImportFailed(Exception):
    """Applying a checked plan failed (the data changed meanwhile); nothing was written."""


CHANGED_MEANWHILE = gettext_lazy(
    "The data changed while the file was being imported; nothing was imported. Check the file again."
)


def apply_atomically(plan, work) -> dict:
    """Run `work()` (the rows and their log) in one transaction, only for a plan without errors.

    A change made by someone else between the check and the apply surfaces as a validation, permission
    or integrity error: nothing is kept and the user is asked to check the file again.
    """
    if not plan.is_valid:
        raise ImportFailed(_("The file has errors; nothing was imported."))
    try:
        with transaction.atomic():
            work()
    except (ValidationError, PermissionDenied, IntegrityError) as exc:
        raise ImportFailed(str(CHANGED_MEANWHILE)) from exc
    return plan.counts


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- values in cells ---------------------------------------------------------------------------------


def cell_text(value) -> str:
    """A cell as NFC text: numbers without a trailing '.0', dates as dd/mm/yyyy, empty as ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    return nfc(str(value))


def parse_date(value) -> dt.date | None:
    """A real Excel date or dd/mm/yyyy text (yyyy-mm-dd also accepted); empty gives None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cell_text(value)
    if not text:
        return None
    if isinstance(value, str) and (match := _DATE_TEXT.match(text) or _ISO_DATE_TEXT.match(text)):
        day, month, year = match.groups() if match.re is _DATE_TEXT else reversed(match.groups())
        try:
            return dt.date(int(year), int(month), int(day))
        except ValueError:
            pass
    message = _("“%(value)s” is not a date: write it as dd/mm/yyyy, e.g. 17/05/1985.")
    raise ValueError(message % {"value": text})


def parse_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    folded = fold(cell_text(value))
    if folded in _TRUE or folded in _FALSE:
        return folded in _TRUE
    message = _("“%(value)s” is not “%(yes)s” or “%(no)s”.")
    raise ValueError(message % {"value": cell_text(value), "yes": YES, "no": NO})


@dataclass(frozen=True)
class Column:
    """One column of a list: its key, its fixed Vietnamese header and how its cells are read and written."""

    key: str
    header: str
    kind: str = TEXT
    required: bool = False
    choices: tuple = ()  # ((stored value, label written in the file, *other accepted spellings), ...)
    width: int = 16

    @property
    def labels(self) -> list[str]:
        return [choice[1] for choice in self.choices]

    def to_python(self, raw):
        """The stored value of a cell; raises ValueError with a message for the user."""
        if self.kind == DATE:
            return parse_date(raw)
        if self.kind == BOOL:
            return parse_bool(raw)
        text = cell_text(raw)
        if self.kind == CHOICE and text:
            return self._choice(text)
        return text

    @cached_property
    def _spellings(self) -> dict[str, str]:
        """Every accepted spelling, folded, → its stored value (built once: a file may have 5.000 rows)."""
        found = {}
        for value, *spellings in self.choices:
            for spelling in (value, *spellings):
                found.setdefault(fold(str(spelling)), value)
        return found

    def _choice(self, text: str) -> str:
        if (value := self._spellings.get(fold(text))) is not None:
            return value
        message = _("“%(value)s” is not one of: %(choices)s.")
        raise ValueError(message % {"value": text, "choices": ", ".join(self.labels)})

    def to_cell(self, value):
        """What the export writes for a stored value."""
        if value is None or value == "":
            return None
        if self.kind == BOOL:
            return YES if value else NO
        if self.kind == CHOICE:
            return next((choice[1] for choice in self.choices if choice[0] == value), value)
        return value

    def display(self, value) -> str:
        """A stored value as the plan shows it."""
        return cell_text(self.to_cell(value))

    @property
    def hint(self) -> str:
        """What the cells of this column accept, for the help shown next to the upload form."""
        if self.kind == DATE:
            return _("a date, dd/mm/yyyy")
        if self.kind == BOOL:
            return f"{YES} / {NO}"
        if self.kind == CHOICE:
            return ", ".join(self.labels)
        return _("text")


# --- reading -----------------------------------------------------------------------------------------


def _not_xlsx() -> SpreadsheetError:
    message = _(
        "This is not an Excel .xlsx file. "
        "Save the list in Excel as “Excel Workbook (*.xlsx)” and upload it again."
    )
    return SpreadsheetError(message)


def _damaged() -> SpreadsheetError:
    message = _(
        "The file could not be read as an Excel workbook; it may be damaged. "
        "Open it in Excel, save it again as .xlsx and upload it again."
    )
    return SpreadsheetError(message)


def check_size(size: int) -> None:
    if size > settings.MAX_UPLOAD_BYTES:
        limit = filesizeformat(settings.MAX_UPLOAD_BYTES)
        message = _("The file is %(size)s; the largest accepted is %(limit)s.")
        raise SpreadsheetError(message % {"size": filesizeformat(size), "limit": limit})


def check_xlsx(data: bytes) -> None:
    """Raise SpreadsheetError unless `data` looks like an .xlsx workbook (checked on the content)."""
    if not data:
        raise SpreadsheetError(_("The file is empty."))
    check_size(len(data))
    if not data.startswith(b"PK\x03\x04"):
        raise _not_xlsx()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = {info.filename: info for info in archive.infolist()}
            types = infos.get("[Content_Types].xml")
            if types is None or "xl/workbook.xml" not in infos or types.file_size > 1_000_000:
                raise _not_xlsx()
            if sum(info.file_size for info in infos.values()) > _INFLATE_LIMIT * settings.MAX_UPLOAD_BYTES:
                raise _damaged()
            content_types = archive.read(types)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise _damaged() from exc
    if _MAIN_PART not in content_types:
        raise _not_xlsx()


@dataclass
class Sheet:
    """The rows of an uploaded list and where each known column is."""

    columns: tuple
    positions: dict  # column key -> 0-based index in the file
    rows: list  # [(row number, cells)]

    def __contains__(self, key) -> bool:
        return key in self.positions

    def column(self, key) -> Column:
        return next(c for c in self.columns if c.key == key)

    def error(self, row: int | None, key: str | None, message: str) -> CellError:
        """An error about a cell (or, when the column is not in the file, about the row)."""
        if not key or key not in {c.key for c in self.columns}:
            return CellError(message, row=row)
        letter = get_column_letter(self.positions[key] + 1) if key in self.positions else ""
        return CellError(message, row=row, column=letter, header=self.column(key).header, key=key)

    def flag(self, target: "PlanRow", key: str | None, message: str, /, **params) -> None:
        """Add an error about the cell of column `key` in the `target` row (params fill the message)."""
        target.errors.append(self.error(target.row, key, message % params if params else message))

    def check_model(self, target: "PlanRow", instance, exclude) -> None:
        """Run the model's own validation (lengths, e-mail, dates in order…) on `instance` and report its
        errors on the cells of the `target` row they concern, except on cells that already have one."""
        skip = target.erroneous_keys()
        try:
            instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                if key not in skip:
                    target.errors.extend(self.error(target.row, key, message) for message in messages)

    def raw(self, cells, key):
        index = self.positions.get(key)
        return cells[index] if index is not None and index < len(cells) else None

    def values(self, number: int, cells) -> tuple[dict, list[CellError]]:
        """The converted values of the columns present in the file, and the errors of the row."""
        values, errors = {}, []
        for key in self.positions:
            column, raw = self.column(key), self.raw(cells, key)
            try:
                value = column.to_python(raw)
            except ValueError as exc:
                errors.append(self.error(number, key, str(exc)))
                continue
            if column.required and value in (None, ""):
                errors.append(self.error(number, key, _("The cell is empty but this column is required.")))
                continue
            values[key] = value
        return values, errors


def _match_headers(header_cells, columns) -> tuple[dict, list[CellError]]:
    by_fold = {fold(c.header): c for c in columns}
    positions, errors = {}, []
    for index, raw in enumerate(header_cells):
        text, letter = cell_text(raw), get_column_letter(index + 1)
        if not text:
            continue
        column = by_fold.get(fold(text))
        if column is None:
            message = _("Unknown column “%(header)s”. The columns are: %(headers)s.") % {
                "header": text,
                "headers": ", ".join(c.header for c in columns),
            }
            errors.append(CellError(message, row=1, column=letter, header=text))
        elif column.key in positions:
            message = _("The column “%(header)s” appears twice.") % {"header": column.header}
            errors.append(CellError(message, row=1, column=letter, header=text, key=column.key))
        else:
            positions[column.key] = index
    for column in columns:
        if column.required and column.key not in positions:
            message = _("The column “%(header)s” is missing; it is required.") % {"header": column.header}
            errors.append(CellError(message, key=column.key))
    return positions, errors


def _data_rows(rows, max_rows: int) -> list:
    found = []
    for number, cells in rows:
        if all(cell_text(cell) == "" for cell in cells):
            continue
        if len(found) == max_rows:
            message = _("The file has more than %(limit)s rows; split it into several files.")
            raise SpreadsheetError(message % {"limit": number_format(max_rows, force_grouping=True)})
        found.append((number, cells))
    return found


def read_sheet(data: bytes, columns, *, max_rows: int = MAX_ROWS) -> Sheet:
    """Read the first worksheet; raise SpreadsheetError for a bad file, bad headers or no rows."""
    check_xlsx(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds (KeyError, ValueError, XML errors) on damaged files
        raise _damaged() from exc
    try:
        rows = enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1)
        header = next(rows, (1, ()))[1]
        positions, errors = _match_headers(header, columns)
        if errors:
            raise SpreadsheetError(errors)
        found = _data_rows(rows, max_rows)
    except SpreadsheetError:
        raise
    except Exception as exc:  # a damaged sheet inside a valid zip fails only when its rows are read
        raise _damaged() from exc
    finally:
        workbook.close()
    if not found:
        raise SpreadsheetError([_("The file has no rows below the header row.")])
    return Sheet(columns=tuple(columns), positions=positions, rows=found)


# --- the plan of an import ---------------------------------------------------------------------------


@dataclass
class Change:
    header: str
    old: str
    new: str


ACTION_LABELS = {
    CREATE: gettext_lazy("Create"),
    UPDATE: gettext_lazy("Update"),
    UNCHANGED: gettext_lazy("No change"),
}


@dataclass
class PlanRow:
    row: int
    key: str = ""
    label: str = ""
    action: str = UNCHANGED
    changes: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    data: dict = field(default_factory=dict)  # what apply needs; never shown

    @property
    def action_label(self) -> str:
        return ACTION_LABELS[self.action]

    def order_errors(self) -> None:
        """Errors left to right by column letter; errors about the whole row last."""
        self.errors.sort(key=lambda e: (not e.column, len(e.column), e.column))

    def erroneous_keys(self) -> set[str]:
        return {e.key for e in self.errors if e.key}


@dataclass
class Plan:
    checksum: str = ""
    errors: list = field(default_factory=list)  # about the whole file or its headers
    rows: list = field(default_factory=list)

    @property
    def all_errors(self) -> list[CellError]:
        return self.errors + [e for row in self.rows for e in row.errors]

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not self.all_errors

    @property
    def counts(self) -> dict[str, int]:
        counts = {CREATE: 0, UPDATE: 0, UNCHANGED: 0}
        for row in self.rows:
            counts[row.action] += 1
        return counts


def start_plan(data: bytes, columns) -> tuple[Plan, Sheet | None]:
    """The plan of an uploaded file and its sheet; when the file cannot be read at all, the plan holds
    the errors and the sheet is None."""
    plan = Plan(checksum=checksum(data))
    try:
        return plan, read_sheet(data, columns)
    except SpreadsheetError as exc:
        plan.errors = exc.errors
        return plan, None


def changes_between(columns, old: dict, new: dict) -> list[Change]:
    """A Change for every column whose value differs between `old` and `new` (keys not in `new` skipped)."""
    return [
        Change(c.header, c.display(old.get(c.key)), c.display(new[c.key]))
        for c in columns
        if c.key in new and old.get(c.key) != new[c.key]
    ]


# --- writing -----------------------------------------------------------------------------------------


def _write_cell(cell, column: Column, value) -> None:
    cell.value = column.to_cell(value)
    if column.kind == DATE:
        cell.number_format = EXCEL_DATE_FORMAT
    elif isinstance(cell.value, str):
        cell.data_type = "s"  # never a formula, even when the text starts with "="
        cell.number_format = "@"


def _add_choice_lists(sheet, columns) -> None:
    """A drop-down list on choice columns whose labels fit in Excel's 255-character list formula."""
    for index, column in enumerate(columns, start=1):
        labels = [YES, NO] if column.kind == BOOL else column.labels
        formula = '"' + ",".join(labels) + '"'
        if not labels or len(formula) > 255 or any("," in label or '"' in label for label in labels):
            continue
        validation = DataValidation(type="list", formula1=formula, allow_blank=True)
        letter = get_column_letter(index)
        validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
        sheet.add_data_validation(validation)


def write_sheet(columns, records, *, title: str) -> bytes:
    """An .xlsx workbook with one sheet: the headers of `columns`, then one row per record (a dict by key)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    bold = Font(bold=True)
    for index, column in enumerate(columns, start=1):
        sheet.cell(row=1, column=index, value=column.header).font = bold
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    for number, record in enumerate(records, start=2):
        for index, column in enumerate(columns, start=1):
            _write_cell(sheet.cell(row=number, column=index), column, record.get(column.key))
    sheet.freeze_panes = "A2"
    _add_choice_lists(sheet, columns)
    workbook.properties.creator = "thidua"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- the upload form ---------------------------------------------------------------------------------


class UploadForm(forms.Form):
    """The agency and the .xlsx file; `checksum` carries the checked file's hash to the confirmation."""

    agency = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Agency"), empty_label=None)
    file = forms.FileField(
        label=gettext_lazy("Excel file (.xlsx)"),
        widget=forms.FileInput(attrs={"accept": f".xlsx,{XLSX_CONTENT_TYPE}"}),
    )
    checksum = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, agencies, confirm=False, **kwargs):
        """`confirm`: the form that applies a checked file (the agency is fixed, ids get a prefix)."""
        super().__init__(*args, **({"auto_id": "confirm_%s"} if confirm else {}) | kwargs)
        self.fields["agency"].queryset = agencies
        limits = {
            "limit": filesizeformat(settings.MAX_UPLOAD_BYTES),
            "rows": number_format(MAX_ROWS, force_grouping=True),
        }
        self.fields["file"].help_text = _("At most %(limit)s and %(rows)s rows.") % limits
        if confirm or len(agencies) == 1:
            self.fields["agency"].widget = forms.HiddenInput()
            self.fields["agency"].initial = self.initial.get("agency") or agencies[0].pk
        if confirm:
            self.fields["file"].label = _("The same Excel file again")

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        try:
            check_size(uploaded.size)
            self.cleaned_data["content"] = content = uploaded.read()
            check_xlsx(content)
        except SpreadsheetError as exc:
            raise forms.ValidationError([str(e) for e in exc.errors]) from exc
        return uploaded

    def confirmed(self, plan: Plan) -> bool:
        """True when the user pressed "apply" on the very file that was checked."""
        checked = self.cleaned_data.get("checksum")
        return "apply" in self.data and bool(plan.checksum) and checked == plan.checksum
