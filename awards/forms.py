"""The filter of "who is due": the achievement year and, optionally, one unit (with the units below it)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.forms import DomainForm
from organisations.models import descendant_ids

from .presentation import setting_choices


class AgencyChoiceForm(forms.Form):
    """Which agency the reader looks at, among those she reads whole (awards.access.agencies_read_whole):
    shown to those who read more than one — the installation's administrators above all."""

    agency = forms.ModelChoiceField(
        label=_("Agency"),
        queryset=None,
        required=False,
        empty_label=None,
        error_messages={"invalid_choice": _("Choose one of the agencies in the list.")},
    )

    def __init__(self, data=None, *, agencies):
        super().__init__(data)
        self.fields["agency"].queryset = agencies
        self.choices = list(agencies)  # a handful of agencies in an installation: one query, reused below
        self.fields["agency"].choices = [(agency.pk, agency.name) for agency in self.choices]

    @property
    def offers_choice(self) -> bool:
        return len(self.choices) > 1

    def chosen_id(self) -> int | None:
        """The chosen agency's id, or None (none chosen, or one she may not read: the default applies)."""
        if not self.is_valid() or self.cleaned_data["agency"] is None:
            return None
        return self.cleaned_data["agency"].pk


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit):
        if unit.agency_id == self.current_agency_id:
            return unit.name
        return f"{unit.name} ({unit.agency.short_name or unit.agency.name})"


class DueForm(forms.Form):
    """`first_year`: the first achievement year the law of the system covers; the last is the next year, whose
    list is a forecast. `agency`, `units`: the reader's agency and the units she may choose
    (awards.access.due_units)."""

    year = forms.IntegerField(
        label=_("Achievement year"),
        required=False,
        error_messages={"invalid": _("Enter the year in four digits, e.g. 2021.")},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    unit = UnitChoiceField(
        label=_("Unit"),
        queryset=None,
        required=False,
        empty_label=_("All units"),
        error_messages={"invalid_choice": _("Choose one of the units in the list.")},
    )

    def __init__(self, data=None, *, agency, units, first_year: int):
        super().__init__(data)
        this_year = timezone.localdate().year
        self.first_year, self.this_year, self.last_year = first_year, this_year, this_year + 1
        self.fields["unit"].queryset = units
        self.fields["unit"].current_agency_id = agency.pk
        self.fields["year"].widget.attrs.update(min=self.first_year, max=self.last_year)
        self.fields["year"].initial = this_year
        self.fields["year"].help_text = _("Up to %(year)s: next year's list is a forecast.") % {
            "year": self.last_year
        }

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year is None:
            return self.this_year
        if not self.first_year <= year <= self.last_year:
            message = _(
                "Choose a year from %(first)s to %(last)s: the rules of the system start in %(first)s, "
                "and a forecast looks one year ahead at most."
            )
            raise forms.ValidationError(
                message, code="year", params={"first": self.first_year, "last": self.last_year}
            )
        return year

    def unit_ids(self, allowed: set[int] | None) -> set[int] | None:
        """The units to list: the chosen unit and those below it (within `allowed`), else `allowed`."""
        unit = self.cleaned_data.get("unit")
        if unit is None:
            return allowed
        units = list(self.fields["unit"].queryset.select_related(None).only("pk", "parent_id"))
        below = descendant_ids({unit.pk}, units)
        return below if allowed is None else below & allowed


class SettingForm(DomainForm):
    """An agency's own value of a parameter the reference leaves open (checked by awards.domain): a choice
    among its allowed values said in words (awards.presentation), or a number."""

    value = forms.CharField(label=_("Value"), max_length=40)

    def __init__(self, data=None, *, setting, **kwargs):
        super().__init__(data, **kwargs)
        choices = setting_choices(setting)
        if choices:
            self.fields["value"] = forms.ChoiceField(
                label=_("Value"),
                choices=choices,
                error_messages={"invalid_choice": _("Choose one of the values in the list.")},
            )
