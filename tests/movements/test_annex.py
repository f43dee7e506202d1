import io

import pdfplumber
from django.urls import reverse

from movements.annex import render_annex
from movements.models import Registration
from movements.spreadsheets import consolidated_rows

from .test_spreadsheets import table  # noqa: F401  (the fixture)


def pdf_text(data: bytes) -> tuple[str, list, set]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = list(pdf.pages)
        text = "\n".join(page.extract_text() for page in pages)
        return (
            text,
            [(page.width, page.height) for page in pages],
            {c["fontname"] for p in pages for c in p.chars},
        )


def test_the_annex_is_a_landscape_table_with_the_vietnamese_names(table):  # noqa: F811
    rows = consolidated_rows(Registration.objects.filter(round=table.round))

    data = render_annex(table.round, rows)

    assert data.startswith(b"%PDF")
    text, sizes, fonts = pdf_text(data)
    assert all(width > height for width, height in sizes)  # A4 landscape
    for expected in (
        "Phụ lục",
        "SỞ THỬ NGHIỆM",
        f"BẢNG TỔNG HỢP ĐĂNG KÝ THI ĐUA NĂM {table.round.year}",
        "Họ và tên",
        "Vũ Thị Ánh",
        "Lê Văn Minh",
        "Tập thể lao động tiên",  # the cell wraps before "tiến"
        "Hoàn thành 100% kế hoạch",
        "Đã duyệt",
    ):
        assert expected in text
    assert all("LiberationSerif" in font for font in fonts)  # the vendored fonts, embedded


def test_the_annex_download(table, client):  # noqa: F811
    client.force_login(table.secretariat)

    response = client.get(reverse("registrations:annex", args=[table.round.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    text, _sizes, _fonts = pdf_text(response.content)
    assert "Văn phòng" in text and "Phòng Kế hoạch" in text
