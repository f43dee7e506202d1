"""The forms of the decisions' staff screens: the list's year, the drafter (the passed proposals ticked, the
grouping, the signer, the intended date), issuing, discarding, the certificates' print and re-issue, the
ledger's filters. They validate input; decisions.domain does the rest (and says, as a ValidationError shown on
the form, what the law or the decision's state refuses)."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.models import Award
from documents.signing import signing_options
from lib.forms import DomainForm, date_input
from organisations.widgets import UnitPickerField
from people.models import Person

from .domain.drafting import GROUPINGS
from .models import Issue, Printer, Stock

MAX_CHOSEN = 500  # proposals drafted at once (one action stays bounded)
DATE_ERRORS = {
    "required": _("Enter the date."),
    "invalid": _("Enter a real date as dd/mm/yyyy, e.g. 30/04/2026."),
}
GROUPING_WORDS = {
    "one": _("One decision, with an article per award"),
    "per_award": _("One decision per award"),
}


def date_field(label, *, required=True, help_text="") -> forms.DateField:
    return forms.DateField(
        label=label, required=required, widget=date_input(), error_messages=DATE_ERRORS, help_text=help_text
    )


class YearForm(forms.Form):
    """The year of a list (GET); an invalid value is ignored."""

    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, data=None, *, years):
        super().__init__(data)
        self.fields["year"].choices = [("", _("All years")), *[(y, str(y)) for y in years]]

    def value(self):
        return self.cleaned_data.get("year") if self.is_valid() else None


# --- the drafter -------------------------------------------------------------------------------------------


class AgendaChoiceForm(DomainForm):
    """Proposals ticked on a meeting's agenda (bounded) and the signer chosen among the agency's (documents.
    signing: the head, or a deputy "KT."), for the drafter of decisions and of forward packages."""

    def __init__(self, *args, agenda, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposals"].queryset = agenda
        self.options = {o.key: o for o in signing_options(agency)}
        self.fields["signer"].choices = [
            ("", _("— choose later —")),
            *[(k, o.label) for k, o in self.options.items()],
        ]

    def clean_proposals(self):
        chosen = self.cleaned_data["proposals"]
        if len(chosen) > MAX_CHOSEN:
            raise forms.ValidationError(
                _("Tick at most %(limit)s proposals at once.") % {"limit": MAX_CHOSEN}
            )
        return chosen

    def signature(self) -> dict:
        option = self.options.get(self.cleaned_data["signer"])
        return {
            "signer": option.person if option else None,
            "signing_authority": option.authority if option else "",
        }


class DraftForm(AgendaChoiceForm):
    """The passed proposals of a meeting to award by the agency's decision(s). Every proposal of the meeting's
    agenda is accepted here: whether it may be awarded (passed, within the agency's authority, not already on
    a decision) is the domain's word, said on the form."""

    proposals = forms.ModelMultipleChoiceField(
        label=_("Proposals to award"),
        queryset=None,
        error_messages={
            "required": _("Choose at least one passed proposal."),
            "invalid_choice": _("A ticked proposal is not on this meeting's agenda: reload the page."),
            "invalid_pk_value": _("A ticked proposal is not on this meeting's agenda: reload the page."),
        },
    )
    grouping = forms.ChoiceField(
        label=_("Grouping"), choices=[(code, GROUPING_WORDS[code]) for code in GROUPINGS], initial="one",
        widget=forms.RadioSelect,
    )  # fmt: skip
    signer = forms.ChoiceField(
        label=_("Signer"),
        required=False,
        help_text=_("Who signs the decision; it can also be chosen later on the document's page."),
    )
    decided_on = date_field(
        _("Intended date"),
        required=False,
        help_text=_("The amounts are computed with the base salary of this date (today if empty), and "
                    "computed again when the decision is issued."),
    )  # fmt: skip

    def domain_arguments(self) -> dict:
        data = self.cleaned_data
        chosen = {
            "proposals": list(data["proposals"]),
            "grouping": data["grouping"],
            "decided_on": data["decided_on"],
        }
        return chosen | self.signature()


# --- issuing -----------------------------------------------------------------------------------------------


class IssueForm(DomainForm):
    issued_on = date_field(
        _("Date of issue"), help_text=_("The date the decision bears; its amounts are those of this date.")
    )


class DiscardForm(DomainForm):
    """Nothing to fill: the button confirms."""


# --- certificates ------------------------------------------------------------------------------------------


class PrintForm(DomainForm):
    stock = forms.ChoiceField(
        label=_("Paper"), choices=Stock.choices, initial=Stock.PLAIN, widget=forms.RadioSelect
    )
    printer = forms.ModelChoiceField(
        label=_("Printer"),
        queryset=None,
        required=False,
        empty_label=_("No offset"),
        help_text=_("On pre-printed stock the text is shifted by the printer's offset."),
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["printer"].queryset = Printer.objects.filter(agency=agency).order_by("name")


class ReissueForm(DomainForm):
    """A certificate printed again: exchanged (damaged or misprinted) or re-issued (lost)."""

    issue = forms.ChoiceField(label=_("Kind"), choices=[], widget=forms.RadioSelect)
    requested_on = date_field(_("Requested on"))
    reason = forms.CharField(label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    name = forms.CharField(
        label=_("Name as printed"),
        max_length=300,
        required=False,
        help_text=_("Correct a misprinted name here; left as it is, the original's name is printed."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issue"].choices = [(c, label) for c, label in Issue.choices if c != Issue.ORIGINAL]


# --- the ledger --------------------------------------------------------------------------------------------


class LedgerFilterForm(forms.Form):
    """The ledger's filters (GET); invalid values are ignored."""

    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    award = forms.ModelChoiceField(
        label=_("Award"), queryset=Award.objects.order_by("position", "name"), required=False,
        empty_label=_("All awards"),
    )  # fmt: skip
    unit = UnitPickerField(label=_("Unit"), required=False, empty_label=_("All units"))

    def __init__(self, data=None, *, years, units):
        super().__init__(data)
        self.fields["year"].choices = [("", _("All years")), *[(y, str(y)) for y in years]]
        self.fields["unit"].restrict(units, closed=True)

    def filter(self, records):
        self.is_valid()
        data = self.cleaned_data
        if data.get("year"):
            records = records.filter(year=data["year"])
        if data.get("award"):
            records = records.filter(award=data["award"])
        if unit := data.get("unit"):
            records = records.filter(unit_or_staff_of(unit))
        return records


def unit_or_staff_of(unit):
    """The rows of a unit: its collective awards and those of the people in it today."""
    return Q(unit=unit, person__isnull=True) | Q(person__in=Person.objects.in_units([unit.pk]).values("pk"))


class CorrectionForm(DomainForm):
    """A correcting decision's changes, in the decision's words (a line starting with "-" or "a)" is an
    item); the signer is chosen on the draft's document page."""

    changes_text = forms.CharField(
        label=_("What the correcting decision changes"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("E.g. “- Tại số thứ tự 3 của danh sách kèm theo, sửa “Đặng Thị Huơng” thành “Đặng Thị "
                    "Hương”.” A misprinted certificate alone is re-issued instead."),
    )  # fmt: skip
