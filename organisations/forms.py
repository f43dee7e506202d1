"""Forms for the unit screens. They validate input; organisations.domain saves it."""

import copy

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from lib.vntext import nfc
from people.access import people_for_user

from .access import units_for_user
from .models import Unit

DATE_PLACEHOLDER = "dd/mm/yyyy"


def date_input():
    """A text input for dd/mm/yyyy dates (parsed with the locale's DATE_INPUT_FORMATS)."""
    return forms.DateInput(
        attrs={"placeholder": DATE_PLACEHOLDER, "inputmode": "numeric", "autocomplete": "off"}
    )


def add_model_errors(form, exc: ValidationError) -> None:
    """Put a model ValidationError raised by a domain function on the form (unknown fields go on top)."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields and field != NON_FIELD_ERRORS else None, errors)


class DomainModelForm(forms.ModelForm):
    """A ModelForm that works on a copy of the instance, so the domain function sees the unchanged object."""

    def __init__(self, *args, instance=None, **kwargs):
        super().__init__(*args, instance=copy.copy(instance) if instance is not None else None, **kwargs)

    def domain_arguments(self) -> dict:
        """Keyword arguments for the domain function: the changed fields."""
        return {"fields": {name: self.cleaned_data[name] for name in self.Meta.fields}}


class DomainForm(forms.Form):
    """A plain form whose cleaned data are the keyword arguments of a domain function."""

    def domain_arguments(self) -> dict:
        return dict(self.cleaned_data)


class UnitForm(DomainModelForm):
    class Meta:
        model = Unit
        fields = ("name", "symbol", "kind", "parent", "head", "position", "valid_from", "valid_to")
        widgets = {"valid_from": date_input(), "valid_to": date_input()}

    def __init__(self, *args, user, agency, **kwargs):
        super().__init__(*args, **kwargs)
        parents = units_for_user(user).filter(agency=agency)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["head"].queryset = people_for_user(user).filter(agency=agency)

    def clean_symbol(self):
        """Symbols are stored in capitals: compare them so, or a duplicate slips past validation."""
        return nfc(self.cleaned_data["symbol"]).upper()
