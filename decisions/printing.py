"""Certificates as one PDF, a page each (A4 landscape, 297 × 210 mm), in the layout of NĐ 98/2023 Điều 104
(law-nominations.md §6.3): templates/decisions/certificate.html + decisions/certificate.css, WeasyPrint
with the vendored fonts of documents/fonts.

Plain paper gets the whole design; pre-printed stock only the variable text, at the same positions, shifted
by the printer's offset. Every element sits at a fixed place in mm (the stock's blanks do not move with the
text). Each certificate carries the QR code of its public verification address and the code beneath it.
"""

import base64
import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

from documents.rendering.layout import format_date, signature_lines
from lib.vntext import nfc

from .certificates import FLAGGED, MONEY_ONLY, award_verb, printed_name, template_for
from .models import Certificate, Issue, Stock

STYLESHEET = Path(__file__).with_name("certificate.css")
# The address printed in the QR code: fixed, for it is on paper for good (decisions/public_urls.py serves it).
VERIFY_PATH = "/xac-minh/{code}/"
REISSUE_WORDS = {Issue.EXCHANGE: "Cấp đổi", Issue.REISSUE: "Cấp lại"}


def _star(cx: float, cy: float, outer: float, inner: float) -> str:
    points = []
    for n in range(10):
        radius = outer if n % 2 == 0 else inner
        angle = math.pi / 2 + n * math.pi / 5
        points.append(f"{cx + radius * math.cos(angle):.2f},{cy - radius * math.sin(angle):.2f}")
    return " ".join(points)


# A simple stylised mark at the top centre of plain paper (NĐ 98/2023 Điều 104: the State emblem for a Giám
# đốc Sở's Giấy khen and CSTĐCS): a gold ring, a red disc, a gold star and a band. The agency's official
# emblem image replaces it when it is set; this drawing only keeps its place.
EMBLEM_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
    '<circle cx="50" cy="50" r="48" fill="#d9a400"/>'
    '<circle cx="50" cy="46" r="35" fill="#d00000"/>'
    f'<polygon points="{_star(50, 46, 24, 9.5)}" fill="#ffd500"/>'
    '<path d="M 20 84 Q 50 100 80 84" stroke="#8a6400" stroke-width="6" fill="none"/>'
    "</svg>"
)


def _flags_svg(mirrored: bool) -> str:
    """Three red flags on their poles fanning out from the emblem's side (mirrored for the right side)."""
    parts = []
    for angle in (58, 72, 86):  # degrees from the horizontal, the poles leaning away from the emblem
        rad = math.radians(angle)
        top = (58 - 46 * math.cos(rad), 44 - 42 * math.sin(rad))
        parts.append(
            f'<line x1="58" y1="44" x2="{top[0]:.1f}" y2="{top[1]:.1f}" stroke="#7a5200" stroke-width="1.2"/>'
        )
        x, y = top
        parts.append(f'<path d="M {x:.1f} {y:.1f} q -8 -3 -16 2 l 1 10 q 8 -5 16 -2 z" fill="#d00000"/>')
    transform = ' transform="translate(60 0) scale(-1 1)"' if mirrored else ""
    shapes = "".join(parts)
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 60 46"><g{transform}>{shapes}</g></svg>'


def svg_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@dataclass(frozen=True)
class Sheet:
    """Everything printed on one certificate, in the words and case of Điều 104."""

    decider_title: str  # line 3, red: "GIÁM ĐỐC SỞ …"
    verb: str  # line 4: "TẶNG" / "TẶNG DANH HIỆU"
    award_name: str  # line 5, red: "GIẤY KHEN", "CHIẾN SĨ THI ĐUA CƠ SỞ"
    flags: bool  # red flags either side of the emblem (CSTĐCS)
    name: str
    detail: str  # position and unit (a person), the parent body (a collective)
    achievement: str
    decision_line: str  # bottom left, italic bold
    golden_book: str
    reissue_line: str  # "Cấp đổi số 1 ngày 10/03/2025" on a re-issue
    place_date: str  # bottom right
    signature: tuple[str, ...]
    signer_name: str
    code: str
    url: str
    qr: str  # data: URI of the QR code (SVG)


def verification_url(code: str, site_url: str | None = None) -> str:
    """The absolute public address of a certificate: THIDUA_SITE_URL (or the `site_url` given, e.g. the
    request's host when the setting is empty) + /xac-minh/<code>/."""
    base = (site_url or settings.THIDUA_SITE_URL or "").rstrip("/")
    return base + VERIFY_PATH.format(code=code)


def qr_data_uri(text: str) -> str:
    import qrcode
    from qrcode.image.svg import SvgPathFillImage

    image = qrcode.make(text, image_factory=SvgPathFillImage, box_size=10, border=2)
    return svg_uri(image.to_string().decode())


def day(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def achievement_line(line) -> str:
    if line.achievement:
        return nfc(line.achievement)
    if line.award.code in MONEY_ONLY:
        return f"Đã hoàn thành tốt nhiệm vụ năm {line.year}"
    return f"Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm {line.year}"


def detail_line(line) -> str:
    if line.person_id is None:
        return nfc(line.unit_name) if nfc(line.unit_name) != nfc(line.name) else ""
    return ", ".join(part for part in (nfc(line.position_title), nfc(line.unit_name)) if part)


def sheet(certificate, template, *, site_url=None) -> Sheet:
    line = certificate.line
    decision, record = line.decision, certificate.record
    document = decision.document
    decided_on = decision.decided_on or document.issued_on
    reissue = ""
    if certificate.issue in REISSUE_WORDS:
        reissue = (
            f"{REISSUE_WORDS[certificate.issue]} số {certificate.number} ngày {day(certificate.issued_on)}"
        )
    url = verification_url(certificate.code, site_url)
    return Sheet(
        decider_title=nfc(template.decider_title).upper(),
        verb=award_verb(line.award),
        award_name=printed_name(line.award),
        flags=line.award.code in FLAGGED,
        name=nfc(certificate.name),
        detail=detail_line(line),
        achievement=achievement_line(line),
        decision_line=f"Quyết định số {document.reference} ngày {day(decided_on)}",
        golden_book=f"Số sổ vàng: {record.certificate_number or line.position}",
        reissue_line=reissue,
        place_date=format_date(nfc(template.place_name), decided_on, decided_on.year),
        signature=signature_lines(document) or (nfc(template.decider_title).upper(),),
        signer_name=nfc(document.signer_name),
        code=certificate.code,
        url=url,
        qr=qr_data_uri(url),
    )


def _loaded(certificates) -> list[Certificate]:
    """The certificates with what they print, in one query, in the order given."""
    ids = [c.pk for c in certificates]
    found = Certificate.objects.select_related(
        "record", "line__award", "line__decision__agency", "line__decision__document__kind"
    ).in_bulk(ids)
    return [found[pk] for pk in ids]


def sheets(certificates, *, site_url=None) -> list[Sheet]:
    templates = {}
    made = []
    for certificate in _loaded(certificates):
        decision = certificate.line.decision
        key = (decision.agency_id, decision.decided_on)
        if key not in templates:
            templates[key] = template_for(decision.agency, decision.decided_on or certificate.issued_on)
        made.append(sheet(certificate, templates[key], site_url=site_url))
    return made


def _offset_css(stock: str, printer) -> str:
    """Pre-printed stock: the variable text shifted by the printer's offset (mm, right and down)."""
    if stock != Stock.PREPRINTED or printer is None:
        return ""
    return f".layer {{ left: {float(printer.offset_x):.1f}mm; top: {float(printer.offset_y):.1f}mm; }}"


def render_certificates(certificates, *, stock: str = Stock.PLAIN, printer=None, site_url=None) -> bytes:
    """One PDF of the certificates, one A4 landscape page each (see the module)."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    if stock not in Stock.values:
        raise ValueError(f"unknown stock {stock!r}")
    context = {
        "sheets": sheets(certificates, site_url=site_url),
        "plain": stock == Stock.PLAIN,
        "emblem": svg_uri(EMBLEM_SVG),
        "flags": (svg_uri(_flags_svg(mirrored=False)), svg_uri(_flags_svg(mirrored=True))),
    }
    html = render_to_string("decisions/certificate.html", context)
    fonts = FontConfiguration()
    stylesheets = [CSS(filename=str(STYLESHEET), font_config=fonts)]
    if offset := _offset_css(stock, printer):
        stylesheets.append(CSS(string=offset, font_config=fonts))
    # base_url: the fonts next to the stylesheet; nothing is fetched from the site or the network.
    return HTML(string=html, base_url=str(STYLESHEET.parent)).write_pdf(
        stylesheets=stylesheets, font_config=fonts
    )
