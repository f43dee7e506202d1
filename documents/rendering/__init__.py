"""Rendering of documents to PDF (WeasyPrint) and DOCX (python-docx) from the same record, in the layout of
Nghị định 30/2020/NĐ-CP. Both formats draw the same layout.Layout; the heavy libraries load on first use."""


def render_pdf(document) -> bytes:
    from .pdf import render_pdf as render

    return render(document)


def render_docx(document) -> bytes:
    from .docx import render_docx as render

    return render(document)
