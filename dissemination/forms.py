"""Forms of the dissemination screens. They validate input; dissemination.domain saves it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lib.forms import DomainForm, date_input
from organisations.access import units_for_user
from organisations.fields import UnitMultipleChoiceField
from people.access import people_for_user
from people.widgets import PersonPickerField

from .access import recipient_agency


class DisseminateForm(DomainForm):
    """Units (with "all units" for those without script, select/clear-all buttons for those with it) and
    people found with the picker, of the agency that carries the document's work now
    (access.recipient_agency): a predecessor's document goes to its successor's units in force."""

    all_units = forms.BooleanField(label=_("All units of the agency"), required=False)
    units = UnitMultipleChoiceField(
        label=_("Units"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple(
            attrs={"data-select-all": _("Select all"), "data-clear-all": _("Clear all")}
        ),
        help_text=_("The head of each unit receives the document and forwards it to the unit's staff."),
    )
    people = PersonPickerField(
        label=_("People"),
        required=False,
        help_text=_("People who receive the document by name: type a name, then tick the person."),
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
        agency = recipient_agency(document)
        self.fields["units"].queryset = (
            units_for_user(user).in_force().filter(agency_id=agency.pk).order_by("position", "name")
        )
        self.fields["people"].restrict(people_for_user(user).filter(agency_id=agency.pk), agency=agency.pk)
        self.fields["all_units"].label = _("All units of %(agency)s") % {"agency": agency.name}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("all_units"):
            cleaned["units"] = list(self.fields["units"].queryset)
        if not cleaned.get("units") and not cleaned.get("people"):
            raise forms.ValidationError(_("Choose at least one unit or person to send the document to."))
        return cleaned

    def domain_arguments(self) -> dict:
        arguments = super().domain_arguments()
        arguments.pop("all_units", None)
        return arguments


class ImplementedForm(DomainForm):
    note = forms.CharField(
        label=_("What was done"),
        required=False,  # the domain refuses an empty note, with its own message
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
