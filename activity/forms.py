"""The filters of the activity log screen."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lib.forms import date_input
from lib.vntext import nfc
from organisations.access import agencies_for_user


class ActivityFilterForm(forms.Form):
    action = forms.CharField(
        label=_("Action"),
        required=False,
        max_length=100,
        help_text=_('The start of the action name, e.g. "people." or "accounts.role".'),
    )
    actor = forms.CharField(
        label=_("By"), required=False, max_length=150, help_text=_("Username or name; accents optional.")
    )
    agency = forms.ModelChoiceField(queryset=None, required=False, label=_("Agency"), empty_label=_("All"))
    date_from = forms.DateField(label=_("From"), required=False, widget=date_input())
    date_to = forms.DateField(label=_("To"), required=False, widget=date_input())
    target = forms.CharField(label=_("Object"), required=False, max_length=100)
    closed = forms.BooleanField(label=_("Also show dissolved and merged agencies"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        show_closed = self.data.get("closed") in ("on", "true", "1") or bool(self.data.get("agency"))
        self.fields["agency"].queryset = agencies_for_user(user).in_force(show_closed=show_closed)

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            raise ValidationError({"date_to": _("The end date cannot be before the start date.")})
        return data

    def filter(self, entries):
        """Apply the valid filters; an invalid form filters nothing (its errors are shown)."""
        if not self.is_valid():
            return entries
        data = {
            name: nfc(value) if isinstance(value, str) else value for name, value in self.cleaned_data.items()
        }
        conditions = {
            "action": Q(action__startswith=data["action"]),
            "actor": Q(actor__in=get_user_model().objects.search(data["actor"])),
            "agency": Q(agency=data["agency"]),
            "date_from": Q(created_at__date__gte=data["date_from"]),
            "date_to": Q(created_at__date__lte=data["date_to"]),
            "target": Q(target_repr__icontains=data["target"]),
        }
        for name, condition in conditions.items():
            if data.get(name) not in (None, ""):
                entries = entries.filter(condition)
        return entries
