"""Shared bits of the achievements tests: real small files and an initiative with its authors."""

import datetime as dt
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from achievements import domain

PDF_BYTES = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
LAST_YEAR = dt.date.today().year - 1


def png_bytes(colour=(200, 30, 30), size=(4, 3)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (5, 5), (10, 120, 30)).save(buffer, format="JPEG")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type="application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def fields(**overrides) -> dict:
    return {
        "kind": "sang-kien",
        "title": "Số hóa hồ sơ thi đua, khen thưởng",
        "year": LAST_YEAR,
        "effect": "Rút ngắn thời gian xét khen thưởng từ 20 ngày xuống 7 ngày.",
        "scope": "Toàn Sở",
        **overrides,
    }


def recognised(**overrides) -> dict:
    return fields(
        recognition_level="co-so",
        recognised_on=dt.date(LAST_YEAR, 12, 20),
        recognised_by="Quyết định số 12/QĐ-STN",
        **overrides,
    )


def make_initiative(world, *, unit=None, authors=None, **overrides):
    """An initiative of the division recorded by the system, its two staff as authors (60/40)."""
    authors = authors or [(world.division_person, Decimal("60")), (world.team_person, Decimal("40"))]
    return domain.record_initiative(
        actor=None,
        agency=world.agency,
        unit=unit or world.division,
        fields=fields(**overrides),
        authors=authors,
    )


def make_model(world, *, units=None, people=None, **overrides):
    values = {
        "kind": "mo-hinh-moi",
        "title": "Mô hình “Công sở xanh”",
        "year": LAST_YEAR,
        "story": "Phòng thu gom, phân loại rác tại nguồn và bỏ chai nhựa dùng một lần.",
        **overrides,
    }
    return domain.record_model(
        actor=None,
        agency=world.agency,
        fields=values,
        people=people if people is not None else [world.division_person],
        units=units if units is not None else [world.division],
    )
