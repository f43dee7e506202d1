"""Official documents in the Nghị định 30/2020/NĐ-CP format, outgoing and incoming, as structured records.

Field names follow the decree's metadata (Phụ lục VI) where one exists: the edXML name is given in each
field's comment. The PDF and DOCX are rendered from these records (documents/rendering/).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from lib.models import NormalisedModel
from lib.vntext import fold, nfc


def nfc_lines(text: str | None) -> str:
    """Each line NFC-normalised and trimmed, empty lines dropped: a reason keeps its line breaks."""
    return "\n".join(line for line in (nfc(raw) for raw in (text or "").splitlines()) if line)


class DocumentKind(models.Model):
    """A kind of administrative document and its abbreviation (Phụ lục III, Mục I, Nghị định 30/2020/NĐ-CP).

    Data, loaded by a migration: a later decree changes rows here, not code.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)  # TypeName
    abbreviation = models.CharField(
        _("abbreviation"), max_length=10, blank=True, help_text=_("Empty for công văn, which has none.")
    )
    has_title = models.BooleanField(
        _("has a title line"),
        default=True,
        help_text=_("Công văn has no title line: its subject starts with V/v."),
    )
    uses_addressees = models.BooleanField(_("has a Kính gửi line"), default=False)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    source = models.CharField(_("source"), max_length=200, default="Phụ lục III, Nghị định 30/2020/NĐ-CP")

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("document kind")
        verbose_name_plural = _("document kinds")

    def __str__(self):
        return self.name

    @property
    def is_dispatch(self) -> bool:
        """A công văn: its symbol is ISSUER-UNIT instead of KIND-ISSUER."""
        return not self.abbreviation


class Direction(models.TextChoices):
    OUTGOING = "outgoing", _("Outgoing")
    INCOMING = "incoming", _("Incoming")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for signature")
    RETURNED = "returned", _("Returned by the signer")
    APPROVED = "approved", _("Signed off")
    ISSUED = "issued", _("Issued")
    PUBLISHED = "published", _("Published")
    REPLACED = "replaced", _("Replaced")
    REVOKED = "revoked", _("Revoked")
    REGISTERED = "registered", _("Registered (incoming)")


# A draft is changed only before it goes to its signer (or after the signer returned it): what the signer
# signed off is what is issued.
EDITABLE_STATES = {Status.DRAFT, Status.RETURNED}
# Not yet issued: seen only by those who take part in the drafting and signing (documents.access).
UNISSUED_STATES = {Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.APPROVED}
ISSUED_STATES = {Status.ISSUED, Status.PUBLISHED, Status.REPLACED, Status.REVOKED}


class SigningAuthority(models.TextChoices):
    """Quyền hạn ký (Phụ lục I §II.7, Điều 13 Nghị định 30/2020/NĐ-CP)."""

    NONE = "", _("Head signs in own name")
    TM = "TM.", _("TM. — on behalf of the collective or organisation")
    KT = "KT.", _("KT. — a deputy signs for the head")
    TL = "TL.", _("TL. — by order of the head")
    TUQ = "TUQ.", _("TUQ. — by written authorisation")
    Q = "Q.", _("Q. — acting head")


class Urgency(models.TextChoices):
    NORMAL = "", _("Normal")
    URGENT = "khan", _("KHẨN")
    VERY_URGENT = "thuong_khan", _("THƯỢNG KHẨN")
    IMMEDIATE = "hoa_toc", _("HỎA TỐC")


class DocumentQuerySet(models.QuerySet):
    def for_list(self):
        """Without what the registers and the API's lists do not show (the body is most of a row)."""
        return self.defer("body", "search_text", "addressees", "recipients", "return_reason")

    def outgoing(self):
        return self.filter(direction=Direction.OUTGOING)

    def incoming(self):
        return self.filter(direction=Direction.INCOMING)

    def issued(self):
        return self.filter(status__in=ISSUED_STATES)

    # The signing step's waiting work (documents.todo counts them, the list's `task` filter shows them).
    def awaiting_signature_by(self, user):
        """Submitted drafts whose chosen signer is the account's person."""
        if not getattr(user, "person_id", None):
            return self.none()
        return self.filter(direction=Direction.OUTGOING, status=Status.SUBMITTED, signer_id=user.person_id)

    def awaiting_issuance(self):
        """Drafts signed off, waiting for their number (narrow to the agencies the reader issues for)."""
        return self.filter(direction=Direction.OUTGOING, status=Status.APPROVED)

    def returned_to(self, user):
        """Drafts the account created that their signer returned."""
        return self.filter(direction=Direction.OUTGOING, status=Status.RETURNED, created_by_id=user.pk)


class NullsLastIndex(models.Index):
    """A b-tree index on `fields` whose descending nullable columns put NULLs last, as the lists order them
    (documents.search.LATEST_FIRST: drafts, which have no date nor number, last). PostgreSQL's DESC puts NULLs
    first unless told; SQLite's DESC puts them last already (and it has no NULLS LAST in an index)."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql" or self.contains_expressions:
            return super().create_sql(model, schema_editor, using=using, **kwargs)
        fields = [model._meta.get_field(name) for name, _order in self.fields_orders]
        suffixes = [
            f"{order} NULLS LAST" if order and field.null else order
            for field, (_name, order) in zip(fields, self.fields_orders, strict=True)
        ]
        return schema_editor._create_index_sql(
            model,
            fields=fields,
            name=self.name,
            using=using,
            db_tablespace=self.db_tablespace,
            col_suffixes=suffixes,
            opclasses=self.opclasses,
            condition=self._get_condition_sql(model, schema_editor),
            **kwargs,
        )


class Document(NormalisedModel):
    """An outgoing document (drafted here) or an incoming one (registered from another body)."""

    agency = models.ForeignKey(
        "organisations.Agency",
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("agency"),
        help_text=_("The issuing agency of an outgoing document; the receiving agency of an incoming one."),
    )
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    kind = models.ForeignKey(DocumentKind, on_delete=models.PROTECT, related_name="+", verbose_name=_("kind"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    drafting_unit = models.ForeignKey(
        "organisations.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("drafting unit"),
    )
    # Number and symbol: CodeNumber / CodeNotation. Empty on a draft; assigned at issuance.
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    notation = models.CharField(_("symbol"), max_length=30, blank=True)  # CodeNotation, e.g. STNMT-VP
    # The number series the number was taken from (NumberSequence.series): kinds share a series, so a number
    # is unique in its series and year whatever the symbol (Điều 15 Nghị định 30/2020/NĐ-CP).
    series = models.CharField(_("number series"), max_length=20, default="outgoing", editable=False)
    issued_on = models.DateField(_("date"), null=True, blank=True)  # IssuedDate
    # The header as printed, frozen at issuance (an agency's name may change later).
    superior_name = models.CharField(_("superior authority (header)"), max_length=200, blank=True)
    issuer_name = models.CharField(_("issuing body (header)"), max_length=200, blank=True)  # OrganName
    place_name = models.CharField(_("place name"), max_length=100, blank=True)
    subject = models.CharField(_("subject"), max_length=500)  # Subject (trích yếu)
    addressees = models.JSONField(_("addressees (Kính gửi)"), default=list, blank=True)
    body = models.JSONField(
        _("body"), default=list, blank=True, help_text=_("Paragraphs and numbered items.")
    )
    signing_authority = models.CharField(
        _("signing authority"), max_length=5, choices=SigningAuthority.choices, blank=True
    )
    authority_title = models.CharField(
        _("title signed for"), max_length=100, blank=True, help_text=_("E.g. GIÁM ĐỐC in “KT. GIÁM ĐỐC”.")
    )
    signer_position = models.CharField(
        _("signer's position"), max_length=100, blank=True
    )  # SignerInfo.Position
    signer_name = models.CharField(_("signer's name"), max_length=100, blank=True)  # SignerInfo.FullName
    signer = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signed_documents",
        verbose_name=_("signer"),
    )
    return_reason = models.TextField(
        _("reason for return"),
        blank=True,
        help_text=_("Why the signer returned the draft; shown to the drafter."),
    )
    recipients = models.JSONField(_("distribution (Nơi nhận)"), default=list, blank=True)
    archive_note = models.CharField(
        _("archive line"),
        max_length=100,
        blank=True,
        help_text=_("After “Lưu: VT,”, e.g. the drafting unit."),
    )
    urgency = models.CharField(_("urgency"), max_length=12, choices=Urgency.choices, blank=True)  # Priority
    due_date = models.DateField(_("reply due"), null=True, blank=True)  # DueDate
    replaces = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
        verbose_name=_("replaces"),
    )
    # Incoming register (văn bản đến).
    arrival_number = models.PositiveIntegerField(_("arrival number"), null=True, blank=True)  # ArrivalNumber
    arrival_date = models.DateField(_("arrival date"), null=True, blank=True)  # ArrivalDate
    sender_name = models.CharField(_("sender"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_text = models.TextField(editable=False, blank=True)
    # Annexes printed after the signature, each on a new page (a decision's danh sách kèm theo):
    # [{"title", "subtitle", "columns": [{"label", "width", "align"}], "rows": [[text, …]],
    #   "total": [text, …]}]
    annexes = models.JSONField(_("annexes"), default=list, blank=True, editable=False)
    # The app whose page numbers this document (e.g. "decisions": a reward decision's number, ledger rows and
    # proposals are written in one transaction): the documents' own issue button is not offered for it.
    issued_through = models.CharField(max_length=20, blank=True, editable=False)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        # The registers' order: the latest first, drafts last on both databases (search.LATEST_FIRST)
        ordering = [F("issued_on").desc(nulls_last=True), F("number").desc(nulls_last=True), F("id").desc()]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [
            # The lists in that order (issue 12): of one agency, and of several (a merged agency's lineage, an
            # administrator), read in order until a page is full — with the search's words as a filter too.
            NullsLastIndex(fields=["agency", "-issued_on", "-number", "-id"], name="document_agency_latest"),
            NullsLastIndex(fields=["-issued_on", "-number", "-id"], name="document_latest"),
        ]
        constraints = [
            # A number is used once in its agency's series and year, across kinds and symbols (Điều 15 Nghị
            # định 30/2020/NĐ-CP: one series for the year unless the agency decides otherwise).
            models.UniqueConstraint(
                fields=["agency", "series", "year", "number"],
                condition=Q(direction="outgoing", number__isnull=False),
                name="document_number_unique_in_series_year",
            ),
            models.UniqueConstraint(
                fields=["agency", "year", "arrival_number"],
                condition=Q(direction="incoming", arrival_number__isnull=False),
                name="document_arrival_number_unique_in_year",
            ),
        ]

    def __str__(self):
        return f"{self.reference} — {self.subject}" if self.reference else self.subject

    def normalise(self):
        for name in (
            "subject",
            "superior_name",
            "issuer_name",
            "place_name",
            "authority_title",
            "signer_position",
            "signer_name",
            "archive_note",
            "sender_name",
            "notation",
        ):
            setattr(self, name, nfc(getattr(self, name)))
        self.return_reason = nfc_lines(self.return_reason)
        self.addressees = [nfc(a) for a in self.addressees if nfc(a)]
        self.recipients = [nfc(r) for r in self.recipients if nfc(r)]
        self.search_text = " " + fold(
            " ".join([self.reference, self.subject, self.sender_name, self.body_text()])
        )

    @property
    def reference(self) -> str:
        """Số và ký hiệu as written: '07/KH-STNMT' (numbers below 10 with a leading zero), '' for a draft."""
        if self.number is None:
            return ""
        return f"{self.number:02d}/{self.notation}"

    def body_text(self) -> str:
        """The body as plain text, paragraph per line (for search and previews)."""
        return "\n".join("".join(run.get("text", "") for run in block.get("runs", [])) for block in self.body)

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATES

    def clean(self):
        super().clean()
        if self.drafting_unit_id and self.drafting_unit.agency_id != self.agency_id:
            raise ValidationError(
                {"drafting_unit": _("The drafting unit must belong to the issuing agency.")}
            )


class LegalBasis(models.Model):
    """A căn cứ: a link to another document of the system, or a free-text citation (e.g. a law)."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="bases")
    position = models.PositiveSmallIntegerField(default=0)
    cited = models.ForeignKey(
        Document,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cited_by",
        verbose_name=_("cited document"),
    )
    text = models.CharField(_("citation"), max_length=500, blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")

    def __str__(self):
        return self.text or str(self.cited)


class Attachment(models.Model):
    """A file attached to a document, stored outside the web root and served through an access check."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="documents/%Y/%m/")
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.name


class NumberSequence(models.Model):
    """The last number used per agency, year and series; locked with SELECT … FOR UPDATE at issuance.

    Series: "outgoing" (all administrative documents share one series unless the agency decides otherwise,
    Điều 15), "incoming" (số đến), later "council" for an advisory body issuing in its own name.
    """

    agency = models.ForeignKey("organisations.Agency", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    series = models.CharField(max_length=20)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "series"], name="number_sequence_unique"),
        ]

    def __str__(self):
        return f"{self.agency_id}/{self.year}/{self.series}: {self.last_number}"
