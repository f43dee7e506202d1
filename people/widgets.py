"""The people picker: choose staff by typing a few letters of a name, instead of scrolling a long list.

Use it in any form that chooses people:

    from people.widgets import PersonPickerField

    class SendForm(DomainForm):
        people = PersonPickerField(label=_("People"), required=False)

        def __init__(self, *args, user, agency, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["people"].restrict(people_for_user(user).filter(agency=agency), agency=agency.pk)

- `PersonPickerField` is a ModelMultipleChoiceField: `cleaned_data[name]` is a queryset of Person. Its
  `queryset` (set with `restrict()`) decides what is valid; keep it within `people.access.people_for_user`.
- `restrict(queryset, agency=None)`: the people who may be chosen, and the narrowing the search endpoint
  applies to its results (`agency`, an agency id, is the only one so far). The endpoint never widens beyond
  `people_for_user(request.user)`, so a forged request finds no one outside the user's scope.
- The widget (`PersonPicker`, template people/_picker.html) shows a search box and, below it, the chosen
  people as ticked checkboxes named like the field. Typing asks `people:picker` (htmx, 300 ms after the last
  key) for at most PICKER_LIMIT matches, searched without accents and đ/d (PersonQuerySet.search); the chosen
  people stay ticked on top of each answer, a match is chosen by ticking it, un-ticking drops it.
  Keyboard: Tab to the box, type, Tab through the results, Space ticks; Enter in the box searches and does
  not submit the form (static/js/thidua.js). The results region is aria-live. htmx attributes only, no
  script of the page's own. Without script the box finds no one: give such forms another way (a unit).
- The endpoint `people:picker` reads `name` (the field's name, also the checkboxes' name), `<name>-search`
  (the typed text), `agency` (optional narrowing) and the ticked ids under `name`; it answers the partial
  people/_picker_results.html.
"""

import re

from django import forms
from django.urls import reverse
from django.utils.http import urlencode

from .access import people_for_user
from .models import Person

PICKER_LIMIT = 20
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]{0,59}$")


def _ids(values) -> list[int]:
    return [int(v) for v in values if str(v).strip().isdigit()][:200]


def search_name(name: str) -> str:
    """The name of the search box of the field `name`."""
    return f"{name}-search"


class PersonPicker(forms.Widget):
    template_name = "people/_picker.html"
    allow_multiple_selected = True

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.queryset = Person.objects.none()
        self.params: dict = {}

    def value_from_datadict(self, data, files, name):
        getter = getattr(data, "getlist", None)
        return getter(name) if getter else data.get(name)

    def use_required_attribute(self, initial):
        return False  # the search box need not be filled; the field says when someone must be chosen

    def value_omitted_from_data(self, data, files, name):
        return False  # no box ticked is a choice of no one

    def format_value(self, value):
        if value is None:
            return []
        values = value if isinstance(value, (list, tuple)) else [value]
        return [str(getattr(v, "pk", v)) for v in values]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        ids = _ids(context["widget"]["value"])
        chosen = (
            list(self.queryset.filter(pk__in=ids).with_current_assignments().alphabetical()) if ids else []
        )
        query = {"name": name, **{k: v for k, v in self.params.items() if v is not None}}
        context["widget"].update(
            chosen=chosen,
            search_name=search_name(name),
            search_url=f"{reverse('people:picker')}?{urlencode(query)}",
            limit=PICKER_LIMIT,
        )
        return context


class PersonPickerField(forms.ModelMultipleChoiceField):
    """Several people chosen with the picker (see the module's docstring)."""

    widget = PersonPicker

    def __init__(self, *, queryset=None, **kwargs):
        super().__init__(queryset=Person.objects.none() if queryset is None else queryset, **kwargs)

    def _set_queryset(self, queryset):
        super()._set_queryset(queryset)
        self.widget.queryset = self.queryset

    queryset = property(forms.ModelMultipleChoiceField._get_queryset, _set_queryset)

    def restrict(self, queryset, *, agency=None) -> None:
        self.queryset = queryset
        self.widget.params = {"agency": agency}


def picker_results(user, params) -> dict:
    """What the endpoint answers for the GET parameters `params`: the chosen people still allowed, then at
    most PICKER_LIMIT matches of the typed text (three queries: the chosen, the matches, their posts)."""
    name = params.get("name", "")
    if not NAME.match(name):
        name = "people"
    people = people_for_user(user)
    agency = params.get("agency", "")
    if agency.isdigit():
        people = people.filter(agency_id=int(agency))
    ids = _ids(params.getlist(name))
    query = params.get(search_name(name), "").strip()[:100]
    found = []
    if query:
        matches = people.search(query).exclude(pk__in=ids).alphabetical()
        found = list(matches.with_current_assignments()[: PICKER_LIMIT + 1])
    chosen = list(people.filter(pk__in=ids).with_current_assignments().alphabetical()) if ids else []
    return {
        "name": name,
        "chosen": chosen,
        "results": found[:PICKER_LIMIT],
        "more": len(found) > PICKER_LIMIT,
        "query": query,
        "limit": PICKER_LIMIT,
    }
