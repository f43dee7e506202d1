"""Forms of the unit's nomination screens. They validate input; nominations.domain saves it."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.models import Award
from lib.forms import DomainForm, UploadField, date_input
from movements.forms import managed_agencies
from movements.models import Movement
from organisations.access import units_for_user
from organisations.widgets import UnitPickerField
from people.access import people_for_user
from people.widgets import PersonPickerField

from .models import Evidence, Track

MOVEMENT_CHOICES = 100  # the most recent movements offered when opening a round
TEXT = 20000


def _textarea(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def _late_reason() -> forms.CharField:
    return forms.CharField(
        label=_("Reason for accepting after the deadline"),
        max_length=2000,
        widget=_textarea(2),
        help_text=_("The deadline has passed: only the secretariat accepts a late proposal, with a reason."),
    )


# --- opening a round ----------------------------------------------------------------------------------------


class AwardChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class RoundForm(DomainForm):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=None, empty_label=None)
    name = forms.CharField(label=_("Name of the round"), max_length=300)
    track = forms.ChoiceField(label=_("Track"), choices=Track.choices, initial=Track.MERIT)
    year = forms.IntegerField(label=_("Achievement year"), min_value=2000, max_value=2100)
    movement = forms.ModelChoiceField(
        label=_("Movement"),
        queryset=None,
        required=False,
        empty_label=_("— none —"),
        help_text=_("For a round per movement or theme."),
    )
    deadline = forms.DateField(label=_("Deadline for the units' proposals"), widget=date_input())
    awards = AwardChoiceField(
        label=_("Awards admitted"), queryset=Award.objects.order_by("position", "name"),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    period_start = forms.DateField(label=_("Achievements from"), required=False, widget=date_input())
    period_end = forms.DateField(label=_("Achievements until"), required=False, widget=date_input())
    note = forms.CharField(label=_("Note to units"), required=False, max_length=2000, widget=_textarea(3))

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)
        agencies = managed_agencies(user)
        self.fields["agency"].queryset = agencies
        recent = Movement.objects.filter(agency__in=agencies).order_by("-period_start", "-pk")
        self.fields["movement"].queryset = Movement.objects.filter(
            pk__in=list(recent.values_list("pk", flat=True)[:MOVEMENT_CHOICES])
        ).order_by("-period_start", "name")
        self.fields["awards"].error_messages["required"] = _("Tick at least one award the round admits.")


# --- choosing the unit that proposes ------------------------------------------------------------------------


class UnitChoiceForm(forms.Form):
    """The unit a proposal is made for: among the officer's own units (`units`, a short list), or, for those
    who manage the agency (`units` None), any unit of it through the unit picker."""

    def __init__(self, data=None, *, user, round, units, **kwargs):
        super().__init__(data, **kwargs)
        if units is None:
            field = UnitPickerField(label=_("Unit"))
            lineage = round.agency.lineage_ids()
            field.restrict(units_for_user(user).filter(agency_id__in=lineage), agency=round.agency_id)
        else:
            field = forms.ModelChoiceField(
                label=_("Unit"), queryset=units, widget=forms.RadioSelect, empty_label=None
            )
        field.error_messages["required"] = _("Choose the unit that proposes.")
        field.error_messages["invalid_choice"] = _("Choose one of the units you compile proposals for.")
        self.fields["unit"] = field


# --- the three sources ------------------------------------------------------------------------------------


class RegistrationProposeForm(DomainForm):
    """The registered titles ticked in the unit's approved registrations (the page shows the checkboxes)."""

    entries = forms.ModelMultipleChoiceField(queryset=None, widget=forms.MultipleHiddenInput)

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["entries"]
        field.queryset = entries
        field.error_messages["required"] = _("Tick at least one registered title to propose.")
        field.error_messages["invalid_choice"] = _(
            "A title ticked is no longer waiting to be proposed; open the list again."
        )

    def domain_arguments(self) -> dict:
        return {
            "entries": list(self.cleaned_data["entries"].select_related("registration", "award", "person"))
        }


class DueProposeForm(DomainForm):
    """The people (or the unit itself, for a collective award) ticked in the unit's "who is due" list."""

    people = forms.ModelMultipleChoiceField(queryset=None, required=False, widget=forms.MultipleHiddenInput)
    unit_itself = forms.BooleanField(required=False, widget=forms.HiddenInput)
    achievement = forms.CharField(
        label=_("Achievement summary"), required=False, max_length=TEXT, widget=_textarea(3)
    )

    def __init__(self, *args, people, collective: bool, late: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.collective = collective
        self.fields["people"].queryset = people
        self.fields["people"].error_messages["invalid_choice"] = _(
            "Someone ticked is no longer in the unit's list; open the list again."
        )
        if late:
            self.fields["late_reason"] = _late_reason()

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("people") or data.get("unit_itself")):
            self.add_error("people", _("Tick at least one row of the list to propose."))
        return data

    def domain_arguments(self) -> dict:
        data = self.cleaned_data
        people = [] if self.collective else list(data["people"])
        return {
            "people": people,
            "achievement": data["achievement"],
            "late_reason": data.get("late_reason", ""),
        }


class BlankProposeForm(DomainForm):
    """An achievement no list could know (đột xuất, an initiative): an award, the people of the unit — or the
    unit itself for a collective award — and the achievement in words."""

    award = forms.ModelChoiceField(label=_("Award"), queryset=None, empty_label=_("— choose —"))
    people = PersonPickerField(
        label=_("People proposed"),
        required=False,
        help_text=_(
            "Type a few letters of a name. Leave empty for a collective award: the unit is proposed."
        ),
    )
    achievement = forms.CharField(label=_("Achievement summary"), max_length=TEXT, widget=_textarea(5))

    def __init__(self, *args, user, round, unit, late: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award"].queryset = round.awards.order_by("position", "name")
        people = people_for_user(user).filter(agency_id__in=unit.agency.lineage_ids())
        self.fields["people"].restrict(people, agency=unit.agency_id)
        self.fields["people"].error_messages["invalid_choice"] = _(
            "Someone chosen is not among the people you may propose; search for her again."
        )
        self.fields["achievement"].error_messages["required"] = _(
            "Describe the achievement: a proposal without a list needs it."
        )
        if late:
            self.fields["late_reason"] = _late_reason()

    def clean(self):
        data = super().clean()
        award, people = data.get("award"), data.get("people")
        if "people" in self.errors:
            return data
        if award is not None and award.is_individual and not people:
            self.add_error(
                "people", _("“%(award)s” is awarded to a person: choose her.") % {"award": award.name}
            )
        if award is not None and not award.is_individual and people:
            message = _("“%(award)s” is awarded to a collective: it is proposed for the unit.")
            self.add_error("people", message % {"award": award.name})
        return data

    def domain_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "award": data["award"],
            "people": list(data["people"] or []),
            "achievement": data["achievement"],
            "late_reason": data.get("late_reason", ""),
        }


# --- the proposal -------------------------------------------------------------------------------------------

EDIT_FIELDS = {  # form field → the part a return names (models.FIELDS)
    "achievement": "achievement",
    "justification": "justification",
    "report": "report",
    "unit_votes": "report",
    "line_name": "line",
    "line_birth": "line",
    "line_position": "line",
    "line_unit": "line",
}


class ProposalForm(DomainForm):
    """The unit's fields of a proposal. While it is returned, only the parts the return named may change: the
    others are shown read-only, and a change to them is refused by the domain (nothing is saved)."""

    achievement = forms.CharField(
        label=_("Achievement summary"), required=False, max_length=TEXT, widget=_textarea(4)
    )
    justification = forms.CharField(
        label=_("Justification"),
        required=False,
        max_length=TEXT,
        widget=_textarea(3),
        help_text=_("Needed when the record does not meet the award's conditions: the council reads it."),
    )
    report = forms.CharField(
        label=_("Achievement report"), required=False, max_length=100000, widget=_textarea(14)
    )
    unit_votes = forms.IntegerField(label=_("Votes for at the unit's meeting"), required=False, min_value=0)
    line_name = forms.CharField(label=_("Full name printed"), required=False, max_length=200)
    line_birth = forms.DateField(label=_("Date of birth printed"), required=False, widget=date_input())
    line_position = forms.CharField(label=_("Position printed"), required=False, max_length=200)
    line_unit = forms.CharField(label=_("Unit printed"), required=False, max_length=300)

    def __init__(self, *args, proposal, **kwargs):
        kwargs.setdefault("initial", {name: getattr(proposal, name) for name in EDIT_FIELDS})
        super().__init__(*args, **kwargs)
        if proposal.person_id is None:
            del self.fields["line_birth"]
        self.locked = [name for name in self.fields if not proposal.may_change(EDIT_FIELDS[name])]
        for name in self.locked:
            self.fields[name].widget.attrs.update({"readonly": True, "aria-readonly": "true"})
            self.fields[name].help_text = _(
                "Locked: the secretariat did not ask for this part to be corrected."
            )

    def domain_arguments(self) -> dict:
        """Only the fields that changed: a locked one among them is refused by update_proposal."""
        return {name: self.cleaned_data[name] for name in self.changed_data}


class EvidenceForm(DomainForm):
    upload = UploadField(label=_("File"))
    kind = forms.ChoiceField(label=_("Kind"), choices=Evidence.Kind.choices, initial=Evidence.Kind.OTHER)


class WithdrawForm(DomainForm):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000, widget=_textarea(3))


class UnitDossierForm(DomainForm):
    minutes = forms.CharField(
        label=_("Minutes of the unit's review meeting"), required=False, max_length=TEXT, widget=_textarea(8)
    )
    met_on = forms.DateField(label=_("Meeting held on"), required=False, widget=date_input())
    members_total = forms.IntegerField(label=_("Members of the review council"), required=False, min_value=0)
    members_present = forms.IntegerField(label=_("Members present"), required=False, min_value=0)
