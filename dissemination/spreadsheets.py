"""The acknowledgements of a document as an .xlsx file: evidence of who read and implemented it, and when.

Headers are Vietnamese and fixed (a file format, not interface text), as in lib.xlsx."""

from django.utils import timezone

from lib.xlsx import DATE, Column, write_sheet

COLUMNS = (
    Column("unit", "Đơn vị", width=28),
    Column("name", "Họ và tên", width=26),
    Column("staff_code", "Mã cán bộ", width=12),
    Column("forwarded_by", "Được chuyển bởi", width=22),
    Column("received", "Ngày nhận", width=17),
    Column("due_date", "Hạn xác nhận", kind=DATE, width=13),
    Column("read", "Đã đọc lúc", width=17),
    Column("implemented", "Đã triển khai lúc", width=17),
    Column("note", "Nội dung triển khai", width=40),
)


def _moment(value) -> str | None:
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else None


def receipt_record(receipt) -> dict:
    forwarded = receipt.forwarded_from
    return {
        "unit": receipt.via_unit.name if receipt.via_unit_id else "",
        "name": receipt.person.full_name,
        "staff_code": receipt.person.staff_code,
        "forwarded_by": forwarded.person.full_name if forwarded else "",
        "received": _moment(receipt.created_at),
        "due_date": receipt.dissemination.due_date,
        "read": _moment(receipt.read_at),
        "implemented": _moment(receipt.implemented_at),
        "note": receipt.implementation_note,
    }


def export_receipts(receipts) -> bytes:
    """`receipts`: from summary.receipt_rows (people, units and forwarders loaded)."""
    return write_sheet(COLUMNS, (receipt_record(r) for r in receipts), title="Xác nhận")
