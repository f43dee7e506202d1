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
    )
