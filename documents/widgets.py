"""The document picker: choose documents by typing words or a number of them, instead of scrolling a list of
every document of an agency (a province holds tens of thousands: issue 12).

    from documents.widgets import DocumentPickerField

    class DraftForm(DomainForm):
        cited = DocumentPickerField(label=_("Legal bases"), required=False)             # several
        replacement = DocumentPickerField(label=_("Replaced by"), multiple=False)       # one

        def __init__(self, *args, user, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["cited"].restrict(citable_documents(user), purpose=CITE)

- The field's queryset (set with `restrict()`) decides what is valid; keep it within
  documents.access.documents_for_user. `restrict()`'s narrowing (`purpose`, `agency`, `exclude`) is what the
  search endpoint applies to its answers, never widening beyond documents_for_user(request.user).
- The widget (template documents/_picker.html) shows a search box and the chosen documents as ticked
  checkboxes (radio buttons for one) named like the field. Typing asks `documents:picker` (htmx, 300 ms after
  the last key) for at most PICKER_LIMIT matches (documents.search: words, "25/KH-UBND", accents ignored).
  Enter in the box searches and does not submit the form (static/js/thidua.js, as the people picker).
"""

import re

from django import forms
from django.urls import reverse
from django.utils.http import urlencode

from .access import documents_for_user
from .models import UNISSUED_STATES, Document, Status
from .search import find_documents

PICKER_LIMIT = 20
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]{0,59}$")
# What the documents are chosen for: the narrowing the endpoint applies (the field's queryset checks again).
CITE, REPLACE, LINK = "cite", "replace", "link"
PURPOSES = {
    CITE: lambda documents: documents.exclude(status__in=UNISSUED_STATES),
    REPLACE: lambda documents: documents.outgoing().filter(status__in=[Status.ISSUED, Status.PUBLISHED]),
    LINK: lambda documents: documents,
}


def _ids(values) -> list[int]:
    return [int(v) for v in values if str(v).strip().isdigit()][:200]


def search_name(name: str) -> str:
    """The name of the search box of the field `name`."""
    return f"{name}-search"


def _shown(documents):
    return documents.select_related("kind").for_list()


class DocumentPicker(forms.Widget):
    template_name = "documents/_picker.html"

    def __init__(self, attrs=None, multiple=True):
        super().__init__(attrs)
        self.multiple = multiple
        self.queryset = Document.objects.none()
        self.params: dict = {}

    @property
    def allow_multiple_selected(self) -> bool:
        return self.multiple

    def value_from_datadict(self, data, files, name):
        getter = getattr(data, "getlist", None)
        if self.multiple:
            return getter(name) if getter else data.get(name)
        return data.get(name)

    def use_required_attribute(self, initial):
        return False  # the search box need not be filled; the field says when a document must be chosen

    def value_omitted_from_data(self, data, files, name):
        return False  # no box ticked is a choice of none

    def format_value(self, value):
        if value is None or value == "":
            return []
        values = value if isinstance(value, (list, tuple)) else [value]
        return [str(getattr(v, "pk", v)) for v in values]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        ids = _ids(context["widget"]["value"])
        chosen = list(_shown(self.queryset.filter(pk__in=ids))) if ids else []
        query = {"name": name, "one": "" if self.multiple else "1", **self.params}
        query = {key: value for key, value in query.items() if value not in (None, "", [])}
        context["widget"].update(
            chosen=chosen,
            input_type="checkbox" if self.multiple else "radio",
            search_name=search_name(name),
            search_url=f"{reverse('documents:picker')}?{urlencode(query, doseq=True)}",
        )
        return context


class DocumentPickerField(forms.ModelMultipleChoiceField):
    """Documents chosen with the picker (see the module's docstring); `multiple=False`: one document, and
    `cleaned_data[name]` is that Document (or None)."""

    def __init__(self, *, queryset=None, multiple=True, **kwargs):
        self.multiple = multiple
        kwargs.setdefault("widget", DocumentPicker(multiple=multiple))
        super().__init__(queryset=Document.objects.none() if queryset is None else queryset, **kwargs)

    def _set_queryset(self, queryset):
        super()._set_queryset(queryset)
        self.widget.queryset = self.queryset

    queryset = property(forms.ModelMultipleChoiceField._get_queryset, _set_queryset)

    def restrict(self, queryset, *, purpose=LINK, agency=None, exclude=None) -> None:
        self.queryset = queryset
        self.widget.params = {"purpose": purpose, "agency": list(agency or []), "exclude": exclude}

    def clean(self, value):
        if self.multiple:
            return super().clean(value)
        chosen = super().clean([value] if value not in (None, "") else [])
        return chosen.first() if chosen else None

    def has_changed(self, initial, data):
        return super().has_changed(initial if self.multiple or initial is None else [initial], data)


def picker_results(user, params) -> dict:
    """What the endpoint answers for the GET parameters `params`: the chosen documents still allowed, then
    at most PICKER_LIMIT matches of the typed words or number (three queries at most)."""
    name = params.get("name", "")
    if not NAME.match(name):
        name = "documents"
    documents = PURPOSES.get(params.get("purpose"), PURPOSES[LINK])(documents_for_user(user))
    if agencies := _ids(params.getlist("agency")):
        documents = documents.filter(agency_id__in=agencies)
    if (exclude := params.get("exclude", "")).isdigit():
        documents = documents.exclude(pk=int(exclude))
    multiple = not params.get("one")
    ids = _ids(params.getlist(name))[: None if multiple else 1]
    query = params.get(search_name(name), "").strip()[:200]
    results = []
    found = find_documents(documents.exclude(pk__in=ids), query) if query else None
    if found is not None:
        results = list(_shown(found.documents)[: PICKER_LIMIT + 1])
    chosen = list(_shown(documents.filter(pk__in=ids))) if ids else []
    return {
        "name": name,
        "input_type": "checkbox" if multiple else "radio",
        "chosen": chosen,
        "results": results[:PICKER_LIMIT],
        "more": len(results) > PICKER_LIMIT,
        "query": query,
        "limit": PICKER_LIMIT,
    }
