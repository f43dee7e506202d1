"""Documents, scoped like the screens (documents.access), with the search of documents.search; their files
(PDF, DOCX, attachments) under the API too, so that an integration's Bearer token fetches every URL an
answer gives."""

import datetime as dt

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Query, Router, Schema

from dissemination.access import receipts_for_user
from dissemination.summary import COMPLETE, unit_completion
from documents.access import documents_for_user, get_document_for_user
from documents.files import DOCX_TYPE, PDF_TYPE, docx_response, pdf_response
from documents.models import ISSUED_STATES, Direction, Status
from documents.search import LATEST_FIRST, find_documents
from lib.counting import Counted
from lib.files import private_file

from .paging import paged_capped
from .schemas import Id, Ref, Text, Year, choices_enum

router = Router(tags=["documents"])
# The documents' states under a name of their own in the schema (movements.models.Status is "Status" too).
DocumentStatus = choices_enum("DocumentStatus", Status)


class DocumentOut(Schema):
    id: int
    kind: str = Field(description="Code of the kind: cong_van, ke_hoach, quyet_dinh…")
    kind_name: str
    direction: Direction
    status: DocumentStatus = Field(
        description="draft, submitted (to its signer), returned (by the signer), approved (signed off, "
        "waiting for its number), issued, published, replaced, revoked; registered for an incoming document."
    )
    number: str = Field(description='Số và ký hiệu, "12/STNMT-VP"; empty for a draft.')
    issued_on: dt.date | None
    subject: str
    issuer: str = Field(description="The issuing body as printed in the header, else the agency's name.")
    agency: Ref
    pdf_url: str = Field(description="The document as PDF (GET it with the same token).")
    docx_url: str = Field(description="The document as DOCX (GET it with the same token).")

    @staticmethod
    def resolve_kind(obj) -> str:
        return obj.kind.code

    @staticmethod
    def resolve_kind_name(obj) -> str:
        return obj.kind.name

    @staticmethod
    def resolve_number(obj) -> str:
        return obj.reference

    @staticmethod
    def resolve_issuer(obj) -> str:
        return obj.issuer_name or obj.agency.name

    @staticmethod
    def resolve_pdf_url(obj) -> str:
        return reverse("api:document_pdf", kwargs={"document_id": obj.pk})

    @staticmethod
    def resolve_docx_url(obj) -> str:
        return reverse("api:document_docx", kwargs={"document_id": obj.pk})


class CitedOut(Schema):
    id: int
    number: str
    subject: str


class BasisOut(Schema):
    text: str
    cited: CitedOut | None = Field(description="The cited document, when the caller may see it.")


class SignerOut(Schema):
    authority: str = Field(description="TM., KT., TL., TUQ., Q. or empty.")
    authority_title: str
    position: str
    name: str
    person: Ref | None


class AttachmentOut(Schema):
    id: int
    name: str
    content_type: str
    size: int
    url: str | None


class UnitCompletionOut(Schema):
    unit: str | None = Field(description="The unit reached, or null for the people named individually.")
    read: int
    done: int
    total: int


class DisseminationOut(Schema):
    total: int = Field(description="Receipts the caller may see.")
    read: int
    implemented: int
    complete: int = Field(description="Read, and implemented where that was asked.")
    units: list[UnitCompletionOut]


class DocumentDetailOut(DocumentOut):
    superior_name: str
    place_name: str
    drafting_unit: Ref | None
    sender_name: str
    arrival_number: int | None
    arrival_date: dt.date | None
    urgency: str
    due_date: dt.date | None
    addressees: list[str]
    body: list[dict] = Field(description="Blocks: paragraph, item (with label) or heading; runs of text.")
    bases: list[BasisOut]
    signer: SignerOut
    recipients: list[str] = Field(description="Nơi nhận.")
    archive_note: str
    attachments: list[AttachmentOut]
    dissemination: DisseminationOut | None = Field(description="Acknowledgements; null before issuance.")

    @staticmethod
    def resolve_bases(obj) -> list[dict]:
        return obj.api_bases

    @staticmethod
    def resolve_signer(obj) -> dict:
        return {
            "authority": obj.signing_authority,
            "authority_title": obj.authority_title,
            "position": obj.signer_position,
            "name": obj.signer_name,
            "person": obj.signer,
        }

    @staticmethod
    def resolve_attachments(obj) -> list[dict]:
        return obj.api_attachments

    @staticmethod
    def resolve_dissemination(obj) -> dict | None:
        return obj.api_dissemination


class DocumentFilters(Schema):
    q: Text = Field(
        "",
        description='Number ("25/KH-UBND", "25 kh ubnd"), subject and body words, accents and đ/d ignored.',
    )
    kind: Text | None = Field(None, description="Code of the kind, e.g. cong_van.")
    status: DocumentStatus | None = None
    direction: Direction | None = None
    year: Year | None = Field(None, description="Year of the number (of the register, for incoming).")


@router.get("", response=list[DocumentOut], summary="List and search the documents the caller can see")
@paged_capped
def list_documents(request, filters: Query[DocumentFilters]):
    """The latest first (drafts, which have no date, last). With `q`: the best matches first when at most
    1 000 match, else the latest first. `count` stops at 10 000, at 1 000 with `q` (`count_exact` false
    beyond it)."""
    qs = documents_for_user(request.auth).select_related("kind", "agency").for_list()
    status = filters.status.value if filters.status is not None else None
    for name, value in (("kind__code", filters.kind), ("status", status), ("year", filters.year)):
        if value is not None:
            qs = qs.filter(**{name: value})
    if filters.direction is not None:
        qs = qs.filter(direction=filters.direction)
    if found := find_documents(qs, filters.q):
        return Counted(found.documents, found.counted, found.cap)
    return qs.order_by(*LATEST_FIRST)


@router.get("/{int:document_id}", response=DocumentDetailOut, summary="One document with its full text")
def document_detail(request, document_id: Id):
    document = get_document_for_user(request.auth, document_id)
    visible = documents_for_user(request.auth).only("pk", "number", "notation", "subject")
    document.api_bases = [
        _basis(b) for b in document.bases.prefetch_related(Prefetch("cited", queryset=visible))
    ]
    document.api_attachments = [_attachment(document, a) for a in document.attachments.all()]
    issued = document.status in ISSUED_STATES
    document.api_dissemination = _dissemination(request.auth, document) if issued else None
    return document


def _binary(content_type: str, description: str) -> dict:
    """The OpenAPI answer of a file endpoint: the file itself, or the JSON 404 of the other endpoints."""
    binary = {"schema": {"type": "string", "format": "binary"}}
    return {"responses": {200: {"description": description, "content": {content_type: binary}}}}


@router.get(
    "/{int:document_id}/pdf",
    summary="The document as PDF",
    url_name="document_pdf",
    openapi_extra=_binary(PDF_TYPE, "The PDF, as printed (Nghị định 30/2020/NĐ-CP layout)."),
)
def document_pdf(request, document_id: Id):
    """The same scoping as the document's detail: 404 for a document the caller may not see."""
    return pdf_response(get_document_for_user(request.auth, document_id))


@router.get(
    "/{int:document_id}/docx",
    summary="The document as DOCX",
    url_name="document_docx",
    openapi_extra=_binary(DOCX_TYPE, "The Word file, to edit or archive."),
)
def document_docx(request, document_id: Id):
    """The same scoping as the document's detail: 404 for a document the caller may not see."""
    return docx_response(get_document_for_user(request.auth, document_id))


@router.get(
    "/{int:document_id}/attachments/{int:attachment_id}",
    summary="A file attached to the document",
    url_name="document_attachment",
    openapi_extra=_binary("application/octet-stream", "The file, with its own content type."),
)
def document_attachment(request, document_id: Id, attachment_id: Id):
    document = get_document_for_user(request.auth, document_id)
    attachment = get_object_or_404(document.attachments, pk=attachment_id)
    return private_file(attachment.file, filename=attachment.name, content_type=attachment.content_type)


def _basis(basis) -> dict:
    """The citation; the cited document only when the caller may see it (else the prefetch left None)."""
    cited = basis.cited if basis.cited_id else None
    cited_out = cited and {"id": cited.pk, "number": cited.reference, "subject": cited.subject}
    return {"text": basis.text or (str(cited) if cited else ""), "cited": cited_out}


def _attachment(document, attachment) -> dict:
    return {
        "id": attachment.pk,
        "name": attachment.name,
        "content_type": attachment.content_type,
        "size": attachment.size,
        "url": reverse(
            "api:document_attachment", kwargs={"document_id": document.pk, "attachment_id": attachment.pk}
        ),
    }


def _dissemination(user, document) -> dict:
    receipts = receipts_for_user(user).filter(dissemination__document=document)
    figures = receipts.aggregate(
        total=Count("pk"),
        read=Count("pk", filter=Q(read_at__isnull=False)),
        implemented=Count("pk", filter=Q(implemented_at__isnull=False)),
        complete=Count("pk", filter=COMPLETE),
    )
    return {**figures, "units": unit_completion(receipts)}
