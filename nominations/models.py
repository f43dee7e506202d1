"""Nominations (đề nghị khen thưởng): the rounds the secretariat opens, the units' proposals with their
engine verdict and dossier, every submitted version, the public posting and its comments.

A proposal moves through nominations.workflow (the one gate): draft → submitted → (returned → submitted) →
appraised → posted → ready; withdrawn by the unit before appraisal. The council and decision issues add
their moves to the same table.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.models import RuleSet
from lib.models import NormalisedModel
from lib.vntext import nfc as nfc_text
from movements.models import nfc_lines

User = settings.AUTH_USER_MODEL


class Track(models.TextChoices):
    """Loại hình khen thưởng of a round (Luật TĐKT 2022 Điều 8, Điều 85; law-nominations.md §4.4)."""

    MERIT = "cong-trang", _("Year-end merit (công trạng)")
    THEMATIC = "chuyen-de", _("Per movement or theme (theo đợt, chuyên đề)")
    SUDDEN = "dot-xuat", _("Sudden achievement (đột xuất)")
    DEDICATION = "cong-hien", _("Dedication (cống hiến)")
    SIMPLIFIED = "don-gian", _("Simplified procedure (thủ tục đơn giản)")


class Round(NormalisedModel):
    """Đợt xét khen thưởng: opened by the secretariat of an agency for an achievement year (or a movement's
    period), with a deadline for the units and the awards it admits."""

    agency = models.ForeignKey(
        "organisations.Agency",
        on_delete=models.PROTECT,
        related_name="nomination_rounds",
        verbose_name=_("agency"),
    )
    name = models.CharField(_("name"), max_length=300)
    track = models.CharField(_("track"), max_length=12, choices=Track.choices, default=Track.MERIT)
    year = models.PositiveSmallIntegerField(_("achievement year"))
    movement = models.ForeignKey(
        "movements.Movement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nomination_rounds",
        verbose_name=_("movement"),
    )
    period_start = models.DateField(_("achievements from"), null=True, blank=True)
    period_end = models.DateField(_("achievements until"), null=True, blank=True)
    deadline = models.DateField(_("deadline for units"))
    awards = models.ManyToManyField("awards.Award", related_name="+", verbose_name=_("awards admitted"))
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-deadline", "-id"]
        verbose_name = _("nomination round")
        verbose_name_plural = _("nomination rounds")
        indexes = [models.Index(fields=["agency", "-year", "-deadline", "-id"], name="round_list")]

    def __str__(self):
        return self.name

    def normalise(self):
        self.name = nfc_text(self.name)
        self.note = nfc_lines(self.note)

    @property
    def is_history(self) -> bool:
        """Rounds of past years (achievements two or more years back) are read-only history."""
        return self.year < timezone.localdate().year - 1

    def is_past_deadline(self, day=None) -> bool:
        return (day or timezone.localdate()) > self.deadline


class Status(models.TextChoices):
    DRAFT = "draft", _("Being drafted")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for correction")
    APPRAISED = "appraised", _("Appraised")
    POSTED = "posted", _("Posted for comments")
    READY = "ready", _("Ready for the council")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    # moved by the council app (council.workflow): the council's vote
    PASSED = "passed", _("Passed by the council")
    NOT_PASSED = "not_passed", _("Not passed by the council")
    # moved by the decisions app (decisions.workflow): the decision, or the package to the higher authority
    DECIDED = "decided", _("Awarded by the agency's decision")
    FORWARDED = "forwarded", _("Forwarded to the competent authority")
    AWARDED = "awarded", _("Awarded by the competent authority")
    REFUSED = "refused", _("Not awarded by the competent authority")


EDITABLE_STATES = (Status.DRAFT, Status.RETURNED)
LIVE_STATES = tuple(s for s in Status.values if s != Status.WITHDRAWN)


class Verdict(models.TextChoices):
    ELIGIBLE = "eligible", _("Eligible")
    NOT_ELIGIBLE = "not_eligible", _("Not eligible")
    DEFERRED = "deferred", _("Deferred")
    UNJUDGED = "unjudged", _("Judged by the council (no automatic check)")


class Source(models.TextChoices):
    REGISTRATION = "registration", _("From the unit's registration")
    DUE = "due", _("From “who is due”")
    BLANK = "blank", _("Proposed without a list")


class Confirmation(models.TextChoices):
    PENDING = "pending", _("Not confirmed yet")
    CONFIRMED = "confirmed", _("Confirmed by the nominee")
    DISPUTED = "disputed", _("Error reported by the nominee")


# The fields a unit edits, which a return may name (the rest stays locked while returned).
FIELDS = {
    "achievement": _("achievement summary"),
    "justification": _("justification"),
    "report": _("achievement report"),
    "evidence": _("evidence files"),
    "line": _("line printed on the decision"),
}


class ProposalQuerySet(models.QuerySet):
    def live(self):
        return self.exclude(status=Status.WITHDRAWN)

    def of_subject(self, *, person_id=None, unit_id=None):
        if person_id is not None:
            return self.filter(person_id=person_id)
        return self.filter(person__isnull=True, unit_id=unit_id)

    def overdue(self, day):
        return self.filter(status=Status.SUBMITTED, appraisal_due_on__lt=day)


class Proposal(NormalisedModel):
    """One subject (a person of the unit, or the unit itself) proposed for one award of a round."""

    round = models.ForeignKey(
        Round, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("round")
    )
    unit = models.ForeignKey(
        "organisations.Unit", on_delete=models.PROTECT, related_name="proposals", verbose_name=_("unit")
    )
    award = models.ForeignKey(
        "awards.Award", on_delete=models.PROTECT, related_name="+", verbose_name=_("award")
    )
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("staff member"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    source = models.CharField(_("started from"), max_length=12, choices=Source.choices, default=Source.BLANK)
    registration_entry = models.ForeignKey(
        "movements.RegistrationEntry", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    achievement = models.TextField(_("achievement summary"), blank=True)
    justification = models.TextField(_("justification"), blank=True)
    report = models.TextField(_("achievement report"), blank=True)
    report_form = models.CharField(_("report form"), max_length=40, blank=True)
    unit_votes = models.PositiveSmallIntegerField(_("votes for at the unit's meeting"), null=True, blank=True)
    late_reason = models.TextField(_("reason for accepting after the deadline"), blank=True)
    # The engine's verdict, recomputed when the record changes (nominations.verdicts).
    verdict = models.CharField(_("verdict"), max_length=14, choices=Verdict.choices, default=Verdict.UNJUDGED)
    checks = models.JSONField(default=list, blank=True)  # [{criterion, passed, message, citation, status}]
    rule_set = models.ForeignKey(
        "awards.RuleSet",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("rule set"),
    )
    rule_set_reason = models.CharField(_("why this rule set"), max_length=400, blank=True)
    judged_at = models.DateTimeField(null=True, blank=True)
    judged_version = models.PositiveBigIntegerField(default=0)  # the record version judged (awards.staleness)
    # The processing clock.
    received_on = models.DateField(_("received on"), null=True, blank=True)
    complete_on = models.DateField(_("dossier complete on"), null=True, blank=True)
    appraisal_due_on = models.DateField(_("appraisal due on"), null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True, editable=False)
    # Returns and appraisal.
    version = models.PositiveSmallIntegerField(_("submissions"), default=0)
    return_reason = models.TextField(_("reason for return"), blank=True)
    returned_fields = models.JSONField(default=list, blank=True)
    correct_by = models.DateField(_("to be corrected by"), null=True, blank=True)
    opinion = models.TextField(_("appraisal opinion"), blank=True)
    flags = models.JSONField(default=list, blank=True)  # [{code, message}] found at appraisal
    # The line printed on the decision and the certificate, confirmed by the nominee.
    line_name = models.CharField(_("full name"), max_length=200, blank=True)
    line_birth = models.DateField(_("date of birth"), null=True, blank=True)
    line_position = models.CharField(_("position"), max_length=200, blank=True)
    line_unit = models.CharField(_("unit"), max_length=300, blank=True)
    confirmation = models.CharField(
        _("nominee's confirmation"), max_length=10, choices=Confirmation.choices, default=Confirmation.PENDING
    )
    confirmation_note = models.TextField(_("error reported"), blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    posting = models.ForeignKey(
        "Posting", null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["round_id", "unit_id", "award_id", "id"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        indexes = [
            models.Index(fields=["round", "status", "appraisal_due_on", "id"], name="proposal_queue"),
            models.Index(fields=["round", "unit", "id"], name="proposal_unit"),
            # the API's order: the latest round first, then unit, award, id
            models.Index(F("round").desc(), "unit", "award", "id", name="proposal_api"),
            models.Index(fields=["person", "round"], name="proposal_person"),
            models.Index(fields=["status", "appraisal_due_on"], name="proposal_due"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "award", "person"],
                condition=Q(person__isnull=False) & ~Q(status="withdrawn"),
                name="one_live_proposal_per_person",
            ),
            models.UniqueConstraint(
                fields=["round", "award", "unit"],
                condition=Q(person__isnull=True) & ~Q(status="withdrawn"),
                name="one_live_proposal_per_unit",
            ),
        ]

    def __str__(self):
        return f"{self.subject_name} — {self.award}"

    def normalise(self):
        for name in ("achievement", "justification", "report", "late_reason", "return_reason", "opinion"):
            setattr(self, name, nfc_lines(getattr(self, name)))
        self.confirmation_note = nfc_lines(self.confirmation_note)
        for name in ("line_name", "line_position", "line_unit"):
            setattr(self, name, nfc_text(getattr(self, name)))

    @property
    def is_collective(self) -> bool:
        return self.person_id is None

    @property
    def rule_set_code(self) -> str:
        """The rule set the verdict was judged under (nominations.verdicts sets it), else the year's."""
        if self.rule_set_id:
            return self.rule_set.code
        return RuleSet.objects.for_year(self.round.year).code

    @property
    def subject_name(self) -> str:
        return self.person.full_name if self.person_id else self.unit.name

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATES

    def may_change(self, field: str) -> bool:
        """A draft is open; a returned proposal only in the fields the return named (all if it named none)."""
        if self.status == Status.DRAFT:
            return True
        if self.status == Status.RETURNED:
            return not self.returned_fields or field in self.returned_fields
        return False


class ProposalVersion(models.Model):
    """What was submitted each time: the unit's fields and the dossier as they stood, kept for the history."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    submitted_at = models.DateTimeField()
    submitted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    data = models.JSONField(default=dict)

    class Meta:
        ordering = ["proposal_id", "number"]
        constraints = [models.UniqueConstraint(fields=["proposal", "number"], name="one_version_number")]

    def __str__(self):
        return f"{self.proposal} — {self.number}"


class UnitDossier(NormalisedModel):
    """The unit's papers for a round: its tờ trình (a document of the documents module, the list annexed) and
    the biên bản bình xét of its meeting, with the vote figures where the rule set requires a ballot."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="unit_dossiers")
    unit = models.ForeignKey("organisations.Unit", on_delete=models.PROTECT, related_name="+")
    cover = models.ForeignKey(
        "documents.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cover letter (tờ trình)"),
    )
    minutes = models.TextField(_("minutes of the unit's review meeting"), blank=True)
    met_on = models.DateField(_("meeting held on"), null=True, blank=True)
    members_total = models.PositiveSmallIntegerField(
        _("members of the review council"), null=True, blank=True
    )
    members_present = models.PositiveSmallIntegerField(_("members present"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="one_dossier_per_unit_and_round")
        ]

    def normalise(self):
        self.minutes = nfc_lines(self.minutes)

    @property
    def has_minutes(self) -> bool:
        return bool(self.minutes.strip() and self.met_on)


class Evidence(models.Model):
    """A file of the proposal's dossier (initiative certificate, confirmation of a feat, other evidence)."""

    class Kind(models.TextChoices):
        CERTIFICATE = "certificate", _("Certificate of an initiative or achievement")
        OTHER = "other", _("Other evidence")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.OTHER)
    file = models.FileField(upload_to="nominations/%Y/")
    name = models.CharField(max_length=255)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    uploaded_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["proposal_id", "id"]

    def __str__(self):
        return self.name


class Channel(models.TextChoices):
    PORTAL = "portal", _("The agency's e-portal")
    BOARD = "board", _("Notice board")
    PRESS = "press", _("Press, radio or television")


class Posting(NormalisedModel):
    """Công khai lấy ý kiến: the appraised list posted on a channel from `opens_on` until `closes_on`, a date
    counted in working days on the agency's calendar."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="postings")
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices, default=Channel.PORTAL)
    opens_on = models.DateField(_("opens on"))
    working_days = models.PositiveSmallIntegerField(_("working days"))
    closes_on = models.DateField(_("closes on"))
    citation = models.CharField(_("legal basis"), max_length=300, blank=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "-id"]
        verbose_name = _("public posting")
        verbose_name_plural = _("public postings")

    def __str__(self):
        return f"{self.round} — {self.opens_on:%d/%m/%Y}–{self.closes_on:%d/%m/%Y}"

    def is_open(self, day=None) -> bool:
        return (day or timezone.localdate()) <= self.closes_on

    def has_closed(self, day=None) -> bool:
        return (day or timezone.localdate()) > self.closes_on


class Handling(models.TextChoices):
    PENDING = "pending", _("Not handled yet")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Not accepted")


class CommentSource(models.TextChoices):
    STAFF = "staff", _("Entered by the secretariat")
    PORTAL = "portal", _("Sent on the e-portal")


class Comment(NormalisedModel):
    """A comment received during a posting, on one proposal, and how it was handled: entered by the
    secretariat or sent by a visitor on the portal's consultation page (nominations.public). `contact` (the
    phone or e-mail the commenter gave) is never shown publicly; `client` is a keyed hash of the sender's
    address, for the audit of the rate limit, never the address itself. `reference` is the number the
    commenter is given."""

    posting = models.ForeignKey(Posting, on_delete=models.CASCADE, related_name="comments")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    author = models.CharField(_("from"), max_length=200, blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    reference = models.CharField(_("reference number"), max_length=20, blank=True)
    source = models.CharField(
        _("received through"), max_length=8, choices=CommentSource.choices, default=CommentSource.STAFF
    )
    client = models.CharField(max_length=64, blank=True, editable=False)
    received_on = models.DateField(_("received on"))
    text = models.TextField(_("comment"))
    handling = models.CharField(
        _("handling"), max_length=10, choices=Handling.choices, default=Handling.PENDING
    )
    handling_reason = models.TextField(_("reason"), blank=True)
    handled_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    handled_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["posting_id", "received_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["reference"], condition=~Q(reference=""), name="one_comment_per_reference"
            )
        ]

    def normalise(self):
        self.author = nfc_text(self.author)
        self.contact = nfc_text(self.contact)
        self.text = nfc_lines(self.text)
        self.handling_reason = nfc_lines(self.handling_reason)
