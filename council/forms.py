"""Forms of the secretariat's council screens. They validate input; council.domain saves it (and says, as a
ValidationError shown on the form, what the law or the meeting's state refuses)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.access import documents_for_user
from documents.widgets import LINK, DocumentPickerField
from lib.forms import DomainForm, date_input
from people.access import people_for_user
from people.widgets import PersonPickerField

from .domain.ballot import allowed_choices
from .models import BallotMode, Choice, CouncilRole, Format, Presence, Relation

DATE_ERRORS = {
    "required": _("Enter the date."),
    "invalid": _("Enter a real date as dd/mm/yyyy, e.g. 30/04/2026."),
}
MAX_CHOSEN = 500  # proposals put on one agenda at once
COUNT_ERRORS = {
    "required": _("Enter a number, 0 or more."),
    "invalid": _("Enter a whole number."),
    "min_value": _("Enter a number, 0 or more."),
}


def _date(label, *, required=True, help_text="") -> forms.DateField:
    return forms.DateField(
        label=label, required=required, widget=date_input(), error_messages=DATE_ERRORS, help_text=help_text
    )


def one_person(label, help_text=""):
    field = PersonPickerField(label=label, help_text=help_text or _("Type a few letters of the name."))
    field.error_messages["required"] = _("Choose the person.")
    field.error_messages["invalid_choice"] = _("Choose one of the agency's staff; search for the name again.")
    return field


def _single(form, name):
    """The one person chosen in a picker (refused when several are ticked)."""
    chosen = form.cleaned_data.get(name)
    if chosen is not None and chosen.count() > 1:
        raise forms.ValidationError(_("Choose one person only."))
    return chosen.first() if chosen is not None else None


def staff_of(user, agency):
    return people_for_user(user).filter(agency_id=agency.pk)


# --- the page's filters ------------------------------------------------------------------------------------


class CouncilChoiceForm(forms.Form):
    """Which council the reader looks at, among those she sees (a handful: one per agency)."""

    council = forms.ModelChoiceField(label=_("Council"), queryset=None, required=False, empty_label=None)

    def __init__(self, data=None, *, councils):
        super().__init__(data)
        self.choices = list(councils)
        self.fields["council"].queryset = councils
        self.fields["council"].choices = [(council.pk, council.name) for council in self.choices]

    @property
    def offers_choice(self) -> bool:
        return len(self.choices) > 1

    def chosen(self):
        if self.is_bound and self.is_valid() and self.cleaned_data["council"] is not None:
            return self.cleaned_data["council"]
        return self.choices[0] if self.choices else None


class YearForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, data=None, *, years):
        super().__init__(data)
        self.fields["year"].choices = [("", _("All years")), *[(y, str(y)) for y in years]]

    def value(self):
        return self.cleaned_data.get("year") if self.is_valid() else None


# --- the council, its terms and seats ----------------------------------------------------------------------


class CouncilForm(DomainForm):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=None, empty_label=None)
    name = forms.CharField(
        label=_("Name of the council"), max_length=300, initial="Hội đồng Thi đua - Khen thưởng"
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class TermForm(DomainForm):
    starts_on = _date(_("Term starts on"))
    ends_on = _date(_("Term ends on"), required=False, help_text=_("Leave empty while the term goes on."))
    decision = DocumentPickerField(
        label=_("Decision forming the council"),
        multiple=False,
        required=False,
        help_text=_("Search the agency's documents by words of the subject or by the number."),
    )

    def __init__(self, *args, user, council, **kwargs):
        super().__init__(*args, **kwargs)
        documents = documents_for_user(user).filter(agency_id=council.agency_id)
        self.fields["decision"].restrict(documents, purpose=LINK, agency=[council.agency_id])


class MemberForm(DomainForm):
    person = one_person(_("Member"))
    role = forms.ModelChoiceField(label=_("Role"), queryset=CouncilRole.objects.all(), empty_label=None)
    starts_on = _date(_("Seat held from"), required=False, help_text=_("Leave empty: from the term's start."))

    def __init__(self, *args, user, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].restrict(staff_of(user, council.agency), agency=council.agency_id)

    def clean_person(self):
        return _single(self, "person")


class EndSeatForm(DomainForm):
    ends_on = _date(_("Seat held until"))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"ends_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.person.full_name} — {obj.role.name}"


class RelativeForm(DomainForm):
    member = MemberChoiceField(label=_("Council member"), queryset=None, empty_label=_("— choose —"))
    relative = one_person(_("Relative among the staff"))
    relation = forms.ChoiceField(label=_("Relation"), choices=Relation.choices)

    def __init__(self, *args, user, council, seats, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = seats
        self.fields["relative"].restrict(staff_of(user, council.agency), agency=council.agency_id)

    def clean_relative(self):
        return _single(self, "relative")

    def domain_arguments(self) -> dict:
        data = self.cleaned_data
        return {"person": data["member"].person, "relative": data["relative"], "relation": data["relation"]}


# --- meetings ----------------------------------------------------------------------------------------------


SECRET_CHOICES = [
    ("rules", _("As the rule set of each award and the agency's setting say")),
    ("all", _("Secret ballot on every item")),
]


class MeetingForm(DomainForm):
    title = forms.CharField(label=_("Title"), max_length=300)
    date = _date(_("Date of the meeting"))
    time = forms.TimeField(
        label=_("Time"), required=False, widget=forms.TimeInput(attrs={"placeholder": "08:00"})
    )
    format = forms.ChoiceField(label=_("Format"), choices=Format.choices, initial=Format.IN_PERSON)
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    ballot_mode = forms.ChoiceField(
        label=_("Ballot"), choices=BallotMode.choices, initial=BallotMode.ELECTRONIC
    )
    secret = forms.ChoiceField(label=_("Secret ballot"), choices=SECRET_CHOICES, initial="rules")

    def domain_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data["all_secret"] = True if data.pop("secret") == "all" else None
        return data


class AgendaFilterForm(forms.Form):
    round = forms.ModelChoiceField(
        label=_("Round"), queryset=None, required=False, empty_label=_("All rounds")
    )
    award = forms.ModelChoiceField(
        label=_("Award"), queryset=None, required=False, empty_label=_("All awards")
    )

    def __init__(self, data=None, *, rounds, awards):
        super().__init__(data)
        self.fields["round"].queryset = rounds
        self.fields["award"].queryset = awards

    def filter(self, proposals):
        if not self.is_valid():
            return proposals
        for name in ("round", "award"):
            if self.cleaned_data[name] is not None:
                proposals = proposals.filter(**{name: self.cleaned_data[name]})
        return proposals


class AgendaForm(DomainForm):
    proposals = forms.ModelMultipleChoiceField(
        label=_("Proposals on the agenda"),
        queryset=None,
        error_messages={
            "required": _("Tick the proposals to put on the agenda."),
            "invalid_choice": _("A ticked proposal can no longer be put on the agenda: reload the page."),
            "invalid_pk_value": _("A ticked proposal can no longer be put on the agenda: reload the page."),
        },
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposals"].queryset = candidates

    def clean_proposals(self):
        chosen = self.cleaned_data["proposals"]
        if len(chosen) > MAX_CHOSEN:
            raise forms.ValidationError(_("Tick at most %(limit)s proposals.") % {"limit": MAX_CHOSEN})
        return chosen

    def domain_arguments(self) -> dict:
        return {"proposals": list(self.cleaned_data["proposals"])}


class AttendanceForm(DomainForm):
    """One row per seat: how the member attends and, where the meeting allows substitutes, who stands in for
    him with which written mandate. Fields are named by the seat's id."""

    def __init__(self, *args, user, meeting, seats, recorded, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        choices = [(code, label) for code, label in Presence.choices]
        if not meeting.substitutes:
            choices = [(code, label) for code, label in choices if code != Presence.SUBSTITUTE]
        for seat in seats:
            before = recorded.get(seat.pk)
            name = f"presence_{seat.pk}"
            self.fields[name] = forms.ChoiceField(
                label=seat.person.full_name, choices=choices, initial=getattr(before, "presence", None)
            )
            self.fields[name].error_messages["required"] = _("Choose how the member attends.")
            row = {"seat": seat, "presence": name}
            if meeting.substitutes:
                row |= self._substitute_fields(user, meeting, seat, before)
            self.rows.append(row)

    def _substitute_fields(self, user, meeting, seat, before) -> dict:
        substitute, mandate = f"substitute_{seat.pk}", f"mandate_{seat.pk}"
        self.fields[substitute] = PersonPickerField(label=_("Substitute"), required=False)
        self.fields[substitute].restrict(
            staff_of(user, meeting.council.agency), agency=meeting.council.agency_id
        )
        if before is not None and before.substitute_id:
            self.fields[substitute].initial = [before.substitute_id]
        self.fields[mandate] = forms.CharField(
            label=_("Written mandate"),
            max_length=300,
            required=False,
            initial=getattr(before, "mandate", ""),
            help_text=_("The number and date of the mandate, e.g. Giấy ủy quyền số 12/GUQ ngày 10/01/2026."),
        )
        return {"substitute": substitute, "mandate": mandate}

    def table(self) -> list[tuple]:
        """(seat, its attendance field, its substitute's fields) for the template."""
        return [
            (
                row["seat"],
                self[row["presence"]],
                [self[row[n]] for n in ("substitute", "mandate") if n in row],
            )
            for row in self.rows
        ]

    def clean(self):
        data = super().clean()
        for row in self.rows:
            chosen = data.get(row.get("substitute", ""))
            if chosen is not None and chosen.count() > 1:
                self.add_error(row["substitute"], _("Choose one person only."))
        return data

    def domain_arguments(self) -> dict:
        data = self.cleaned_data
        rows = []
        for row in self.rows:
            chosen = data.get(row.get("substitute", ""))
            rows.append(
                {
                    "membership": row["seat"],
                    "presence": data[row["presence"]],
                    "substitute": chosen.first() if chosen is not None else None,
                    "mandate": data.get(row.get("mandate", ""), ""),
                }
            )
        return {"rows": rows}


class GuestForm(DomainForm):
    name = forms.CharField(label=_("Full name"), max_length=200)
    position = forms.CharField(label=_("Position and organisation"), max_length=300, required=False)


class SeatChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.person.full_name} — {obj.role.name}"


class WrittenForm(DomainForm):
    """The written vote of an absent member, from the signed paper: the seat, then a choice per item (an item
    left empty is not on his paper)."""

    membership = SeatChoiceField(
        label=_("Member voting in writing"), queryset=None, empty_label=_("— choose —")
    )

    def __init__(self, *args, meeting, seats, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = seats
        allowed = allowed_choices(meeting)
        choices = [("", _("— not on the paper —"))] + [(c, Choice(c).label) for c in allowed]
        self.items = []
        for item in items:
            name = f"item_{item.pk}"
            self.fields[name] = forms.ChoiceField(
                label=f"{item.position}. {item.proposal.subject_name} — {item.proposal.award.name}",
                choices=choices,
                required=False,
            )
            self.items.append((item, name))

    def clean(self):
        data = super().clean()
        if not self.errors and not any(data.get(name) for _item, name in self.items):
            self.add_error(None, _("Enter the member's choice on at least one item."))
        return data

    def domain_arguments(self) -> dict:
        data = self.cleaned_data
        choices = {item.pk: data[name] for item, name in self.items if data.get(name)}
        return {"membership": data["membership"], "choices": choices}


class NotVotingForm(DomainForm):
    membership = SeatChoiceField(
        label=_("Member who does not vote"), queryset=None, empty_label=_("— choose —")
    )

    def __init__(self, *args, seats, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = seats


class ItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.position}. {obj.proposal.subject_name} — {obj.proposal.award.name}"


def _count(label, required=True) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, min_value=0, max_value=999, required=required, error_messages=COUNT_ERRORS
    )


class PaperCountForm(DomainForm):
    item = ItemChoiceField(label=_("Agenda item"), queryset=None, empty_label=_("— choose —"))
    ballots = _count(_("Ballots in the box"))
    votes_for = _count(_("Agree"))
    votes_against = _count(_("Disagree"))
    abstentions = _count(_("Abstain"), required=False)
    invalid = _count(_("Invalid ballots"), required=False)

    def __init__(self, *args, items, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items
        if not meeting.abstain:
            del self.fields["abstentions"]

    def domain_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("abstentions", "invalid"):
            data[name] = data.get(name) or 0
        return data


class CloseForm(DomainForm):
    """Closing the ballot; where a cap leaves a tie, the chair's choice among the tied items."""

    chair_picks = forms.ModelMultipleChoiceField(
        label=_("The chair's choice among the tied proposals"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["chair_picks"]
        field.queryset = items
        field.label_from_instance = lambda item: f"{item.position}. {item.proposal.subject_name}"

    def domain_arguments(self) -> dict:
        return {"chair_picks": [item.pk for item in self.cleaned_data["chair_picks"]]}
