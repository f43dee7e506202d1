"""Forms of the dissemination screens. They validate input; dissemination.domain saves it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lib.forms import DomainForm, date_input
from organisations.access import units_for_user
from people.access import people_for_user


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.staff_code})"


class DisseminateForm(DomainForm):
    units = forms.ModelMultipleChoiceField(
        label=_("Units"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The head of each unit receives the document and forwards it to the unit's staff."),
    )
    people = PersonChoiceField(
        label=_("People"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("People who receive the document by name."),
    )
    due_date = forms.DateField(label=_("Confirm by"), widget=date_input())
    requires_implementation = forms.BooleanField(label=_("Ask for an implementation report"), required=False)
    note = forms.CharField(
        label=_("Note to recipients"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, user, document, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = (
            units_for_user(user).active().filter(agency_id=document.agency_id).order_by("position", "name")
        )
        self.fields["people"].queryset = (
            people_for_user(user).filter(agency_id=document.agency_id).alphabetical()
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("units") and not cleaned.get("people"):
            raise forms.ValidationError(_("Choose at least one unit or person to send the document to."))
        return cleaned


class ImplementedForm(DomainForm):
    note = forms.CharField(
        label=_("What was done"),
        required=False,  # the domain refuses an empty note, with its own message
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
