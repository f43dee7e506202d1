"""PDF of a document through WeasyPrint: templates/documents/render/document.html + document.css, then each
annex (templates/documents/render/annex.html) rendered on its own and its pages appended, so that an annex
starts on a new page, is paged on its own (Nghị định 30/2020/NĐ-CP, Phụ lục I) and may be landscape."""

from pathlib import Path

from django.template.loader import render_to_string

from .layout import build_layout

STYLESHEET = Path(__file__).with_name("document.css")
LANDSCAPE = "@page { size: A4 landscape; }"


def _render(html: str, stylesheets, fonts):
    from weasyprint import HTML

    # base_url: the document itself loads nothing from the site (and never from the network).
    return HTML(string=html, base_url=str(STYLESHEET.parent)).render(
        stylesheets=stylesheets, font_config=fonts
    )


def render_pdf(document) -> bytes:
    """The document as an A4 PDF in the Nghị định 30/2020 layout, with the vendored fonts embedded."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    layout = build_layout(document)
    html = render_to_string("documents/render/document.html", {"doc": layout})
    fonts = FontConfiguration()
    css = CSS(filename=str(STYLESHEET), font_config=fonts)
    rendered = _render(html, [css], fonts)
    if not layout.annexes:
        return rendered.write_pdf()
    pages = list(rendered.pages)
    for annex in layout.annexes:
        sheets = [css, CSS(string=LANDSCAPE, font_config=fonts)] if annex.landscape else [css]
        pages += _render(
            render_to_string("documents/render/annex.html", {"annex": annex}), sheets, fonts
        ).pages
    return rendered.copy(pages).write_pdf()
