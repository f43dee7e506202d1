"""The public snapshot of each kind of source object: what the portal shows of it, from an explicit list of
public fields and nothing else (publishing.models explains why).

Each function returns a `Snapshot`; publishing.domain writes it on the Publication. What is public:
- document: its kind, number and symbol, issuing body (an incoming one's sender), signer and the signer's
  position line, date of issue, subject, the body's paragraphs; the PDF as the documents module renders it
  (store_pdf). Never its return reason, drafter, attachments, distribution, register or dissemination data;
- movement: its name, theme, objectives and criteria, level and period, and its documents that are issued
  (number, subject, issuer, date, role);
- exemplary model: its title, kind, year, story, photos (resized, no EXIF), the people's name, position
  and unit only, the units' names, the movement's name;
- article: title, summary, body, author, photo;
- honour roll: the decision's number, date, issuer and achievement year (its lines are read live).
The labels are written in Vietnamese, the portal's language, whatever the language of the request.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.utils import translation

from documents.models import Direction
from documents.models import Status as DocumentStatus
from documents.rendering.layout import signature_lines
from lib.images import public_photo
from lib.vntext import nfc

PORTAL_LANGUAGE = "vi"
# The documents a movement's public page lists: issued or published ones, and incoming ones (registered).
LISTED_DOCUMENT_STATES = {DocumentStatus.ISSUED, DocumentStatus.PUBLISHED, DocumentStatus.REGISTERED}
SUMMARY_LENGTH = 300


@dataclass
class Image:
    content: bytes
    alt: str


@dataclass
class Snapshot:
    title: str
    summary: str = ""
    paragraphs: list = field(default_factory=list)
    facts: dict = field(default_factory=dict)
    day: dt.date | None = None  # None: the day of publishing
    document_kind: str = ""
    issuer: str = ""
    images: list = field(default_factory=list)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _lines(text: str) -> list[str]:
    return [line for line in (nfc(raw) for raw in (text or "").splitlines()) if line]


def _shortened(text: str, length: int = SUMMARY_LENGTH) -> str:
    text = nfc(text)
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0] + "…"


# --- documents ----------------------------------------------------------------------------------------------
def document_issuer(document) -> str:
    """The issuing body by its official name (the header prints it in capitals, sometimes shortened); an
    incoming one's sender. A merger makes a new agency: the name is the one the document was issued under."""
    if document.direction == Direction.INCOMING:
        return nfc(document.sender_name)
    return nfc(document.agency.name)


def document_paragraphs(document) -> list[str]:
    """The body's blocks as plain text, an item with its label."""
    paragraphs = []
    for block in document.body or []:
        text = nfc("".join(run.get("text", "") for run in block.get("runs", [])))
        label = nfc(block.get("label", ""))
        if text:
            paragraphs.append(f"{label} {text}" if label else text)
    return paragraphs


def document_snapshot(document) -> Snapshot:
    facts = {
        "kind": document.kind.name,
        "reference": document.reference,
        "issuer": document_issuer(document),
        "signer": nfc(document.signer_name),
        "signer_position": " — ".join(signature_lines(document)),
        "issued_on": _iso(document.issued_on),
    }
    return Snapshot(
        title=nfc(f"{document.kind.name} {document.reference}"),
        summary=nfc(document.subject),
        paragraphs=document_paragraphs(document),
        facts=facts,
        day=document.issued_on or document.arrival_date,
        document_kind=document.kind.code,
        issuer=facts["issuer"],
    )


def store_pdf(publication) -> None:
    """Render the document's official PDF (documents.rendering) and keep it on the publication."""
    from documents.files import file_name
    from documents.rendering import render_pdf

    document = publication.document
    if publication.pdf:
        publication.pdf.delete(save=False)
    publication.pdf.save(file_name(document, "pdf"), ContentFile(render_pdf(document)), save=False)
    type(publication).objects.filter(pk=publication.pk).update(pdf=publication.pdf.name)


# --- movements ----------------------------------------------------------------------------------------------
def _published_slug(obj) -> str:
    """The slug of the object's publication on the portal, "" when it is not (or no longer) published."""
    from .models import Status

    found = [p for p in obj.publications.all() if p.status == Status.PUBLISHED]
    return found[0].slug if found else ""


def movement_documents(movement) -> list[dict]:
    links = (
        movement.document_links.filter(document__status__in=LISTED_DOCUMENT_STATES)
        .select_related("document__kind", "document__agency")
        .prefetch_related("document__publications")
    )
    return [
        {
            "role": str(link.get_role_display()),
            "reference": link.document.reference,
            "subject": nfc(link.document.subject),
            "issuer": document_issuer(link.document),
            "issued_on": _iso(link.document.issued_on),
            "slug": _published_slug(link.document),
        }
        for link in links
    ]


def movement_snapshot(movement) -> Snapshot:
    with translation.override(PORTAL_LANGUAGE):
        facts = {
            "level": str(movement.get_level_display()),
            "starts_on": _iso(movement.period_start),
            "ends_on": _iso(movement.period_end),
            "documents": movement_documents(movement),
        }
    return Snapshot(
        title=nfc(movement.name),
        summary=nfc(movement.theme),
        paragraphs=[*_lines(movement.objectives), *_lines(movement.criteria)],
        facts=facts,
    )


# --- exemplary models ---------------------------------------------------------------------------------------
def public_person(person) -> dict:
    """Name, position and unit: nothing else of a person is public."""
    assignment = person.current_assignment
    return {
        "name": person.full_name,
        "position": nfc(assignment.position) if assignment else "",
        "unit": assignment.unit.name if assignment else "",
    }


def exemplary_snapshot(model) -> Snapshot:
    with translation.override(PORTAL_LANGUAGE):
        movement = model.movement
        facts = {
            "model_kind": str(model.get_kind_display()),
            "model_kind_code": model.kind,
            "year": model.year,
            "people": [public_person(person) for person in model.people.all()],
            "units": [unit.name for unit in model.units.all()],
            "movement": {"title": movement.name, "slug": _published_slug(movement)} if movement else None,
        }
    paragraphs = _lines(model.story)
    images = [_image(photo.file, photo.caption or model.title) for photo in model.photos.all()]
    return Snapshot(
        title=nfc(model.title),
        summary=_shortened(paragraphs[0]) if paragraphs else "",
        paragraphs=paragraphs,
        facts=facts,
        images=images,
    )


def _image(file, alt: str) -> Image:
    file.open("rb")
    try:
        return Image(file.read(), nfc(alt))
    finally:
        file.close()


# --- articles and honour rolls ------------------------------------------------------------------------------
def article_snapshot(article) -> Snapshot:
    images = [_image(article.photo, article.photo_alt or article.title)] if article.photo else []
    return Snapshot(
        title=nfc(article.title),
        summary=article.summary,
        paragraphs=_lines(article.body),
        facts={"author": nfc(article.author)},
        images=images,
    )


def honour_roll_snapshot(decision) -> Snapshot:
    document = decision.document
    facts = {
        "reference": document.reference,
        "issued_on": _iso(decision.decided_on or document.issued_on),
        "issuer": nfc(decision.issuer) or document_issuer(document),
        "year": decision.year,
    }
    return Snapshot(
        title=nfc(document.subject),
        facts=facts,
        day=decision.decided_on or document.issued_on,
        issuer=document_issuer(document),
    )


# --- writing it ---------------------------------------------------------------------------------------------
SNAPSHOT_FIELDS = ["title", "summary", "paragraphs", "facts", "day", "document_kind", "issuer"]


def write(publication, snapshot: Snapshot, *, today: dt.date) -> None:
    """Set the snapshot's fields on the publication (not saved)."""
    for name in SNAPSHOT_FIELDS:
        setattr(publication, name, getattr(snapshot, name))
    publication.day = snapshot.day or today


def write_images(publication, snapshot: Snapshot) -> None:
    """Replace the publication's photos by the snapshot's, each resized and stripped of its EXIF data."""
    for old in publication.images.all():
        old.file.delete(save=False)
        old.delete()
    for position, image in enumerate(snapshot.images):
        photo = public_photo(image.content)
        row = publication.images.model(
            publication=publication,
            alt=image.alt[:300],
            width=photo.width,
            height=photo.height,
            position=position,
        )
        row.file.save(
            f"{publication.slug[:60]}-{position + 1}{photo.extension}", ContentFile(photo.content), save=False
        )
        row.save()
