"""The unit picker: choose one unit by typing a few letters of its name, instead of scrolling a list of every
unit of a province (2 000 and more).

    from organisations.widgets import UnitPickerField

    class FilterForm(forms.Form):
        unit = UnitPickerField(label=_("Unit"), required=False, empty_label=_("All units"))

        def __init__(self, *args, user, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["unit"].restrict(units_for_user(user).active())

- `UnitPickerField` is a ModelChoiceField: `cleaned_data[name]` is a Unit (or None). Its queryset (set with
  `restrict()`) decides what is valid; keep it within `organisations.access.units_for_user`.
- `restrict(queryset, closed=False, editable=False, agency=None)`: the units that may be chosen, and the
  narrowing the search endpoint applies to its matches: `closed` offers the dissolved and merged units too
  (else only those in force), `editable` only the units whose people the user may change (those of the
  agencies she manages, and her units as an emulation officer), `agency` (an id) only that agency's. The
  endpoint never widens beyond `units_for_user(request.user)`: a forged request finds no unit of another
  agency.
- The widget (template organisations/_unit_picker.html) shows a search box and, below it, radio buttons named
  like the field: "all" (the empty label, when the field is optional), the chosen unit, then the matches.
  Typing asks `organisations:picker` (htmx, 300 ms after the last key) for at most PICKER_LIMIT matches,
  searched without accents and đ/d in the unit's name and symbol ("dao tao" finds "Trung tâm Đào tạo").
  Enter in the box searches and does not submit the form (static/js/thidua.js, data-picker-search).
- The endpoint reads `name` (the field's name, also the radios' name), `<name>-search` (the typed text),
  `<name>` (the chosen unit), `closed`, `editable`, `agency` and `optional` (offer the empty choice, "All
  units"); it answers the partial organisations/_unit_picker_results.html.
"""

import re

from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils.http import urlencode

from .access import units_for_user
from .models import Unit
from .scope import scope_for

PICKER_LIMIT = 20
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]{0,59}$")


def search_name(name: str) -> str:
    """The name of the search box of the field `name`."""
    return f"{name}-search"


def _pk(value) -> int | None:
    value = str(getattr(value, "pk", value) or "").strip()
    return int(value) if value.isdigit() and len(value) < 19 else None


class UnitPicker(forms.Widget):
    template_name = "organisations/_unit_picker.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.queryset = Unit.objects.none()
        self.params: dict = {}
        self.optional = False
        self.chosen: Unit | None = None  # the unit the field has just validated: no second query to show it

    def use_required_attribute(self, initial):
        return False  # the search box need not be filled; the field says when a unit must be chosen

    def value_omitted_from_data(self, data, files, name):
        return name not in data

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        pk = _pk(value)
        chosen = self.chosen if self.chosen is not None and self.chosen.pk == pk else None
        if chosen is None and pk is not None:
            chosen = self.queryset.with_path().filter(pk=pk).first()
        query = {"name": name, **self.params, "optional": "1" if self.optional else ""}
        context["widget"].update(
            chosen=chosen,
            optional=self.optional,
            search_name=search_name(name),
            search_url=f"{reverse('organisations:picker')}?{urlencode(query)}",
            limit=PICKER_LIMIT,
        )
        return context


class UnitPickerField(forms.ModelChoiceField):
    """One unit chosen with the picker (see the module's docstring)."""

    widget = UnitPicker

    def __init__(self, *, queryset=None, **kwargs):
        super().__init__(queryset=Unit.objects.none() if queryset is None else queryset, **kwargs)
        self.widget.optional = not self.required

    def _set_queryset(self, queryset):
        super()._set_queryset(queryset)
        self.widget.queryset = self.queryset

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def restrict(self, queryset, *, closed: bool = False, editable: bool = False, agency=None) -> None:
        self.queryset = queryset.select_related("parent", "agency")  # the chosen unit shows where it sits
        params = {"closed": closed, "editable": editable}
        self.widget.params = {key: "1" for key, on in params.items() if on}
        if agency is not None:
            self.widget.params["agency"] = str(agency)

    def to_python(self, value):
        unit = super().to_python(value)
        self.widget.chosen = unit
        return unit

    def label_from_instance(self, obj):
        return obj.path_name


def unit_picker_results(user, params) -> dict:
    """What the endpoint answers for the GET parameters `params`: the chosen unit while still allowed, then at
    most PICKER_LIMIT matches of the typed text (two queries: the chosen one, the matches)."""
    name = params.get("name", "")
    if not NAME.match(name):
        name = "unit"
    units = units_for_user(user)
    if params.get("closed") != "1":
        units = units.active()
    scope = scope_for(user)
    if params.get("editable") == "1" and not scope.installation_admin:
        units = units.filter(Q(agency_id__in=scope.manage_agencies) | Q(pk__in=scope.edit_units))
    if (agency := _pk(params.get("agency"))) is not None:
        units = units.filter(agency_id=agency)
    chosen_pk = _pk(params.get(name))
    chosen = units.with_path().filter(pk=chosen_pk).first() if chosen_pk else None
    query = params.get(search_name(name), "").strip()[:100]
    found = []
    if query:
        matches = units.search(query).exclude(pk=chosen_pk).with_path()
        found = list(matches.order_by("agency__name", "position", "name", "pk")[: PICKER_LIMIT + 1])
    return {
        "name": name,
        "chosen": chosen,
        "optional": params.get("optional") == "1",
        "results": found[:PICKER_LIMIT],
        "more": len(found) > PICKER_LIMIT,
        "query": query,
        "limit": PICKER_LIMIT,
    }
