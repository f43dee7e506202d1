"""Reward decisions (quyết định khen thưởng) and what they write: the annexed list, the award ledger's rows,
the certificates with their public verification code, the reward fund, the packages forwarded to the
competent authority, revocations (law-nominations.md §6, §7, §9; law.md §5).

A `Decision` wraps one document of the documents module (a quyết định): drafted here from a meeting's passed
proposals and numbered by the documents module's series when issued (`origin` own), or registered as an
incoming document — the Province's decision on what the agency forwarded, or a past decision of the agency
recorded for the years before thidua (`origin` registered). Issuing or recording it writes, in one
transaction, one ledger row (awards.AwardRecord) per line of its annex; an issued decision never changes —
a correcting decision links to it (`corrects`), a misprinted certificate is re-issued.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from lib.models import NormalisedModel
from lib.vntext import nfc

User = settings.AUTH_USER_MODEL


class Kind(models.TextChoices):
    REWARD = "reward", _("Reward")  # khen thưởng
    REVOCATION = "revocation", _("Revocation")  # hủy bỏ quyết định khen thưởng (Luật 2022 Điều 93)
    CORRECTION = "correction", _("Correction")  # sửa đổi, đính chính một quyết định đã ban hành


class Origin(models.TextChoices):
    OWN = "own", _("Issued by the agency")
    REGISTERED = "registered", _("Registered (another body's, or before thidua)")


class Status(models.TextChoices):
    DRAFT = "draft", _("Being drafted")
    ISSUED = "issued", _("Issued")
    DISCARDED = "discarded", _("Discarded")


class DecisionQuerySet(models.QuerySet):
    def issued(self):
        return self.filter(status=Status.ISSUED)

    def of_year(self, year: int):
        return self.filter(decided_on__year=year)


class Decision(models.Model):
    agency = models.ForeignKey(
        "organisations.Agency", on_delete=models.PROTECT, related_name="decisions", verbose_name=_("agency")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.REWARD)
    origin = models.CharField(_("origin"), max_length=12, choices=Origin.choices, default=Origin.OWN)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    document = models.OneToOneField(
        "documents.Document", on_delete=models.PROTECT, related_name="decision", verbose_name=_("document")
    )
    meeting = models.ForeignKey(
        "council.Meeting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("council meeting"),
    )
    package = models.ForeignKey(
        "ForwardPackage",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="answers",
        verbose_name=_("forward package answered"),
    )
    corrects = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
        verbose_name=_("decision corrected"),
    )
    year = models.PositiveSmallIntegerField(_("achievement year"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)  # the document's date once issued
    issuer = models.CharField(_("decided by"), max_length=200, blank=True)  # e.g. "Giám đốc Sở …"
    base_salary = models.PositiveIntegerField(_("base salary"), null=True, blank=True)
    rounding = models.CharField(_("rounding"), max_length=10, blank=True)
    total_amount = models.PositiveBigIntegerField(_("total amount (đồng)"), default=0)
    awards_count = models.PositiveIntegerField(_("awards"), default=0)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = [F("decided_on").desc(nulls_last=True), "-id"]
        verbose_name = _("reward decision")
        verbose_name_plural = _("reward decisions")
        indexes = [models.Index(fields=["agency", "-decided_on", "-id"], name="decision_list")]

    def __str__(self):
        return self.document.reference or str(self.document.subject)

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT


class Match(models.TextChoices):
    """How a line of a registered higher decision was matched to a forwarded proposal."""

    NONE = "", _("Not a higher decision")
    EXACT = "exact", _("Matched (person, award and period)")
    DOUBTFUL = "doubtful", _("Doubtful: to be confirmed by the secretary")
    CONFIRMED = "confirmed", _("Confirmed by the secretary")


class Line(NormalisedModel):
    """One awardee of a decision: a row of its annex (danh sách kèm theo). `position` is the awardee's number
    in the decision — the "số sổ vàng" printed on the certificate (NĐ 98/2023 Điều 104)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveIntegerField(_("number in the decision"))
    article = models.PositiveSmallIntegerField(_("article"), default=1)
    proposal = models.ForeignKey(
        "nominations.Proposal",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision_lines",
        verbose_name=_("proposal"),
    )
    match = models.CharField(_("match"), max_length=10, choices=Match.choices, blank=True)
    award = models.ForeignKey(
        "awards.Award", on_delete=models.PROTECT, related_name="+", verbose_name=_("award")
    )
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey("organisations.Unit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("achievement year"))
    track = models.CharField(_("track"), max_length=12, default="cong-trang")
    name = models.CharField(_("name as printed"), max_length=300)
    position_title = models.CharField(_("position"), max_length=200, blank=True)
    unit_name = models.CharField(_("unit as printed"), max_length=300, blank=True)
    achievement = models.CharField(_("achievement line"), max_length=500, blank=True)
    coefficient = models.DecimalField(_("coefficient"), max_digits=5, decimal_places=2, default=0)
    amount = models.PositiveIntegerField(_("amount (đồng)"), default=0)
    paid = models.BooleanField(_("paid"), default=True)
    unpaid_reason = models.CharField(_("why not paid"), max_length=300, blank=True)
    record = models.OneToOneField(
        "awards.AwardRecord",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision_line",
        verbose_name=_("ledger row"),
    )

    class Meta:
        ordering = ["decision", "position"]
        verbose_name = _("decision line")
        verbose_name_plural = _("decision lines")
        constraints = [models.UniqueConstraint(fields=["decision", "position"], name="one_line_per_position")]
        indexes = [models.Index(fields=["proposal"], name="line_proposal")]

    def __str__(self):
        return f"{self.position}. {self.name} — {self.award}"

    def normalise(self):
        for name in ("name", "position_title", "unit_name", "achievement", "unpaid_reason"):
            setattr(self, name, nfc(getattr(self, name)))

    @property
    def is_collective(self) -> bool:
        return self.person_id is None


# --- certificates ------------------------------------------------------------------------------------------

CODE_BYTES = 15  # 120 bits of randomness; the issue asks for at least 80
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud and typed from paper


def new_code() -> str:
    """An unguessable verification code: 24 characters of a 31-letter alphabet (118 bits), in 4 groups."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(24))
    return "-".join(raw[i : i + 6] for i in range(0, 24, 6))


class Issue(models.TextChoices):
    ORIGINAL = "original", _("Original")
    EXCHANGE = "exchange", _("Replacement (cấp đổi: damaged or misprinted)")
    REISSUE = "reissue", _("Re-issue (cấp lại: lost)")


class Certificate(NormalisedModel):
    """A certificate (Giấy khen, bằng chứng nhận) of one ledger row, with the code its QR code carries to the
    public verification page. A re-issue (cấp đổi / cấp lại, NĐ 98/2023 Điều 114–115) is a new certificate
    linked to the original, with its own number and date, printed with the re-issue line."""

    record = models.ForeignKey("awards.AwardRecord", on_delete=models.PROTECT, related_name="certificates")
    line = models.ForeignKey(Line, on_delete=models.PROTECT, related_name="certificates")
    code = models.CharField(_("verification code"), max_length=40, unique=True, default=new_code)
    issue = models.CharField(_("issue"), max_length=10, choices=Issue.choices, default=Issue.ORIGINAL)
    original = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reissues"
    )
    number = models.PositiveIntegerField(_("re-issue number"), null=True, blank=True)
    issued_on = models.DateField(_("issued on"))
    requested_on = models.DateField(_("requested on"), null=True, blank=True)
    due_on = models.DateField(_("to be settled by"), null=True, blank=True)  # 15 working days
    reason = models.TextField(_("reason"), blank=True)
    name = models.CharField(_("name as printed"), max_length=300)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["line__decision", "line__position", "id"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self):
        return f"{self.name} — {self.code}"

    def normalise(self):
        self.name = nfc(self.name)
        self.reason = nfc(self.reason)


class Stock(models.TextChoices):
    PLAIN = "plain", _("Plain paper: the whole design is printed")
    PREPRINTED = "preprinted", _("Pre-printed stock: only the variable text")


class CertificateTemplate(NormalisedModel):
    """The certificate design of an agency for a period (law-nominations.md §6.3: NĐ 98/2023 Điều 104 from
    2024; for 2021 records NĐ 85/2014 as amended by NĐ 101/2018, status R)."""

    agency = models.ForeignKey("organisations.Agency", on_delete=models.CASCADE, related_name="+")
    valid_from = models.DateField(_("used from"))
    valid_to = models.DateField(_("used until"), null=True, blank=True)
    decider_title = models.CharField(_("decider's title"), max_length=200)  # GIÁM ĐỐC SỞ …
    place_name = models.CharField(_("place name"), max_length=100)
    money_only_printed = models.BooleanField(
        _("print certificates for money-only titles"),
        default=False,
        help_text=_(
            "Lao động tiên tiến and Tập thể lao động tiên tiến carry money only unless the agency "
            "chooses to print a certificate."
        ),
    )
    citation = models.CharField(_("legal basis"), max_length=300)
    source_status = models.CharField(_("reference status"), max_length=4, default="V1")

    class Meta:
        ordering = ["agency", "-valid_from"]
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")

    def __str__(self):
        return f"{self.decider_title} ({self.valid_from:%d/%m/%Y})"

    def normalise(self):
        self.decider_title = nfc(self.decider_title)
        self.place_name = nfc(self.place_name)


class Printer(NormalisedModel):
    """A printer of the agency and the offset that puts the variable text on pre-printed stock."""

    agency = models.ForeignKey("organisations.Agency", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    offset_x = models.DecimalField(_("shift right (mm)"), max_digits=4, decimal_places=1, default=0)
    offset_y = models.DecimalField(_("shift down (mm)"), max_digits=4, decimal_places=1, default=0)

    class Meta:
        ordering = ["agency", "name"]
        verbose_name = _("printer")
        verbose_name_plural = _("printers")
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="one_printer_name")]

    def __str__(self):
        return self.name

    def normalise(self):
        self.name = nfc(self.name)


# --- the reward fund ----------------------------------------------------------------------------------------


class Fund(models.Model):
    """The agency's emulation and reward fund for a year: its allocation and the share kept for organising
    the work — councils, reviews, publicity (20 %: NĐ 98/2023 Điều 50 khoản 3 điểm a, Điều 52 khoản 1 điểm
    a; law-nominations.md §6.2). What the decisions of the year spend comes from them."""

    agency = models.ForeignKey("organisations.Agency", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    allocation = models.PositiveBigIntegerField(_("allocation (đồng)"))
    organising_share = models.DecimalField(_("share for organising work"), max_digits=3, decimal_places=2)
    note = models.TextField(_("note"), blank=True)
    changed_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["agency", "-year"]
        verbose_name = _("reward fund")
        verbose_name_plural = _("reward funds")
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="one_fund_per_year")]

    def __str__(self):
        return f"{self.agency} {self.year}"


# --- forwarding upward --------------------------------------------------------------------------------------


class PackageStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    SENT = "sent", _("Sent")
    ANSWERED = "answered", _("Answered")


class ForwardPackage(models.Model):
    """The dossier the agency sends to the competent authority for the awards beyond its own (law-nominations
    §7): its tờ trình (a document of the documents module), the proposals, and once sent the ZIP archive with
    its manifest (schema: decisions/schemas/forward-package.schema.json)."""

    agency = models.ForeignKey("organisations.Agency", on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(
        "council.Meeting", null=True, blank=True, on_delete=models.PROTECT, related_name="forward_packages"
    )
    document = models.OneToOneField(
        "documents.Document", on_delete=models.PROTECT, related_name="forward_package"
    )
    recipient = models.CharField(_("sent to"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=PackageStatus.choices, default=PackageStatus.DRAFT
    )
    year = models.PositiveSmallIntegerField(_("achievement year"))
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    archive = models.FileField(upload_to="decisions/packages/%Y/", blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    manifest = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("forward package")
        verbose_name_plural = _("forward packages")
        indexes = [models.Index(fields=["agency", "-year", "-id"], name="package_list")]

    def __str__(self):
        return self.document.reference or self.document.subject


class Outcome(models.TextChoices):
    PENDING = "pending", _("Awaiting the decision")
    AWARDED = "awarded", _("Awarded")
    REFUSED = "refused", _("Not awarded")


class PackageItem(models.Model):
    package = models.ForeignKey(ForwardPackage, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    proposal = models.ForeignKey("nominations.Proposal", on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["package", "position"]
        verbose_name = _("forwarded proposal")
        verbose_name_plural = _("forwarded proposals")
        constraints = [
            models.UniqueConstraint(fields=["package", "proposal"], name="one_item_per_forwarded_proposal")
        ]

    def __str__(self):
        return f"{self.package_id}#{self.position}"


# --- revocation ---------------------------------------------------------------------------------------------


class Ground(models.TextChoices):
    """Grounds to annul an award and recover its objects and money (Luật TĐKT 2022 Điều 93 khoản 2)."""

    FALSE_ACHIEVEMENT = "a", _("False declaration of achievements")
    FORGED = "b", _("False information or forged papers")
    UNLAWFUL = "c", _("Appraisal, review or proposal contrary to the law")
    LATER_FINDING = "d", _("A later conclusion that the standard was not met")


class Revocation(NormalisedModel):
    """One award annulled by a revocation decision: the ledger row is marked (never deleted), the money and
    the object are to be returned within 15 working days (NĐ 98/2023 Điều 74, 76 khoản 2)."""

    record = models.OneToOneField("awards.AwardRecord", on_delete=models.PROTECT, related_name="revocation")
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="revocations")
    ground = models.CharField(_("ground"), max_length=1, choices=Ground.choices)
    conclusion = models.TextField(_("conclusion it rests on"))
    return_due = models.DateField(_("to be returned by"), null=True, blank=True)
    amount_due = models.PositiveIntegerField(_("money to return (đồng)"), default=0)
    amount_returned = models.PositiveIntegerField(_("money returned (đồng)"), default=0)
    object_due = models.BooleanField(_("object to return"), default=False)
    object_returned = models.BooleanField(_("object returned"), default=False)
    settled_on = models.DateField(_("settled on"), null=True, blank=True)

    class Meta:
        ordering = ["-decision__decided_on", "-id"]
        verbose_name = _("revocation")
        verbose_name_plural = _("revocations")

    def __str__(self):
        return f"{self.record} ({self.get_ground_display()})"

    def normalise(self):
        self.conclusion = nfc(self.conclusion)
