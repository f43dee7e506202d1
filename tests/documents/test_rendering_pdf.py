"""documents/rendering/pdf.py: the PDF read back with pdfplumber — page, margins, fonts, the order and style
of the header (Nghị định 30/2020/NĐ-CP, Phụ lục I) and every paragraph of the seed dispatch."""

import datetime as dt
import io
import re
import time

import pdfplumber
import pytest

from documents.kinds import KINDS
from documents.models import DocumentKind, Status
from documents.rendering import render_docx, render_pdf
from tests.documents.seed_dispatch import PARAGRAPHS, SUBJECT, THEME, seed_dispatch
from tests.documents.test_rendering_layout import make_document

MM = 72 / 25.4
TOP_MARGIN, LEFT_MARGIN, RIGHT_EDGE = 20 * MM, 30 * MM, (210 - 15) * MM


def read(document):
    return pdfplumber.open(io.BytesIO(render_pdf(document)))


def find(page, text, *, regex=False):
    matches = page.search(text, regex=regex)
    assert matches, f"{text!r} not on the page"
    return matches[0]


def style(match):
    """(bold, italic, size) of a search match, checking all its characters agree."""
    fonts = {c["fontname"].split("+")[-1] for c in match["chars"]}
    sizes = {round(c["size"], 1) for c in match["chars"]}
    assert len(fonts) == 1 and len(sizes) == 1, (match["text"], fonts, sizes)
    font = fonts.pop()
    return "Bold" in font, "Italic" in font, sizes.pop()


def centre(match):
    return (match["x0"] + match["x1"]) / 2


def squash(text):
    return re.sub(r"\s+", "", text)


def assert_in_order(haystack, paragraphs):
    position = 0
    for paragraph in paragraphs:
        found = squash(haystack).find(squash(paragraph), position)
        assert found >= 0, f"missing or out of order: {paragraph[:60]!r}"
        position = found + len(squash(paragraph))


@pytest.mark.django_db
def test_seed_page_is_a4_with_the_decree_margins_and_only_the_vendored_font():
    with read(seed_dispatch()) as pdf:
        assert len(pdf.pages) == 2
        for page in pdf.pages:
            assert (page.width, page.height) == pytest.approx((595.3, 841.9), abs=1)
            assert all("LiberationSerif" in c["fontname"] for c in page.chars)  # no fallback font
        body = [c for c in pdf.pages[0].chars if c["top"] > 200]
        assert min(c["x0"] for c in body) == pytest.approx(LEFT_MARGIN, abs=1)  # left 30 mm
        assert max(c["x1"] for c in body) == pytest.approx(RIGHT_EDGE, abs=1)  # justified to right 15 mm
        assert min(c["top"] for c in pdf.pages[0].chars) >= TOP_MARGIN - 1  # top 20 mm
        assert max(c["bottom"] for c in pdf.pages[0].chars) <= 842 - 20 * MM  # bottom 20 mm


@pytest.mark.django_db
def test_seed_header_elements_in_order_with_the_decree_styles():
    with read(seed_dispatch()) as pdf:
        page = pdf.pages[0]
        superior, issuer = find(page, "UBND TỈNH SÓC TRĂNG"), find(page, "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG")
        nation = find(page, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        motto = find(page, "Độc lập - Tự do - Hạnh phúc")
        number, subject = find(page, "Số:"), find(page, "V/v triển khai")
        date = find(page, r"Sóc Trăng, ngày\s+tháng\s+năm 2021", regex=True)
        assert style(superior)[:2] == (False, False) and 12 <= style(superior)[2] <= 13
        assert style(issuer)[:2] == (True, False) and 12 <= style(issuer)[2] <= 13
        assert style(nation)[:2] == (True, False) and 12 <= style(nation)[2] <= 13
        assert style(motto)[:2] == (True, False) and 13 <= style(motto)[2] <= 14
        assert style(number) == (False, False, 13)
        assert style(subject) == (False, False, 12)
        assert style(date)[:2] == (False, True) and 13 <= style(date)[2] <= 14
        # Left column: superior, issuer, number, V/v; right column: Quốc hiệu, Tiêu ngữ, date.
        assert superior["top"] < issuer["top"] < number["top"] < subject["top"]
        assert nation["top"] < motto["top"] < date["top"]
        assert number["top"] == pytest.approx(date["top"], abs=3)  # box 3 level with box 4
        assert max(issuer["x1"], superior["x1"], number["x1"]) < nation["x0"]
        assert centre(superior) == pytest.approx(centre(issuer), abs=2)
        assert centre(nation) == pytest.approx(centre(motto), abs=2) == pytest.approx(centre(date), abs=2)
        assert nation["x1"] <= RIGHT_EDGE + 0.5 and nation["top"] == pytest.approx(superior["top"], abs=2)


def rules_under(page, match):
    """The rules drawn within 8 pt below a line of text and within its width: (x0, x1) of each (WeasyPrint
    draws a border as a filled shape whose bottom edge is the rule)."""
    return sorted(
        {
            (round(r["x0"], 1), round(r["x1"], 1))
            for r in page.rects
            if match["bottom"] - 1 <= r["bottom"] <= match["bottom"] + 8
            and match["x0"] - 1 <= r["x0"] < r["x1"] <= match["x1"] + 1
        }
    )


@pytest.mark.django_db
def test_rules_under_the_issuer_and_the_motto():
    with read(seed_dispatch()) as pdf:
        page = pdf.pages[0]
        issuer, motto = find(page, "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG"), find(page, "Độc lập - Tự do - Hạnh phúc")
        [(x0, x1)] = rules_under(page, issuer)
        width = issuer["x1"] - issuer["x0"]
        assert width / 3 <= x1 - x0 <= width / 2  # 1/3–1/2 of the text width, centred
        assert (x0 + x1) / 2 == pytest.approx(centre(issuer), abs=1)
        [(x0, x1)] = rules_under(page, motto)
        assert (x0, x1) == pytest.approx((motto["x0"], motto["x1"]), abs=1)  # as long as the text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("issued", "number_line", "date_line"),
    [
        (False, r"Số:\s+/STNMT-VP", r"Sóc Trăng, ngày\s+tháng\s+năm 2021"),
        (True, r"Số: 12/STNMT-VP", r"Sóc Trăng, ngày 10 tháng 02 năm 2021"),
    ],
)
def test_seed_number_date_and_every_paragraph_in_order(issued, number_line, date_line):
    with read(seed_dispatch(issued=issued)) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
        assert re.search(number_line, text) and re.search(date_line, text)
        footer = ["Nơi nhận:", "GIÁM ĐỐC", "- Như trên;", "- Lưu: VT, VP."]
        assert_in_order(text, [SUBJECT, *PARAGRAPHS, *footer])
        theme = find(pdf.pages[0], THEME[:40])
        assert style(theme)[0] is True  # the bold theme of item 1
        first = find(pdf.pages[0], "Nhằm thực hiện")
        assert style(first) == (False, False, 14)
        assert first["x0"] == pytest.approx(LEFT_MARGIN + 10 * MM, abs=1)  # first-line indent 1 cm


@pytest.mark.django_db
def test_seed_signature_block_and_distribution_list():
    with read(seed_dispatch()) as pdf:
        page = pdf.pages[-1]
        label, title = find(page, "Nơi nhận:"), find(page, "GIÁM ĐỐC")
        assert style(label) == (True, True, 12)
        assert style(find(page, "- Như trên;")) == (False, False, 11)
        assert style(find(page, "- Lưu: VT, VP.")) == (False, False, 11)
        assert style(title) == (True, False, 14)
        assert label["x0"] == pytest.approx(LEFT_MARGIN, abs=1)
        assert label["top"] == pytest.approx(title["top"], abs=4)  # level with the signature title
        assert centre(title) > 595 / 2


def long_plan(**fields):
    paragraph = {"kind": "paragraph", "runs": [{"text": "Nội dung kế hoạch thi đua. " * 12}]}
    return make_document(body=[paragraph] * 14, **fields)


@pytest.mark.django_db
def test_page_numbers_from_page_2_at_the_top_centre():
    with read(long_plan()) as pdf:
        assert len(pdf.pages) >= 3
        assert [c for c in pdf.pages[0].chars if c["top"] < TOP_MARGIN] == []
        for number, page in enumerate(pdf.pages[1:], start=2):
            head = [c for c in page.chars if c["bottom"] < TOP_MARGIN]
            assert "".join(c["text"] for c in head) == str(number)
            assert {round(c["size"]) for c in head} == {13}
            middle = (head[0]["x0"] + head[-1]["x1"]) / 2
            assert middle == pytest.approx((LEFT_MARGIN + RIGHT_EDGE) / 2, abs=3)


@pytest.mark.django_db
def test_plan_has_title_subject_and_italic_bases():
    document = long_plan(
        bases=["Căn cứ Luật Thi đua, khen thưởng năm 2022;", "Căn cứ Kế hoạch số 25/KH-UBND"],
        number=7,
        year=2021,
        notation="KH-STNMT",
        status=Status.ISSUED,
        issued_on=dt.date(2021, 1, 20),
    )
    with read(document) as pdf:
        page = pdf.pages[0]
        assert find(page, "Số: 07/KH-STNMT") and find(page, "ngày 20 tháng 01 năm 2021")
        title, subject = find(page, "KẾ HOẠCH"), find(page, "Phát động phong trào thi đua năm 2021")
        assert style(title) == (True, False, 14) and style(subject) == (True, False, 14)
        assert centre(title) == pytest.approx((LEFT_MARGIN + RIGHT_EDGE) / 2, abs=2)
        assert centre(subject) == pytest.approx(centre(title), abs=2) and title["top"] < subject["top"]
        first, last = find(page, "Căn cứ Luật Thi đua, khen thưởng năm 2022;"), find(page, "số 25/KH-UBND.")
        assert style(first)[:2] == (False, True) and style(last)[:2] == (False, True)
        assert subject["top"] < first["top"] < last["top"]
        assert not page.search("Kính gửi") and not page.search("V/v")


@pytest.mark.django_db
def test_decision_signed_for_the_director_by_a_deputy():
    document = make_document(
        "quyet_dinh",
        signing_authority="KT.",
        authority_title="Giám đốc",
        signer_position="Phó Giám đốc",
        signer_name="Nguyễn Văn An",
        body=[{"kind": "heading", "runs": [{"text": "QUYẾT ĐỊNH:"}]}],
    )
    with read(document) as pdf:
        page = pdf.pages[0]
        authority, position = find(page, "KT. GIÁM ĐỐC"), find(page, "PHÓ GIÁM ĐỐC")
        name = find(page, "Nguyễn Văn An")
        assert style(authority) == style(position) == style(name) == (True, False, 14)
        assert authority["top"] < position["top"] < name["top"] - 60  # room for the signature
        assert centre(authority) == pytest.approx(centre(name), abs=2)
        assert style(find(page, "QUYẾT ĐỊNH:"))[0] is True


@pytest.mark.django_db
def test_several_addressees_one_per_line_aligned():
    document = make_document("cong_van", addressees=["Văn phòng Sở", "Thanh tra Sở"])
    with read(document) as pdf:
        page = pdf.pages[0]
        label, first = find(page, "Kính gửi:"), find(page, "- Văn phòng Sở;")
        second = find(page, "- Thanh tra Sở.")
        assert first["top"] == pytest.approx(label["top"], abs=1) and second["top"] > first["top"]
        assert first["x0"] == pytest.approx(second["x0"], abs=0.5) and first["x0"] > label["x1"]


@pytest.mark.django_db
def test_one_page_document_renders_quickly():
    document = seed_dispatch()
    render_pdf(document)  # first call loads WeasyPrint and the fonts
    started = time.perf_counter()
    data = render_pdf(document)
    assert time.perf_counter() - started < 1.0
    assert data.startswith(b"%PDF-")


@pytest.mark.django_db
@pytest.mark.parametrize("code", [kind[0] for kind in KINDS])
def test_every_kind_renders_to_pdf_and_docx(code):
    import docx

    document = make_document(code, body=[{"kind": "paragraph", "runs": [{"text": "Nội dung./."}]}])
    kind = DocumentKind.objects.get(code=code)
    with pdfplumber.open(io.BytesIO(render_pdf(document))) as pdf:
        text = pdf.pages[0].extract_text()
    word = docx.Document(io.BytesIO(render_docx(document)))
    word_text = "\n".join(p.text for p in word.paragraphs)
    for printed in (text, word_text):
        assert "Nội dung./." in printed
        if kind.has_title:
            assert kind.name.upper() in printed
