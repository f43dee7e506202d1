"""The DOCX as LibreOffice lays it out: converted to PDF by LibreOffice itself and read back."""

import shutil
import subprocess

import pdfplumber
import pytest

from documents.rendering import render_docx, render_pdf
from tests.documents.seed_dispatch import seed_dispatch

LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")
pytestmark = pytest.mark.skipif(LIBREOFFICE is None, reason="LibreOffice is missing (make test installs it)")


def libreoffice_pdf(docx_bytes: bytes, tmp_path) -> pdfplumber.PDF:
    source = tmp_path / "van-ban.docx"
    source.write_bytes(docx_bytes)
    subprocess.run(
        [LIBREOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return pdfplumber.open(tmp_path / "van-ban.pdf")


def lines(page) -> list[str]:
    return [line["text"] for line in page.extract_text_lines()]


@pytest.mark.django_db
def test_libreoffice_lays_out_the_header_like_the_pdf(tmp_path):
    document = seed_dispatch(issued=True)
    with libreoffice_pdf(render_docx(document), tmp_path) as office:
        first = lines(office.pages[0])
        # The national name on one line, not wrapped:
        assert any(line.endswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") for line in first)
        assert any("Độc lập - Tự do - Hạnh phúc" in line for line in first)
        assert any(line.startswith("Số: 12/STNMT-VP") for line in first)
        assert {round(office.pages[0].width), round(office.pages[0].height)} == {595, 842}
        assert all("LiberationSerif" in char["fontname"] for char in office.pages[0].chars)
        office_pages = len(office.pages)
    (tmp_path / "weasy.pdf").write_bytes(render_pdf(document))
    with pdfplumber.open(tmp_path / "weasy.pdf") as weasy:
        assert len(weasy.pages) == office_pages
