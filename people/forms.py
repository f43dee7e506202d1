"""Forms for the people screens. They validate input; people.domain saves it."""

from django import forms
from django.core.validators import MaxValueValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.forms import DomainForm, DomainModelForm, date_input
from organisations.access import units_for_user
from organisations.models import Unit, descendant_ids
from organisations.scope import scope_for
from organisations.widgets import UnitPickerField

from .access import people_for_user
from .models import (
    Assignment,
    DisciplineForm,
    Gender,
    LeaveKind,
    Person,
    ProceedingKind,
    Rating,
    StaffCategory,
)

FIRST_RATING_YEAR = 1990


def units_open_to(user, agency_id=None):
    """The units in force where the user may place a person (optionally of one agency): every unit of the
    agencies she manages, her units as an emulation officer (as can_add_person_to_unit), in one query."""
    scope = scope_for(user)
    units = units_for_user(user).active()
    if not scope.installation_admin:
        units = units.filter(Q(agency_id__in=scope.manage_agencies) | Q(pk__in=scope.edit_units))
    if agency_id is not None:
        units = units.filter(agency_id=agency_id)
    return units.order_by("agency__name", "position", "name")


def with_blank(choices, label):
    return [("", label), *choices]


class PersonFilterForm(forms.Form):
    """Search and filters of the people list; every field is optional."""

    LEADERS, NON_LEADERS = "yes", "no"

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Name or staff code")}),
    )
    unit = UnitPickerField(label=_("Unit"), required=False)
    closed = forms.BooleanField(label=_("Also show dissolved and merged units"), required=False)
    category = forms.ChoiceField(
        label=_("Staff category"),
        required=False,
        choices=with_blank(StaffCategory.choices, _("All categories")),
    )
    gender = forms.ChoiceField(
        label=_("Gender"), required=False, choices=with_blank(Gender.choices, _("All"))
    )
    leadership = forms.ChoiceField(
        label=_("Leadership"),
        required=False,
        choices=[("", _("All")), (LEADERS, _("Leadership posts")), (NON_LEADERS, _("Other posts"))],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        closed = self.data.get("closed") in ("on", "true", "1")
        units = units_for_user(user)
        # The units in force are offered (all with `closed`), through the picker: typed, never listed.
        self.fields["unit"].restrict(units if closed else units.active(), closed=closed)

    def filter(self, people):
        """Apply the valid filters to a queryset of people the user may see (invalid ones are ignored)."""
        self.is_valid()
        data = self.cleaned_data
        if data.get("q"):
            people = people.search(data["q"])
        if unit := data.get("unit"):
            # Its sub-units, closed ones included: their people are the unit's too (one query of the tree).
            tree = Unit.objects.filter(agency_id=unit.agency_id).order_by().only("pk", "parent_id")
            people = people.in_units(descendant_ids([unit.pk], tree))
        if data.get("category"):
            people = people.filter(staff_category=data["category"])
        if data.get("gender"):
            people = people.filter(gender=data["gender"])
        if data.get("leadership"):
            leaders = Assignment.objects.current().filter(is_leadership=True).values("person_id")
            people = (
                people.filter(pk__in=leaders)
                if data["leadership"] == self.LEADERS
                else people.exclude(pk__in=leaders)
            )
        return people


class PersonForm(DomainModelForm):
    class Meta:
        model = Person
        fields = (
            "family_name",
            "middle_name",
            "given_name",
            "staff_code",
            "gender",
            "date_of_birth",
            "ethnicity",
            "staff_category",
            "email",
            "phone",
        )
        widgets = {"date_of_birth": date_input()}


class PlacementForm(DomainForm):
    """Unit, position and start date of an assignment (a new person's first one, or a transfer)."""

    unit = UnitPickerField(label=_("Unit"))
    position = forms.CharField(
        label=_("Position"),
        max_length=120,
        required=False,
        help_text=_("E.g. Chuyên viên, Phó Trưởng phòng."),
    )
    is_leadership = forms.BooleanField(label=_("Leadership post"), required=False)
    start_date = forms.DateField(label=_("Start date"), widget=date_input())

    def __init__(self, *args, units, agency=None, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("start_date", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["unit"].restrict(units, editable=True, agency=agency)  # searched, never listed


class PersonCreateForm(PersonForm):
    """A new person with a first assignment: the person's fields and the placement fields in one form."""

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        placement = PlacementForm(units=units)
        self.fields.update(placement.fields)
        self.initial.setdefault("start_date", timezone.localdate())

    def domain_arguments(self) -> dict:
        placement = {name: self.cleaned_data[name] for name in PlacementForm.base_fields}
        return {**super().domain_arguments(), **placement, "agency": placement["unit"].agency}


class TransferForm(PlacementForm):
    """A new assignment in a unit of the person's agency; the current primary one ends the day before."""

    note = forms.CharField(
        label=_("Note"),
        max_length=255,
        required=False,
        help_text=_("E.g. the number of the transfer decision."),
    )

    def __init__(self, *args, person, user, **kwargs):
        units = units_open_to(user, agency_id=person.agency_id)
        super().__init__(*args, units=units, agency=person.agency_id, **kwargs)
        self.person = person

    def clean_start_date(self):
        """The new assignment must start after every primary assignment already recorded."""
        start = self.cleaned_data["start_date"]
        latest = (
            self.person.assignments.filter(is_primary=True, start_date__gte=start)
            .order_by("start_date")
            .last()
        )
        if latest is not None:
            raise forms.ValidationError(
                _("The new assignment must start after %(date)s, when the latest one started."),
                params={"date": latest.start_date.strftime("%d/%m/%Y")},
                code="overlap",
            )
        return start


class RatingForm(DomainForm):
    """The annual rating of a year; recording a year again corrects it."""

    year = forms.IntegerField(label=_("Year"), min_value=FIRST_RATING_YEAR)
    rating = forms.ChoiceField(label=_("Rating"), choices=Rating.choices)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)
    decision = forms.CharField(label=_("Rating decision"), max_length=200, required=False)
    decided_on = forms.DateField(label=_("Decided on"), required=False, widget=date_input())

    def __init__(self, *args, **kwargs):
        this_year = timezone.localdate().year
        kwargs.setdefault("initial", {}).setdefault("year", this_year)
        super().__init__(*args, **kwargs)
        year = self.fields["year"]  # no later than this year, which changes while the server runs
        year.max_value, year.widget.attrs["max"] = this_year, this_year
        year.validators.append(MaxValueValidator(this_year))


class UnitRatingForm(RatingForm):
    """The annual rating of a collective for a year; recording a year again corrects it. `?year=` of a year
    already rated opens the form on that year's rating."""

    def __init__(self, data=None, *, unit, year=None, **kwargs):
        existing = unit.quality_ratings.filter(year=year).first() if year else None
        if existing is not None:
            kwargs["initial"] = {"year": existing.year, "rating": existing.rating, "note": existing.note}
        super().__init__(data, **kwargs)
        del self.fields["decision"], self.fields["decided_on"]  # a unit's rating cites no decision here
        self.fields["rating"].label = _("Collective rating")
        self.fields["year"].help_text = _("Recording a year already rated corrects its rating.")


class DisciplineRecordForm(DomainForm):
    """A disciplinary measure and its period (the model checks that the period ends after it starts)."""

    form = forms.ChoiceField(label=_("Form of discipline"), choices=DisciplineForm.choices)
    decision_number = forms.CharField(label=_("Decision number"), max_length=50, required=False)
    reason = forms.CharField(
        label=_("Reason"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    start_date = forms.DateField(label=_("Effective from"), widget=date_input())
    end_date = forms.DateField(
        label=_("Effective until"),
        widget=date_input(),
        required=False,
        help_text=_("Leave empty if the period is not yet known."),
    )


class ProceedingOpenForm(DomainForm):
    """A matter under review: while it is open the person's awards are deferred."""

    kind = forms.ChoiceField(label=_("Kind of matter"), choices=ProceedingKind.choices)
    opened_on = forms.DateField(
        label=_("Opened on"),
        widget=date_input(),
        help_text=_("The date of the decision or notice that opened the review."),
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. the number of the decision or notice, and who handles the matter."),
    )

    def domain_arguments(self) -> dict:
        return {"fields": dict(self.cleaned_data)}


class ProceedingCloseForm(DomainForm):
    """The end of a matter under review and its outcome (the model checks it ends after it was opened)."""

    closed_on = forms.DateField(label=_("Closed on"), widget=date_input())
    outcome = forms.CharField(
        label=_("Outcome"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. the conclusion and its number: no violation found, or the measure decided."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("closed_on", timezone.localdate())
        super().__init__(*args, **kwargs)


class LeaveRecordForm(DomainForm):
    """A period of leave; maternity leave counts as working time for titles and forms of reward."""

    kind = forms.ChoiceField(label=_("Kind of leave"), choices=LeaveKind.choices)
    start = forms.DateField(label=_("From"), widget=date_input())
    end = forms.DateField(label=_("Until"), widget=date_input())

    def domain_arguments(self) -> dict:
        return {"fields": dict(self.cleaned_data)}


class UnitHeadForm(DomainForm):
    """The head of a unit, chosen among the people working in it now."""

    person = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label=_("Head"),
        empty_label=_("No head"),
        help_text=_("Documents sent to the unit reach its head first; without one, its leaders."),
    )

    def __init__(self, *args, user, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people_for_user(user).in_units([unit.pk])
