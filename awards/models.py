"""The catalogue of emulation titles (danh hiệu thi đua) and, later, reward forms (hình thức khen thưởng).

Data, not code: the rows come from awards/catalogue.py through a migration, and the legal rules engine (rule
sets with effective dates, criteria, coefficients) hangs its versioned law on these stable codes.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .authorities import WITHIN_AGENCY


class Subject(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    COLLECTIVE = "collective", _("Collective")


class AwardKind(models.TextChoices):
    TITLE = "title", _("Emulation title")  # danh hiệu thi đua, Luật TĐKT 2022 Điều 19–20
    FORM = "form", _("Reward form")  # hình thức khen thưởng, Luật TĐKT 2022 Điều 9


class AwardQuerySet(models.QuerySet):
    def registrable(self):
        """Titles a unit or a person registers for at the start of the year (đăng ký thi đua)."""
        return self.filter(kind=AwardKind.TITLE, registrable=True)

    def for_subject(self, subject: str):
        return self.filter(subject=subject)


class Award(models.Model):
    code = models.SlugField(
        _("code"), max_length=60, unique=True
    )  # stable: used by the API and other systems
    name = models.CharField(_("name"), max_length=200)
    subject = models.CharField(_("subject"), max_length=12, choices=Subject.choices)
    kind = models.CharField(_("kind"), max_length=8, choices=AwardKind.choices, default=AwardKind.TITLE)
    authority_code = models.SlugField(_("authority code"), max_length=40, blank=True)
    authority = models.CharField(_("awarding authority"), max_length=200)
    citation = models.CharField(_("legal basis"), max_length=300)
    source_status = models.CharField(
        _("reference status"), max_length=4, help_text=_("V1/V2 verified, R reported, U unverified.")
    )
    registrable = models.BooleanField(_("open to registration"), default=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = AwardQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")

    def __str__(self):
        return self.name

    @property
    def is_individual(self) -> bool:
        return self.subject == Subject.INDIVIDUAL

    @property
    def within_agency_authority(self) -> bool:
        """Whether the head of a Sở awards it himself rather than proposing it upwards."""
        return self.authority_code in WITHIN_AGENCY


class RuleSetQuerySet(models.QuerySet):
    def for_year(self, year: int):
        """The rule set governing achievements of `year` (None when no rule set covers it)."""
        return (
            self.filter(first_year__lte=year)
            .filter(models.Q(last_year__isnull=True) | models.Q(last_year__gte=year))
            .first()
        )

    def in_force_on(self, day):
        """The rule set in force on `day` (a decision or a council meeting), None before the first."""
        return (
            self.filter(effective_from__lte=day)
            .filter(models.Q(effective_to__isnull=True) | models.Q(effective_to__gte=day))
            .first()
        )


class RuleSet(models.Model):
    """A legal era of the emulation rules: the instruments in force and the achievement years it governs.

    An achievement of year Y is judged under the rule set whose years cover Y (the law's transitional
    provisions: 2017–2023 achievements under Luật 2003 + NĐ 91/2017 even when decided in early 2024).
    """

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    instruments = models.TextField(_("legal instruments"))
    effective_from = models.DateField(_("in force from"))
    effective_to = models.DateField(_("in force until"), null=True, blank=True)
    first_year = models.PositiveSmallIntegerField(_("first achievement year"))
    last_year = models.PositiveSmallIntegerField(_("last achievement year"), null=True, blank=True)
    source_status = models.CharField(_("reference status"), max_length=4)

    objects = RuleSetQuerySet.as_manager()

    class Meta:
        ordering = ["effective_from"]
        verbose_name = _("rule set")
        verbose_name_plural = _("rule sets")

    def __str__(self):
        return self.name

    def covers_year(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)


class AwardRule(models.Model):
    """What a rule set says of one award: the money coefficient and the council's voting threshold."""

    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="award_rules")
    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="rules")
    coefficient = models.DecimalField(_("coefficient"), max_digits=5, decimal_places=2)
    coefficient_citation = models.CharField(_("legal basis of the coefficient"), max_length=300)
    council_threshold = models.DecimalField(
        _("council threshold"),
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Share of the council's whole membership that must vote for; empty: a simple majority."),
    )
    council_citation = models.CharField(_("legal basis of the threshold"), max_length=300, blank=True)
    source_status = models.CharField(_("reference status"), max_length=4)
    council_status = models.CharField(_("reference status of the threshold"), max_length=4)
    council_secret = models.BooleanField(
        _("secret ballot"), default=False, help_text=_("The rule set asks the council for a secret ballot.")
    )
    quota_of = models.SlugField(
        _("capped against"),
        max_length=60,
        blank=True,
        help_text=_("Award code whose holders the cap counts."),
    )
    quota_share = models.DecimalField(_("cap"), max_digits=3, decimal_places=2, null=True, blank=True)
    quota_citation = models.CharField(_("legal basis of the cap"), max_length=300, blank=True)
    dossier = models.JSONField(
        _("dossier components"), default=list, blank=True, help_text=_("[{item, citation, status}]")
    )

    class Meta:
        ordering = ["rule_set", "award__position"]
        verbose_name = _("award rule")
        verbose_name_plural = _("award rules")
        constraints = [
            models.UniqueConstraint(fields=["rule_set", "award"], name="one_rule_per_award_and_set")
        ]

    def __str__(self):
        return f"{self.award} — {self.rule_set}"


class BaseSalary(models.Model):
    """Mức lương cơ sở from a date: reward money is a coefficient of the amount in force on the decision date
    (NĐ 152/2025 Điều 49; NĐ 91/2017 Điều 68)."""

    effective_from = models.DateField(_("in force from"), unique=True)
    amount = models.PositiveIntegerField(_("amount (đồng per month)"))
    instrument = models.CharField(_("legal instrument"), max_length=200)
    source_status = models.CharField(_("reference status"), max_length=4)

    class Meta:
        ordering = ["effective_from"]
        verbose_name = _("base salary")
        verbose_name_plural = _("base salaries")

    def __str__(self):
        return f"{self.amount} ({self.effective_from:%d/%m/%Y})"


class Criterion(models.Model):
    """One condition a rule set puts on an award: a check of the engine (awards/checks.py) by its code, with
    its parameters, the legal citation and the reference's status tag. Criteria are rows: changing a number
    (10 months of service → 6) or adding a condition is a data change."""

    rule = models.ForeignKey(AwardRule, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    code = models.SlugField(_("check"), max_length=40)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    citation = models.CharField(_("legal basis"), max_length=300)
    source_status = models.CharField(_("reference status"), max_length=4)

    class Meta:
        ordering = ["rule", "position", "id"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self):
        return f"{self.rule}: {self.code}"


class Track(models.TextChoices):
    """Loại hình khen thưởng (Luật TĐKT 2022 Điều 8); codes shared with the eligibility API."""

    MERIT = "cong-trang", _("For regular achievement (công trạng)")
    SUDDEN = "dot-xuat", _("For a sudden achievement (đột xuất)")
    THEMATIC = "chuyen-de", _("For a movement or theme (chuyên đề)")
    DEDICATION = "cong-hien", _("For dedication over a career (cống hiến)")


class AwardRecordQuerySet(models.QuerySet):
    def of_people(self, person_ids):
        return self.filter(person_id__in=person_ids)

    def standing(self):
        """Not revoked: what the engine, who-is-due and the honour roll count."""
        return self.filter(revoked_on__isnull=True)


class AwardRecord(models.Model):
    """One award given — the award ledger (sổ khen thưởng), the one history of awards that the rules engine,
    the portal and the reports read. Its subject is a person or a unit. Rows are written by reward decisions
    (decisions.domain: the agency's own when issued, another body's or a past one when registered). An
    award resting on an initiative is
    linked from the author's side (achievements.InitiativeAuthor.award_record)."""

    agency = models.ForeignKey("organisations.Agency", on_delete=models.PROTECT, related_name="award_records")
    award = models.ForeignKey(
        Award, on_delete=models.PROTECT, related_name="records", verbose_name=_("award")
    )
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="award_records"
    )
    unit = models.ForeignKey(
        "organisations.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="award_records"
    )
    year = models.PositiveSmallIntegerField(_("achievement year"))
    track = models.CharField(_("track"), max_length=12, choices=Track.choices, default=Track.MERIT)
    # The decision that gave it (a document of the documents module: the agency's own, issued by
    # decisions.domain, or another body's registered as incoming) — a link, never free text. Empty only on
    # rows older than the decisions app.
    decision = models.ForeignKey(
        "documents.Document",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_records",
        verbose_name=_("decision"),
    )
    decided_on = models.DateField(_("decided on"))
    amount = models.PositiveIntegerField(_("amount (đồng)"), default=0)
    certificate_number = models.PositiveIntegerField(
        _("golden book number"),
        null=True,
        blank=True,
        help_text=_("Số sổ vàng: the awardee's number in the decision."),
    )
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)  # never deleted (Luật 2022 Điều 93)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AwardRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "award__position", "id"]
        verbose_name = _("award record")
        verbose_name_plural = _("award records")
        indexes = [
            # the ledger pages and the API: an agency's rows, the latest year first
            models.Index(fields=["agency", "-year", "id"], name="award_record_ledger"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False, unit__isnull=True)
                | models.Q(person__isnull=True, unit__isnull=False),
                name="award_record_has_one_subject",
            ),
            models.UniqueConstraint(
                fields=["award", "person", "year", "track"],
                condition=models.Q(person__isnull=False),
                name="one_award_per_person_achievement",
            ),
            models.UniqueConstraint(
                fields=["award", "unit", "year", "track"],
                condition=models.Q(unit__isnull=False),
                name="one_award_per_unit_achievement",
            ),
        ]

    def __str__(self):
        return f"{self.award} {self.year} — {self.person or self.unit}"


class Setting(models.Model):
    """A parameter the reference leaves unverified or to the province (rounding, minimum service, quorum,
    publicity days): its default from the reference, the citation and status; an agency may set its own."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    default = models.CharField(_("default value"), max_length=40)
    choices = models.CharField(
        _("allowed values"), max_length=200, blank=True, help_text=_("Comma-separated; empty: a number.")
    )
    citation = models.CharField(_("legal basis"), max_length=300)
    source_status = models.CharField(_("reference status"), max_length=4)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("rule setting")
        verbose_name_plural = _("rule settings")

    def __str__(self):
        return self.name

    @property
    def needs_confirmation(self) -> bool:
        return self.source_status in {"R", "U"}


class AgencySetting(models.Model):
    agency = models.ForeignKey("organisations.Agency", on_delete=models.CASCADE, related_name="rule_settings")
    setting = models.ForeignKey(Setting, on_delete=models.CASCADE, related_name="agency_values")
    value = models.CharField(_("value"), max_length=40)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("agency rule setting")
        verbose_name_plural = _("agency rule settings")
        constraints = [
            models.UniqueConstraint(fields=["agency", "setting"], name="one_value_per_agency_setting")
        ]

    def __str__(self):
        return f"{self.agency}: {self.setting} = {self.value}"


# --- who is due, computed by the task worker (awards/snapshots.py) ------------------------------------------


class DueVersion(models.Model):
    """A counter the due lists are keyed on: "records" goes up when a fact the engine reads changes (ratings,
    posts, disciplines, the ledger…), "law" when a law table or an agency's setting does
    (awards.staleness)."""

    name = models.CharField(max_length=20, primary_key=True)
    number = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("due list version")
        verbose_name_plural = _("due list versions")

    def __str__(self):
        return f"{self.name} {self.number}"


class DueSnapshot(models.Model):
    """Who is due for one agency and one achievement year, as computed once by the task worker for a law
    version, a record version and a day (awards.snapshots); its rows are DueEntry, its .xlsx files
    DueExport."""

    class Status(models.TextChoices):
        BUILDING = "building", _("Being computed")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    agency = models.ForeignKey("organisations.Agency", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("achievement year"))
    law_version = models.CharField(max_length=120)
    record_version = models.PositiveBigIntegerField()
    judged_on = models.DateField(_("judged on"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BUILDING)
    progress = models.PositiveSmallIntegerField(default=0)  # per cent
    requested_at = models.DateTimeField(auto_now_add=True)
    computed_at = models.DateTimeField(null=True, blank=True)
    rule_set_code = models.CharField(max_length=20, blank=True)
    rule_set_name = models.CharField(max_length=200, blank=True)
    caps = models.JSONField(default=dict, blank=True)  # award code → the cap in words
    totals = models.JSONField(default=dict, blank=True)  # award id → [eligible, one step, deferred]
    people = models.PositiveIntegerField(default=0)  # people listed
    error = models.TextField(blank=True)
    refresh = models.PositiveSmallIntegerField(default=0)  # recomputed on request with the same versions

    class Meta:
        verbose_name = _("due list")
        verbose_name_plural = _("due lists")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "law_version", "record_version", "judged_on", "refresh"],
                name="one_due_snapshot_per_version",
            )
        ]
        indexes = [
            models.Index(fields=["agency", "year", "status", "-computed_at"], name="due_snapshot_latest")
        ]

    def __str__(self):
        return f"{self.agency} {self.year} ({self.status})"


class DueGroup(models.IntegerChoices):
    ELIGIBLE = 0, _("Eligible")
    ONE_STEP = 1, _("One step away")
    DEFERRED = 2, _("Deferred")


class DueEntry(models.Model):
    """One row of a due list: an award, a group, a person (or the collective `unit`), the unit of her last
    post of the year, whether the cap leaves her out, and the conditions still missing in words (JSON:
    code, criterion, message, citation, status, deferred). `position` is the list's order: award, group,
    name."""

    # the composite indexes below serve the snapshot, the award and the unit: no index of their own (fewer
    # indexes to fill when 50 000 rows are written at once)
    snapshot = models.ForeignKey(
        DueSnapshot, on_delete=models.CASCADE, related_name="entries", db_index=False
    )
    position = models.PositiveIntegerField()
    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="+", db_index=False)
    group = models.PositiveSmallIntegerField(choices=DueGroup.choices)
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey("organisations.Unit", on_delete=models.CASCADE, related_name="+", db_index=False)
    over_cap = models.BooleanField(default=False)
    missing = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("due list row")
        verbose_name_plural = _("due list rows")
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "position"], name="one_due_entry_per_position")
        ]
        indexes = [
            models.Index(fields=["snapshot", "award", "group", "position"], name="due_entry_group"),
            models.Index(fields=["snapshot", "unit", "award", "group"], name="due_entry_unit"),
        ]

    def __str__(self):
        return f"{self.snapshot_id}#{self.position}"


class DueExport(models.Model):
    """The .xlsx of a due list, built by the task worker from its snapshot and kept with it: for the whole
    agency (`units` empty) or for the units a reader chose or is limited to (`units`: a digest of their ids,
    `unit_ids` the ids)."""

    snapshot = models.ForeignKey(DueSnapshot, on_delete=models.CASCADE, related_name="exports")
    units = models.CharField(max_length=64, blank=True)
    unit_ids = models.JSONField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=DueSnapshot.Status.choices, default=DueSnapshot.Status.BUILDING
    )
    progress = models.PositiveSmallIntegerField(default=0)  # per cent
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    file = models.FileField(upload_to="awards/due/%Y/", blank=True)
    rows = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("due list file")
        verbose_name_plural = _("due list files")
        constraints = [models.UniqueConstraint(fields=["snapshot", "units"], name="one_due_export_per_units")]

    def __str__(self):
        return f"{self.snapshot_id}/{self.units or 'all'} ({self.status})"
