"""The rendered files of a document (PDF, DOCX) as HTTP answers, for the screens and the API alike: the
caller has loaded the document through documents.access (so the scoping is the same everywhere)."""

from django.http import HttpResponse

from lib.files import protect

PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def file_name(document, extension: str) -> str:
    """ "07-KH-STNMT.pdf", or "du-thao-12.pdf" for a document not yet numbered."""
    stem = document.reference.replace("/", "-") if document.reference else f"du-thao-{document.pk}"
    return f"{stem}.{extension}"


def pdf_response(document) -> HttpResponse:
    """The document as PDF, shown in the browser (inline)."""
    from .rendering import render_pdf

    response = HttpResponse(render_pdf(document), content_type=PDF_TYPE)
    response["Content-Disposition"] = f'inline; filename="{file_name(document, "pdf")}"'
    return protect(response, sandbox=False)


def docx_response(document) -> HttpResponse:
    """The document as a Word file, downloaded."""
    from .rendering import render_docx

    response = HttpResponse(render_docx(document), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{file_name(document, "docx")}"'
    return protect(response, sandbox=False)
