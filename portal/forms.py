"""The portal's filters and searches: GET forms, every value checked; a wrong one is named and ignored."""

from django import forms
from django.utils.translation import gettext_lazy as _

from publishing.public import EXEMPLARY_KINDS, clean_query

NO_CHOICE = [("", _("All"))]


class QueryField(forms.CharField):
    """A visitor's query: control characters (NUL…) dropped and cut to publishing.public.QUERY_MAX before
    the checks, so that an overlong or odd query is searched, not refused."""

    def to_python(self, value):
        return clean_query(super().to_python(value))


class PageField(forms.CharField):
    def to_python(self, value):
        return (super().to_python(value) or "1")[:12]


class YearField(forms.TypedChoiceField):
    """A year from the list, or any other plausible year typed in the address (its list is then empty)."""

    def __init__(self, **kwargs):
        super().__init__(label=_("Year"), required=False, coerce=int, empty_value=None, **kwargs)

    def valid_value(self, value):
        return str(value).isdigit() and 1900 <= int(value) <= 2200


class SearchForm(forms.Form):
    q = QueryField(label=_("Search"), required=False)
    page = PageField(required=False)

    def __init__(self, data, **kwargs):
        if data is not None and "q" in data:  # shown again as searched: cut, without control characters
            data = data.copy()
            data["q"] = clean_query(data.get("q"))
        super().__init__(data, **kwargs)


class DocumentFilterForm(SearchForm):
    loai = forms.ChoiceField(label=_("Kind"), required=False)
    nam = YearField()
    ban_hanh = forms.ChoiceField(label=_("Issuing body"), required=False)
    co_quan = forms.TypedChoiceField(label=_("Agency"), required=False, coerce=int, empty_value=None)

    def __init__(self, data, *, choices: dict, agencies=()):
        super().__init__(data)
        self.fields["loai"].choices = NO_CHOICE + list(choices["kinds"])
        self.fields["nam"].choices = NO_CHOICE + [(year, str(year)) for year in choices["years"]]
        self.fields["ban_hanh"].choices = NO_CHOICE + [(name, name) for name in choices["issuers"]]
        self.fields["co_quan"].choices = NO_CHOICE + [(pk, name) for pk, name in agencies]
        if len(agencies) < 2:
            del self.fields["co_quan"]


class ExemplaryFilterForm(forms.Form):
    loai = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=NO_CHOICE
        + list(
            zip(
                EXEMPLARY_KINDS,
                [_("Exemplary examples"), _("New models"), _("New factors")],
                strict=True,
            )
        ),
    )
    page = PageField(required=False)


class HonourRollFilterForm(forms.Form):
    nam = YearField()
    danh_hieu = forms.TypedChoiceField(label=_("Award"), required=False, coerce=int, empty_value=None)
    don_vi = forms.TypedChoiceField(label=_("Unit"), required=False, coerce=int, empty_value=None)
    page = PageField(required=False)

    def __init__(self, data, *, choices: dict):
        super().__init__(data)
        self.fields["nam"].choices = NO_CHOICE + [(year, str(year)) for year in choices["years"]]
        self.fields["danh_hieu"].choices = NO_CHOICE + list(choices["awards"])
        self.fields["don_vi"].choices = NO_CHOICE + list(choices["units"])


class PageForm(forms.Form):
    page = PageField(required=False)


def read(form) -> dict:
    """The form's valid values: a wrong value (?nam=x) is left out and its error shown next to its field."""
    form.is_valid()
    return {name: value for name, value in form.cleaned_data.items() if value not in (None, "")}
