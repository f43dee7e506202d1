"""The forms of the forward package's screens (decisions.views.packages): preparing a package from a meeting,
sending it, registering the higher decision that answers it (its number, date and issuer, the awardees ticked
among the package's proposals or typed by name), confirming a doubtful match and recording the decision with
the reason of each proposal not awarded. They validate input; decisions.domain says what the law or the
package's state refuses (a ValidationError shown on the form)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.models import Award
from lib.forms import DomainForm

from .forms import AgendaChoiceForm, date_field

TYPED_LINES = 3  # awardees typed by name at once (a name the higher decision spells otherwise)


def proposal_words(proposal) -> str:
    return f"{proposal.subject_name} — {proposal.award.name} ({proposal.unit.name})"


class ProposalChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return proposal_words(obj)


class PackageForm(AgendaChoiceForm):
    """The passed proposals to forward, to whom, and who signs the tờ trình. Every proposal of the meeting's
    agenda is accepted here: whether it may be forwarded is the domain's word, said on the form."""

    proposals = ProposalChoiceField(
        label=_("Proposals to forward"),
        queryset=None,
        error_messages={
            "required": _("Choose at least one passed proposal to forward."),
            "invalid_choice": _("A ticked proposal is not on this meeting's agenda: reload the page."),
            "invalid_pk_value": _("A ticked proposal is not on this meeting's agenda: reload the page."),
        },
    )
    recipient = forms.CharField(
        label=_("Addressed to (Kính gửi)"),
        max_length=300,
        help_text=_("The competent authority, e.g. the chairman of the provincial People's Committee."),
    )
    signer = forms.ChoiceField(
        label=_("Signer"),
        required=False,
        help_text=_("Who signs the tờ trình; it can also be chosen later on the document's page."),
    )

    def domain_arguments(self) -> dict:
        data = self.cleaned_data
        return {"proposals": list(data["proposals"]), "recipient": data["recipient"]} | self.signature()


class SendForm(DomainForm):
    sent_on = date_field(_("Sent on"), help_text=_("The date the package leaves the agency."))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"sent_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


def _awards():
    return Award.objects.order_by("position", "name")


def _proposal_line(proposal, award) -> dict:
    """A line of the higher decision for a ticked proposal (register_decision matches it)."""
    person = proposal.person
    return {
        "award": award or proposal.award,
        "person": person,
        "unit": proposal.unit,
        "name": proposal.line_name or proposal.subject_name,
        "position_title": proposal.line_position if person else "",
        "unit_name": proposal.line_unit or proposal.unit.name,
        "amount": None,  # priced by register_decision for the decision's date
    }


class AnswerForm(DomainForm):
    """The higher decision as an incoming document, and its awardees: each proposal of the package ticked
    with the award it gives (the proposed one unless changed), or a name typed as the decision spells it."""

    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=999_999)
    notation = forms.CharField(label=_("Symbol"), max_length=30, help_text=_("E.g. QĐ-UBND."))
    issued_on = date_field(_("Date of the decision"))
    issuer = forms.CharField(
        label=_("Decided by"), max_length=200, help_text=_("E.g. Chủ tịch UBND tỉnh Sóc Trăng.")
    )
    subject = forms.CharField(label=_("Subject"), max_length=500)

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        awards = _awards()
        for entry in items:
            proposal = entry.proposal
            self.fields[f"awarded-{proposal.pk}"] = forms.BooleanField(
                label=proposal_words(proposal), required=False
            )
            self.fields[f"award-{proposal.pk}"] = forms.ModelChoiceField(
                label=_("Award given"), queryset=awards, initial=proposal.award_id, required=False
            )
        for n in range(1, TYPED_LINES + 1):
            self.fields[f"typed-name-{n}"] = forms.CharField(label=_("Name"), max_length=300, required=False)
            self.fields[f"typed-award-{n}"] = forms.ModelChoiceField(
                label=_("Award"), queryset=awards, required=False
            )

    def rows(self):
        """(the tick, the award) of each proposal, for the template."""
        return [(entry, self[f"awarded-{entry.proposal_id}"], self[f"award-{entry.proposal_id}"])
                for entry in self.items]  # fmt: skip

    def typed_rows(self):
        return [(self[f"typed-name-{n}"], self[f"typed-award-{n}"]) for n in range(1, TYPED_LINES + 1)]

    def clean(self):
        data = super().clean()
        for n in range(1, TYPED_LINES + 1):
            name, award = data.get(f"typed-name-{n}"), data.get(f"typed-award-{n}")
            if name and not award:
                self.add_error(f"typed-award-{n}", _("Choose the award given to this name."))
            elif award and not name:
                self.add_error(f"typed-name-{n}", _("Type the name as the decision writes it."))
        return data

    def _lines(self) -> list[dict]:
        data, lines = self.cleaned_data, []
        for entry in self.items:
            proposal = entry.proposal
            if data.get(f"awarded-{proposal.pk}"):
                lines.append(_proposal_line(proposal, data.get(f"award-{proposal.pk}")))
        for n in range(1, TYPED_LINES + 1):
            if name := data.get(f"typed-name-{n}"):
                lines.append({"award": data[f"typed-award-{n}"], "name": name, "amount": None})
        return lines

    def domain_arguments(self) -> dict:
        data = self.cleaned_data
        fields = {"number": data["number"], "notation": data["notation"], "issued_on": data["issued_on"],
                  "subject": data["subject"], "sender_name": data["issuer"]}  # fmt: skip
        return {"fields": fields, "issuer": data["issuer"], "lines": self._lines()}


class ConfirmForm(DomainForm):
    """The proposal of the package a doubtful line awards (none: the decision names someone not proposed)."""

    proposal = forms.ModelChoiceField(label=_("Proposal it awards"), queryset=None, required=False)

    def __init__(self, *args, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["proposal"]
        field.queryset = proposals
        field.label_from_instance = proposal_words
        field.empty_label = _("None of them")


class RecordForm(DomainForm):
    """The reason each proposal of the package the decision does not award was not awarded."""

    def __init__(self, *args, refused, **kwargs):
        super().__init__(*args, **kwargs)
        self.refused = refused
        for proposal in refused:
            self.fields[f"reason-{proposal.pk}"] = forms.CharField(
                label=_("Why “%(name)s” was not awarded") % {"name": proposal_words(proposal)},
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"required": _("Give the reason this proposal was not awarded.")},
            )

    def domain_arguments(self) -> dict:
        return {"refusals": {p.pk: self.cleaned_data[f"reason-{p.pk}"] for p in self.refused}}
