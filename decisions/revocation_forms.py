"""The forms of the revocation screens: which revocations the list shows, the revocation drafted from a ledger
row (ground, conclusion, signer), and what was returned. decisions.domain.revoking does the rest and says,
on the form, what it refuses."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.signing import signing_options
from lib.forms import DomainForm, date_input

from .fund_forms import MoneyField
from .models import Ground

ALL, OUTSTANDING, OVERDUE = "", "outstanding", "overdue"
SHOWN = [(ALL, _("All")), (OUTSTANDING, _("Still to be returned")), (OVERDUE, _("Overdue"))]


class RevocationFilterForm(forms.Form):
    """The list's filter (GET); an invalid value shows them all."""

    show = forms.ChoiceField(label=_("Show"), choices=SHOWN, required=False)

    def value(self) -> str:
        return self.cleaned_data.get("show", ALL) if self.is_valid() else ALL


class RevocationForm(DomainForm):
    ground = forms.ChoiceField(
        label=_("Ground"),
        choices=Ground.choices,
        widget=forms.RadioSelect,
        help_text=_("Law on Emulation and Commendation 2022, Article 93 clause 2."),
        error_messages={"required": _("Choose the ground of the revocation.")},
    )
    conclusion = forms.CharField(
        label=_("Conclusion it rests on"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The conclusion, decision or judgment of the competent body: its number, date and issuer."
        ),
        error_messages={"required": _("State the conclusion the revocation rests on.")},
    )
    signer = forms.ChoiceField(
        label=_("Signer"),
        required=False,
        help_text=_("Who signs the decision; it can also be chosen later on the document's page."),
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = {o.key: o for o in signing_options(agency) if not o.authority}
        choices = [(key, option.label) for key, option in self.options.items()]
        self.fields["signer"].choices = [("", _("— choose later —")), *choices]

    def domain_arguments(self) -> dict:
        data = self.cleaned_data
        option = self.options.get(data["signer"])
        return {"ground": data["ground"], "conclusion": data["conclusion"],
                "signer": option.person if option else None}  # fmt: skip


class ReturnForm(DomainForm):
    amount_returned = MoneyField(
        label=_("Money returned so far (đồng)"),
        min_value=0,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": _("Enter the money returned, in đồng.")},
    )
    object_returned = forms.BooleanField(label=_("The object was returned"), required=False)
    settled_on = forms.DateField(
        label=_("Returned on"),
        widget=date_input(),
        error_messages={"required": _("Enter the day of the return (not a future day)."),
                        "invalid": _("Enter a real date as dd/mm/yyyy, e.g. 30/04/2026.")},
    )  # fmt: skip

    def __init__(self, *args, revocation, **kwargs):
        initial = {"amount_returned": revocation.amount_returned, "settled_on": revocation.settled_on
                   or timezone.localdate(), "object_returned": revocation.object_returned}  # fmt: skip
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        if not revocation.object_due:
            del self.fields["object_returned"]

    def domain_arguments(self) -> dict:
        data = self.cleaned_data
        return {"amount_returned": data["amount_returned"], "settled_on": data["settled_on"],
                "object_returned": data.get("object_returned", False)}  # fmt: skip
