"""The secretariat's forms (the appraisal queue and its bulk actions, returns, opinions, postings and
comments) and the nominee's confirmation: plain validation here, the state change in nominations.domain."""

import datetime as dt

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.models import Award
from lib.forms import DomainForm, date_input
from organisations.access import units_for_user
from organisations.scope import scope_for
from organisations.widgets import UnitPickerField
from workdays.calendar import working_day_after

from .access import rounds_for_user
from .models import FIELDS, Channel, Comment, Handling, Proposal, Status, Verdict

OVERDUE, SOON = "overdue", "soon"
SOON_DAYS = 3  # working days: "near due" in the queue
OPEN, PENDING, HANDLED = "open", "pending", "handled"
MAX_CHOSEN = 500  # proposals ticked at once (a bulk action, a posting)
DATE_ERRORS = {
    "required": _("Enter the date."),
    "invalid": _("Enter a real date as dd/mm/yyyy, e.g. 30/04/2026."),
}


def soon_limit(today: dt.date, agency=None) -> dt.date:
    """The last day counted as "near due": SOON_DAYS working days after today."""
    return working_day_after(today, SOON_DAYS, agency=agency)


def posting_filter(value: str, today: dt.date) -> Q:
    """Proposals by the state of their posting: still open, closed with comments to handle, closed and every
    comment handled (ready to move to the council)."""
    pending = Proposal.objects.filter(comments__handling=Handling.PENDING).values("pk")
    closed = Q(status=Status.POSTED, posting__closes_on__lt=today)
    if value == OPEN:
        return Q(status=Status.POSTED, posting__closes_on__gte=today)
    if value == PENDING:
        return closed & Q(pk__in=pending)
    return closed & ~Q(pk__in=pending)


def at_most(chosen):
    """The proposals ticked, refused beyond MAX_CHOSEN (one action stays bounded)."""
    if len(chosen) > MAX_CHOSEN:
        raise forms.ValidationError(_("Tick at most %(limit)s proposals at once.") % {"limit": MAX_CHOSEN})
    return chosen


class QueueFilterForm(forms.Form):
    """The queue's filters (GET). The status is "submitted" unless another (or every one) is asked for."""

    round = forms.ModelChoiceField(
        label=_("Round"), queryset=None, required=False, empty_label=_("All rounds")
    )
    unit = UnitPickerField(label=_("Unit"), required=False, empty_label=_("All units"))
    award = forms.ModelChoiceField(
        label=_("Award"), queryset=Award.objects.all(), required=False, empty_label=_("All awards")
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *Status.choices]
    )
    verdict = forms.ChoiceField(
        label=_("Verdict"), required=False, choices=[("", _("All verdicts")), *Verdict.choices]
    )
    due = forms.ChoiceField(
        label=_("Appraisal due"),
        required=False,
        choices=[
            ("", _("Any due date")),
            (OVERDUE, _("Overdue")),
            (SOON, _("Due within 3 working days")),
        ],
    )
    posting = forms.ChoiceField(
        label=_("Public posting"),
        required=False,
        choices=[
            ("", _("Any")),
            (OPEN, _("Still open")),
            (PENDING, _("Closed, comments to handle")),
            (HANDLED, _("Closed, every comment handled")),
        ],
    )

    def __init__(self, data, *, user):
        data = data.copy()
        data.setdefault("status", Status.SUBMITTED)
        super().__init__(data)
        scope = scope_for(user)
        rounds = rounds_for_user(user).select_related("agency")
        units = units_for_user(user)
        if not scope.installation_admin:
            rounds = rounds.filter(agency_id__in=scope.manage_agencies)
            units = units.filter(agency_id__in=scope.manage_agencies)
        self.fields["round"].queryset = rounds
        self.fields["unit"].restrict(units, closed=True)

    def value(self, name):
        """A field's value when it is valid, else its empty value: a bad filter shows everything."""
        if not self.is_valid() and name in self.errors:
            return None
        return self.cleaned_data.get(name)

    def filter(self, proposals, today: dt.date, *, status: bool = True):
        """The proposals the filters keep; without the status filter when `status` is False (the counters)."""
        self.is_valid()
        for name in ("round", "unit", "award"):
            if (chosen := self.value(name)) is not None:
                proposals = proposals.filter(**{name: chosen})
        for name in ("verdict", *(("status",) if status else ())):
            if chosen := self.value(name):
                proposals = proposals.filter(**{name: chosen})
        due = self.value("due")
        if due == OVERDUE:
            proposals = proposals.overdue(today)
        elif due == SOON:
            limit = soon_limit(today)
            proposals = proposals.filter(
                status=Status.SUBMITTED, appraisal_due_on__gte=today, appraisal_due_on__lte=limit
            )
        if posting := self.value("posting"):
            proposals = proposals.filter(posting_filter(posting, today))
        return proposals

    def query_without_status(self) -> str:
        """The filters as a query string, the status left out (for the counters' links)."""
        data = self.data.copy()
        for name in ("status", "page"):
            data.pop(name, None)
        return data.urlencode()


class ChosenForm(DomainForm):
    """Proposals ticked on a page of the queue (a bulk action): among those `proposals` offers."""

    proposals = forms.ModelMultipleChoiceField(
        label=_("Proposals"),
        queryset=None,
        error_messages={
            "required": _("Tick the proposals first."),
            "invalid_choice": _("A ticked proposal can no longer be chosen: reload the page."),
            "invalid_pk_value": _("A ticked proposal can no longer be chosen: reload the page."),
        },
    )

    def __init__(self, data=None, *, proposals, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["proposals"].queryset = proposals

    def clean_proposals(self):
        return at_most(self.cleaned_data["proposals"])


class BulkAppraiseForm(ChosenForm):
    opinion = forms.CharField(
        label=_("Appraisal opinion"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={"required": _("Write the appraisal opinion.")},
    )


class ReturnForm(DomainForm):
    reason = forms.CharField(
        label=_("Reason for return"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        error_messages={
            "required": _(
                "Write the reason for returning the proposal, so that the unit knows what to correct."
            )
        },
    )
    parts = forms.MultipleChoiceField(
        label=_("Parts the unit must correct"),
        required=False,
        choices=list(FIELDS.items()),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only these parts can then be changed; tick none to let the unit change every part."),
    )

    def domain_arguments(self) -> dict:
        return {"reason": self.cleaned_data["reason"], "fields": self.cleaned_data["parts"]}


class OpinionForm(DomainForm):
    opinion = forms.CharField(
        label=_("Appraisal opinion"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        error_messages={"required": _("Write the appraisal opinion.")},
    )


class PostingForm(DomainForm):
    """A posting of appraised proposals of the round: ticked in a paged list (kept across its pages)."""

    proposals = forms.ModelMultipleChoiceField(
        label=_("Proposals to post"),
        queryset=None,
        error_messages={
            "required": _("Choose the appraised proposals to post."),
            "invalid_choice": _("A ticked proposal can no longer be posted: reload the page."),
            "invalid_pk_value": _("A ticked proposal can no longer be posted: reload the page."),
        },
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices, initial=Channel.PORTAL)
    opens_on = forms.DateField(
        label=_("First day of the posting"), widget=date_input(), error_messages=DATE_ERRORS
    )
    working_days = forms.IntegerField(
        label=_("Working days"),
        min_value=1,
        max_value=60,
        help_text=_("Prefilled with the longest posting the law or the agency's setting requires of them."),
        error_messages={
            "required": _("Enter the number of working days."),
            "invalid": _("Enter a whole number of working days."),
            "min_value": _("A posting lasts from 1 to 60 working days."),
            "max_value": _("A posting lasts from 1 to 60 working days."),
        },
    )

    def __init__(self, data=None, *, candidates, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["proposals"].queryset = candidates

    def clean_proposals(self):
        return at_most(self.cleaned_data["proposals"])


class ClosingForm(forms.Form):
    """The opening day and the working days typed so far: the closing day shown as they change (htmx)."""

    opens_on = forms.DateField(widget=date_input(), error_messages=DATE_ERRORS)
    working_days = forms.IntegerField(min_value=1, max_value=60)


class CommentForm(DomainForm):
    proposal = forms.ModelChoiceField(
        label=_("On the proposal"),
        queryset=None,
        error_messages={
            "required": _("Choose the proposal the comment is about."),
            "invalid_choice": _("The proposal is not in this posting."),
        },
    )
    author = forms.CharField(
        label=_("Sent by"), max_length=Comment._meta.get_field("author").max_length, required=False
    )
    received_on = forms.DateField(label=_("Received on"), widget=date_input(), error_messages=DATE_ERRORS)
    text = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        error_messages={"required": _("Write the comment received.")},
    )

    def __init__(self, data=None, *, posting, **kwargs):
        super().__init__(data, **kwargs)
        field = self.fields["proposal"]
        field.queryset = posting.proposals.select_related("person", "unit", "award").order_by("pk")
        field.label_from_instance = lambda p: f"{p.subject_name} — {p.award.name}"


class HandleForm(DomainForm):
    accepted = forms.TypedChoiceField(
        label=_("Handling"),
        choices=[("yes", Handling.ACCEPTED.label), ("no", Handling.REJECTED.label)],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether the comment is accepted.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=4000,
        error_messages={"required": _("Write how the comment was handled and why.")},
    )


class ConfirmForm(DomainForm):
    """The nominee's answer: the line is correct, or what is wrong in it."""

    correct = forms.TypedChoiceField(
        choices=[("yes", _("The line is correct")), ("no", _("Report an error"))],
        coerce=lambda value: value == "yes",
        error_messages={"required": _("Confirm the line or report an error.")},
    )
    note = forms.CharField(
        label=_("What is wrong"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("correct") is False and not (data.get("note") or "").strip():
            self.add_error("note", _("Say what is wrong in the line, so that the unit can correct it."))
        return data
