"""Forms of the movement and review screens. They validate input; movements.domain saves it."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from documents.access import documents_for_user
from documents.forms import textarea
from documents.widgets import LINK, DocumentPickerField
from lib.forms import DomainForm, DomainModelForm, UploadField, date_input
from organisations.access import agencies_for_user
from organisations.fields import UnitMultipleChoiceField
from organisations.models import Unit
from organisations.scope import scope_for

from .access import can_report
from .domain.movements import MOVEMENT_FIELDS
from .domain.reviews import reporting_units
from .models import DocumentRole, Kind, Level, Movement, ReviewKind, Status


def managed_agencies(user):
    """The agencies in which the user records movements (their secretariat and administrators)."""
    scope = scope_for(user)
    agencies = agencies_for_user(user).active()
    return agencies if scope.installation_admin else agencies.filter(pk__in=scope.manage_agencies)


class MovementFilterForm(forms.Form):
    """Search and filters of the movement list; every field is optional, invalid ones are ignored."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("All levels")), *Level.choices]
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *Kind.choices])
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *Status.choices])
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2999)
    agency = forms.ModelChoiceField(
        label=_("Agency"), required=False, queryset=None, empty_label=_("All agencies")
    )
    closed = forms.BooleanField(label=_("Show merged or dissolved agencies too"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # A merged-away agency is out of the way unless asked for (its movements are listed all the same).
        show_closed = self.data.get("closed") in ("on", "true", "1", "True")
        self.fields["agency"].queryset = agencies_for_user(user).in_force(show_closed=show_closed)

    def filter(self, movements):
        self.is_valid()
        data = self.cleaned_data
        if data.get("agency"):
            movements = movements.filter(agency=data["agency"])
        for name in ("level", "kind", "status"):
            if data.get(name):
                movements = movements.filter(**{name: data[name]})
        if data.get("year"):
            movements = movements.in_year(data["year"])
        if data.get("q"):
            movements = movements.search(data["q"])
        return movements


class MovementForm(DomainModelForm):
    """A movement's data and participating units. `agency` is chosen when recording a new one."""

    agency = forms.ModelChoiceField(label=_("Agency"), queryset=None, empty_label=None)
    units = UnitMultipleChoiceField(
        label=_("Participating units"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every unit of the agency takes part."),
    )

    class Meta:
        model = Movement
        fields = (*MOVEMENT_FIELDS, "units")
        widgets = {
            "launched_on": date_input(),
            "period_start": date_input(),
            "period_end": date_input(),
            "theme": textarea(2),
            "objectives": textarea(4),
            "criteria": textarea(4),
        }
        help_texts = {
            "launched_by": _("E.g. Chủ tịch UBND tỉnh Sóc Trăng, Giám đốc Sở."),
            "theme": _("The slogan of the movement (chủ đề), without quotation marks."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["agency"]
            agencies = [self.instance.agency_id]
            current = Q(pk__in=self.instance.units.values("pk"))
        else:
            self.fields["agency"].queryset = managed_agencies(user)
            agencies = list(self.fields["agency"].queryset.values_list("pk", flat=True))
            current = Q(pk__in=[])
            if len(agencies) == 1:
                self.fields["agency"].widget = forms.HiddenInput()
                self.fields["agency"].initial = agencies[0]
        units = Unit.objects.filter(agency_id__in=agencies)
        self.fields["units"].queryset = units.filter(current | Q(pk__in=Unit.objects.active())).order_by(
            "agency__name", "position", "name"
        )

    def clean(self):
        data = super().clean()
        agency_id = data["agency"].pk if data.get("agency") else self.instance.agency_id
        if any(unit.agency_id != agency_id for unit in data.get("units") or []):
            self.add_error("units", _("Tick only units of the agency that holds the movement."))
        return data

    def domain_arguments(self) -> dict:
        data = self.cleaned_data
        arguments = {"fields": {name: data[name] for name in MOVEMENT_FIELDS}, "units": list(data["units"])}
        if "agency" in self.fields:
            arguments["agency"] = data["agency"]
        return arguments


class MoveForm(forms.Form):
    to = forms.ChoiceField(choices=Status.choices)


class LinkDocumentForm(DomainForm):
    # Searched, not listed: an agency holds tens of thousands of documents (documents/widgets.py).
    document = DocumentPickerField(label=_("Document"), multiple=False)
    role = forms.ChoiceField(label=_("Role"), choices=DocumentRole.choices)

    def __init__(self, *args, user, movement, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = movement.agency.lineage_ids()
        linkable = (
            documents_for_user(user).filter(agency_id__in=agencies).exclude(movement_links__movement=movement)
        )
        self.fields["document"].restrict(linkable, purpose=LINK, agency=sorted(agencies))


class ReviewForm(DomainForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=ReviewKind.choices)
    title = forms.CharField(
        label=_("Title"), max_length=300, help_text=_("E.g. Sơ kết 6 tháng đầu năm 2021.")
    )
    reports_due = forms.DateField(label=_("Units' reports due"), widget=date_input())


class UnitReportForm(DomainForm):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None, empty_label=None)
    results = forms.CharField(
        label=_("Results"),
        max_length=20_000,
        widget=textarea(6),
        help_text=_("What the unit did and achieved in the movement: figures, titles, models."),
    )
    upload = UploadField(label=_("Report file"), required=False)

    def __init__(self, *args, user, review, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = reportable_units(user, review.movement)


def reportable_units(user, movement):
    """The units taking part in the movement whose report the user may send."""
    units = reporting_units(movement)
    return units.filter(pk__in=[unit.pk for unit in units if can_report(user, unit)])


class ReviewResultsForm(DomainForm):
    results = forms.CharField(
        label=_("Results of the review"),
        max_length=20_000,
        widget=textarea(6),
        help_text=_("The overall assessment: one paragraph per line."),
    )
