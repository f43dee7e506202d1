"""The drafted papers printed: a proposal's báo cáo thành tích in the form of its period (the form number and
its decree top right, the Quốc hiệu, the title with the award, the report text, the form's signature blocks)
and a unit's biên bản họp bình xét. One `Paper` is drawn twice, to PDF through WeasyPrint (templates
nominations/papers/paper.html + paper.css, the vendored fonts of documents/fonts) and to DOCX through the
python-docx helpers of documents.rendering.docx, so both carry the same words.

The words are fixed Vietnamese: these are administrative papers, not interface text."""

import io
import re
from dataclasses import dataclass
from pathlib import Path

from django.template.loader import render_to_string

import documents
from awards.models import AwardKind
from documents.rendering.docx import BODY_LINE_SPACING, _mm_to_pt, _paragraph, _row, _rule, _setup, _table
from documents.rendering.layout import HEADER_SPLIT, TEXT_WIDTH_MM, format_date, text_width_pt, upper

from .drafting import minutes_text, period_of, report_text, writing_year
from .models import UnitDossier

FONTS = Path(documents.__file__).with_name("fonts")
PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NATION = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
_HEADING = re.compile(r"^[IVX]+\.\s")
SIGNED, SEALED = "(Ký, ghi rõ họ và tên)", "(Ký, đóng dấu)"


@dataclass(frozen=True)
class Line:
    text: str
    heading: bool = False


@dataclass(frozen=True)
class Signature:
    title: str
    note: str
    name: str = ""


@dataclass(frozen=True)
class Paper:
    name: str  # the file's stem
    form: str  # "Mẫu số 03", "" for a paper without a national form
    issued_with: str  # "(Ban hành kèm theo Nghị định số … của Chính phủ)"
    superior: str  # left header, upper line ("" without a left header)
    issuer: str  # left header, bold
    place_date: str
    title: tuple[str, ...]
    subtitle: tuple[str, ...]
    lines: tuple[Line, ...]
    signatures: tuple[tuple[Signature, ...], ...]  # rows of one or two blocks

    @property
    def nation(self) -> tuple[str, str]:
        return NATION


def text_lines(text: str) -> tuple[Line, ...]:
    """The lines of an edited text; "I. …" lines are headings."""
    stripped = (line.strip() for line in (text or "").splitlines())
    return tuple(Line(line, bool(_HEADING.match(line))) for line in stripped if line)


def _award_title(award) -> str:
    name = upper(award.name)
    if award.kind != AwardKind.TITLE:
        return f"ĐỀ NGHỊ TẶNG {name}"
    verb = "CÔNG NHẬN" if award.within_agency_authority else "TẶNG"
    return f"ĐỀ NGHỊ {verb} DANH HIỆU {name}"


def _years_line(years) -> str:
    if len(years) == 1:
        return f"(Thành tích năm {years[0]})"
    return f"(Thành tích từ năm {years[0]} đến năm {years[-1]})"


def _report_signatures(proposal) -> tuple[tuple[Signature, ...], ...]:
    submitting = Signature("XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG", SEALED)
    if proposal.is_collective:
        return ((submitting, Signature("THỦ TRƯỞNG ĐƠN VỊ", SEALED)),)
    head = Signature("THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ", SEALED)
    reporter = Signature("NGƯỜI BÁO CÁO THÀNH TÍCH", SIGNED, proposal.person.full_name)
    return ((head, reporter), (submitting,))


def _report_subtitle(proposal) -> str:
    if proposal.is_collective:
        return f"{proposal.unit.name}, {proposal.unit.agency.name}"
    parts = (proposal.person.full_name, proposal.line_position, proposal.line_unit or proposal.unit.name)
    return ", ".join(part for part in parts if part)


def report_paper(proposal) -> Paper:
    """The báo cáo thành tích of a proposal: its edited report, or the one drafted from the record."""
    period = period_of(proposal)
    unit, round_ = proposal.unit, proposal.round
    collective = proposal.is_collective
    place = unit.agency.place_name
    return Paper(
        name=f"bao-cao-thanh-tich-{proposal.pk}",
        form=period.form,
        issued_with=period.issued_with,
        superior=upper(unit.agency.name) if collective else "",
        issuer=upper(unit.name) if collective else "",
        place_date=format_date(place, None, writing_year(round_, proposal.received_on)),
        title=("BÁO CÁO THÀNH TÍCH", _award_title(proposal.award)),
        subtitle=(_report_subtitle(proposal), _years_line(period.years)),
        lines=text_lines(proposal.report.strip() or report_text(proposal)),
        signatures=_report_signatures(proposal),
    )


def minutes_paper(round_, unit) -> Paper:
    """The unit's biên bản họp bình xét: the minutes it saved, or the ones drafted from its proposals."""
    dossier = UnitDossier.objects.filter(round=round_, unit=unit).first()
    met_on = dossier.met_on if dossier else None
    text = dossier.minutes if dossier and dossier.minutes.strip() else minutes_text(round_, unit)
    year = met_on.year if met_on else writing_year(round_, None)
    return Paper(
        name=f"bien-ban-binh-xet-{round_.pk}-{unit.pk}",
        form="",
        issued_with="",
        superior=upper(unit.agency.name),
        issuer=upper(unit.name),
        place_date=format_date(unit.agency.place_name, met_on, year),
        title=("BIÊN BẢN", "HỌP BÌNH XÉT THI ĐUA, KHEN THƯỞNG"),
        subtitle=(round_.name,),
        lines=text_lines(text),
        signatures=((Signature("THƯ KÝ", SIGNED), Signature("CHỦ TRÌ", SIGNED)),),
    )


# --- PDF ----------------------------------------------------------------------------------------------------


def render_pdf(paper: Paper) -> bytes:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    base = str(FONTS) + "/"
    fonts = FontConfiguration()
    css = CSS(string=render_to_string("nominations/papers/paper.css"), base_url=base, font_config=fonts)
    html = render_to_string("nominations/papers/paper.html", {"paper": paper})
    return HTML(string=html, base_url=base).write_pdf(stylesheets=[css], font_config=fonts)


# --- DOCX ---------------------------------------------------------------------------------------------------


def _docx_header(word, paper: Paper) -> None:
    if paper.form:
        _paragraph(word, paper.form, size=13, bold=True, align="right")
        _paragraph(word, paper.issued_with, size=11, italic=True, align="right", after=6)
    if paper.issuer:
        widths = (TEXT_WIDTH_MM * HEADER_SPLIT, TEXT_WIDTH_MM * (1 - HEADER_SPLIT))
        left, right = _row(_table(word, widths), widths)
        _paragraph(left, paper.superior, size=12)
        _paragraph(left, paper.issuer, size=12, bold=True)
        _rule(left, _mm_to_pt(widths[0]), _mm_to_pt(widths[0]) * 0.3)
    else:
        widths, right = (TEXT_WIDTH_MM,), word
    _paragraph(right, paper.nation[0], size=12, bold=True)
    _paragraph(right, paper.nation[1], size=13, bold=True)
    _rule(right, _mm_to_pt(widths[-1]), text_width_pt(paper.nation[1], 13, bold=True))
    _paragraph(word, paper.place_date, italic=True, align="right", before=8)


def _docx_body(word, paper: Paper) -> None:
    from docx.shared import Cm

    for n, line in enumerate(paper.title):
        _paragraph(word, line, bold=True, before=18 if n == 0 else 0)
    for line in paper.subtitle:
        _paragraph(word, line, italic=True, after=0)
    for line in paper.lines:
        paragraph = _paragraph(word, line.text, bold=line.heading, align="justify", before=6)
        paragraph.paragraph_format.line_spacing = BODY_LINE_SPACING
        if not line.heading:
            paragraph.paragraph_format.first_line_indent = Cm(1)


def _docx_signatures(word, paper: Paper) -> None:
    for row in paper.signatures:
        widths = tuple(TEXT_WIDTH_MM / len(row) for _block in row)
        cells = _row(_table(word, widths), widths)
        for cell, block in zip(cells, row, strict=True):
            _paragraph(cell, block.title, size=13, bold=True, before=18)
            _paragraph(cell, block.note, size=13, italic=True)
            _paragraph(cell, block.name or " ", bold=True, before=72)


def render_docx(paper: Paper) -> bytes:
    from docx import Document as WordDocument

    word = WordDocument()
    _setup(word)
    _docx_header(word, paper)
    _docx_body(word, paper)
    _docx_signatures(word, paper)
    _paragraph(word, size=1)  # Word wants a paragraph, not a table, at the end of the body
    output = io.BytesIO()
    word.save(output)
    return output.getvalue()


RENDERERS = {"pdf": (render_pdf, PDF_TYPE), "docx": (render_docx, DOCX_TYPE)}
