"""What goes where on an administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I), independent of the
output format: pdf.py and docx.py both draw a `Layout`, so the PDF and the DOCX carry the same words.

Box numbers in the comments are those of the decree's layout diagram (Phụ lục I, Mục IV).
"""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.utils import timezone

from lib.vntext import nfc

# Phụ lục I §II.4: a draft leaves the day and month blank for the clerk; these gaps keep the place for them.
BLANK = "    "
_TRAILING_PUNCTUATION = re.compile(r"[\s;,.:]+$")
_LEADING_DASH = re.compile(r"^\s*[-–•]\s*")
_WHITESPACE = re.compile(r"\s+")
URGENCY_LABELS = {"khan": "KHẨN", "thuong_khan": "THƯỢNG KHẨN", "hoa_toc": "HỎA TỐC"}


FONT_FILES = Path(__file__).resolve().parent.parent / "fonts"
TEXT_WIDTH_MM = 210 - 30 - 15  # A4 less the left and right margins (Phụ lục I, Phần I, Mục I)
HEADER_SPLIT = 0.44  # left column share of the header (document.css uses the same)
HEADER_GUTTER_PT = 8  # keeps the issuing body clear of the Quốc hiệu beside it


@lru_cache(maxsize=4)
def _font(bold: bool, italic: bool):
    from PIL import ImageFont  # Pillow comes with WeasyPrint

    style = {
        (False, False): "Regular",
        (True, False): "Bold",
        (False, True): "Italic",
        (True, True): "BoldItalic",
    }
    return ImageFont.truetype(str(FONT_FILES / f"LiberationSerif-{style[bold, italic]}.ttf"), 1000)


def text_width_pt(text: str, size: float, *, bold: bool = False, italic: bool = False) -> float:
    """The printed width of one line (the vendored Liberation Serif has the advances of Times New Roman)."""
    return _font(bold, italic).getlength(text) * size / 1000


def header_size(text: str, *, bold: bool) -> int:
    """Box 2 is 12–13 pt: 13 when the name fits its column on one line, else 12 (it may then wrap)."""
    room = TEXT_WIDTH_MM * HEADER_SPLIT * 72 / 25.4 - HEADER_GUTTER_PT
    return 13 if text_width_pt(text, 13, bold=bold) <= room else 12


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Block:
    """A body block: "paragraph", "item" (with its printed label) or "heading" (bold, centred)."""

    kind: str
    runs: tuple[Run, ...]
    label: str = ""

    @property
    def text(self) -> str:
        prefix = f"{self.label} " if self.label else ""
        return prefix + "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Layout:
    superior: str  # box 2, upper line: superior authority, UPPER, regular
    issuer: str  # box 2: issuing body, UPPER, bold, short rule under it
    number_line: str  # box 3: "Số: 07/KH-STNMT"
    place_date: str  # box 4: italic
    is_dispatch: bool  # công văn: no title line, subject "V/v …" under the number (box 5b)
    title: str  # box 5a: kind name UPPER ("" for công văn)
    subject: str  # box 5a or 5b
    urgency: str = ""  # box 10b: KHẨN / THƯỢNG KHẨN / HỎA TỐC
    bases: tuple[str, ...] = ()
    bases_in_body: bool = False  # công văn: the căn cứ opens the body (upright), see legal_bases()
    addressees: tuple[str, ...] = ()  # box 9a, already punctuated
    body: tuple[Block, ...] = ()
    signature: tuple[str, ...] = ()  # box 7a: authority + title, position (UPPER)
    signer_name: str = ""  # box 7b
    recipients: tuple[str, ...] = field(default_factory=tuple)  # box 9b, already punctuated
    annexes: tuple["Annex", ...] = ()  # printed after the signature, each from a new page

    @property
    def superior_size(self) -> int:
        return header_size(self.superior, bold=False)

    @property
    def issuer_size(self) -> int:
        return header_size(self.issuer, bold=True)

    @property
    def motto(self) -> tuple[str, str]:
        # Box 1: Quốc hiệu and Tiêu ngữ (Phụ lục I §II.1).
        return ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


def upper(text: str) -> str:
    return nfc(text).upper()


def strip_punctuation(text: str) -> str:
    """Text without the list punctuation it may already carry, so that none is doubled."""
    return _TRAILING_PUNCTUATION.sub("", nfc(text))


def punctuate(items, *, last: str = ".", middle: str = ";", dash: bool = False) -> tuple[str, ...]:
    """Each item ending with `middle`, the last with `last` (Phụ lục I §II.6, §II.9)."""
    items = [strip_punctuation(_LEADING_DASH.sub("", i) if dash else i) for i in items]
    items = [i for i in items if i]
    prefix = "- " if dash else ""
    return tuple(f"{prefix}{item}{last if n == len(items) - 1 else middle}" for n, item in enumerate(items))


def format_date(place: str, day: dt.date | None, year: int) -> str:
    """Box 4 (Phụ lục I §II.4): "Sóc Trăng, ngày 05 tháng 02 năm 2021": days below 10 and the months 1 and 2
    take a leading zero; a draft leaves the day and month blank."""
    if day is None:
        return f"{place}, ngày{BLANK}tháng{BLANK}năm {year}"
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def draft_notation(document) -> str:
    """The ký hiệu the document will carry (Phụ lục I §II.3): ISSUER-UNIT for a công văn, else KIND-ISSUER."""
    if document.notation:
        return document.notation
    agency_symbol = document.agency.symbol
    if document.kind.is_dispatch:
        unit = document.drafting_unit.symbol if document.drafting_unit_id else ""
        return f"{agency_symbol}-{unit}" if unit else agency_symbol
    return f"{document.kind.abbreviation}-{agency_symbol}"


def number_line(document) -> str:
    """Box 3: "Số: 07/KH-STNMT"; a draft "Số:    /STNMT-VP" (the number is written at issuance)."""
    if document.number is not None:
        return f"Số: {document.reference}"
    return f"Số:{BLANK}/{draft_notation(document)}"


def header_names(document) -> tuple[str, str]:
    """Box 2: the names frozen at issuance, or the agency's current ones on a draft, UPPER (§II.2)."""
    agency = document.agency
    issuer = document.issuer_name or agency.short_name or agency.name
    superior = document.superior_name
    if not superior and not document.issuer_name and agency.parent_id:
        superior = agency.parent.short_name or agency.parent.name
    return upper(superior), upper(issuer)


def subject_text(document) -> str:
    """Box 5b: a công văn's trích yếu starts with "V/v"."""
    subject = nfc(document.subject)
    if not document.kind.has_title and not subject.lower().startswith("v/v"):
        subject = f"V/v {subject}"
    return subject


def citation(basis) -> str:
    """A căn cứ as printed: its own text, or built from the cited document of the system."""
    if basis.text or basis.cited_id is None:
        return nfc(basis.text)
    cited = basis.cited
    words = [f"Căn cứ {cited.kind.name}"]
    if cited.reference:
        words.append(f"số {cited.reference}")
    if cited.issued_on:
        words.append(f"ngày {cited.issued_on:%d/%m/%Y}")
    author = cited.issuer_name or cited.sender_name or cited.agency.name
    words.append(f"của {author} về {cited.subject}" if author else f"về {cited.subject}")
    return " ".join(words)


def legal_bases(document, is_dispatch: bool) -> tuple[str, ...]:
    """Box 6 (Phụ lục I §II.6): one căn cứ per line, each ending ";" and the last ".".

    A công văn has no căn cứ ban hành of its own: its "Căn cứ …;" is the opening of the body, and the
    sentence goes on into the next paragraph, so every line ends with ";" (as in the seed dispatch).
    """
    texts = [citation(b) for b in document.bases.all()]
    return punctuate(texts, last=";" if is_dispatch else ".")


def addressee_lines(document) -> tuple[str, ...]:
    """Box 9a: one addressee on the "Kính gửi:" line; several one per line, "- " and ";", the last "."."""
    if not document.kind.uses_addressees:
        return ()
    names = [nfc(a) for a in document.addressees if nfc(a)]
    if len(names) == 1:
        return (strip_punctuation(names[0]),)
    return punctuate(names, dash=True)


def _run_text(text: str) -> str:
    """NFC with white space collapsed but kept at the run's edges (runs are joined as written)."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", str(text)))


def body_blocks(document) -> tuple[Block, ...]:
    blocks = []
    for raw in document.body or []:
        runs = [
            Run(_run_text(r["text"]), bool(r.get("bold")), bool(r.get("italic")))
            for r in raw.get("runs", [])
            if r.get("text")
        ]
        if runs:  # no stray space at the start or the end of a paragraph
            runs[0] = Run(runs[0].text.lstrip(), runs[0].bold, runs[0].italic)
            runs[-1] = Run(runs[-1].text.rstrip(), runs[-1].bold, runs[-1].italic)
        blocks.append(Block(raw.get("kind", "paragraph"), tuple(runs), nfc(raw.get("label", ""))))
    return tuple(blocks)


def signature_lines(document) -> tuple[str, ...]:
    """Box 7a (Phụ lục I §II.7): "KT. GIÁM ĐỐC" then "PHÓ GIÁM ĐỐC"; without an authority, the position."""
    position = upper(document.signer_position)
    if document.signing_authority and document.authority_title:
        lines = (f"{document.signing_authority} {upper(document.authority_title)}", position)
    else:
        lines = (position,)
    return tuple(line for line in lines if line)


def recipient_lines(document) -> tuple[str, ...]:
    """Box 9b: one recipient per line, "- " and ";", ending "- Lưu: VT, <archive>." (Phụ lục I §II.9)."""
    names = [
        r for r in document.recipients if not strip_punctuation(_LEADING_DASH.sub("", r)).startswith("Lưu")
    ]
    archive = strip_punctuation(document.archive_note)
    return punctuate([*names, f"Lưu: VT, {archive}" if archive else "Lưu: VT"], dash=True)


def build_layout(document) -> Layout:
    """Everything printed on the document, in the words and case the decree requires."""
    superior, issuer = header_names(document)
    is_dispatch = not document.kind.has_title
    year = document.year or (document.issued_on.year if document.issued_on else None)
    year = year or (document.created_at or timezone.now()).year
    place = nfc(document.place_name or document.agency.place_name)
    return Layout(
        superior=superior,
        issuer=issuer,
        number_line=number_line(document),
        place_date=format_date(place, document.issued_on, year),
        is_dispatch=is_dispatch,
        title="" if is_dispatch else upper(document.kind.name),
        subject=subject_text(document),
        urgency=URGENCY_LABELS.get(document.urgency, ""),
        bases=legal_bases(document, is_dispatch),
        bases_in_body=is_dispatch,
        addressees=addressee_lines(document),
        body=body_blocks(document),
        signature=signature_lines(document),
        signer_name=nfc(document.signer_name),
        recipients=recipient_lines(document),
        annexes=annexes(document, year),
    )


# --- annexes (phụ lục) ----------------------------------------------------------------------------------
# Nghị định 30/2020/NĐ-CP, Phụ lục I, Phần II, Mục III.1 (read from memory, status R): the word "Phụ lục"
# and, when there are two or more, its number in Roman numerals on a line of its own, centred, normal case,
# 14 pt, upright, bold; the annex's name centred, UPPER, 12–14 pt, bold; each annex paged on its own.
# Practice adds under the name, in italics, "(Kèm theo Quyết định số … ngày … của …)".

ANNEX_WORD = "Phụ lục"
ALIGNMENTS = ("left", "center", "right")
_ROMAN = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
LANDSCAPE_TEXT_WIDTH_MM = 297 - 30 - 15  # A4 landscape, the same left and right margins


@dataclass(frozen=True)
class AnnexColumn:
    label: str
    width: float  # mm
    align: str = "left"  # left | center | right


@dataclass(frozen=True)
class Annex:
    """One annexed table (a decision's danh sách kèm theo), from Document.annexes."""

    heading: str  # "Phụ lục", or "Phụ lục II" when there are several
    title: str  # UPPER
    subtitle: str  # "(Kèm theo Quyết định số 12/QĐ-STNMT ngày 05/02/2022 của Giám đốc …)"
    columns: tuple[AnnexColumn, ...]
    rows: tuple[tuple[str, ...], ...]
    total: tuple[str, ...] = ()  # the bold total row, if any

    @property
    def aligned_rows(self) -> tuple[tuple[tuple[str, str], ...], ...]:
        """Each row's cells as (text, alignment)."""
        return tuple(self._aligned(row) for row in self.rows)

    @property
    def aligned_total(self) -> tuple[tuple[str, str], ...]:
        return self._aligned(self.total) if self.total else ()

    def _aligned(self, cells) -> tuple[tuple[str, str], ...]:
        return tuple((text, column.align) for text, column in zip(cells, self.columns, strict=True))

    @property
    def landscape(self) -> bool:
        """A table wider than the portrait text width is printed on a landscape page."""
        return sum(c.width for c in self.columns) > TEXT_WIDTH_MM + 0.5

    @property
    def text_width_mm(self) -> float:
        return LANDSCAPE_TEXT_WIDTH_MM if self.landscape else TEXT_WIDTH_MM

    @property
    def table_width_mm(self) -> float:
        return round(sum(self.widths_mm), 2)

    @property
    def widths_mm(self) -> tuple[float, ...]:
        """The column widths, narrowed in proportion when the table is wider than the page's text."""
        total = sum(c.width for c in self.columns)
        scale = min(1.0, self.text_width_mm / total) if total else 1.0
        return tuple(round(c.width * scale, 2) for c in self.columns)


def roman(number: int) -> str:
    words = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        words.append(letters * count)
    return "".join(words)


def annex_note(document, year: int) -> str:
    """ "(Kèm theo Quyết định số 12/QĐ-STNMT ngày 05/02/2022 của Giám đốc Sở …)": blanks on a draft."""
    reference = (
        f" {document.reference}" if document.number is not None else f"{BLANK}/{draft_notation(document)}"
    )
    day = f" {document.issued_on:%d/%m/%Y}" if document.issued_on else f"{BLANK}/{BLANK}/{year}"
    agency = nfc(document.agency.name)
    author = nfc(document.authority_title or document.signer_position)
    author = f"{author[:1].upper()}{author[1:]} {agency}" if author else agency
    return f"(Kèm theo {nfc(document.kind.name)} số{reference} ngày{day} của {author})"


def _cells(values, count: int) -> tuple[str, ...]:
    cells = [nfc(str(value)) if value is not None else "" for value in (values or [])][:count]
    return tuple(cells + [""] * (count - len(cells)))


def _column(raw: dict) -> AnnexColumn:
    align = raw.get("align", "left")
    width = float(raw.get("width") or 20)
    return AnnexColumn(nfc(raw.get("label", "")), width, align if align in ALIGNMENTS else "left")


def annexes(document, year: int) -> tuple[Annex, ...]:
    """The document's annexes as printed; an annex without a subtitle gets the "(Kèm theo …)" line, with the
    number and date once the document is issued."""
    raws = document.annexes or []
    found = []
    for n, raw in enumerate(raws, start=1):
        columns = tuple(_column(c) for c in raw.get("columns", []))
        total = raw.get("total")
        found.append(
            Annex(
                heading=f"{ANNEX_WORD} {roman(n)}" if len(raws) > 1 else ANNEX_WORD,
                title=upper(raw.get("title", "")),
                subtitle=nfc(raw.get("subtitle") or "") or annex_note(document, year),
                columns=columns,
                rows=tuple(_cells(row, len(columns)) for row in raw.get("rows", [])),
                total=_cells(total, len(columns)) if total else (),
            )
        )
    return tuple(found)
