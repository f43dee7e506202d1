"""Emulation movements (phong trào thi đua), the documents that launch and guide them, the annual registration
of units and staff (đăng ký thi đua), and the interim and final reviews (sơ kết, tổng kết).

Kinds and scopes follow Luật Thi đua, khen thưởng 2022, Điều 16 (thi đua thường xuyên; thi đua theo chuyên
đề — "theo đợt" in the 2013 text); contents and the review duty, Điều 17. Registration was a legal basis for
titles under Luật 2003 Điều 10 khoản 1(b) and is kept by provinces and sectors after 2022 (law.md §3.2), so
a movement says whether it takes registrations.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from lib.models import NormalisedModel, WordStartSearchQuerySet, word_start_text
from lib.vntext import nfc
from organisations.models import Unit


def nfc_lines(value: str | None) -> str:
    """A text area's text as stored: each line NFC-normalised and trimmed, its line breaks kept, so
    that pledges "one per line" and results "one paragraph per line" stay so."""
    text = str(value or "").replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(nfc(line) for line in text.split("\n")).strip("\n")


class Kind(models.TextChoices):
    REGULAR = "regular", _("Regular (thường xuyên)")
    THEMATIC = "thematic", _("By campaign or theme (theo đợt, chuyên đề)")


class Level(models.TextChoices):
    """Who launched the movement (Luật TĐKT 2022, Điều 16 khoản 2 and Điều 18)."""

    NATIONAL = "national", _("National (President, Prime Minister)")
    CENTRAL = "central", _("Ministry, central body or organisation")
    PROVINCE = "province", _("Province (Chairman of the People's Committee)")
    AGENCY = "agency", _("Agency (Director of the Department)")
    UNIT = "unit", _("Unit of the agency")


HIGHER_LEVELS = {Level.NATIONAL, Level.CENTRAL, Level.PROVINCE}


class Status(models.TextChoices):
    PREPARING = "preparing", _("Preparing")
    LAUNCHED = "launched", _("Launched")
    IN_PROGRESS = "in_progress", _("In progress")
    INTERIM_REVIEW = "interim_review", _("Interim review")
    FINAL_REVIEW = "final_review", _("Final review")
    CLOSED = "closed", _("Closed")


class MovementQuerySet(WordStartSearchQuerySet):
    def in_year(self, year: int):
        """Movements whose period covers some day of `year` (an open end runs on)."""
        return self.filter(
            Q(period_start__year__lte=year) & (Q(period_end__isnull=True) | Q(period_end__year__gte=year))
        )

    def ongoing(self, on: dt.date):
        return self.exclude(status__in=[Status.PREPARING, Status.CLOSED]).filter(
            Q(period_start__lte=on) & (Q(period_end__isnull=True) | Q(period_end__gte=on))
        )


class Movement(NormalisedModel):
    """A movement as the agency holds it: its own, or one launched by a higher level that it relays."""

    agency = models.ForeignKey(
        "organisations.Agency", on_delete=models.PROTECT, related_name="movements", verbose_name=_("agency")
    )
    name = models.CharField(_("name"), max_length=500)
    theme = models.TextField(_("theme"), blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.REGULAR)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    launched_by = models.CharField(_("launched by"), max_length=300)
    launched_on = models.DateField(_("launched on"), null=True, blank=True)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"), null=True, blank=True, help_text=_("Empty: no end set."))
    objectives = models.TextField(_("objectives"), blank=True)
    criteria = models.TextField(_("contents and criteria"), blank=True)
    takes_registrations = models.BooleanField(_("takes registrations"), default=True)
    units = models.ManyToManyField(
        "organisations.Unit", blank=True, related_name="movements", verbose_name=_("participating units")
    )
    documents = models.ManyToManyField(
        "documents.Document",
        through="MovementDocument",
        blank=True,
        related_name="movements",
        verbose_name=_("documents"),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PREPARING)
    search_text = models.TextField(editable=False, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MovementQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "name", "id"]
        verbose_name = _("movement")
        verbose_name_plural = _("movements")

    def __str__(self):
        return self.name

    def normalise(self):
        for name in ("name", "theme", "launched_by"):
            setattr(self, name, nfc(getattr(self, name) or "").strip())
        self.objectives, self.criteria = nfc_lines(self.objectives), nfc_lines(self.criteria)
        self.search_text = word_start_text(self.name, self.theme, self.launched_by)

    def clean(self):
        if self.period_end and self.period_start and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})

    @property
    def is_higher_level(self) -> bool:
        return self.level in HIGHER_LEVELS

    def covers_year(self, year: int) -> bool:
        return self.period_start.year <= year and (self.period_end is None or self.period_end.year >= year)

    def years(self) -> list[int]:
        last = self.period_end.year if self.period_end else max(dt.date.today().year, self.period_start.year)
        return list(range(self.period_start.year, last + 1))


class DocumentRole(models.TextChoices):
    LAUNCHING = "launching", _("Launches the movement")
    GUIDING = "guiding", _("Guides the movement")
    IMPLEMENTING = "implementing", _("Implements it in the agency")
    REVIEW = "review", _("Review report")


class MovementDocument(models.Model):
    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="document_links")
    document = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, related_name="movement_links"
    )
    role = models.CharField(_("role"), max_length=14, choices=DocumentRole.choices)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        verbose_name = _("movement document")
        verbose_name_plural = _("movement documents")
        constraints = [
            models.UniqueConstraint(fields=["movement", "document"], name="movement_document_once"),
        ]

    def __str__(self):
        return f"{self.movement} — {self.document}"


# --- Registration ---------------------------------------------------------------------------------------


def _open(on: dt.date) -> Q:
    return Q(opens_on__lte=on, deadline__gte=on, movement__takes_registrations=True) & ~Q(
        movement__status__in=[Status.PREPARING, Status.CLOSED]
    )


class RegistrationRoundQuerySet(models.QuerySet):
    def open_on(self, on: dt.date):
        """Rounds of running movements taking registrations, open on `on`."""
        return self.filter(_open(on))

    def closing_by(self, on: dt.date, last: dt.date):
        """Rounds open on `on` whose deadline is at the latest `last` ("this week")."""
        return self.open_on(on).filter(deadline__lte=last)

    def awaiting_units(self, on: dt.date, unit_ids=None):
        """Rounds in which a participating unit (one of `unit_ids`, when given) still has to submit: the round
        is open and the unit has no registration submitted or approved, or its registration was returned.
        A movement listing no unit takes every unit of its agency. One query (EXISTS subqueries)."""
        units = Unit.objects.all() if unit_ids is None else Unit.objects.filter(pk__in=unit_ids)
        done = Registration.objects.filter(
            round_id=OuterRef(OuterRef("pk")),
            unit_id=OuterRef("pk"),
            status__in=[RegistrationStatus.SUBMITTED, RegistrationStatus.APPROVED],
        )
        listed = Movement.units.through.objects.filter(movement_id=OuterRef("movement_id"))
        pending = units.exclude(Exists(done))
        pending_listed = Exists(pending.filter(movements=OuterRef("movement_id")))
        pending_agency = Exists(pending.filter(agency_id=OuterRef("movement__agency_id")).active(on))
        still_open = _open(on) & (
            (Q(Exists(listed)) & pending_listed) | (~Q(Exists(listed)) & pending_agency)
        )
        returned = Registration.objects.filter(round_id=OuterRef("pk"), status=RegistrationStatus.RETURNED)
        if unit_ids is not None:
            returned = returned.filter(unit_id__in=unit_ids)
        return self.filter(still_open | Q(Exists(returned)))


class RegistrationRound(models.Model):
    """The registration of one year of a movement: when it opens and the deadline for units to submit."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="rounds")
    year = models.PositiveSmallIntegerField(_("year"))
    opens_on = models.DateField(_("opens on"))
    deadline = models.DateField(_("deadline"))
    note = models.TextField(_("note"), blank=True)
    reminded_on = models.DateField(_("last reminder"), null=True, blank=True, editable=False)

    objects = RegistrationRoundQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "movement_id"]
        verbose_name = _("registration round")
        verbose_name_plural = _("registration rounds")
        constraints = [
            models.UniqueConstraint(fields=["movement", "year"], name="one_round_per_movement_year")
        ]

    def __str__(self):
        return f"{self.movement} — {self.year}"

    def clean(self):
        if self.deadline and self.opens_on and self.deadline < self.opens_on:
            raise ValidationError({"deadline": _("The deadline cannot come before the opening day.")})

    def is_open(self, on: dt.date) -> bool:
        return self.opens_on <= on <= self.deadline


class RegistrationStatus(models.TextChoices):
    DRAFT = "draft", _("Being compiled")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("Approved")


EDITABLE_REGISTRATION_STATES = {RegistrationStatus.DRAFT, RegistrationStatus.RETURNED}


class Registration(NormalisedModel):
    """A unit's registration for one round: its collective title(s) and pledges, and its staff's titles."""

    round = models.ForeignKey(RegistrationRound, on_delete=models.PROTECT, related_name="registrations")
    unit = models.ForeignKey("organisations.Unit", on_delete=models.PROTECT, related_name="registrations")
    status = models.CharField(
        _("status"), max_length=10, choices=RegistrationStatus.choices, default=RegistrationStatus.DRAFT
    )
    pledges = models.TextField(_("pledges (targets)"), blank=True)
    return_reason = models.TextField(_("reason for return"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["round_id", "unit__position", "unit__name", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="one_registration_per_unit")]

    def __str__(self):
        return f"{self.unit} — {self.round}"

    def normalise(self):
        self.pledges = nfc_lines(self.pledges)
        self.return_reason = nfc_lines(self.return_reason)

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_REGISTRATION_STATES

    @property
    def is_locked(self) -> bool:
        return self.status == RegistrationStatus.APPROVED


class RegistrationEntry(NormalisedModel):
    """One title registered: the unit's own (no person) or a staff member's."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="entries")
    award = models.ForeignKey(
        "awards.Award", on_delete=models.PROTECT, related_name="+", verbose_name=_("title")
    )
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registration_entries",
        verbose_name=_("staff member"),
    )
    pledges = models.TextField(_("pledges"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["registration_id", "award__position", "person__sort_key", "id"]
        verbose_name = _("registered title")
        verbose_name_plural = _("registered titles")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "award"],
                condition=Q(person__isnull=True),
                name="collective_title_once",
            ),
            models.UniqueConstraint(
                fields=["registration", "person", "award"],
                condition=Q(person__isnull=False),
                name="individual_title_once",
            ),
        ]

    def __str__(self):
        return f"{self.person or self.registration.unit} — {self.award}"

    def normalise(self):
        self.pledges = nfc_lines(self.pledges)

    @property
    def is_collective(self) -> bool:
        return self.person_id is None


# --- Interim and final reviews -------------------------------------------------------------------------


class ReviewKind(models.TextChoices):
    INTERIM = "interim", _("Interim review (sơ kết)")
    FINAL = "final", _("Final review (tổng kết)")


class Review(NormalisedModel):
    """A sơ kết or tổng kết of a movement: units report their results, the agency drafts its summary."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(_("kind"), max_length=8, choices=ReviewKind.choices)
    title = models.CharField(_("title"), max_length=300)
    reports_due = models.DateField(_("units' reports due"))
    results = models.TextField(_("results"), blank=True)
    summary_document = models.ForeignKey(
        "documents.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("summary report"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["movement_id", "reports_due", "id"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self):
        return self.title

    def normalise(self):
        self.title = nfc(self.title or "").strip()
        self.results = nfc_lines(self.results)


class UnitReport(NormalisedModel):
    """A unit's report for a review: its results in words, and the report file."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="unit_reports")
    unit = models.ForeignKey("organisations.Unit", on_delete=models.PROTECT, related_name="+")
    results = models.TextField(_("results"))
    file = models.FileField(_("report file"), upload_to="movements/reports/%Y/", blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["review_id", "unit__position", "unit__name", "id"]
        verbose_name = _("unit report")
        verbose_name_plural = _("unit reports")
        constraints = [models.UniqueConstraint(fields=["review", "unit"], name="one_report_per_unit")]

    def __str__(self):
        return f"{self.unit} — {self.review}"

    def normalise(self):
        self.results = nfc_lines(self.results)
