"""Achievements that titles and rewards rest on and that the portal shows: initiatives (sáng kiến, đề tài,
giải pháp) with their authors and recognition, and exemplary models and new factors (điển hình tiên tiến,
mô hình mới, nhân tố mới) with their story and photos.

An initiative recognised at grassroots level is one of the alternative conditions of Chiến sĩ thi đua cơ sở
(Luật TĐKT 2022 Điều 23; mandatory under NĐ 91/2017 Điều 9 for 2021), and one initiative serves one reward
only (law.md §7): the rules engine reads `recognition_level`, `recognised_on` and its use
(`InitiativeAuthor.award_record`), through the fact source of achievements/facts.py.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lib.models import NormalisedModel, WordStartSearchQuerySet, word_start_text
from lib.vntext import nfc


class InitiativeKind(models.TextChoices):
    INITIATIVE = "sang-kien", _("Initiative (sáng kiến)")
    RESEARCH = "de-tai", _("Research project (đề tài khoa học)")
    SOLUTION = "giai-phap", _("Solution (giải pháp)")


class RecognitionLevel(models.TextChoices):
    """The level whose council recognised the initiative (codes shared with the eligibility API)."""

    GRASSROOTS = "co-so", _("Grassroots (agency)")
    PROVINCE = "tinh", _("Province or ministry")
    NATIONAL = "toan-quoc", _("National")


class Initiative(NormalisedModel):
    agency = models.ForeignKey(
        "organisations.Agency", on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("agency")
    )
    unit = models.ForeignKey(
        "organisations.Unit", on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("unit")
    )
    movement = models.ForeignKey(
        "movements.Movement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives",
        verbose_name=_("movement"),
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=InitiativeKind.choices, default=InitiativeKind.INITIATIVE
    )
    title = models.CharField(_("title"), max_length=500)
    year = models.PositiveSmallIntegerField(_("year of the achievement"))
    summary = models.TextField(_("summary"), blank=True)
    effect = models.TextField(_("effect"), blank=True)
    scope = models.CharField(_("scope of application"), max_length=300, blank=True)
    recognition_level = models.CharField(
        _("recognised at level"), max_length=10, choices=RecognitionLevel.choices, blank=True
    )
    recognised_on = models.DateField(_("recognised on"), null=True, blank=True)
    recognised_by = models.CharField(
        _("recognised by"),
        max_length=300,
        blank=True,
        help_text=_("The decision, e.g. Quyết định số 12/QĐ-STNMT."),
    )
    search_text = models.TextField(editable=False, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = WordStartSearchQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "title", "id"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    def __str__(self):
        return self.title

    def normalise(self):
        for name in ("title", "summary", "effect", "scope", "recognised_by"):
            setattr(self, name, nfc(getattr(self, name) or "").strip())
        self.search_text = word_start_text(self.title, self.scope)

    def clean(self):
        if bool(self.recognition_level) != bool(self.recognised_on):
            raise ValidationError(
                {
                    "recognised_on": _(
                        "A recognised initiative needs both the level and the date of recognition."
                    )
                }
            )

    @property
    def is_recognised(self) -> bool:
        return bool(self.recognition_level)


class InitiativeAuthor(models.Model):
    """An author's share of an initiative, and the award that share already served (law.md §7: an initiative
    serves each author once — one row per author, `author_once`, and one award per row; an award rests on
    one author's share, the one-to-one)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="initiative_authorships",
        verbose_name=_("author"),
    )
    share = models.DecimalField(
        _("share (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )
    award_record = models.OneToOneField(
        "awards.AwardRecord",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiative_authorship",
        verbose_name=_("award it served"),
    )

    class Meta:
        ordering = ["-share", "person__sort_key", "id"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        constraints = [models.UniqueConstraint(fields=["initiative", "person"], name="author_once")]

    def __str__(self):
        return f"{self.person} ({self.share}%)"


class Evidence(models.Model):
    """A file proving the initiative: the description, the recognition decision, a report of its effect."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="achievements/evidence/%Y/")
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
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self):
        return self.name


class ModelKind(models.TextChoices):
    EXEMPLARY = "dien-hinh", _("Exemplary example (điển hình tiên tiến)")
    NEW_MODEL = "mo-hinh-moi", _("New model (mô hình mới)")
    NEW_FACTOR = "nhan-to-moi", _("New factor (nhân tố mới)")


class ExemplaryModel(NormalisedModel):
    agency = models.ForeignKey(
        "organisations.Agency",
        on_delete=models.PROTECT,
        related_name="exemplary_models",
        verbose_name=_("agency"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ModelKind.choices, default=ModelKind.EXEMPLARY)
    title = models.CharField(_("title"), max_length=500)
    year = models.PositiveSmallIntegerField(_("year"))
    story = models.TextField(_("story"))
    movement = models.ForeignKey(
        "movements.Movement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="exemplary_models",
        verbose_name=_("movement"),
    )
    people = models.ManyToManyField(
        "people.Person", blank=True, related_name="exemplary_models", verbose_name=_("people")
    )
    units = models.ManyToManyField(
        "organisations.Unit", blank=True, related_name="exemplary_models", verbose_name=_("units")
    )
    search_text = models.TextField(editable=False, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = WordStartSearchQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "title", "id"]
        verbose_name = _("exemplary model")
        verbose_name_plural = _("exemplary models")

    def __str__(self):
        return self.title

    def normalise(self):
        self.title = nfc(self.title or "").strip()
        self.story = nfc(self.story or "").strip()
        self.search_text = word_start_text(self.title)


class Photo(models.Model):
    model = models.ForeignKey(ExemplaryModel, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to="achievements/photos/%Y/")
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return self.caption or self.file.name
