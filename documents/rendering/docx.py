"""DOCX of a document through python-docx, drawing the same layout.Layout as the PDF (Nghị định 30/2020/NĐ-CP,
Phụ lục I). Runs name "Times New Roman" for every script; Word uses it, LibreOffice substitutes the
metric-identical Liberation Serif, so lines break as in the PDF (reference/stack.md §2–3)."""

import io

from .layout import HEADER_SPLIT, TEXT_WIDTH_MM, build_layout, text_width_pt

FONT = "Times New Roman"
# Phụ lục I, Phần I, Mục I: A4 portrait, margins top/bottom 20 mm, left 30 mm, right 15 mm.
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
FOOTER_SPLIT = 0.45
BODY_LINE_SPACING = 1.1  # Word's "multiple" is of the font's own line height (≈ 1.15 em): ≈ 1.25 em


def _set_fonts(run, size, bold=False, italic=False):
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.size, run.font.bold, run.font.italic = Pt(size), bold, italic
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for script in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(script), FONT)


def _paragraph(container, text="", *, size=14, bold=False, italic=False, align="center", before=0, after=0):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = container.add_paragraph()
    paragraph.alignment = getattr(WD_ALIGN_PARAGRAPH, align.upper())
    paragraph.paragraph_format.space_before, paragraph.paragraph_format.space_after = Pt(before), Pt(after)
    if text:
        _set_fonts(paragraph.add_run(text), size, bold, italic)
    return paragraph


def _rule(container, width_pt: float, length_pt: float, *, before: float = 1):
    """A centred solid rule `length_pt` long: the bottom border of an empty 1-pt paragraph between indents."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    paragraph = _paragraph(container, before=before)
    _set_fonts(paragraph.add_run(""), 1)
    indent = max((width_pt - length_pt) / 2, 0)
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = Pt(indent)
    paragraph.paragraph_format.line_spacing = Pt(1)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in {"w:val": "single", "w:sz": "6", "w:space": "0", "w:color": "000000"}.items():
        bottom.set(qn(key), value)
    borders.append(bottom)
    # CT_PPr is a sequence: pBdr goes before the spacing and indents python-docx has already written.
    properties = paragraph._p.get_or_add_pPr()
    properties.insert_element_before(borders, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc")


def _table(document, widths_mm):
    """A borderless table with fixed column widths: w:gridCol (LibreOffice) and every w:tcW (Word)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    table = document.add_table(rows=0, cols=len(widths_mm))
    table.autofit = False  # w:tblLayout fixed
    total = table._tbl.tblPr.find(qn("w:tblW"))
    total.set(qn("w:type"), "dxa")
    total.set(qn("w:w"), str(round(sum(widths_mm) * 1440 / 25.4)))  # twips
    margins = OxmlElement("w:tblCellMar")  # no cell padding: the columns hold the text widths computed here
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "0")
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    return table


def _row(table, widths_mm):
    from docx.shared import Mm

    cells = table.add_row().cells
    for cell, width in zip(cells, widths_mm, strict=True):
        cell.width = Mm(width)
        cell._tc.remove(cell.paragraphs[0]._p)  # start empty: the renderer adds its own paragraphs
    return cells


def _mm_to_pt(mm: float) -> float:
    return mm * 72 / 25.4


def _header(document, layout):
    """Boxes 1–4, 5b, 10b: the two-column header; row 2 puts the number level with the place and date."""
    widths = (TEXT_WIDTH_MM * HEADER_SPLIT, TEXT_WIDTH_MM * (1 - HEADER_SPLIT))
    left_pt, right_pt = _mm_to_pt(widths[0]), _mm_to_pt(widths[1])
    table = _table(document, widths)
    left, right = _row(table, widths)
    if layout.superior:
        _paragraph(left, layout.superior, size=layout.superior_size)
    _paragraph(left, layout.issuer, size=layout.issuer_size, bold=True)
    issuer_width = min(text_width_pt(layout.issuer, layout.issuer_size, bold=True), left_pt)
    _rule(left, left_pt, issuer_width * 0.4)  # 1/3–1/2 of the text width
    nation, motto = layout.motto
    _paragraph(right, nation, size=12, bold=True)
    _paragraph(right, motto, size=13, bold=True)
    _rule(right, right_pt, text_width_pt(motto, 13, bold=True))  # as long as the Tiêu ngữ
    left, right = _row(table, widths)
    _paragraph(left, layout.number_line, size=13, before=8)
    if layout.is_dispatch:
        _paragraph(left, layout.subject, size=12, before=6)
    if layout.urgency:
        _urgency(left, layout.urgency)
    _paragraph(right, layout.place_date, size=14, italic=True, before=8)


def _urgency(cell, label):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph = _paragraph(cell, before=6)
    run = paragraph.add_run(label)
    _set_fonts(run, 13, bold=True)
    border = OxmlElement("w:bdr")
    for key, value in {"w:val": "single", "w:sz": "8", "w:space": "2", "w:color": "000000"}.items():
        border.set(qn(key), value)
    run._element.get_or_add_rPr().append(border)


def _title(document, layout):
    """Box 5a: kind name UPPER bold, subject bold with a short rule under it."""
    width_pt = _mm_to_pt(TEXT_WIDTH_MM)
    _paragraph(document, layout.title, bold=True, before=18)
    _paragraph(document, layout.subject, bold=True)
    subject_width = min(text_width_pt(layout.subject, 14, bold=True), width_pt * 0.84)
    _rule(document, width_pt, subject_width * 0.4)
    for basis in layout.bases:
        _text_paragraph(document, [(basis, False, True)], before=6)


def _text_paragraph(document, runs, *, align="justify", indent=True, before=6):
    """Box 6: 14 pt, justified, first-line indent 1 cm, 6 pt before."""
    from docx.shared import Cm

    paragraph = _paragraph(document, align=align, before=before)
    paragraph.paragraph_format.line_spacing = BODY_LINE_SPACING
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1)
    for text, bold, italic in runs:
        _set_fonts(paragraph.add_run(text), 14, bold, italic)
    return paragraph


def _addressees(document, layout):
    """Box 9a: one addressee on the line; several one per line, dashes aligned after "Kính gửi: "."""
    from docx.shared import Pt

    if len(layout.addressees) == 1:
        _paragraph(document, f"Kính gửi: {layout.addressees[0]}", before=12, after=6)
        return
    label = "Kính gửi: "
    label_pt = text_width_pt(label, 14)
    block = label_pt + max(text_width_pt(name, 14) for name in layout.addressees)
    start = max((_mm_to_pt(TEXT_WIDTH_MM) - block) / 2, 0)
    for n, name in enumerate(layout.addressees):
        paragraph = _paragraph(document, align="left", before=12 if n == 0 else 0)
        paragraph.paragraph_format.left_indent = Pt(start + label_pt)
        if n == 0:
            paragraph.paragraph_format.first_line_indent = Pt(-label_pt)
            paragraph.paragraph_format.tab_stops.add_tab_stop(Pt(start + label_pt))
            _set_fonts(paragraph.add_run("Kính gửi:\t"), 14)
        _set_fonts(paragraph.add_run(name), 14)


def _body(document, layout):
    for block in layout.body:
        runs = [(run.text, run.bold, run.italic) for run in block.runs]
        if block.label:
            runs.insert(0, (f"{block.label} ", False, False))
        if block.kind == "heading":
            _text_paragraph(document, [(t, True, i) for t, _, i in runs], align="center", indent=False)
        else:
            _text_paragraph(document, runs)


def _footer(document, layout):
    """Box 9b on the left level with box 7a on the right; the row never splits across pages."""
    from docx.oxml import OxmlElement

    widths = (TEXT_WIDTH_MM * FOOTER_SPLIT, TEXT_WIDTH_MM * (1 - FOOTER_SPLIT))
    table = _table(document, widths)
    left, right = _row(table, widths)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    _paragraph(left, "Nơi nhận:", size=12, bold=True, italic=True, align="left", before=12)
    for line in layout.recipients:
        _paragraph(left, line, size=11, align="left")
    for n, line in enumerate(layout.signature):
        _paragraph(right, line, bold=True, before=12 if n == 0 else 0)
    name = _paragraph(right, layout.signer_name, bold=True, before=80)  # room for the signature (box 7c)
    name.paragraph_format.keep_together = True


def _page_numbers(section):
    """Page numbers 13 pt, centred in the top margin, from page 2 (a different, empty first-page header)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False  # an empty header on page 1
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = 1  # centre
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "2"), ("end", None)):
        run = paragraph.add_run()
        _set_fonts(run, 13)
        if kind:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._element.append(field)
        elif text == "PAGE":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = " PAGE "
            run._element.append(instruction)
        else:
            run.text = text  # the cached result, replaced by the application


def _setup(document):
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.orientation = 0  # portrait
    for side, mm in MARGINS_MM.items():
        setattr(section, f"{side}_margin", Mm(mm))
    section.header_distance = Mm(10)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for script in ("w:cs", "w:eastAsia"):
        fonts.set(qn(script), FONT)
    normal.paragraph_format.space_after = Pt(0)
    _page_numbers(section)


# --- annexes (phụ lục): each in a section of its own, from a new page, paged from 1 -----------------------


def _annex_section(document, annex):
    """A new section from a new page: landscape when the table is wider than the portrait text, its page
    numbers restarting at 1 (its first page, like the document's, shows none: the headers are inherited)."""
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    section = document.add_section(WD_SECTION.NEW_PAGE)
    wide, high = (PAGE_MM[1], PAGE_MM[0]) if annex.landscape else PAGE_MM
    section.orientation = WD_ORIENT.LANDSCAPE if annex.landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(wide), Mm(high)
    numbering = section._sectPr.find(qn("w:pgNumType"))
    if numbering is None:
        numbering = OxmlElement("w:pgNumType")
        section._sectPr.insert_element_before(
            numbering, "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection",
            "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange",
        )  # fmt: skip
    numbering.set(qn("w:start"), "1")
    return section


def _bordered_table(document, widths_mm):
    """A table with single rules on every cell (Word's "Table Grid"), fixed column widths, centred."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml.ns import qn
    from docx.shared import Mm

    table = document.add_table(rows=0, cols=len(widths_mm))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # w:tblLayout fixed
    total = table._tbl.tblPr.find(qn("w:tblW"))
    total.set(qn("w:type"), "dxa")
    total.set(qn("w:w"), str(round(sum(widths_mm) * 1440 / 25.4)))  # twips
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    return table


def _annex_row(table, widths_mm, cells, *, bold=False, header=False):
    """One row: (text, alignment) per cell; a header row repeats on every page."""
    from docx.oxml import OxmlElement

    row_cells = _row(table, widths_mm)
    for cell, (text, align) in zip(row_cells, cells, strict=True):
        _paragraph(cell, text, size=12, bold=bold, align=align)
    if header:
        table.rows[-1]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    table.rows[-1]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _annex(document, annex):
    """Phụ lục: the heading, the name and the "(Kèm theo …)" line centred, then the bordered table."""
    _annex_section(document, annex)
    _paragraph(document, annex.heading, bold=True)
    if annex.title:
        _paragraph(document, annex.title, size=13, bold=True, before=2)
    if annex.subtitle:
        _paragraph(document, annex.subtitle, italic=True, before=2, after=12)
    widths = annex.widths_mm
    table = _bordered_table(document, widths)
    _annex_row(table, widths, [(c.label, "center") for c in annex.columns], bold=True, header=True)
    for row in annex.aligned_rows:
        _annex_row(table, widths, row)
    if annex.total:
        _annex_row(table, widths, annex.aligned_total, bold=True)


def render_docx(document) -> bytes:
    """The document as a .docx in the Nghị định 30/2020 layout (same words and order as the PDF)."""
    from docx import Document as WordDocument

    layout = build_layout(document)
    word = WordDocument()
    _setup(word)
    _header(word, layout)
    if not layout.is_dispatch:
        _title(word, layout)
    if layout.addressees:
        _addressees(word, layout)
    if layout.is_dispatch:
        for basis in layout.bases:
            _text_paragraph(word, [(basis, False, False)])
    _body(word, layout)
    _footer(word, layout)
    _paragraph(word, size=1)  # Word wants a paragraph, not a table, at the end of the body
    for annex in layout.annexes:
        _annex(word, annex)
        _paragraph(word, size=1)
    output = io.BytesIO()
    word.save(output)
    return output.getvalue()
