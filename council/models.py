"""The council's data: its roles (data), councils, terms and seats; declared relatives (for recusal);
meetings, their agenda, attendance, guests, recusals; the ballot — participation apart from the ballot box —,
the named votes of open items and the paper counts. See the package docstring for the secret ballot."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lib.models import NormalisedModel
from lib.vntext import nfc as nfc_text
from movements.models import nfc_lines

User = settings.AUTH_USER_MODEL


class RoleKind(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    MEMBER = "member", _("Member")


class CouncilRole(models.Model):
    """A role on the council (chủ tịch, phó chủ tịch thường trực, ủy viên kiêm thư ký…): data, loaded by a
    migration and editable in the admin; every role votes."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=12, choices=RoleKind.choices, default=RoleKind.MEMBER)
    standing = models.BooleanField(_("standing (thường trực)"), default=False)
    secretary = models.BooleanField(_("keeps the minutes (thư ký)"), default=False)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("council role")
        verbose_name_plural = _("council roles")

    def __str__(self):
        return self.name


class Council(NormalisedModel):
    agency = models.OneToOneField(
        "organisations.Agency", on_delete=models.PROTECT, related_name="council", verbose_name=_("agency")
    )
    name = models.CharField(_("name"), max_length=300)

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("councils")

    def __str__(self):
        return self.name

    def normalise(self):
        self.name = nfc_text(self.name)


class TermQuerySet(models.QuerySet):
    def on(self, day):
        return self.filter(Q(starts_on__lte=day), Q(ends_on__isnull=True) | Q(ends_on__gte=day))


class Term(models.Model):
    """A term of the council (nhiệm kỳ), formed by a decision of the agency's head."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="terms")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    decision = models.ForeignKey(
        "documents.Document",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decision forming the council"),
    )

    objects = TermQuerySet.as_manager()

    class Meta:
        ordering = ["council", "-starts_on"]
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")), name="term_dates"
            )
        ]

    def __str__(self):
        return f"{self.council} ({self.starts_on:%d/%m/%Y})"


class MembershipQuerySet(models.QuerySet):
    def on(self, day):
        """The seats held on `day`: the membership that counts for a meeting of that date."""
        return self.filter(Q(starts_on__lte=day), Q(ends_on__isnull=True) | Q(ends_on__gte=day))


class Membership(models.Model):
    """A seat on the council during a term: a person of the agency's staff with a role, between two dates."""

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="council_seats", verbose_name=_("member")
    )
    role = models.ForeignKey(CouncilRole, on_delete=models.PROTECT, related_name="+", verbose_name=_("role"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["term", "role__position", "person__sort_key", "id"]
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        indexes = [models.Index(fields=["term", "starts_on", "ends_on"], name="membership_on")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="membership_dates",
            )
        ]

    def __str__(self):
        return f"{self.person} — {self.role}"


class Relation(models.TextChoices):
    SPOUSE = "spouse", _("Spouse")
    PARENT = "parent", _("Parent")
    CHILD = "child", _("Child")
    SIBLING = "sibling", _("Sibling")
    IN_LAW = "in_law", _("In-law")
    OTHER = "other", _("Other relative")


class Relative(models.Model):
    """A relative among the staff that a council member declared, so that he does not vote on her proposal."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="declared_relatives")
    relative = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    relation = models.CharField(_("relation"), max_length=10, choices=Relation.choices)

    class Meta:
        verbose_name = _("declared relative")
        verbose_name_plural = _("declared relatives")
        constraints = [models.UniqueConstraint(fields=["person", "relative"], name="one_relation_per_pair")]

    def __str__(self):
        return f"{self.person} — {self.relative}"


class MeetingStatus(models.TextChoices):
    PREPARING = "preparing", _("Being prepared")
    CONVENED = "convened", _("Convened")
    VOTING = "voting", _("Ballot open")
    CLOSED = "closed", _("Closed")


class Format(models.TextChoices):
    IN_PERSON = "in_person", _("Meeting in person")
    ONLINE = "online", _("Online meeting")
    WRITTEN = "written", _("Written consultation (lấy ý kiến bằng văn bản)")


class BallotMode(models.TextChoices):
    ELECTRONIC = "electronic", _("Electronic ballot")
    PAPER = "paper", _("Paper ballots counted by the counting group")


class MeetingQuerySet(models.QuerySet):
    def of_year(self, year: int):
        return self.filter(date__year=year)


class Meeting(NormalisedModel):
    """A meeting of the council (or a written consultation) on an agenda of ready proposals."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="meetings")
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"))
    time = models.TimeField(_("time"), null=True, blank=True)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices, default=Format.IN_PERSON)
    place = models.CharField(_("place"), max_length=300, blank=True)
    ballot_mode = models.CharField(
        _("ballot"), max_length=10, choices=BallotMode.choices, default=BallotMode.ELECTRONIC
    )
    all_secret = models.BooleanField(
        _("secret ballot on every item"), default=False, help_text=_("Otherwise as the rule set says.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PREPARING
    )
    # the rules of the meeting, read from the agency's settings when it is convened (awards.Setting)
    quorum = models.CharField(_("quorum"), max_length=8, default="2/3")
    presence = models.DecimalField(
        _("attendance required for award sessions"), max_digits=3, decimal_places=2, null=True, blank=True
    )
    substitutes = models.BooleanField(_("substitutes may vote"), default=False)
    abstain = models.BooleanField(_("abstention allowed"), default=False)
    recuse_unit = models.BooleanField(_("members do not vote on their own unit"), default=False)
    recuse_relatives = models.BooleanField(_("members do not vote on their relatives"), default=True)
    recusal_base = models.CharField(_("share counted on"), max_length=10, default="members")
    documents_due = models.DateField(_("documents to be sent by"), null=True, blank=True)
    documents_sent_on = models.DateField(_("documents sent on"), null=True, blank=True)
    counters = models.ManyToManyField(
        Membership, blank=True, related_name="+", verbose_name=_("vote-counting group (ban kiểm phiếu)")
    )
    chair_note = models.TextField(_("chair's choice where a cap left a tie"), blank=True)
    minutes = models.ForeignKey(
        "documents.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("minutes"),
    )
    count_minutes = models.ForeignKey(
        "documents.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("vote-counting minutes"),
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("council meeting")
        verbose_name_plural = _("council meetings")
        indexes = [
            models.Index(fields=["council", "-date", "-id"], name="meeting_list"),
            models.Index(fields=["-date", "-id"], name="meeting_api"),
        ]

    def __str__(self):
        return self.title

    def normalise(self):
        self.title = nfc_text(self.title)
        self.place = nfc_text(self.place)
        self.chair_note = nfc_lines(self.chair_note)

    @property
    def agency(self):
        return self.council.agency

    @property
    def is_paper(self) -> bool:
        return self.ballot_mode == BallotMode.PAPER


class Item(models.Model):
    """A proposal on the agenda, in the order of the minutes (grouped by award); its ballot and, once closed,
    its result (final)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    proposal = models.ForeignKey(
        "nominations.Proposal",
        on_delete=models.PROTECT,
        related_name="council_items",
        verbose_name=_("proposal"),
    )
    position = models.PositiveIntegerField(_("order"))
    secret = models.BooleanField(_("secret ballot"), default=False)
    threshold = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    citation = models.CharField(_("legal basis of the threshold"), max_length=300, blank=True)
    # the result, written once when the ballot closes
    denominator = models.PositiveSmallIntegerField(null=True, blank=True)
    required = models.PositiveSmallIntegerField(null=True, blank=True)
    votes_for = models.PositiveSmallIntegerField(null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(null=True, blank=True)
    abstentions = models.PositiveSmallIntegerField(null=True, blank=True)
    not_voting = models.PositiveSmallIntegerField(null=True, blank=True)
    passes = models.BooleanField(null=True, blank=True)
    outcome_note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "proposal"], name="one_item_per_proposal"),
            models.UniqueConstraint(fields=["meeting", "position"], name="one_item_per_position"),
        ]

    def __str__(self):
        return f"{self.meeting} — {self.position}"

    @property
    def is_counted(self) -> bool:
        return self.passes is not None


class Presence(models.TextChoices):
    PRESENT = "present", _("Present")
    WRITTEN = "written", _("Absent, voting in writing")
    SUBSTITUTE = "substitute", _("Represented by a substitute")
    ABSENT = "absent", _("Absent")


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    presence = models.CharField(_("attendance"), max_length=10, choices=Presence.choices)
    substitute = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("substitute"),
    )
    mandate = models.CharField(_("written mandate"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["meeting", "membership"], name="one_attendance")]

    def __str__(self):
        return f"{self.membership_id}: {self.presence}"

    @property
    def attends(self) -> bool:
        return self.presence in (Presence.PRESENT, Presence.SUBSTITUTE)


class Guest(NormalisedModel):
    """An invited guest: may speak, never votes."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="guests")
    name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position and organisation"), max_length=300, blank=True)

    class Meta:
        ordering = ["meeting", "id"]
        verbose_name = _("guest")
        verbose_name_plural = _("guests")

    def normalise(self):
        self.name = nfc_text(self.name)
        self.position = nfc_text(self.position)


class RecusalReason(models.TextChoices):
    SELF = "self", _("The proposal is for the member himself")
    UNIT = "unit", _("The proposal comes from the member's own unit")
    RELATIVE = "relative", _("The proposal is for a relative the member declared")


class Recusal(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="recusals")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=10, choices=RecusalReason.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "membership"], name="one_recusal")]

    def __str__(self):
        return f"{self.membership_id} — {self.item_id}"


class How(models.TextChoices):
    ELECTRONIC = "electronic", _("Voted electronically")
    WRITTEN = "written", _("Voted in writing")
    SUBSTITUTE = "substitute", _("Voted by the substitute")
    NOT_VOTING = "not_voting", _("Did not vote")


class Participation(models.Model):
    """That a seat has voted on an item (or was marked as not voting) — never what it voted."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="participations")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    how = models.CharField(max_length=10, choices=How.choices)
    recorded_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "membership"], name="one_participation")]

    def __str__(self):
        return f"{self.membership_id} — {self.item_id}"


class Choice(models.TextChoices):
    FOR = "for", _("Agree")
    AGAINST = "against", _("Disagree")
    ABSTAIN = "abstain", _("Abstain")


def _new_id():
    return uuid.uuid4()


class Ballot(models.Model):
    """One ballot in an item's box: no voter, no time, a random identifier. While the ballot is open the
    choice
    is sealed (`seal`, an HMAC keyed with the secret key) and `choice` is empty; the close unseals the box and
    rewrites it in a random order (council.ballot_box)."""

    id = models.UUIDField(primary_key=True, default=_new_id, editable=False)
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="ballots")
    receipt = models.CharField(max_length=64)
    seal = models.CharField(max_length=64, blank=True)
    choice = models.CharField(max_length=8, choices=Choice.choices, blank=True)

    class Meta:
        ordering = ["item", "receipt"]
        constraints = [models.UniqueConstraint(fields=["item", "receipt"], name="one_ballot_per_receipt")]

    def __str__(self):
        return "ballot"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("A ballot cannot be changed once cast.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)


class OpenVote(models.Model):
    """The named vote of a seat on an item whose ballot is open (not secret): a public act, in the minutes."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="open_votes")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(max_length=8, choices=Choice.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "membership"], name="one_open_vote")]

    def __str__(self):
        return f"{self.membership_id} — {self.item_id}"


class PaperCount(models.Model):
    """The totals of an item's paper ballots, entered by the vote-counting group."""

    item = models.OneToOneField(Item, on_delete=models.CASCADE, related_name="paper_count")
    ballots = models.PositiveSmallIntegerField(_("ballots in the box"))
    invalid = models.PositiveSmallIntegerField(_("invalid ballots"), default=0)
    votes_for = models.PositiveSmallIntegerField(_("agree"))
    votes_against = models.PositiveSmallIntegerField(_("disagree"))
    abstentions = models.PositiveSmallIntegerField(_("abstain"), default=0)
    entered_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    def __str__(self):
        return f"{self.item_id}: {self.ballots}"
