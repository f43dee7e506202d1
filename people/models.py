import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.cacheversions import bump
from lib.models import NormalisedModel, WordStartSearchQuerySet
from lib.vntext import collation_key, fold, nfc
from organisations.models import MEMBERS_VERSION

from .ethnicities import ETHNICITY_CHOICES, MAJORITY

# The version of the staff figures (lib.cacheversions): bumped whenever a person, an assignment or a quality
# rating is saved or deleted (PeopleConfig.ready); the home page's figures are kept under it.
PEOPLE_VERSION = "people"


def people_changed(sender, **_signal) -> None:
    """post_save / post_delete of a person, an assignment or a rating (PeopleConfig.ready); an assignment
    changes who works in a unit too (the units' people counts)."""
    bump(PEOPLE_VERSION, *([MEMBERS_VERSION] if sender is Assignment else []))


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class StaffCategory(models.TextChoices):
    CIVIL_SERVANT = "civil_servant", _("Civil servant (công chức)")
    PUBLIC_EMPLOYEE = "public_employee", _("Public employee (viên chức)")
    WORKER = "worker", _("Employee (người lao động)")
    CONTRACT = "contract", _("Contract staff (hợp đồng)")


class Rating(models.TextChoices):
    """The four levels of the annual quality rating, the same in every decree so far:
    - NĐ 56/2015/NĐ-CP, amended by NĐ 88/2017/NĐ-CP: ratings up to 2019;
    - NĐ 90/2020/NĐ-CP (13/08/2020), amended by NĐ 48/2023/NĐ-CP (17/07/2023): cán bộ, công chức, viên chức,
      ratings of 2020–2025;
    - NĐ 335/2025/NĐ-CP (December 2025, under Luật Cán bộ, công chức 80/2025/QH15): công chức, from 2025/2026;
    - NĐ 233/2026/NĐ-CP (26/06/2026): viên chức from 01/07/2026 (NĐ 90/2020 ceases then, Art. 19).
    The later decrees derive the level from a score (≥ 90, 70–< 90, 50–< 70, < 50) and cap "excellent" at
    20% of those rated (project law sheet, §7.3). A fifth level would need choices dated by year."""

    EXCELLENT = "excellent", _("Excellently completed duties")
    GOOD = "good", _("Well completed duties")
    COMPLETED = "completed", _("Completed duties")
    NOT_COMPLETED = "not_completed", _("Did not complete duties")


class DisciplineForm(models.TextChoices):
    """Forms of discipline (hình thức kỷ luật), the union of:
    - cán bộ: Luật Cán bộ, công chức 22/2008/QH12 as amended by 52/2019/QH14, Art. 78 (khiển trách, cảnh cáo,
      cách chức, bãi nhiệm — bãi nhiệm, removal by the electing body, is not offered yet);
    - công chức: same law, Art. 79 (khiển trách, cảnh cáo, hạ bậc lương, giáng chức, cách chức,
      buộc thôi việc);
    - viên chức: Luật Viên chức 58/2010/QH12, Art. 52 (khiển trách, cảnh cáo, cách chức, buộc thôi việc);
    procedure and periods: NĐ 112/2020/NĐ-CP, amended by NĐ 71/2023/NĐ-CP.
    Luật Cán bộ, công chức 80/2025/QH15 replaces the 2008 law in 2025 and restates the list: check it before
    offering a form for a measure decided under it. Stored values never change with the law: a record keeps
    the form it was given."""

    REPRIMAND = "reprimand", _("Reprimand (khiển trách)")
    WARNING = "warning", _("Warning (cảnh cáo)")
    SALARY_REDUCTION = "salary_reduction", _("Salary step reduction (hạ bậc lương)")
    DEMOTION = "demotion", _("Demotion (giáng chức)")
    DISMISSAL_FROM_POST = "dismissal_from_post", _("Removal from post (cách chức)")
    DISMISSAL = "dismissal", _("Forced resignation (buộc thôi việc)")


def _check_period(start_date, end_date, field="end_date"):
    """Refuse a period that ends before it starts (the error goes on `field`, the end's field)."""
    if start_date and end_date and end_date < start_date:
        raise ValidationError(
            {field: ValidationError(_("The end date cannot be before the start date."), code="period")}
        )


class AssignmentQuerySet(models.QuerySet):
    def current(self, on: dt.date | None = None):
        on = on or timezone.localdate()
        return self.filter(Q(start_date__lte=on), Q(end_date__isnull=True) | Q(end_date__gte=on))


class PersonQuerySet(WordStartSearchQuerySet):
    def in_units(self, unit_ids, on: dt.date | None = None):
        """People with a current assignment in one of the units."""
        current = Assignment.objects.current(on).filter(unit_id__in=unit_ids).values("person_id")
        return self.filter(pk__in=current)

    def with_current_assignments(self, on: dt.date | None = None):
        current = Assignment.objects.current(on).select_related("unit").order_by("-is_primary", "start_date")
        return self.prefetch_related(Prefetch("assignments", queryset=current, to_attr="current_assignments"))

    def alphabetical(self):
        return self.order_by("sort_key", "pk")


class Person(NormalisedModel):
    """A staff member (cán bộ, công chức, viên chức, người lao động) with a dated history."""

    agency = models.ForeignKey(
        "organisations.Agency", on_delete=models.PROTECT, related_name="people", verbose_name=_("agency")
    )
    staff_code = models.CharField(_("staff code"), max_length=30)
    family_name = models.CharField(_("family name"), max_length=50)
    middle_name = models.CharField(_("middle name"), max_length=80, blank=True)
    given_name = models.CharField(_("given name"), max_length=50)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    ethnicity = models.CharField(_("ethnicity"), max_length=30, choices=ETHNICITY_CHOICES, default=MAJORITY)
    staff_category = models.CharField(
        _("staff category"), max_length=20, choices=StaffCategory.choices, default=StaffCategory.CIVIL_SERVANT
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    search_text = models.TextField(editable=False, blank=True)
    sort_key = models.CharField(max_length=600, editable=False, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        # The people list's order (alphabetical(), the default ordering): a page of it reads the index.
        indexes = [models.Index(fields=["sort_key", "id"], name="person_alphabetical")]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "staff_code"], name="person_staff_code_unique_in_agency"
            ),
        ]

    def __str__(self):
        return self.full_name

    def normalise(self):
        for field in ("staff_code", "family_name", "middle_name", "given_name", "phone", "email"):
            setattr(self, field, nfc(getattr(self, field)))
        # A leading space lets search() match the start of every word with one LIKE '% term%'.
        self.search_text = " " + fold(f"{self.full_name} {self.staff_code} {self.email}")
        self.sort_key = collation_key(self.given_name, self.family_name, self.middle_name)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.family_name, self.middle_name, self.given_name) if p)

    def clean(self):
        super().clean()
        if self.date_of_birth and self.date_of_birth > timezone.localdate():
            raise ValidationError({"date_of_birth": _("The date of birth cannot be in the future.")})

    @property
    def current_assignment(self):
        """The primary current assignment (needs with_current_assignments(), else queries)."""
        assignments = getattr(self, "current_assignments", None)
        if assignments is None:
            assignments = list(
                self.assignments.current().select_related("unit").order_by("-is_primary", "start_date")
            )
        return assignments[0] if assignments else None


class Assignment(NormalisedModel):
    """A period in a unit with a position (chức vụ); a transfer ends one and starts another."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("person")
    )
    unit = models.ForeignKey(
        "organisations.Unit", on_delete=models.PROTECT, related_name="assignments", verbose_name=_("unit")
    )
    position = models.CharField(_("position"), max_length=120, blank=True)
    is_leadership = models.BooleanField(_("leadership post"), default=False)
    is_primary = models.BooleanField(
        _("primary post"), default=True, help_text=_("Untick for a concurrent post (kiêm nhiệm).")
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="assignment_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.position} {self.unit}"

    def normalise(self):
        self.position, self.note = nfc(self.position), nfc(self.note)

    def clean(self):
        super().clean()
        _check_period(self.start_date, self.end_date)
        # A new post must start while its unit is in force (checked on creation only, so that an old
        # record can still be ended or corrected).
        if (
            self._state.adding
            and self.unit_id
            and self.start_date
            and not self.unit.is_active(self.start_date)
        ):
            message = _("%(unit)s is not in force on %(date)s.")
            params = {"unit": self.unit, "date": self.start_date.strftime("%d/%m/%Y")}
            raise ValidationError({"unit": ValidationError(message, params=params, code="unit_not_in_force")})


class QualityRating(NormalisedModel):
    """The annual quality rating (đánh giá, xếp loại chất lượng) of a person for a year."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="ratings", verbose_name=_("person")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    rating = models.CharField(_("rating"), max_length=20, choices=Rating.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)
    # The decision that rated her: an achievement report cites it (NĐ 98/2023/NĐ-CP Điều 30 khoản 11).
    decision = models.CharField(
        _("rating decision"), max_length=200, blank=True, help_text=_("e.g. Quyết định số 15/QĐ-STNMT")
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("quality rating")
        verbose_name_plural = _("quality ratings")
        constraints = [models.UniqueConstraint(fields=["person", "year"], name="rating_one_per_person_year")]
        # A year's ratings counted by level (the home page's figures): an index-only scan of that year.
        indexes = [models.Index(fields=["year", "rating", "person"], name="rating_year_rating_person")]

    def __str__(self):
        return f"{self.person} {self.year}: {self.get_rating_display()}"

    def normalise(self):
        self.note = nfc(self.note)
        self.decision = nfc(self.decision)


class UnitQualityRating(NormalisedModel):
    """The annual quality rating of a collective (đánh giá, xếp loại chất lượng tập thể: a phòng or đơn vị of
    the agency) for a year, on the same four levels as the people's (NĐ 90/2020/NĐ-CP and its successors rate
    cơ quan, tổ chức, đơn vị as well as persons). The collective titles rest on it: Tập thể lao động tiên
    tiến needs "hoàn thành tốt nhiệm vụ" (Luật TĐKT 2022, Điều 28), Tập thể lao động xuất sắc "hoàn thành
    xuất sắc nhiệm vụ" (Điều 27). Kept here, beside the people's ratings, so that units know nothing of it."""

    unit = models.ForeignKey(
        "organisations.Unit", on_delete=models.CASCADE, related_name="quality_ratings", verbose_name=_("unit")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    rating = models.CharField(_("rating"), max_length=20, choices=Rating.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("collective quality rating")
        verbose_name_plural = _("collective quality ratings")
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="unit_rating_one_per_unit_year")]
        indexes = [models.Index(fields=["year", "rating"], name="unit_rating_year_rating")]

    def __str__(self):
        return f"{self.unit} {self.year}: {self.get_rating_display()}"

    def normalise(self):
        self.note = nfc(self.note)

    def clean(self):
        """A unit is rated only for a year during which it was in force (a part of the year is enough)."""
        super().clean()
        if not (self.unit_id and self.year):
            return
        first, last = dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)
        unit = self.unit
        if (unit.valid_from and unit.valid_from > last) or (unit.valid_to and unit.valid_to < first):
            message = _("%(unit)s was not in force in %(year)s; it cannot be rated for that year.")
            params = {"unit": unit, "year": self.year}
            raise ValidationError({"year": ValidationError(message, params=params, code="unit_not_in_force")})


class Discipline(NormalisedModel):
    """A disciplinary measure with the period during which it has effect."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="disciplines", verbose_name=_("person")
    )
    form = models.CharField(_("form"), max_length=30, choices=DisciplineForm.choices)
    decision_number = models.CharField(_("decision number"), max_length=50, blank=True)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    start_date = models.DateField(_("effective from"))
    end_date = models.DateField(_("effective until"), null=True, blank=True)

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("discipline")
        verbose_name_plural = _("disciplines")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="discipline_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.person}: {self.get_form_display()}"

    def normalise(self):
        self.decision_number, self.reason = nfc(self.decision_number), nfc(self.reason)

    def clean(self):
        super().clean()
        _check_period(self.start_date, self.end_date)


class ProceedingKind(models.TextChoices):
    DISCIPLINE = "discipline", _("Disciplinary review (xem xét kỷ luật)")
    INSPECTION = "inspection", _("Inspection, audit or investigation (thanh tra, kiểm tra, điều tra)")
    COMPLAINT = "complaint", _("Complaint or denunciation being settled (giải quyết khiếu nại, tố cáo)")


class ProceedingQuerySet(models.QuerySet):
    def open_on(self, on: dt.date | None = None):
        """The proceedings under way on `on` (today by default): opened by then and not yet closed."""
        on = on or timezone.localdate()
        return self.filter(Q(opened_on__lte=on), Q(closed_on__isnull=True) | Q(closed_on__gt=on))


class Proceeding(NormalisedModel):
    """A matter under review concerning a person (việc đang xem xét): a disciplinary review, an inspection,
    audit or investigation for signs of a violation, or a complaint or denunciation being settled.

    While one is open, titles and forms of reward are deferred — neither awarded nor proposed — and once it
    is closed with no violation found the award goes ahead (Nghị định 152/2025/NĐ-CP, Điều 4 khoản 4).
    `closed_on` empty: still open."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="proceedings", verbose_name=_("person")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ProceedingKind.choices)
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=500, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    objects = ProceedingQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("proceeding under review")
        verbose_name_plural = _("proceedings under review")
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
                name="proceeding_closes_after_opening",
            ),
        ]

    def __str__(self):
        return f"{self.person}: {self.get_kind_display()}"

    def normalise(self):
        self.outcome, self.note = nfc(self.outcome), nfc(self.note)

    def clean(self):
        super().clean()
        _check_period(self.opened_on, self.closed_on, "closed_on")

    def is_open(self, on: dt.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.opened_on <= on and (self.closed_on is None or self.closed_on > on)


class LeaveKind(models.TextChoices):
    MATERNITY = "maternity", _("Maternity leave (nghỉ thai sản)")


class Leave(models.Model):
    """A period of leave under a social-insurance regime (nghỉ chế độ). Maternity leave counts as working
    time when titles and forms of reward are considered (Nghị định 152/2025/NĐ-CP, Điều 4 khoản 5)."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="leaves", verbose_name=_("person")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=LeaveKind.choices, default=LeaveKind.MATERNITY)
    start = models.DateField(_("start date"))
    end = models.DateField(_("end date"))

    class Meta:
        ordering = ["-start", "-id"]
        verbose_name = _("leave")
        verbose_name_plural = _("leaves")
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="leave_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.person}: {self.get_kind_display()}"

    def clean(self):
        super().clean()
        _check_period(self.start, self.end, "end")


class UnitHead(models.Model):
    """Who heads a unit (trưởng đơn vị): the person documents sent to the unit reach first. Kept here, with
    the people, so that units (organisations) know nothing of them."""

    unit = models.OneToOneField(
        "organisations.Unit",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="headship",
        verbose_name=_("unit"),
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="headships", verbose_name=_("head")
    )

    class Meta:
        verbose_name = _("head of a unit")
        verbose_name_plural = _("heads of units")

    def __str__(self):
        return f"{self.person} — {self.unit}"


def unit_heads(units, on: dt.date | None = None) -> dict[int, list[Person]]:
    """Unit id → the people who receive for the unit: its head (UnitHead), or, when it has none, the people
    with a current leadership post in it (two queries whatever the number of units)."""
    unit_ids = [unit.pk for unit in units]
    heads = {
        h.unit_id: [h.person] for h in UnitHead.objects.filter(unit_id__in=unit_ids).select_related("person")
    }
    missing = [pk for pk in unit_ids if pk not in heads]
    leaders = (
        Assignment.objects.current(on)
        .filter(unit_id__in=missing, is_leadership=True)
        .select_related("person")
        .order_by("person__sort_key", "person_id")
    )
    for assignment in leaders:
        found = heads.setdefault(assignment.unit_id, [])
        if assignment.person not in found:
            found.append(assignment.person)
    return heads
