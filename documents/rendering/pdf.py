"""PDF of a document through WeasyPrint: templates/documents/render/document.html + document.css."""

from pathlib import Path

from django.template.loader import render_to_string

from .layout import build_layout

STYLESHEET = Path(__file__).with_name("document.css")


def render_pdf(document) -> bytes:
    """The document as an A4 PDF in the Nghị định 30/2020 layout, with the vendored fonts embedded."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    html = render_to_string("documents/render/document.html", {"doc": build_layout(document)})
    fonts = FontConfiguration()
    css = CSS(filename=str(STYLESHEET), font_config=fonts)
    # base_url: the document itself loads nothing from the site (and never from the network).
    return HTML(string=html, base_url=str(STYLESHEET.parent)).write_pdf(stylesheets=[css], font_config=fonts)
