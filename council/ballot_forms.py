"""The member's ballot forms (council/views/ballot.py): one answer per agenda item — agree, disagree, and
abstain only where the agency's rules allow it —, and the receipt code typed after the close.

The answers travel in the form only (radios on the screen, hidden fields on the other screens of the walk and
on the review): never in the session, the URL or a message."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lib.forms import DomainForm

from .ballot_box import CODE_LENGTH, normalise_code
from .domain.ballot import allowed_choices
from .models import Choice

PREFIX = "item-"


def field_name(item) -> str:
    return f"{PREFIX}{item.pk}"


class BallotForm(DomainForm):
    """An answer for each of `items`; those whose ids are in `required` must be answered (the items the seat
    still votes on), the others are taken as posted: the domain refuses a second ballot or a recused item with
    its own message, and stores nothing."""

    def __init__(self, data=None, *, meeting, items, required=None, **kwargs):
        super().__init__(data, **kwargs)
        answers = [(choice, Choice(choice).label) for choice in allowed_choices(meeting)]
        required = {item.pk for item in items} if required is None else set(required)
        self.items = {}
        for item in items:
            name = field_name(item)
            self.items[name] = item
            self.fields[name] = forms.ChoiceField(
                label=item.proposal.subject_name,
                choices=answers,
                widget=forms.RadioSelect,
                required=item.pk in required,
                error_messages={
                    "required": _("Choose your answer on this item."),
                    "invalid_choice": _("This answer is not one this meeting allows."),
                },
            )

    def choices(self) -> dict[int, str]:
        """{item id: choice} of the answered items (call after is_valid)."""
        return {
            self.items[name].pk: value
            for name, value in self.cleaned_data.items()
            if name in self.items and value
        }

    def answered(self) -> dict[str, str]:
        """{field name: choice} of the answers that are valid, to carry them to the next screen."""
        return {name: value for name, value in getattr(self, "cleaned_data", {}).items() if value}

    def domain_arguments(self) -> dict:
        return {"choices": self.choices()}


class ReceiptForm(DomainForm):
    """The receipt code shown when the member cast his ballot (dashes, spaces and case do not matter)."""

    code = forms.CharField(
        label=_("Receipt code"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
        error_messages={"required": _("Type the receipt code you were shown when you voted.")},
    )

    def clean_code(self):
        code = self.cleaned_data["code"]
        if len(normalise_code(code)) != CODE_LENGTH:
            raise forms.ValidationError(
                _("A receipt code has 16 letters and digits, for example 7K2M-9QXD-4TPA-H3WZ."),
                code="length",
            )
        return code
