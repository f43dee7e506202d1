"""What the agency publishes on its public e-portal (Cổng thông tin điện tử), and the portals themselves.

A `Publication` is the portal's copy of one object the editor chose to publish — an issued document, a
movement, an exemplary model, a news `Article`, the honour roll of a reward decision. At publishing, the
publishing domain writes its public *snapshot* (title, summary, paragraphs, the `facts` a visitor may read,
the PDF of a document, resized photos without their EXIF data) from an explicit list of public fields of the
source object: the portal reads these rows and nothing else, so an internal field cannot reach a public page
by a template's mistake. Withdrawing keeps the row (its URL answers 410 with the reason's short notice);
publishing it again restores it. The honour roll's lines are read live from the ledger (revoked awards
drop out at once).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from lib.models import NormalisedModel
from lib.vntext import fold, nfc
from movements.models import nfc_lines

# First path segments a portal's address may not take: the installation's own (thidua/urls.py: the staff
# application, the API, the sign-in, the verification, the staff screens' old addresses) and the portal's
# sections — /<slug>/… would hide them.
RESERVED_SLUGS = frozenset(
    {
        "app", "api", "accounts", "admin", "i18n", "xac-minh", "healthz", "static", "media", "units",
        "people", "activity", "documents", "dissemination", "notifications", "movements", "registrations",
        "achievements", "awards", "nominations", "council", "decisions", "calendar", "publishing", "van-ban",
        "phong-trao", "dien-hinh", "tin-tuc", "bang-vang", "lay-y-kien", "tim-kiem", "feeds", "anh",
    }
)  # fmt: skip


def validate_portal_slug(value: str) -> None:
    if value.lower() in RESERVED_SLUGS:
        raise ValidationError(_("This address is used by the site itself: choose another."), code="reserved")


class Portal(NormalisedModel):
    """An agency's e-portal: served at /<slug>/… and on its own host names; the default portal at /."""

    agency = models.OneToOneField(
        "organisations.Agency", on_delete=models.PROTECT, related_name="portal", verbose_name=_("agency")
    )
    slug = models.SlugField(_("address"), max_length=60, unique=True, validators=[validate_portal_slug])
    title = models.CharField(_("portal title"), max_length=200)
    is_default = models.BooleanField(_("served at the site's root"), default=False)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("portal")
        verbose_name_plural = _("portals")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="one_default_portal"
            )
        ]

    def __str__(self):
        return self.title

    def normalise(self):
        self.title = nfc(self.title).strip()
        self.slug = (self.slug or "").lower()


class PortalHost(models.Model):
    """A host name mapped to a portal (e.g. snnmt.cantho.gov.vn): its root is that portal's home."""

    portal = models.ForeignKey(Portal, on_delete=models.CASCADE, related_name="hosts")
    host = models.CharField(_("host name"), max_length=253, unique=True)

    class Meta:
        ordering = ["host"]
        verbose_name = _("host name")
        verbose_name_plural = _("host names")

    def __str__(self):
        return self.host

    def save(self, *args, **kwargs):
        self.host = self.host.strip().lower().rstrip(".")
        super().save(*args, **kwargs)


class Article(NormalisedModel):
    """A news article (tin tức) written for the portal by its editor."""

    agency = models.ForeignKey(
        "organisations.Agency", on_delete=models.PROTECT, related_name="articles", verbose_name=_("agency")
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), max_length=1000)
    body = models.TextField(_("body"), max_length=50_000)
    # The public copy only: resized, EXIF stripped on upload (lib/images.py); the original is not kept.
    photo = models.FileField(_("photo"), upload_to="publishing/articles/%Y/", blank=True)
    photo_alt = models.CharField(_("photo description"), max_length=300, blank=True)
    author = models.CharField(_("author"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
        indexes = [models.Index(fields=["agency", "-created_at", "-id"], name="article_agency_latest")]

    def __str__(self):
        return self.title

    def normalise(self):
        self.title = nfc(self.title).strip()
        self.summary = nfc_lines(self.summary)
        self.body = nfc_lines(self.body)
        self.photo_alt = nfc(self.photo_alt).strip()
        self.author = nfc(self.author).strip()


class Kind(models.TextChoices):
    DOCUMENT = "document", _("Document")
    MOVEMENT = "movement", _("Emulation movement")
    EXEMPLARY = "exemplary", _("Exemplary model")
    ARTICLE = "article", _("News article")
    HONOUR_ROLL = "honour_roll", _("Honour roll of a decision")


# The source field of each kind (exactly one is set, the one of its kind).
SOURCE_FIELD = {
    Kind.DOCUMENT: "document",
    Kind.MOVEMENT: "movement",
    Kind.EXEMPLARY: "exemplary",
    Kind.ARTICLE: "article",
    Kind.HONOUR_ROLL: "decision",
}


class Status(models.TextChoices):
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class PublicationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def of_agencies(self, agency_ids):
        return self.filter(agency_id__in=agency_ids)


class Publication(NormalisedModel):
    agency = models.ForeignKey(
        "organisations.Agency",
        on_delete=models.PROTECT,
        related_name="publications",
        verbose_name=_("agency"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    slug = models.SlugField(_("address"), max_length=120)
    document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="publications"
    )
    movement = models.ForeignKey(
        "movements.Movement", null=True, blank=True, on_delete=models.PROTECT, related_name="publications"
    )
    exemplary = models.ForeignKey(
        "achievements.ExemplaryModel",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="publications",
    )
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.PROTECT, related_name="publications"
    )
    decision = models.ForeignKey(
        "decisions.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="publications"
    )
    # The public snapshot: everything the portal shows of the object.
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    paragraphs = models.JSONField(_("text"), default=list, blank=True)  # [str, …]
    facts = models.JSONField(
        _("public facts"), default=dict, blank=True
    )  # kind-specific, see publishing.snapshot
    day = models.DateField(
        _("date")
    )  # the date it is listed by: a document's date of issue, else publishing's
    field = models.CharField(_("field (lĩnh vực)"), max_length=100, blank=True)
    effective_on = models.DateField(_("date of effect"), null=True, blank=True)
    document_kind = models.CharField(
        _("document kind"), max_length=20, blank=True
    )  # the kind's code: a filter
    issuer = models.CharField(_("issuing body"), max_length=200, blank=True)  # a filter of documents
    pdf = models.FileField(upload_to="publishing/pdf/%Y/", blank=True)
    search_text = models.TextField(editable=False, blank=True)
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = [F("day").desc(), F("id").desc()]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        indexes = [
            # every public list: an agency's lineage, one kind, published, the latest first
            models.Index(fields=["kind", "status", "agency", "-day", "-id"], name="publication_list"),
            models.Index(fields=["agency", "-published_at"], name="publication_editor_list"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["kind", "slug"], name="publication_slug_unique"),
            *[
                models.UniqueConstraint(
                    fields=[field],
                    condition=Q(**{f"{field}__isnull": False}),
                    name=f"one_publication_per_{field}",
                )
                for field in SOURCE_FIELD.values()
            ],
            models.CheckConstraint(
                condition=Q(
                    *[
                        Q(kind=kind, **{f"{f}__isnull": f != field for f in SOURCE_FIELD.values()})
                        for kind, field in SOURCE_FIELD.items()
                    ],
                    _connector=Q.OR,
                ),
                name="publication_source_of_its_kind",
            ),
        ]

    def __str__(self):
        return self.title

    def normalise(self):
        self.title = nfc(self.title).strip()
        self.summary = nfc_lines(self.summary)
        self.paragraphs = [nfc(p).strip() for p in self.paragraphs if nfc(p).strip()]
        self.field = nfc(self.field).strip()
        self.issuer = nfc(self.issuer).strip()
        self.withdrawal_reason = nfc_lines(self.withdrawal_reason)
        words = [self.facts.get("reference", ""), self.title, self.summary, self.issuer, *self.paragraphs]
        self.search_text = " " + fold(" ".join(words))

    @property
    def source(self):
        return getattr(self, SOURCE_FIELD[self.kind])


class PublicImage(models.Model):
    """A photo of a publication as the portal serves it: resized, its EXIF data (the location) stripped."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="images")
    file = models.FileField(upload_to="publishing/images/%Y/")
    alt = models.CharField(_("description"), max_length=300)
    width = models.PositiveSmallIntegerField()
    height = models.PositiveSmallIntegerField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["publication_id", "position", "id"]
        verbose_name = _("public photo")
        verbose_name_plural = _("public photos")

    def __str__(self):
        return self.alt
