""" "Who is due" as an .xlsx file: one row per award, group and subject, with what is still missing.

Headers and group names are Vietnamese and fixed (a file format, not interface text), as in lib.xlsx."""

from lib.xlsx import BOOL, Column, write_sheet
from people.models import Person

ELIGIBLE, ONE_STEP, DEFERRED = "Đủ điều kiện", "Còn một bước", "Hoãn xét"

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


def _open_checks(row, group: str) -> list:
    """The checks a row still lacks: the failed ones, or for a deferred row those that defer it."""
    if group == DEFERRED:
        return [check for check in row.verdict.checks if check.passed is None]
    return row.missing


def due_record(due, row, group: str, year: int) -> dict:
    subject = row.subject
    person = isinstance(subject, Person)
    checks = _open_checks(row, group)
    return {
        "year": year,
        "award": due.award.name,
        "group": group,
        "name": subject.full_name if person else subject.name,
        "staff_code": subject.staff_code if person else "",
        "unit": row.unit.name,
        "over_cap": row.over_cap,
        "missing": "\n".join(check.message for check in checks),
        "citations": "\n".join(dict.fromkeys(check.citation for check in checks)),
        "rule_set": row.verdict.rule_set.name,
    }


def due_records(dues, year: int):
    for due in dues:
        for group, rows in ((ELIGIBLE, due.eligible), (ONE_STEP, due.one_step), (DEFERRED, due.deferred)):
            for row in rows:
                yield due_record(due, row, group, year)


def export_due(dues, *, year: int) -> bytes:
    """`dues`: the result of awards.due.who_is_due (the awards with someone listed)."""
    return write_sheet(COLUMNS, due_records(dues, year), title=f"Đến hạn {year}")
