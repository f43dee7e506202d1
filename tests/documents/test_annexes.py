"""Annexes (phụ lục) of a document — a reward decision's danh sách kèm theo — in the PDF (read back with
pdfplumber) and the DOCX (read back with python-docx): after the signature, each from a new page, headed,
with its bordered table, rows and bold total row; a document without annexes is printed as before."""

import datetime as dt
import io

import docx
import pdfplumber
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm

from documents.models import Status
from documents.rendering import render_docx, render_pdf
from documents.rendering.layout import build_layout, roman
from tests.documents.test_rendering_layout import make_document
from tests.documents.test_rendering_pdf import MM, squash

TITLE = "Danh sách cá nhân được tặng danh hiệu “Lao động tiên tiến” năm 2021"
SUBTITLE = "(Kèm theo Quyết định số 15/QĐ-STNMT ngày 05/02/2022 của Giám đốc Sở Tài nguyên và Môi trường)"
COLUMNS = [
    {"label": "STT", "width": 12, "align": "center"},
    {"label": "Họ và tên", "width": 50, "align": "left"},
    {"label": "Chức vụ, đơn vị", "width": 70, "align": "left"},
    {"label": "Số tiền (đồng)", "width": 33, "align": "right"},
]
ROWS = [
    ["1", "Trần Thị Lan", "Chuyên viên Văn phòng", "447.000"],
    ["2", "Lê Văn Minh", "Trưởng phòng Kế hoạch", "447.000"],
]
TOTAL = ["", "Tổng cộng", "", "894.000"]


def annex(**changes) -> dict:
    return {"title": TITLE, "subtitle": SUBTITLE, "columns": COLUMNS, "rows": ROWS, "total": TOTAL, **changes}


def decision(annexes, **fields):
    return make_document(
        "quyet_dinh",
        subject="Về việc tặng danh hiệu Lao động tiên tiến năm 2021",
        signer_position="Giám đốc",
        signer_name="Trần Văn Giám",
        year=2022,
        body=[
            {
                "kind": "paragraph",
                "runs": [{"text": "Tặng danh hiệu cho các cá nhân có tên trong danh sách."}],
            }
        ],
        annexes=annexes,
        **fields,
    )


def issued(annexes):
    return decision(
        annexes, status=Status.ISSUED, number=15, notation="QĐ-STNMT", issued_on=dt.date(2022, 2, 5)
    )


def page_texts(document) -> list[str]:
    with pdfplumber.open(io.BytesIO(render_pdf(document))) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


# --- layout ------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_layout_reads_the_annex_with_its_columns_rows_and_total():
    (printed,) = build_layout(decision([annex()])).annexes
    assert printed.heading == "Phụ lục"  # one annex: no number
    assert printed.title == TITLE.upper() and printed.subtitle == SUBTITLE
    assert [(c.label, c.width, c.align) for c in printed.columns][1] == ("Họ và tên", 50, "left")
    assert printed.rows == tuple(tuple(r) for r in ROWS) and printed.total == tuple(TOTAL)
    assert not printed.landscape and printed.table_width_mm == 165


@pytest.mark.django_db
def test_several_annexes_are_numbered_in_roman_and_short_rows_are_padded():
    first, second = build_layout(
        decision([annex(), annex(rows=[["3", "Đặng Thị Hương"]], total=None)])
    ).annexes
    assert (first.heading, second.heading) == ("Phụ lục I", "Phụ lục II")
    assert second.rows == (("3", "Đặng Thị Hương", "", ""),) and second.total == ()
    assert [roman(n) for n in (1, 4, 9, 14, 19)] == ["I", "IV", "IX", "XIV", "XIX"]


@pytest.mark.django_db
def test_without_a_subtitle_the_annex_cites_the_decision_blank_on_a_draft_filled_once_issued():
    (draft,) = build_layout(decision([annex(subtitle="")])).annexes
    assert draft.subtitle == (
        "(Kèm theo Quyết định số    /QĐ-STNMT ngày    /    /2022 của Giám đốc Sở Tài nguyên và Môi trường)"
    )
    (done,) = build_layout(issued([annex(subtitle="")])).annexes
    assert done.subtitle == SUBTITLE


@pytest.mark.django_db
def test_a_table_wider_than_the_portrait_text_goes_landscape_and_one_too_wide_is_narrowed():
    wide = [{"label": f"Cột {n}", "width": 40, "align": "left"} for n in range(6)]  # 240 mm
    (printed,) = build_layout(decision([annex(columns=wide, rows=[], total=None)])).annexes
    assert printed.landscape and printed.widths_mm == (40,) * 6
    wider = [{"label": f"Cột {n}", "width": 63, "align": "left"} for n in range(6)]  # 378 mm
    (narrowed,) = build_layout(decision([annex(columns=wider, rows=[], total=None)])).annexes
    assert narrowed.table_width_mm == pytest.approx(252, abs=0.1)


# --- PDF ---------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_pdf_prints_the_annex_on_a_page_after_the_signature():
    texts = page_texts(issued([annex()]))
    signature_page = next(n for n, text in enumerate(texts) if "Trần Văn Giám" in text)
    annex_page = next(n for n, text in enumerate(texts) if "Phụ lục" in text)
    assert annex_page > signature_page
    annex_text = texts[annex_page]
    assert "Trần Văn Giám" not in annex_text and "Nơi nhận" not in annex_text
    for line in (TITLE.upper(), SUBTITLE, "STT Họ và tên Chức vụ, đơn vị Số tiền (đồng)",
                 "1 Trần Thị Lan Chuyên viên Văn phòng 447.000",
                 "2 Lê Văn Minh Trưởng phòng Kế hoạch 447.000", "Tổng cộng 894.000"):  # fmt: skip
        assert squash(line) in squash(annex_text), line


@pytest.mark.django_db
def test_pdf_annex_heading_is_centred_the_total_bold_the_table_ruled_and_amounts_right_aligned():
    with pdfplumber.open(io.BytesIO(render_pdf(issued([annex()])))) as pdf:
        page = pdf.pages[-1]
        assert (page.width, page.height) == pytest.approx((595.3, 841.9), abs=1)
        heading = page.search("Phụ lục")[0]
        text_centre = (30 + 165 / 2) * MM  # between the left 30 mm and right 15 mm margins
        assert (heading["x0"] + heading["x1"]) / 2 == pytest.approx(text_centre, abs=2)
        assert {c["fontname"].split("+")[-1] for c in heading["chars"]} == {"LiberationSerif-ND30-Bold"}
        total = page.search("Tổng cộng")[0]
        assert all("Bold" in c["fontname"] for c in total["chars"])
        name = page.search("Trần Thị Lan")[0]
        assert not any("Bold" in c["fontname"] for c in name["chars"])
        assert len(page.rects) + len(page.lines) >= 4  # the cells' rules
        amounts = [m["x1"] for m in page.search("447.000")] + [page.search("894.000")[0]["x1"]]
        assert max(amounts) - min(amounts) < 0.5  # right-aligned in their column


@pytest.mark.django_db
def test_pdf_several_annexes_each_start_a_page_and_a_wide_one_is_landscape():
    wide = annex(columns=[{"label": f"Cột {n}", "width": 40, "align": "left"} for n in range(6)],
                 rows=[["a", "b", "c", "d", "e", "Cuối"]], total=None)  # fmt: skip
    with pdfplumber.open(io.BytesIO(render_pdf(issued([annex(), wide])))) as pdf:
        first, second = pdf.pages[-2], pdf.pages[-1]
        assert "Phụ lục I\n" in first.extract_text() + "\n" and "Phụ lục II" in second.extract_text()
        assert (first.width, first.height) == pytest.approx((595.3, 841.9), abs=1)
        assert (second.width, second.height) == pytest.approx((841.9, 595.3), abs=1)
        assert "Cuối" in second.extract_text()


@pytest.mark.django_db
def test_pdf_long_annex_repeats_its_header_and_numbers_its_own_pages():
    rows = [[str(n), f"Người thứ {n}", "Chuyên viên", "447.000"] for n in range(1, 61)]
    texts = page_texts(issued([annex(rows=rows)]))
    annex_pages = texts[next(n for n, text in enumerate(texts) if "Phụ lục" in text) :]
    assert len(annex_pages) >= 2
    assert all("Họ và tên" in text for text in annex_pages)  # the header row on every page
    assert annex_pages[1].lstrip().startswith("2")  # numbered from its own first page
    assert "Người thứ 60" in annex_pages[-1] and "894.000" in annex_pages[-1]


@pytest.mark.django_db
def test_pdf_without_annexes_is_unchanged():
    texts = page_texts(issued([]))
    assert not any("Phụ lục" in text for text in texts)
    assert "Trần Văn Giám" in texts[-1]


# --- DOCX --------------------------------------------------------------------------------------------------


def read_docx(document):
    return docx.Document(io.BytesIO(render_docx(document)))


def cell_texts(table):
    return [[cell.text for cell in row.cells] for row in table.rows]


@pytest.mark.django_db
def test_docx_annex_is_a_new_section_with_its_heading_and_a_bordered_table_of_the_rows():
    word = read_docx(issued([annex()]))
    assert len(word.sections) == 2
    section = word.sections[1]
    assert section.start_type == 2  # WD_SECTION.NEW_PAGE
    assert section._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    table = word.tables[-1]
    assert table.style.name == "Table Grid"
    assert cell_texts(table) == [[c["label"] for c in COLUMNS], *ROWS, TOTAL]
    assert [round(c.width.mm) for c in table.columns] == [12, 50, 70, 33]
    texts = [p.text for p in word.paragraphs if p.text]
    heading = texts.index("Phụ lục")
    assert texts[heading + 1 : heading + 3] == [TITLE.upper(), SUBTITLE]
    assert texts.index("Trần Văn Giám") < heading if "Trần Văn Giám" in texts else True


@pytest.mark.django_db
def test_docx_annex_styles_header_row_total_row_and_alignments():
    word = read_docx(issued([annex()]))
    heading = next(p for p in word.paragraphs if p.text == "Phụ lục")
    assert heading.alignment == WD_ALIGN_PARAGRAPH.CENTER and heading.runs[0].bold
    subtitle = next(p for p in word.paragraphs if p.text == SUBTITLE)
    assert subtitle.runs[0].italic
    table = word.tables[-1]
    header, *_rows, total = table.rows
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(run.bold for cell in header.cells for run in cell.paragraphs[0].runs)
    assert all(run.bold for cell in total.cells for run in cell.paragraphs[0].runs)
    first = table.rows[1].cells
    assert [c.paragraphs[0].alignment for c in first] == [
        WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT,
    ]  # fmt: skip
    assert not first[1].paragraphs[0].runs[0].bold


@pytest.mark.django_db
def test_docx_the_signature_comes_before_the_annex_and_a_wide_annex_is_landscape():
    wide = annex(columns=[{"label": f"Cột {n}", "width": 40, "align": "left"} for n in range(6)],
                 rows=[["a", "b", "c", "d", "e", "Cuối"]], total=None)  # fmt: skip
    word = read_docx(issued([annex(), wide]))
    assert len(word.sections) == 3
    landscape = word.sections[2]
    assert landscape.orientation == WD_ORIENT.LANDSCAPE
    assert [landscape.page_width, landscape.page_height] == pytest.approx([Mm(297), Mm(210)], abs=635)
    assert word.sections[1].orientation == WD_ORIENT.PORTRAIT
    body = word.element.body
    texts = ["".join(t.text for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p"))]
    assert texts.index("Trần Văn Giám") < texts.index("Phụ lục I") < texts.index("Phụ lục II")
    assert cell_texts(word.tables[-1])[1] == ["a", "b", "c", "d", "e", "Cuối"]


@pytest.mark.django_db
def test_docx_without_annexes_has_one_section_and_no_bordered_table():
    word = read_docx(issued([]))
    assert len(word.sections) == 1
    assert all(table.style is None or table.style.name != "Table Grid" for table in word.tables)
