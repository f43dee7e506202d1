"""Forms of the registration screens. They validate input; movements.domain.registrations saves it."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.models import Award, Subject
from lib.forms import DomainForm, date_input
from organisations.scope import scope_for
from people.models import Person

from .access import MINE, THIS_WEEK, UNITS, movements_for_user, waiting_rounds
from .domain.registrations import staff_during
from .models import Registration


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.staff_code})"


def registrable_titles(subject: str):
    return Award.objects.registrable().for_subject(subject).order_by("position", "name")


PLEDGES_HELP = _("The targets the unit or person commits to, one per line.")


class OpenRoundForm(DomainForm):
    movement = forms.ModelChoiceField(label=_("Movement"), queryset=None)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    opens_on = forms.DateField(label=_("Opens on"), widget=date_input())
    deadline = forms.DateField(label=_("Deadline for units"), widget=date_input())
    note = forms.CharField(
        label=_("Note to units"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)
        movements = movements_for_user(user).filter(takes_registrations=True)
        scope = scope_for(user)
        if not scope.installation_admin:
            movements = movements.filter(agency_id__in=scope.manage_agencies)
        self.fields["movement"].queryset = movements


class PledgesForm(DomainForm):
    pledges = forms.CharField(
        label=_("Pledges of the unit"),
        required=False,
        max_length=5000,
        help_text=PLEDGES_HELP,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class StartForm(DomainForm):
    unit = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


def _pledges_field():
    return forms.CharField(
        label=_("Pledges"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class CollectiveEntryForm(DomainForm):
    award = forms.ModelChoiceField(label=_("Collective title"), queryset=None)
    pledges = _pledges_field()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "collective")
        super().__init__(*args, **kwargs)
        self.fields["award"].queryset = registrable_titles(Subject.COLLECTIVE)


class IndividualEntryForm(DomainForm):
    person = PersonChoiceField(label=_("Staff member"), queryset=None)
    award = forms.ModelChoiceField(label=_("Individual title"), queryset=None)
    pledges = _pledges_field()

    def __init__(self, *args, registration, **kwargs):
        kwargs.setdefault("prefix", "individual")
        super().__init__(*args, **kwargs)
        staff = staff_during(registration.unit, registration.round.year).values("person_id")
        self.fields["person"].queryset = Person.objects.filter(pk__in=staff).alphabetical()
        self.fields["award"].queryset = registrable_titles(Subject.INDIVIDUAL)


class BulkEntryForm(DomainForm):
    """One individual title for many staff ticked in the unit's list (the list itself is paged by the view:
    the ticked people of other pages come back as hidden `people` values)."""

    award = forms.ModelChoiceField(label=_("Individual title"), queryset=None, empty_label=_("— choose —"))
    pledges = _pledges_field()
    people = forms.ModelMultipleChoiceField(
        label=_("Staff members"), queryset=None, required=False, widget=forms.MultipleHiddenInput
    )

    def __init__(self, *args, registration, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award"].queryset = registrable_titles(Subject.INDIVIDUAL)
        self.fields["people"].queryset = unit_staff(registration)
        self.fields["people"].error_messages["invalid_choice"] = _(
            "Someone ticked no longer works in the unit in this year; search the list again."
        )


def unit_staff(registration):
    """The people working in the registration's unit at some time of the round's year, alphabetically."""
    staff = staff_during(registration.unit, registration.round.year).values("person_id")
    return Person.objects.filter(pk__in=staff).alphabetical()


class StaffSearchForm(forms.Form):
    q = forms.CharField(label=_("Search by name"), required=False, max_length=200)


class EntryForm(DomainForm):
    """A registered entry's title and pledges (the person, or the unit, stays)."""

    award = forms.ModelChoiceField(label=_("Emulation title"), queryset=None, empty_label=_("— choose —"))
    pledges = _pledges_field()

    def __init__(self, *args, entry, **kwargs):
        kwargs.setdefault("initial", {"award": entry.award_id, "pledges": entry.pledges})
        super().__init__(*args, **kwargs)
        subject = Subject.COLLECTIVE if entry.is_collective else Subject.INDIVIDUAL
        self.fields["award"].queryset = registrable_titles(subject)


class RegistrationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.unit.name} — {obj.round.movement.name} ({obj.round.year})"


class OwnTitleForm(DomainForm):
    registration = RegistrationChoiceField(label=_("Registration of your unit"), queryset=None)
    award = forms.ModelChoiceField(label=_("Emulation title"), queryset=None)
    pledges = _pledges_field()

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration"].queryset = (
            Registration.objects.filter(pk__in=[r.pk for r in registrations])
            .select_related("unit", "round__movement")
            .order_by("-round__year", "round__movement__name", "unit__name", "pk")
        )
        self.fields["award"].queryset = registrable_titles(Subject.INDIVIDUAL)


class ReturnForm(DomainForm):
    reason = forms.CharField(
        label=_("Reason for returning"),
        required=False,  # the domain refuses an empty reason, with its own message
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class QueueFilterForm(forms.Form):
    movement = forms.ModelChoiceField(label=_("Movement"), queryset=None, required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["movement"].queryset = movements_for_user(user).filter(takes_registrations=True)

    def filter(self, registrations):
        if not self.is_valid():
            return registrations
        if movement := self.cleaned_data.get("movement"):
            registrations = registrations.filter(round__movement=movement)
        if year := self.cleaned_data.get("year"):
            registrations = registrations.filter(round__year=year)
        return registrations


class RoundFilterForm(forms.Form):
    """The rounds list filtered as a to-do task links to it (movements/todo.py); invalid values are
    ignored."""

    waiting = forms.ChoiceField(
        required=False,
        choices=[
            ("", _("All")),
            (MINE, _("Your units have still to submit")),
            (UNITS, _("Some units have still to submit")),
        ],
    )
    closing = forms.ChoiceField(required=False, choices=[("", _("All")), (THIS_WEEK, _("Closing this week"))])

    def filter(self, user, rounds, today):
        self.is_valid()
        whose, closing = self.cleaned_data.get("waiting"), self.cleaned_data.get("closing")
        if not whose:
            return rounds
        return rounds.filter(pk__in=waiting_rounds(user, whose, closing or "", today).values("pk"))

    def described(self) -> list[str]:
        """What the list is filtered to, in words (empty: every round)."""
        if not self.is_valid() or not self.cleaned_data.get("waiting"):
            return []
        data = self.cleaned_data
        words = [dict(self.fields["waiting"].choices)[data["waiting"]]]
        if data.get("closing"):
            words.append(dict(self.fields["closing"].choices)[data["closing"]])
        return [str(word) for word in words]
