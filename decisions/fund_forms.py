"""The forms of the fund page: which agency and year it shows, and the fund recorded for them."""

import datetime as dt
import re
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.forms import DomainForm

FIRST_YEAR = 1990
_GROUPING = re.compile(r"[\s.,]|đồng|đ$", re.IGNORECASE)


class FundChoiceForm(forms.Form):
    """The agency (for a reader of several) and the year of the fund page; invalid values are ignored."""

    agency = forms.ModelChoiceField(label=_("Agency"), queryset=None, required=False, empty_label=None)

    def __init__(self, data=None, *, agencies, today: dt.date | None = None):
        super().__init__(data)
        self.today = today or timezone.localdate()
        self.choices = list(agencies)
        self.fields["agency"].queryset = agencies
        self.fields["agency"].choices = [(agency.pk, agency.name) for agency in self.choices]
        last = self.today.year + 1
        self.fields["year"] = forms.IntegerField(
            label=_("Year"), required=False, min_value=FIRST_YEAR, max_value=last, initial=self.today.year
        )

    @property
    def offers_choice(self) -> bool:
        return len(self.choices) > 1

    def _valid(self, name):
        return self.cleaned_data.get(name) if self.is_bound and self.is_valid() else None

    def chosen(self):
        return self._valid("agency") or (self.choices[0] if self.choices else None)

    def chosen_year(self) -> int:
        return self._valid("year") or self.today.year


class MoneyField(forms.IntegerField):
    """A whole number of đồng, typed with or without grouping: "150.000.000", "150 000 000 đồng"."""

    def to_python(self, value):
        if isinstance(value, str):
            value = _GROUPING.sub("", value.strip())
        return super().to_python(value)


class FundForm(DomainForm):
    allocation = MoneyField(
        label=_("Allocation (đồng)"),
        min_value=0,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    organising_share = forms.DecimalField(
        label=_("Share for organising work (%)"),
        min_value=0,
        max_value=100,
        max_digits=3,
        decimal_places=0,
        initial=20,
        help_text=_(
            "Kept for organising the movements, reviews, publicity and council meetings: 20 percent of the "
            "fund (Decree 98/2023/NĐ-CP, Article 50 clause 3 point a, Article 52 clause 1 point a)."
        ),
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def domain_arguments(self) -> dict:
        share = self.cleaned_data["organising_share"] / Decimal(100)
        return {"allocation": self.cleaned_data["allocation"], "organising_share": share,
                "note": self.cleaned_data["note"]}  # fmt: skip
