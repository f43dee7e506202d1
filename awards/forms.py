"""The filter of "who is due": the achievement year and, optionally, one unit (with the units below it)."""

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from lib.forms import DomainForm
from lib.vntext import search_terms
from organisations.models import descendant_ids

from .models import Award
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


UNIT_PICKER_LIMIT = 20
GROUP_CHOICES = [("eligible", _("Eligible")), ("one_step", _("One step away")), ("deferred", _("Deferred"))]


def unit_search_name(name: str) -> str:
    return f"{name}-search"


def search_units(units, query: str):
    """The units of `units` whose name or symbol holds every word of `query` (accents and đ/d ignored)."""
    for term in search_terms(query):
        units = units.filter(search_text__contains=term)
    return units


def unit_label(unit, agency_id: int) -> str:
    """A unit's name, with its former agency's name for a unit of an agency merged into the reader's."""
    if unit.agency_id == agency_id:
        return unit.name
    return f"{unit.name} ({unit.agency.short_name or unit.agency.name})"


class UnitPicker(forms.Widget):
    """Choose one unit by typing a few letters of its name (a province's agency has hundreds of units): a
    search box that asks `awards:due_unit_search` (htmx, 300 ms after the last key) for at most
    UNIT_PICKER_LIMIT matches, shown as radio buttons named like the field under "All units" and the unit
    chosen so far. Without script, the search box is sent with the form and the page lists the matches."""

    template_name = "awards/due_unit_picker.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.units, self.agency_id, self.chosen, self.query = None, None, None, ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        found = []
        if self.query and self.units is not None:
            matches = search_units(self.units, self.query).exclude(pk=getattr(self.chosen, "pk", None))
            found = list(matches[: UNIT_PICKER_LIMIT + 1])
        context["widget"].update(
            search_name=unit_search_name(name),
            search_url=f"{reverse('awards:due_unit_search')}?{urlencode({'agency': self.agency_id or ''})}",
            **unit_results(name, self.chosen, found, self.query, self.agency_id),
        )
        return context


def unit_results(name: str, chosen, found: list, query: str, agency_id) -> dict:
    """The context of awards/due_unit_results.html."""
    return {
        "name": name,
        "chosen": (chosen, unit_label(chosen, agency_id)) if chosen is not None else None,
        "results": [(unit, unit_label(unit, agency_id)) for unit in found[:UNIT_PICKER_LIMIT]],
        "more": len(found) > UNIT_PICKER_LIMIT,
        "query": query,
        "limit": UNIT_PICKER_LIMIT,
    }


class DueForm(forms.Form):
    """`first_year`: the first achievement year the law of the system covers; the last is the next year, whose
    list is a forecast. `agency`, `units`: the reader's agency and the units she may choose
    (awards.access.due_units), chosen with a search box (UnitPicker), never a list of every unit. `award` and
    `group` (hidden): the list opened below the counts."""

    year = forms.IntegerField(
        label=_("Achievement year"),
        required=False,
        error_messages={"invalid": _("Enter the year in four digits, e.g. 2021.")},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=None,
        required=False,
        widget=UnitPicker,
        error_messages={"invalid_choice": _("Choose one of the units in the list.")},
    )
    award = forms.ModelChoiceField(
        queryset=Award.objects.all(), to_field_name="code", required=False, widget=forms.HiddenInput
    )
    group = forms.ChoiceField(choices=GROUP_CHOICES, required=False, widget=forms.HiddenInput)

    def __init__(self, data=None, *, agency, units, first_year: int):
        super().__init__(data)
        this_year = timezone.localdate().year
        self.first_year, self.this_year, self.last_year = first_year, this_year, this_year + 1
        self.fields["unit"].queryset = units
        picker = self.fields["unit"].widget
        picker.units, picker.agency_id = units, agency.pk
        picker.query = (data or {}).get(unit_search_name("unit"), "").strip()[:100]
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

    def clean(self):
        cleaned = super().clean()
        self.fields["unit"].widget.chosen = cleaned.get("unit")
        return cleaned

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
