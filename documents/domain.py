"""State changes of documents: drafting, the lifecycle, numbering at issuance, the incoming register and
attachments. Every function checks the permission (documents.access), saves atomically, writes the
activity log and schedules the notifications; `actor=None` means the system (demo loader, commands).

The lifecycle (documents.workflow) goes through the one gate (workflows.gate): a draft is submitted to its
signer (chosen among those documents.signing allows, who fill the printed signature block), who signs it
off or returns it with a reason; a clerk or the secretariat then numbers and issues it. Numbers come from
NumberSequence(agency, year, series), locked with SELECT … FOR UPDATE, so two issuances never take the same
number, even at the same moment on PostgreSQL.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from activity.domain import log_action, snapshot
from lib.access import require
from lib.uploads import check_upload
from notifications.domain import settle
from workflows.gate import Notice, lock, move

from . import access
from .body import validate_body
from .models import Attachment, Direction, Document, LegalBasis, NumberSequence, Status, nfc_lines
from .signing import signer_accounts, signing_option
from .workflow import DOCUMENTS

OUTGOING, INCOMING = "outgoing", "incoming"  # NumberSequence series
DRAFT_FIELDS = (
    "kind",
    "drafting_unit",
    "subject",
    "addressees",
    "body",
    "signing_authority",
    "authority_title",
    "signer_position",
    "signer_name",
    "signer",
    "recipients",
    "archive_note",
    "urgency",
    "due_date",
)
INCOMING_FIELDS = (
    "number",
    "notation",
    "issued_on",
    "subject",
    "sender_name",
    "arrival_date",
    "due_date",
    "urgency",
    "signer_position",
    "signer_name",
    "body",
)
# The upper apps that issue their own documents (`Document.issued_through`), and their pages in words:
# filled by them (decisions.apps: "reward decision").
THROUGH: dict[str, object] = {}
REQUIRED_AT_ISSUANCE = ("subject", "signer_name", "signer_position")
SIGNATURE_FIELDS = ("signing_authority", "authority_title", "signer_position", "signer_name")


def missing_message(name: str) -> str:
    """What the issue form says of a missing field, naming it ("Chưa chọn người ký.")."""
    return {
        "subject": _("The subject (trích yếu) is missing."),
        "signer": _("No signer has been chosen."),
        "signer_name": _("No signer has been chosen."),
        "signer_position": _("The signer's position is missing."),
    }[name]


def issued_immutable_message() -> str:
    return _("An issued document cannot be changed; issue a document that replaces it.")


def _check_editable(document: Document) -> None:
    if document.status in {Status.SUBMITTED, Status.APPROVED}:
        raise ValidationError(with_signer_message(), code="immutable")
    if not document.is_editable:
        raise ValidationError(issued_immutable_message(), code="immutable")


def with_signer_message() -> str:
    return _(
        "A document with its signer cannot be changed: withdraw it from signature, or ask the signer to "
        "return it."
    )


def _snapshot(document: Document, names) -> dict:
    """Logged values: the body as its text, lists of lines joined (the log shows scalars)."""
    values = snapshot(document, names)
    if "body" in values:
        values["body"] = document.body_text()
    return {k: "; ".join(v) if isinstance(v, list) else v for k, v in values.items()}


def _notice(users, *, title: str, document: Document, kind: str, body: str = "") -> Notice:
    return Notice(
        users=users,
        title=title,
        body=body or document.subject,
        url=reverse("documents:detail", args=[document.pk]),
        kind=kind,
        email_template="document_status",
    )


def _to_drafter(document: Document, *, title: str, kind: str, body: str = "") -> list[Notice]:
    """The drafter is told (when the document has one; the gate never tells the actor)."""
    if not document.created_by_id:
        return []
    return [_notice([document.created_by], title=title, document=document, kind=kind, body=body)]


def _to_signer(document: Document, *, title: str, kind: str) -> list[Notice]:
    return [_notice(signer_accounts(document.signer), title=title, document=document, kind=kind)]


def _set_signer(actor, document: Document, names) -> None:
    """Fill the printed signature block from the chosen signer (documents.signing's rule). A person may
    choose only among the agency's signers; the system (demo, history) may record a block as printed."""
    if "signer" not in names and "signing_authority" not in names:
        return
    option = signing_option(document.agency, document.signer, document.signing_authority)
    if option is not None:
        for name, value in option.fields().items():
            setattr(document, name, value)
    elif actor is not None and document.signer_id:
        message = _("Choose the signer among those who may sign for the issuing agency.")
        raise ValidationError({"signer": message})
    elif actor is not None:
        for name in SIGNATURE_FIELDS:
            setattr(document, name, "")


def _refresh_signature(actor, document: Document) -> None:
    """At submission and sign-off the block is taken again from the signer's post of the day; a signer who
    may no longer sign is refused (the system keeps a block recorded as printed)."""
    if not document.signer_id and not (actor is None and document.signer_name):
        raise ValidationError({"signer": missing_message("signer")})
    option = signing_option(document.agency, document.signer, document.signing_authority)
    if option is not None:
        for name, value in option.fields().items():
            setattr(document, name, value)
    elif actor is not None:
        message = _("The chosen signer may no longer sign for the agency: choose another signer.")
        raise ValidationError({"signer": message})


# --- drafts ------------------------------------------------------------------------------------------


def _check_bases(actor, document: Document, bases: list[dict]) -> None:
    cited = [b["cited"] for b in bases if b.get("cited") is not None]
    visible = access.documents_for_user(actor) if actor is not None else Document.objects.all()
    allowed = set(
        visible.filter(pk__in=[c.pk for c in cited])
        .exclude(status__in=[Status.DRAFT, Status.SUBMITTED])
        .exclude(pk=document.pk)
        .values_list("pk", flat=True)
    )
    if any(c.pk not in allowed for c in cited):
        raise ValidationError(
            {"bases": _("A legal basis must be an issued or registered document you can see.")}
        )


def _set_bases(actor, document: Document, bases: list[dict] | None) -> None:
    if bases is None:
        return
    bases = [b for b in bases if b.get("cited") is not None or (b.get("text") or "").strip()]
    _check_bases(actor, document, bases)
    document.bases.all().delete()
    LegalBasis.objects.bulk_create(
        LegalBasis(document=document, position=i, cited=b.get("cited"), text=(b.get("text") or "").strip())
        for i, b in enumerate(bases)
    )


def _validate_draft(document: Document) -> None:
    if problems := validate_body(document.body):
        raise ValidationError({"body": problems})
    document.full_clean()


@transaction.atomic
def create_draft(
    *,
    actor,
    agency,
    kind,
    fields: dict,
    bases: list[dict] | None = None,
    annexes: list[dict] | None = None,
    issued_through: str = "",
) -> Document:
    """A new outgoing draft. An upper app drafting its own document gives its `annexes` (tables printed after
    the signature) and, if it numbers the document itself, `issued_through` (its name in THROUGH)."""
    values = {k: v for k, v in fields.items() if k in DRAFT_FIELDS and k != "kind"}
    require(actor is None or access.can_draft(actor, agency, values.get("drafting_unit")))
    logged = list(dict.fromkeys([*values, *SIGNATURE_FIELDS])) if "signer" in values else list(values)
    document = Document(
        agency=agency,
        kind=kind,
        direction=Direction.OUTGOING,
        status=Status.DRAFT,
        created_by=actor if getattr(actor, "pk", None) else None,
        annexes=annexes or [],
        issued_through=issued_through,
        **values,
    )
    _set_signer(actor, document, values)
    _validate_draft(document)
    document.save()
    _set_bases(actor, document, bases)
    log_action(
        actor=actor,
        action="documents.document.created",
        target=document,
        agency=agency,
        after=_snapshot(document, ("kind", *logged)),
    )
    return document


@transaction.atomic
def update_draft(
    *, actor, document, fields: dict, bases: list[dict] | None = None, annexes: list[dict] | None = None
) -> Document:
    lock(document)
    if document.direction != Direction.OUTGOING:
        raise ValidationError(issued_immutable_message(), code="immutable")
    _check_editable(document)
    require(actor is None or access.can_edit(actor, document))
    names = [k for k in fields if k in DRAFT_FIELDS]
    if "signer" in names:
        names = list(dict.fromkeys([*names, *SIGNATURE_FIELDS]))
    before = _snapshot(document, names)
    for name in names:
        if name in fields:
            setattr(document, name, fields[name])
    _set_signer(actor, document, names)
    if annexes is not None:
        document.annexes = annexes
    _validate_draft(document)
    document.save()
    _set_bases(actor, document, bases)
    log_action(
        actor=actor,
        action="documents.document.updated",
        target=document,
        agency=document.agency,
        before=before,
        after=_snapshot(document, names),
    )
    return document


# --- the lifecycle -----------------------------------------------------------------------------------


def submit_for_signature(*, actor, document) -> Document:
    """The draft goes to its chosen signer, who is told (in the inbox and by e-mail)."""

    def check(document):
        if not document.subject.strip():
            raise ValidationError({"subject": missing_message("subject")})
        _refresh_signature(actor, document)
        document.return_reason = ""

    def notices(document):
        title = _("A document awaits your signature: %(subject)s") % {"subject": document.subject}
        return _to_signer(document, title=title, kind="documents.to_sign")

    return move(
        DOCUMENTS,
        document,
        "submit",
        actor=actor,
        change=check,
        after=lambda document: {"signer": document.signer_id, "signer_name": document.signer_name},
        notices=notices,
    )


def _settle(users, document: Document) -> None:
    """The task the users were told of is done (by whoever did it): their notifications about it are read."""
    for user in users:
        settle(user=user, target=document)


def withdraw_from_signature(*, actor, document) -> Document:
    """The drafters take a submitted draft back to change it; the signer's request to sign is settled."""

    def settle_signer(document):
        _settle(signer_accounts(document.signer), document)

    return move(DOCUMENTS, document, "withdraw", actor=actor, change=settle_signer)


def _issuers(document: Document):
    return User.objects.holding([Role.SECRETARIAT, Role.CLERK], agency=document.agency_id)


def _sign(actor, document: Document) -> None:
    _refresh_signature(actor, document)
    _settle(signer_accounts(document.signer), document)


def approve_document(*, actor, document) -> Document:
    """The signer signs off (ký duyệt): the block is frozen as of today, the drafter and those who number
    the agency's documents are told."""

    def notices(document):
        title = _("A signed document waits for its number: %(subject)s") % {"subject": document.subject}
        issuers = _issuers(document)
        signed = _("Your document was signed off: %(subject)s") % {"subject": document.subject}
        return [
            _notice(issuers, title=title, document=document, kind="documents.to_issue"),
            *_to_drafter(document, title=signed, kind="documents.approved"),
        ]

    return move(
        DOCUMENTS,
        document,
        "approve",
        actor=actor,
        change=lambda document: _sign(actor, document),
        after=lambda document: {"signer_name": document.signer_name},
        notices=notices,
    )


def return_document(*, actor, document, reason: str) -> Document:
    """The signer (or, once signed off, a clerk) returns the draft to its drafters with the reason."""
    reason = nfc_lines(reason)

    def check(document):
        if not reason:
            message = _(
                "Write the reason for returning the document, so that the drafter knows what to change."
            )
            raise ValidationError({"reason": ValidationError(message, code="reason_required")})
        document.return_reason = reason
        _settle([*signer_accounts(document.signer), *_issuers(document)], document)

    def notices(document):
        title = _("Your document was returned: %(subject)s") % {"subject": document.subject}
        return _to_drafter(document, title=title, kind="documents.returned", body=reason)

    return move(
        DOCUMENTS, document, "return", actor=actor, change=check, after={"reason": reason}, notices=notices
    )


def _sequence(agency, year: int, series: str) -> NumberSequence:
    """The agency's sequence for the year, locked; created on first use (a concurrent creation is retried)."""
    locked = NumberSequence.objects.select_for_update()
    sequence = locked.filter(agency=agency, year=year, series=series).first()
    if sequence is None:
        try:
            with transaction.atomic():  # a savepoint: losing the race leaves the outer transaction usable
                NumberSequence.objects.create(agency=agency, year=year, series=series)
        except IntegrityError:
            pass  # another transaction created it first; its row is locked below
        sequence = locked.get(agency=agency, year=year, series=series)
    return sequence


def next_number(agency, year: int, series: str) -> int:
    """Take the next number of the series; call inside a transaction (the row stays locked until it ends)."""
    sequence = _sequence(agency, year, series)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number


def notation_for(document: Document) -> str:
    """Ký hiệu: KIND-AGENCY ("KH-STNMT"), or AGENCY-UNIT for a công văn ("STNMT-VP")."""
    if document.kind.is_dispatch:
        if document.drafting_unit is None:
            raise ValidationError(
                {"drafting_unit": _("A dispatch needs its drafting unit: its symbol is part of the number.")}
            )
        return f"{document.agency.symbol}-{document.drafting_unit.symbol}"
    return f"{document.kind.abbreviation}-{document.agency.symbol}"


def _freeze_header(document: Document) -> None:
    agency = document.agency
    parent = agency.parent
    document.superior_name = (parent.short_name or parent.name).upper() if parent else ""
    document.issuer_name = (agency.short_name or agency.name).upper()
    document.place_name = agency.place_name


def _check_issuable(document: Document, issued_on: dt.date) -> None:
    missing = {
        name: missing_message(name)
        for name in REQUIRED_AT_ISSUANCE
        if not str(getattr(document, name) or "").strip()
    }
    if issued_on > timezone.localdate():
        missing["issued_on"] = _("The date of issue cannot be in the future.")
    if missing:
        raise ValidationError(missing)


def issue_document(*, actor, document, issued_on: dt.date | None = None, through: str = "") -> Document:
    """Number and date the signed-off document. One that an upper app issues (`issued_through`, e.g. a reward
    decision, whose ledger rows are written in the same transaction) is issued only by that app
    (`through`)."""
    issued_on = issued_on or timezone.localdate()

    def number(document):
        if document.issued_through != through:
            message = _(
                "This document is issued from the page of its %(page)s, which records what it decides."
            )
            page = THROUGH.get(document.issued_through, document.issued_through)
            raise ValidationError(message % {"page": page}, code="issued_through")
        _check_issuable(document, issued_on)
        _settle(_issuers(document), document)  # one of them numbered it: the others' task is gone too
        document.notation = notation_for(document)
        document.series, document.number = OUTGOING, next_number(document.agency, issued_on.year, OUTGOING)
        document.year, document.issued_on = issued_on.year, issued_on
        _freeze_header(document)

    def notices(document):
        title = _("Your document was issued as %(reference)s") % {"reference": document.reference}
        signed = _("The document you signed was issued as %(reference)s") % {"reference": document.reference}
        return [
            *_to_drafter(document, title=title, kind="documents.issued"),
            *_to_signer(document, title=signed, kind="documents.issued"),
        ]

    after = {"issued_on": issued_on.isoformat()}
    return move(
        DOCUMENTS,
        document,
        "issue",
        actor=actor,
        change=number,
        after=lambda document: {"number": document.reference, **after},
        notices=notices,
    )


def publish_document(*, actor, document) -> Document:
    return move(DOCUMENTS, document, "publish", actor=actor)


def _check_replacement(document: Document, replacement: Document) -> None:
    if (
        replacement.status not in {Status.ISSUED, Status.PUBLISHED}
        or replacement.direction != Direction.OUTGOING
    ):
        raise ValidationError({"replacement": _("The replacement must be an issued document.")})
    if replacement.agency_id != document.agency_id or replacement.pk == document.pk:
        raise ValidationError(
            {"replacement": _("The replacement must be another document of the same agency.")}
        )
    if replacement.replaces_id not in (None, document.pk):
        raise ValidationError({"replacement": _("That document already replaces another one.")})


def replace_document(*, actor, document, replacement) -> Document:
    """`replacement` (issued, same agency) replaces `document`, which becomes "replaced"."""

    def link(document):
        lock(replacement)
        _check_replacement(document, replacement)
        replacement.replaces = document
        replacement.save()

    return move(
        DOCUMENTS,
        document,
        "replace",
        actor=actor,
        change=link,
        after=lambda document: {"replaced_by": replacement.pk, "replaced_by_number": replacement.reference},
    )


def revoke_document(*, actor, document, reason: str) -> Document:
    def check_reason(document):
        if not (reason or "").strip():
            raise ValidationError({"reason": _("Give the reason for the revocation.")})

    return move(
        DOCUMENTS,
        document,
        "revoke",
        actor=actor,
        change=check_reason,
        after=lambda document: {"reason": reason.strip()},
    )


# --- incoming register and attachments ---------------------------------------------------------------


@transaction.atomic
def register_incoming(*, actor, agency, kind, fields: dict) -> Document:
    """Record a document received from another body; it takes the next arrival number of the year.
    The sender's number, symbol and date are kept as given (number / notation / issued_on)."""
    require(actor is None or access.can_manage_documents(actor, agency.pk))
    values = {k: v for k, v in fields.items() if k in INCOMING_FIELDS}
    arrival_date = values.pop("arrival_date", None) or timezone.localdate()
    document = Document(
        agency=agency,
        kind=kind,
        direction=Direction.INCOMING,
        status=Status.REGISTERED,
        series=INCOMING,
        arrival_date=arrival_date,
        year=arrival_date.year,  # the year of the incoming register
        created_by=actor if getattr(actor, "pk", None) else None,
        **values,
    )
    _validate_draft(document)
    document.arrival_number = next_number(agency, arrival_date.year, INCOMING)
    document.save()
    log_action(
        actor=actor,
        action="documents.document.registered",
        target=document,
        agency=agency,
        after={"arrival_number": document.arrival_number, **_snapshot(document, ["arrival_date", *values])},
    )
    return document


@transaction.atomic
def add_attachment(*, actor, document, upload) -> Attachment:
    """Attach a checked file (type sniffed from the content, size capped) to a draft or an incoming one."""
    lock(document)
    if document.direction == Direction.OUTGOING:
        _check_editable(document)
    require(actor is None or access.can_add_attachment(actor, document))
    checked = check_upload(upload)
    name = (getattr(upload, "name", "") or "").rsplit("/", 1)[-1][:255] or f"tep{checked.extension}"
    attachment = Attachment(
        document=document,
        name=name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )
    attachment.file.save(
        f"{checked.sha256[:32]}{checked.extension}", ContentFile(checked.content), save=False
    )
    attachment.save()
    log_action(
        actor=actor,
        action="documents.attachment.added",
        target=document,
        agency=document.agency,
        after={"attachment": attachment.pk, "name": name, "sha256": checked.sha256, "size": checked.size},
    )
    return attachment
