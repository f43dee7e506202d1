"""Forms of the initiative and exemplary model screens. They validate input and shape it for
achievements.domain, which checks the rules and saves."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.forms import DomainModelForm, TextHygiene, UploadField, date_input
from movements.access import movements_for_user
from movements.models import Movement
from organisations.access import agencies_for_user, units_for_user
from organisations.models import Unit
from people.access import people_for_user
from people.models import Person
from people.widgets import PersonPickerField

from . import access
from .models import ExemplaryModel, Initiative, InitiativeKind, ModelKind, RecognitionLevel

NOT_RECOGNISED = "none"
MAX_AUTHORS = 20


def with_blank(choices, label):
    return [("", label), *choices]


def movement_choices(user):
    return movements_for_user(user).only("pk", "name", "agency_id").order_by("-period_start", "name")


def person_label(person: Person) -> str:
    return f"{person.full_name} ({person.staff_code})"


# --- lists --------------------------------------------------------------------------------------------


class InitiativeFilterForm(forms.Form):
    """Search and filters of the initiatives list; every field is optional, invalid ones are ignored."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2999)
    level = forms.ChoiceField(
        label=_("Recognition"),
        required=False,
        choices=[("", _("All")), *RecognitionLevel.choices, (NOT_RECOGNISED, _("Not recognised yet"))],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=with_blank(InitiativeKind.choices, _("All"))
    )
    movement = forms.ModelChoiceField(
        label=_("Movement"), required=False, queryset=Movement.objects.none(), empty_label=_("All movements")
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"), required=False, queryset=Unit.objects.none(), empty_label=_("All units")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["movement"].queryset = movement_choices(user)
        units = units_for_user(user).in_force()
        self.fields["unit"].queryset = units.only("pk", "name").order_by("agency_id", "name")

    def filter(self, initiatives):
        self.is_valid()
        data = self.cleaned_data
        for name in ("year", "kind", "movement", "unit"):
            if data.get(name):
                initiatives = initiatives.filter(**{name: data[name]})
        if data.get("level") == NOT_RECOGNISED:
            initiatives = initiatives.filter(recognition_level="")
        elif data.get("level"):
            initiatives = initiatives.filter(recognition_level=data["level"])
        if data.get("q"):
            initiatives = initiatives.search(data["q"])
        return initiatives


class ModelFilterForm(forms.Form):
    """Search and filters of the exemplary models list."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=with_blank(ModelKind.choices, _("All")))
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2999)
    movement = forms.ModelChoiceField(
        label=_("Movement"), required=False, queryset=Movement.objects.none(), empty_label=_("All movements")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["movement"].queryset = movement_choices(user)

    def filter(self, models):
        self.is_valid()
        data = self.cleaned_data
        for name in ("kind", "year", "movement"):
            if data.get(name):
                models = models.filter(**{name: data[name]})
        if data.get("q"):
            models = models.search(data["q"])
        return models


# --- initiatives --------------------------------------------------------------------------------------


class InitiativeForm(DomainModelForm):
    """An initiative's data; its authors come from AuthorFormSet. `instance` is given when editing."""

    class Meta:
        model = Initiative
        fields = (
            "unit",
            "kind",
            "title",
            "year",
            "movement",
            "summary",
            "effect",
            "scope",
            "recognition_level",
            "recognised_on",
            "recognised_by",
        )
        widgets = {
            "recognised_on": date_input(),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "effect": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "effect": _("What the initiative brought: time or money saved, quality improved."),
            "scope": _("Where it is applied, e.g. the whole Department."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = access.recording_units(user)
        if self.instance.pk:
            units = units | Unit.objects.filter(pk=self.instance.unit_id)
        else:
            self.initial.setdefault("year", timezone.localdate().year)
        self.fields["unit"].queryset = units.distinct()
        self.fields["movement"].queryset = movement_choices(user)
        self.fields["recognition_level"].choices = with_blank(
            RecognitionLevel.choices, _("Not recognised yet")
        )


class AuthorForm(forms.Form):
    """One author and her share; a blank row is ignored."""

    person = forms.TypedChoiceField(label=_("Author"), required=False, coerce=int, empty_value=None)
    share = forms.DecimalField(
        label=_("Share (%)"), required=False, min_value=0, max_value=100, max_digits=5, decimal_places=2
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = choices

    def clean(self):
        data = super().clean()
        person, share = data.get("person"), data.get("share")
        if person and share is None and "share" not in self.errors:
            self.add_error("share", _("Give this author's share."))
        if share is not None and not person:
            self.add_error("person", _("Choose the author, or clear the share."))
        return data


BaseAuthorFormSet = forms.formset_factory(
    AuthorForm, extra=4, max_num=MAX_AUTHORS, validate_max=True, absolute_max=MAX_AUTHORS
)


class AuthorFormSet(BaseAuthorFormSet):
    """The authors of an initiative: people of the agency the user sees (and the present authors)."""

    def __init__(self, *args, user, initiative: Initiative | None = None, **kwargs):
        present = list(initiative.authors.select_related("person")) if initiative else []
        people = people_for_user(user).filter(agency__in=access.recording_agencies(user))
        if present:
            people = people | Person.objects.filter(pk__in=[a.person_id for a in present])
        self.people = {person.pk: person for person in people.distinct()}
        choices = with_blank([(pk, person_label(p)) for pk, p in self.people.items()], "—")
        kwargs.setdefault("initial", [{"person": a.person_id, "share": a.share} for a in present])
        super().__init__(*args, form_kwargs={"choices": choices}, prefix="authors", **kwargs)

    def authors_value(self) -> list[tuple]:
        """The `authors` argument of domain.record_initiative / update_initiative."""
        rows = [form.cleaned_data for form in self.forms if form.cleaned_data.get("person")]
        return [(self.people[row["person"]], row["share"]) for row in rows]


class EvidenceForm(forms.Form):
    file = UploadField(
        label=_("Evidence file"),
        help_text=_(
            "The description, the recognition decision or a report of the effect: PDF, Word, Excel, "
            "PNG or JPEG."
        ),
    )


# --- exemplary models ---------------------------------------------------------------------------------


class ExemplaryModelForm(DomainModelForm):
    """An exemplary model or new factor with its people and units. `instance` is given when editing."""

    agency = forms.ModelChoiceField(label=_("Agency"), queryset=None, empty_label=None)
    people = PersonPickerField(label=_("People"), required=False)

    class Meta:
        model = ExemplaryModel
        fields = ("kind", "title", "year", "story", "movement", "people", "units")
        widgets = {
            "story": forms.Textarea(attrs={"rows": 8}),
            "units": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        agencies = access.recording_agencies(user)
        if self.instance.pk:
            agencies = agencies_for_user(user).filter(pk=self.instance.agency_id)
            self.initial["agency"] = self.instance.agency_id
        else:
            self.initial.setdefault("year", timezone.localdate().year)
        self.fields["agency"].queryset = agencies
        if len(agencies) == 1:
            self.fields["agency"].widget = forms.HiddenInput()
            self.fields["agency"].initial = agencies[0].pk
        self.fields["movement"].queryset = movement_choices(user)
        people, units = people_for_user(user), units_for_user(user).active()
        if self.instance.pk:  # those linked stay offered even if the user no longer sees them
            people = people | Person.objects.filter(pk__in=self.instance.people.values("pk"))
            units = units | Unit.objects.filter(pk__in=self.instance.units.values("pk"))
        self.fields["people"].restrict(people.distinct())
        self.fields["units"].queryset = units.distinct().order_by("agency_id", "name")

    def clean(self):
        data = super().clean()
        agency, units = data.get("agency"), data.get("units") or []
        if agency and not access.can_record_model(self.user, agency, units):
            self.add_error("units", _("Link at least one of the units where you are the emulation officer."))
        return data

    def domain_arguments(self) -> dict:
        data = self.cleaned_data
        names = ("kind", "title", "year", "story", "movement")
        return {"fields": {n: data[n] for n in names}, "people": data["people"], "units": data["units"]}


class PhotoForm(TextHygiene, forms.Form):
    file = forms.FileField(
        label=_("Photo"),
        widget=forms.ClearableFileInput(attrs={"accept": ".jpg,.jpeg,.png"}),
        help_text=_("A PNG or JPEG picture."),
    )
    caption = forms.CharField(label=_("Caption"), required=False, max_length=300)
