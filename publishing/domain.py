"""Publishing on the portal: each function checks the actor may publish for the object's agency first, then
validates, writes the public snapshot (publishing.snapshot) in one transaction with its activity-log row, and
bumps the portal's cache version (publishing.cache). `actor=None` is the system (the demo loader, commands);
`at` backdates the publication (the demo's story).

Publishing an issued outgoing document also moves it to "published" through the documents' gate; its PDF is
rendered by the task worker once the transaction commits (publishing.tasks). Withdrawing and publishing again
go through the publications' gate (publishing.workflow)."""

import datetime as dt
from functools import partial

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from activity.domain import log_action
from decisions.models import Kind as DecisionKind
from decisions.models import Status as DecisionStatus
from documents import domain as documents_domain
from documents.models import Direction
from documents.models import Status as DocumentStatus
from lib.access import require
from lib.cacheversions import bump
from lib.images import public_photo
from lib.uploads import JPEG, PNG, check_upload
from lib.vntext import fold, nfc
from movements.models import Status as MovementStatus
from organisations.scope import scope_for
from workflows.gate import move

from . import snapshot as snapshots
from .access import can_publish
from .cache import PORTAL_VERSION
from .models import SOURCE_FIELD, Article, Kind, Portal, PortalHost, Publication, Status
from .workflow import PUBLICATIONS

SLUG_LENGTH = 120
PUBLISHABLE_DOCUMENTS = {DocumentStatus.ISSUED, DocumentStatus.PUBLISHED, DocumentStatus.REGISTERED}
ARTICLE_FIELDS = ("title", "summary", "body", "author", "photo_alt")


# --- slugs --------------------------------------------------------------------------------------------------
def slug_text(text: str, length: int = SLUG_LENGTH) -> str:
    """ASCII words joined by hyphens, at most `length` characters, cut at a word: "46-stnmt-vp-ve-viec-…"."""
    slug = slugify(fold(nfc(text).replace("/", " ")))
    if len(slug) > length:
        cut = slug[: length + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:length]
    return slug.strip("-")


def unique_slug(kind: str, text: str, *, exclude_pk=None) -> str:
    """The slug of `text`, unique among the publications of `kind` ("…-2", "…-3" after the first)."""
    base = slug_text(text) or kind.replace("_", "-")
    taken = set(
        Publication.objects.filter(kind=kind, slug__startswith=base[:100])
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        suffix = f"-{number}"
        slug = slug_text(base, SLUG_LENGTH - len(suffix)) + suffix
    return slug


# --- the common steps ---------------------------------------------------------------------------------------
def _moment(at) -> dt.datetime:
    if at is None:
        return timezone.now()
    if isinstance(at, dt.datetime):
        return at if timezone.is_aware(at) else timezone.make_aware(at)
    return timezone.make_aware(dt.datetime.combine(at, dt.time(9)))


def _may_publish(actor, agency) -> bool:
    """The system (actor None) may; an account as publishing.access.can_publish says."""
    return actor is None or can_publish(actor, agency)


def _user(actor):
    return actor if getattr(actor, "pk", None) else None


def _check_not_published(kind: str, source) -> None:
    existing = Publication.objects.filter(**{SOURCE_FIELD[kind]: source}).first()
    if existing is None:
        return
    if existing.status == Status.WITHDRAWN:
        raise ValidationError(
            _("It was withdrawn from the portal: publish it again from its publication's page."),
            code="withdrawn",
        )
    raise ValidationError(_("It is already published on the portal."), code="published")


def _create(actor, kind: str, source, snapshot, at, slug_source: str, **fields) -> Publication:
    """Write the publication of `source` (inside the caller's transaction)."""
    moment = _moment(at)
    publication = Publication(
        agency_id=source.agency_id,
        kind=kind,
        published_at=moment,
        published_by=_user(actor),
        **{SOURCE_FIELD[kind]: source},
        **fields,
    )
    snapshots.write(publication, snapshot, today=timezone.localdate(moment))
    publication.slug = unique_slug(kind, slug_source)
    publication.full_clean(exclude=["pdf"])
    publication.save()
    snapshots.write_images(publication, snapshot)
    log_action(
        actor=actor,
        action="publishing.publication.published",
        target=publication,
        agency=publication.agency,
        after={"kind": kind, "title": publication.title},
    )
    bump(PORTAL_VERSION)
    return publication


def queue_pdf(publication_id: int) -> None:
    """Ask the task worker for a document publication's PDF (run at once by an immediate backend)."""
    from .tasks import store_publication_pdf

    store_publication_pdf.enqueue(publication_id=publication_id)


# --- documents ----------------------------------------------------------------------------------------------
def _subject_words(subject: str) -> str:
    """A công văn's trích yếu without its "V/v" (về việc): the address reads the subject's own words."""
    subject = nfc(subject)
    return subject[3:] if subject.lower().startswith("v/v") else subject


def _check_document(document, field: str, effective_on) -> None:
    if document.status not in PUBLISHABLE_DOCUMENTS:
        raise ValidationError(_("Only an issued document can be published."), code="unissued")
    errors = {}
    if len(nfc(field)) > 100:
        errors["field"] = _("The field may be at most 100 characters long.")
    if effective_on and document.issued_on and effective_on < document.issued_on:
        errors["effective_on"] = _("The date of effect cannot be before the date of issue.")
    if errors:
        raise ValidationError(errors)


def publish_document(*, actor, document, field="", effective_on=None, at=None) -> Publication:
    """Publish an issued outgoing document (it moves to "published") or a registered incoming one."""
    require(_may_publish(actor, document.agency_id))
    _check_document(document, field, effective_on)
    _check_not_published(Kind.DOCUMENT, document)
    with transaction.atomic():
        if document.direction == Direction.OUTGOING and document.status == DocumentStatus.ISSUED:
            documents_domain.publish_document(actor=actor, document=document)
        publication = _create(
            actor,
            Kind.DOCUMENT,
            document,
            snapshots.document_snapshot(document),
            at,
            f"{document.reference} {_subject_words(document.subject)}",
            field=nfc(field),
            effective_on=effective_on,
        )
        transaction.on_commit(partial(queue_pdf, publication.pk))
        _link_from_movements(document, publication.slug)
    return publication


def _link_from_movements(document, slug: str) -> None:
    """The published movements listing the document now link to its publication."""
    listing = Publication.objects.filter(kind=Kind.MOVEMENT, movement__document_links__document=document)
    for movement_publication in listing:
        for row in movement_publication.facts.get("documents", []):
            if row.get("reference") == document.reference and row.get("subject") == nfc(document.subject):
                row["slug"] = slug
        movement_publication.save(update_fields=["facts", "updated_at"])


# --- movements, exemplary models, honour rolls --------------------------------------------------------------
def publish_movement(*, actor, movement, at=None) -> Publication:
    require(_may_publish(actor, movement.agency_id))
    if movement.status == MovementStatus.PREPARING:
        raise ValidationError(_("A movement still being prepared cannot be published."), code="preparing")
    _check_not_published(Kind.MOVEMENT, movement)
    with transaction.atomic():
        publication = _create(
            actor, Kind.MOVEMENT, movement, snapshots.movement_snapshot(movement), at, movement.name
        )
        for model_publication in Publication.objects.filter(
            kind=Kind.EXEMPLARY, exemplary__movement=movement
        ):
            model_publication.facts["movement"] = {"title": movement.name, "slug": publication.slug}
            model_publication.save(update_fields=["facts", "updated_at"])
    return publication


def publish_exemplary(*, actor, model, at=None) -> Publication:
    require(_may_publish(actor, model.agency_id))
    _check_not_published(Kind.EXEMPLARY, model)
    with transaction.atomic():
        return _create(actor, Kind.EXEMPLARY, model, snapshots.exemplary_snapshot(model), at, model.title)


def _check_decision(decision) -> None:
    if decision.kind != DecisionKind.REWARD or decision.status != DecisionStatus.ISSUED:
        raise ValidationError(
            _("Only the honour roll of an issued reward decision can be published."), code="unissued"
        )


def publish_honour_roll(*, actor, decision, at=None) -> Publication:
    """The honour roll of an issued reward decision: its lines are read live from the ledger."""
    require(_may_publish(actor, decision.agency_id))
    _check_decision(decision)
    _check_not_published(Kind.HONOUR_ROLL, decision)
    document = decision.document
    with transaction.atomic():
        return _create(
            actor,
            Kind.HONOUR_ROLL,
            decision,
            snapshots.honour_roll_snapshot(decision),
            at,
            f"{document.reference} {document.subject}",
        )


# --- articles -----------------------------------------------------------------------------------------------
def _set_photo(article: Article, photo) -> None:
    """Keep the public copy of an uploaded photo only: resized, its EXIF data stripped (lib.images)."""
    checked = check_upload(photo)
    if checked.content_type not in {JPEG, PNG}:
        raise ValidationError({"photo": _("Attach the photo as a JPEG or PNG image.")})
    try:
        public = public_photo(checked.content)
    except ValidationError as error:
        raise ValidationError({"photo": error.messages}) from error
    if article.photo:
        article.photo.delete(save=False)
    name = f"{slug_text(article.title, 60) or 'anh'}{public.extension}"
    article.photo.save(name, ContentFile(public.content), save=False)


def _save_article(article: Article, photo) -> None:
    article.full_clean(exclude=["photo", "created_by"])
    if photo is not None:
        _set_photo(article, photo)
    article.save()


def create_article(*, actor, agency, title, summary, body, author, photo=None, photo_alt="") -> Article:
    require(_may_publish(actor, agency))
    article = Article(
        agency=agency,
        title=title,
        summary=summary,
        body=body,
        author=author,
        photo_alt=photo_alt,
        created_by=_user(actor),
    )
    article.normalise()
    with transaction.atomic():
        _save_article(article, photo)
        log_action(actor=actor, action="publishing.article.created", target=article, agency=agency,
                   after={"title": article.title})  # fmt: skip
    return article


def update_article(*, actor, article, **fields) -> Article:
    """Change an article (title, summary, body, author, photo_alt; photo: a new upload); a published one's
    public copy follows."""
    require(_may_publish(actor, article.agency_id))
    unknown = set(fields) - {*ARTICLE_FIELDS, "photo"}
    if unknown:
        raise TypeError(f"update_article: unknown fields {sorted(unknown)}")
    before = {name: getattr(article, name) for name in fields if name in ARTICLE_FIELDS}
    photo = fields.pop("photo", None)
    for name, value in fields.items():
        setattr(article, name, value)
    article.normalise()
    with transaction.atomic():
        _save_article(article, photo)
        after = {name: getattr(article, name) for name in before}
        if photo is not None:
            after["photo"] = article.photo.name
        log_action(actor=actor, action="publishing.article.updated", target=article, agency=article.agency,
                   before=before, after=after)  # fmt: skip
        publication = article.publications.filter(status=Status.PUBLISHED).first()
        if publication is not None:
            _refresh(publication)
            publication.save()
            bump(PORTAL_VERSION)
    return article


def publish_article(*, actor, article, at=None) -> Publication:
    require(_may_publish(actor, article.agency_id))
    _check_not_published(Kind.ARTICLE, article)
    with transaction.atomic():
        return _create(actor, Kind.ARTICLE, article, snapshots.article_snapshot(article), at, article.title)


# --- withdrawing and publishing again -----------------------------------------------------------------------
SNAPSHOTS = {
    Kind.DOCUMENT: snapshots.document_snapshot,
    Kind.MOVEMENT: snapshots.movement_snapshot,
    Kind.EXEMPLARY: snapshots.exemplary_snapshot,
    Kind.ARTICLE: snapshots.article_snapshot,
    Kind.HONOUR_ROLL: snapshots.honour_roll_snapshot,
}


def _check_source(publication: Publication) -> None:
    """The source may still be public: a document still issued, a decision still issued."""
    source = publication.source
    if publication.kind == Kind.DOCUMENT and source.status not in PUBLISHABLE_DOCUMENTS:
        raise ValidationError(_("Only an issued document can be published."), code="unissued")
    if publication.kind == Kind.HONOUR_ROLL:
        _check_decision(source)


def _refresh(publication: Publication) -> None:
    """A fresh snapshot of the source on the publication (its slug, field and date of effect stay)."""
    snapshot = SNAPSHOTS[publication.kind](publication.source)
    snapshots.write(publication, snapshot, today=timezone.localdate(publication.published_at))
    snapshots.write_images(publication, snapshot)


def withdraw(*, actor, publication, reason) -> Publication:
    """Take the publication off the portal: its address answers 410 with the reason."""
    require(_may_publish(actor, publication.agency_id))
    reason = nfc(reason)
    if not reason:
        raise ValidationError({"reason": _("Say why it is withdrawn.")})

    def change(publication):
        publication.withdrawn_at = timezone.now()
        publication.withdrawn_by = _user(actor)
        publication.withdrawal_reason = reason

    move(
        PUBLICATIONS, publication, "withdraw", actor=actor, change=change, after={"withdrawal_reason": reason}
    )
    bump(PORTAL_VERSION)
    return publication


def republish(*, actor, publication) -> Publication:
    """Publish a withdrawn publication again, from a fresh snapshot of its source."""
    require(_may_publish(actor, publication.agency_id))

    def change(publication):
        _check_source(publication)
        publication.published_at = timezone.now()
        publication.published_by = _user(actor)
        publication.withdrawn_at, publication.withdrawn_by, publication.withdrawal_reason = None, None, ""
        _refresh(publication)

    with transaction.atomic():
        move(PUBLICATIONS, publication, "republish", actor=actor, change=change)
        if publication.kind == Kind.DOCUMENT:
            transaction.on_commit(partial(queue_pdf, publication.pk))
    bump(PORTAL_VERSION)
    return publication


# --- portals ------------------------------------------------------------------------------------------------
def set_up_portal(*, actor, agency, slug, title, is_default=False, hosts=()) -> Portal:
    """Create or change the agency's portal: its address, title, whether it is served at the root, its host
    names. The agency's secretariat and administrators (the system)."""
    require(actor is None or scope_for(actor).can_manage_agency(agency.pk))
    with transaction.atomic():
        portal = Portal.objects.filter(agency=agency).first() or Portal(agency=agency)
        portal.slug, portal.title, portal.is_default = slug, title, is_default
        portal.normalise()
        if is_default:  # the one served at the root: the previous one no longer is
            Portal.objects.filter(is_default=True).exclude(agency=agency).update(is_default=False)
        portal.full_clean(exclude=["agency"])
        portal.save()
        for host in hosts:
            PortalHost.objects.update_or_create(
                host=host.strip().lower().rstrip("."), defaults={"portal": portal}
            )
        log_action(actor=actor, action="publishing.portal.set_up", target=portal, agency=agency,
                   after={"title": portal.title, "is_default": is_default})  # fmt: skip
    bump(PORTAL_VERSION)
    return portal
