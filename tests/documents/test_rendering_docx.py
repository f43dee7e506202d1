"""documents/rendering/docx.py: the DOCX read back with python-docx — section, header table widths, fonts of
every run, styles and the order of every paragraph of the seed dispatch (Nghị định 30/2020/NĐ-CP)."""

import datetime as dt
import io

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.text.paragraph import Paragraph

from documents.models import Status
from documents.rendering import render_docx
from tests.documents.seed_dispatch import PARAGRAPHS, SUBJECT, THEME, seed_dispatch
from tests.documents.test_rendering_layout import make_document

FONT_SCRIPTS = ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")
TWIP = 635  # EMU: Word stores lengths in twentieths of a point


def near(*lengths):
    return pytest.approx([int(length) for length in lengths], abs=TWIP)


def read(document):
    return docx.Document(io.BytesIO(render_docx(document)))


def paragraphs(word):
    """Every paragraph of the body in document order, table cells included."""
    return [Paragraph(p, word) for p in word.element.body.iter(qn("w:p"))]


def texts(word):
    return [p.text for p in paragraphs(word) if p.text]


def run_with(word, text):
    for paragraph in paragraphs(word):
        for run in paragraph.runs:
            if run.text == text:
                return run
    raise AssertionError(f"no run {text!r}")


def paragraph_with(word, text):
    return next(p for p in paragraphs(word) if p.text == text)


def has_bottom_rule(paragraph):
    return paragraph._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}") is not None


@pytest.mark.django_db
def test_section_is_a4_portrait_with_the_decree_margins_and_page_numbers_from_page_2():
    section = read(seed_dispatch()).sections[0]
    assert [section.page_width, section.page_height] == near(Mm(210), Mm(297))
    assert [section.top_margin, section.bottom_margin] == near(Mm(20), Mm(20))
    assert [section.left_margin, section.right_margin] == near(Mm(30), Mm(15))
    assert section.page_height > section.page_width  # portrait
    assert section.different_first_page_header_footer is True
    assert all(not p.text for p in section.first_page_header.paragraphs)
    header = section.header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert "PAGE" in "".join(t.text for t in header._p.iter(qn("w:instrText")))
    assert {r.font.size for r in header.runs} == {Pt(13)}


@pytest.mark.django_db
def test_header_is_a_borderless_two_column_table_with_grid_and_cell_widths():
    word = read(seed_dispatch())
    table = word.tables[0]
    assert table.style is None or "Grid" not in table.style.name
    widths = [column.width for column in table.columns]  # w:gridCol, what LibreOffice reads
    assert widths[0] + widths[1] == pytest.approx(Mm(165), abs=Mm(0.1))
    assert widths[0] == pytest.approx(Mm(165 * 0.44), abs=Mm(0.1))
    for row in table.rows:  # w:tcW on every cell, what Word reads
        assert [cell.width for cell in row.cells] == pytest.approx(widths, abs=Mm(0.1))
    left, right = table.rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == [
        "UBND TỈNH SÓC TRĂNG",
        "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
    ]
    assert [p.text for p in right.paragraphs if p.text] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert has_bottom_rule(left.paragraphs[-1]) and has_bottom_rule(right.paragraphs[-1])
    assert [p.text for p in table.rows[1].cells[0].paragraphs] == ["Số:    /STNMT-VP", SUBJECT]
    assert [p.text for p in table.rows[1].cells[1].paragraphs] == ["Sóc Trăng, ngày    tháng    năm 2021"]


@pytest.mark.django_db
def test_every_run_names_times_new_roman_and_header_styles_follow_the_decree():
    word = read(seed_dispatch())
    runs = [run for p in paragraphs(word) for run in p.runs]
    assert runs
    for run in runs:
        fonts = run._element.rPr.rFonts
        assert [fonts.get(qn(script)) for script in FONT_SCRIPTS] == ["Times New Roman"] * 4
    expected = {
        "UBND TỈNH SÓC TRĂNG": (None, None, Pt(13)),
        "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG": (True, None, Pt(12)),  # 13 pt would touch the Quốc hiệu
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM": (True, None, Pt(12)),
        "Độc lập - Tự do - Hạnh phúc": (True, None, Pt(13)),
        "Số:    /STNMT-VP": (None, None, Pt(13)),
        SUBJECT: (None, None, Pt(12)),
        "Sóc Trăng, ngày    tháng    năm 2021": (None, True, Pt(14)),
        "Nơi nhận:": (True, True, Pt(12)),
        "- Như trên;": (None, None, Pt(11)),
        "- Lưu: VT, VP.": (None, None, Pt(11)),
        "GIÁM ĐỐC": (True, None, Pt(14)),
        THEME: (True, None, Pt(14)),
    }
    for text, (bold, italic, size) in expected.items():
        run = run_with(word, text)
        assert (run.font.bold or None, run.font.italic or None, run.font.size) == (bold, italic, size), text


@pytest.mark.django_db
@pytest.mark.parametrize("issued", [False, True])
def test_every_seed_paragraph_in_order_and_formatted_as_body(issued):
    word = read(seed_dispatch(issued=issued))
    found = texts(word)
    assert [t for t in found if t in PARAGRAPHS] == PARAGRAPHS
    order = [found.index(t) for t in [SUBJECT, *PARAGRAPHS, "Nơi nhận:", "- Như trên;", "- Lưu: VT, VP."]]
    assert order == sorted(order)
    assert found.index("GIÁM ĐỐC") > found.index(PARAGRAPHS[-1])
    assert ("Số: 12/STNMT-VP" in found) is issued
    assert ("Sóc Trăng, ngày 10 tháng 02 năm 2021" in found) is issued
    for text in PARAGRAPHS[1:]:
        paragraph = paragraph_with(word, text)
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert [paragraph.paragraph_format.first_line_indent] == near(Cm(1))
        assert paragraph.paragraph_format.space_before >= Pt(6)
    assert paragraph_with(word, PARAGRAPHS[0]).alignment == WD_ALIGN_PARAGRAPH.CENTER  # Kính gửi


@pytest.mark.django_db
def test_footer_table_puts_the_distribution_list_beside_the_signature():
    word = read(seed_dispatch())
    left, right = word.tables[-1].rows[0].cells
    assert [p.text for p in left.paragraphs] == ["Nơi nhận:", "- Như trên;", "- Lưu: VT, VP."]
    assert [p.text for p in right.paragraphs if p.text] == ["GIÁM ĐỐC"]
    assert left.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert right.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert left.width + right.width == pytest.approx(Mm(165), abs=Mm(0.1))


@pytest.mark.django_db
def test_plan_title_subject_rule_and_italic_bases():
    document = make_document(
        bases=["Căn cứ Luật Thi đua, khen thưởng năm 2022", "Căn cứ Kế hoạch số 25/KH-UBND;"],
        number=7,
        year=2021,
        notation="KH-STNMT",
        status=Status.ISSUED,
        issued_on=dt.date(2021, 1, 20),
        body=[{"kind": "item", "label": "1.", "runs": [{"text": "Mục đích", "bold": True}]}],
    )
    word = read(document)
    found = texts(word)
    assert found[found.index("Số: 07/KH-STNMT") :][:6] == [
        "Số: 07/KH-STNMT",
        "Sóc Trăng, ngày 20 tháng 01 năm 2021",
        "KẾ HOẠCH",
        "Phát động phong trào thi đua năm 2021",
        "Căn cứ Luật Thi đua, khen thưởng năm 2022;",
        "Căn cứ Kế hoạch số 25/KH-UBND.",
    ]
    title = paragraph_with(word, "KẾ HOẠCH")
    subject = paragraph_with(word, "Phát động phong trào thi đua năm 2021")
    assert title.alignment == subject.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.runs[0].font.bold and subject.runs[0].font.bold and title.runs[0].font.size == Pt(14)
    assert has_bottom_rule(Paragraph(subject._p.getnext(), word))
    assert run_with(word, "Căn cứ Kế hoạch số 25/KH-UBND.").font.italic
    item = paragraph_with(word, "1. Mục đích")
    assert [(r.text, bool(r.font.bold)) for r in item.runs] == [("1. ", False), ("Mục đích", True)]


@pytest.mark.django_db
def test_decision_signature_and_several_addressees():
    decision = make_document(
        "quyet_dinh",
        signing_authority="KT.",
        authority_title="Giám đốc",
        signer_position="Phó Giám đốc",
        signer_name="Nguyễn Văn An",
    )
    right = read(decision).tables[-1].rows[0].cells[1]
    assert [p.text for p in right.paragraphs if p.text] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An"]
    assert all(r.font.bold for p in right.paragraphs for r in p.runs if r.text)
    assert right.paragraphs[-1].paragraph_format.space_before >= Pt(60)  # room for the signature
    dispatch = make_document("cong_van", addressees=["Văn phòng Sở", "Thanh tra Sở"])
    found = texts(read(dispatch))
    start = found.index("Kính gửi:\t- Văn phòng Sở;")
    assert found[start + 1] == "- Thanh tra Sở."


@pytest.mark.django_db
def test_the_national_name_fits_its_column_with_room_to_spare():
    """LibreOffice wrapped the national name when its column was only 1 pt wider than the line."""
    from documents.rendering.layout import text_width_pt

    right = read(seed_dispatch()).tables[0].columns[1].width.pt
    assert right - text_width_pt("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True) >= 10
