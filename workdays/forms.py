"""The calendar screen's forms: which agency and year to show, an exception to add, and the count of working
days."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.forms import DomainForm, date_input

from .domain import FIRST_YEAR, last_year
from .models import DayException, Kind

MAX_DAYS = 366
DATE_ERRORS = {
    "required": _("Enter the date."),
    "invalid": _("Enter a real date as dd/mm/yyyy, e.g. 30/04/2026."),
}


class ViewForm(forms.Form):
    """`?agency=&year=`: the agency (for those who open several) and the year shown; a bad value shows the
    default (her own agency, this year)."""

    agency = forms.ModelChoiceField(label=_("Agency"), queryset=None, required=False, empty_label=None)
    year = forms.IntegerField(label=_("Year"), required=False)

    def __init__(self, data=None, *, agencies):
        super().__init__(data)
        self.choices = list(agencies)  # a handful of agencies: one query, reused for the choice list
        self.fields["agency"].queryset = agencies
        self.fields["agency"].choices = [(agency.pk, agency.name) for agency in self.choices]

    @property
    def offers_choice(self) -> bool:
        return len(self.choices) > 1

    def _value(self, name):
        """A field's value when it is valid (whatever the other field), else None."""
        return self.cleaned_data.get(name) if self.is_bound and not self.errors.get(name) else None

    @property
    def asks_unknown_agency(self) -> bool:
        """An agency was asked that is not one of the choices: not one the user may open."""
        return self.is_bound and bool(self.errors.get("agency"))

    def chosen_agency_id(self) -> int | None:
        agency = self._value("agency")
        return agency.pk if agency is not None else None

    def chosen_year(self) -> int:
        """The year asked for, from 2017 to next year; this year otherwise."""
        year = self._value("year")
        return year if year is not None and FIRST_YEAR <= year <= last_year() else timezone.localdate().year


class ExceptionForm(DomainForm):
    day = forms.DateField(label=_("Date"), widget=date_input(), error_messages=DATE_ERRORS)
    kind = forms.ChoiceField(label=_("Kind of day"), choices=Kind.choices, initial=Kind.OFF)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=DayException._meta.get_field("reason").max_length,
        help_text=DayException._meta.get_field("reason").help_text,
        error_messages={
            "required": _("Give the reason: the announcement or the local holiday behind the exception.")
        },
    )


class CountForm(forms.Form):
    """Start date + N working days → the date: the helper of the calendar screen."""

    start = forms.DateField(label=_("From"), widget=date_input(), error_messages=DATE_ERRORS)
    days = forms.IntegerField(
        label=_("Working days"),
        min_value=1,
        max_value=MAX_DAYS,
        error_messages={
            "required": _("Enter the number of working days."),
            "invalid": _("Enter a whole number of working days."),
            "min_value": _("Count at least 1 working day."),
            "max_value": _("Count at most %(limit_value)s working days."),
        },
    )

    def clean_start(self):
        start = self.cleaned_data["start"]
        if not FIRST_YEAR <= start.year <= last_year():
            message = _("The date must fall between %(first)s and %(last)s.")
            raise forms.ValidationError(message % {"first": FIRST_YEAR, "last": last_year()})
        return start
