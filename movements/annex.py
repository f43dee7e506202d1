"""The consolidated registration table as a PDF annex (phụ lục) through WeasyPrint: A4 landscape, the
vendored Liberation Serif fonts of documents/fonts (the PDF never depends on the machine's fonts).

Template: templates/registrations/render/annex.html; styles: templates/registrations/render/annex.css."""

from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone

import documents

from .spreadsheets import COLUMNS, title_lines

FONTS = Path(documents.__file__).with_name("fonts")


def annex_context(registration_round, rows) -> dict:
    agency, title, movement = title_lines(registration_round)
    today = timezone.localdate()
    place = registration_round.movement.agency.place_name
    return {
        "agency": agency,
        "title": title,
        "movement": movement,
        "deadline": registration_round.deadline,
        "headers": [header for header, _width in COLUMNS],
        "rows": rows,
        "place_date": f"{place}, ngày {today.day:02d} tháng {today.month:02d} năm {today.year}",
    }


def render_annex(registration_round, rows) -> bytes:
    """`rows`: spreadsheets.consolidated_rows() of the registrations the reader may see."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    html = render_to_string("registrations/render/annex.html", annex_context(registration_round, rows))
    fonts = FontConfiguration()
    base = str(FONTS) + "/"
    css = CSS(string=render_to_string("registrations/render/annex.css"), base_url=base, font_config=fonts)
    return HTML(string=html, base_url=base).write_pdf(stylesheets=[css], font_config=fonts)
