"""Screens of the rules engine: the catalogue of titles and reward forms, one page per award with its rule
sets and criteria in words, and "who is due" (ai đến hạn) for an agency or a unit, with its .xlsx export.

The criteria are said in Vietnamese by the checks themselves (awards/checks.py, `describe_criterion`), like
the engine's own explanations: they restate the law for civil servants, as the text of a document does, and
the API returns the same words."""

from dataclasses import dataclass
from functools import partial
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lib.forms import submit
from lib.xlsx import xlsx_response

from . import domain
from .access import (
    agencies_read_whole,
    awards_for_user,
    can_change_settings,
    can_see_due,
    due_scope_of,
    due_units,
    get_award_for_user,
    reads_law,
)
from .checks import describe_criterion
from .due import is_forecast, who_is_due
from .eligibility import Engine, resolve_params, setting_named
from .forms import AgencyChoiceForm, DueForm, SettingForm
from .models import AgencySetting, AwardKind, AwardRule, Criterion, Setting
from .presentation import setting_choices, setting_value_words, status_reason
from .spreadsheets import export_due

NEEDS_CONFIRMATION = {"U"}  # status tags shown as "cần xác nhận" (with criteria resting on agency settings)
DEFAULT_FIRST_YEAR = 2017


# --- the criteria on the award page (their words are the checks' own: awards/checks.py) ---------------------


def unverified_reason() -> str:
    return status_reason("U")


@dataclass
class CriterionRow:
    criterion: Criterion
    text: str
    confirm: str  # why it needs confirmation ("" when it does not)


def _setting_values(agency) -> tuple[dict, dict]:
    """(setting code → Setting, setting code → the value in force for `agency`)."""
    settings = {setting.code: setting for setting in Setting.objects.all()}
    values = {code: setting.default for code, setting in settings.items()}
    if agency is not None:
        values.update(AgencySetting.objects.filter(agency=agency).values_list("setting__code", "value"))
    return settings, values


def criterion_row(criterion, *, settings: dict, values: dict, name_of) -> CriterionRow:
    """The criterion in words, with the settings of the reader's agency in force (as the engine reads them),
    and why it needs confirmation."""
    params, confirm = resolve_params(criterion.params, values), ""
    for value in criterion.params.values():
        setting = settings.get(setting_named(value))
        if setting is not None:
            current = values[setting.code]
            message = _(
                "The province or the agency sets this value (“%(setting)s”): %(value)s here, %(default)s "
                "by default in the reference. Confirm it before relying on it."
            )
            confirm = message % {
                "setting": setting.name,
                "value": setting_value_words(setting, current),
                "default": setting_value_words(setting, setting.default),
            }
    if not confirm and criterion.source_status in NEEDS_CONFIRMATION:
        confirm = unverified_reason()
    return CriterionRow(criterion, describe_criterion(criterion.code, params, name_of=name_of), confirm)


def _agency_form(request) -> AgencyChoiceForm:
    """`?agency=`: the agency a reader of several agencies (an administrator) chose to look at."""
    return AgencyChoiceForm(request.GET or None, agencies=agencies_read_whole(request.user))


def _reader_agency(user, agency_id: int | None = None):
    """The agency whose settings the catalogue shows: the one chosen among those the user reads whole, else
    the first of them, else the one of her units, else her own, else none."""
    try:
        return due_scope_of(user, agency_id)[0]
    except PermissionDenied:
        person = getattr(user, "person", None)
        return person.agency.current_successor() if person is not None else None


@dataclass
class SettingRow:
    """A rule setting and the value in force for the reader's agency, both said in words."""

    setting: Setting
    value: str

    @property
    def value_words(self) -> str:
        return setting_value_words(self.setting, self.value)

    @property
    def default_words(self) -> str:
        return setting_value_words(self.setting, self.setting.default)

    @property
    def allowed_words(self) -> str:
        return "; ".join(words for _value, words in setting_choices(self.setting))


# --- the catalogue -----------------------------------------------------------------------------------------


@login_required
@require_GET
def catalogue(request):
    awards = list(awards_for_user(request.user))
    law_reader = reads_law(request.user)
    agency_form = _agency_form(request) if law_reader else None
    agency = _reader_agency(request.user, agency_form.chosen_id() if agency_form else None)
    settings, values = _setting_values(agency) if law_reader else ({}, {})
    context = {
        "titles": [award for award in awards if award.kind == AwardKind.TITLE],
        "forms": [award for award in awards if award.kind == AwardKind.FORM],
        "settings": [SettingRow(setting, values[code]) for code, setting in settings.items()],
        "law_reader": law_reader,
        "agency": agency,
        "agency_form": agency_form,
        "can_see_due": can_see_due(request.user),
        "can_change_settings": can_change_settings(request.user, agency),
        "setting_reason": _(
            "The reference leaves this value unverified or to the province: confirm it before relying on it."
        ),
    }
    return render(request, "awards/catalogue.html", context)


@login_required
@require_GET
def award_detail(request, code):
    award = get_award_for_user(request.user, code)
    criteria = Prefetch("criteria", queryset=Criterion.objects.order_by("position", "id"))
    rules = list(AwardRule.objects.filter(award=award).select_related("rule_set").prefetch_related(criteria))
    names = dict(awards_for_user(request.user).values_list("code", "name"))
    settings, values = _setting_values(_reader_agency(request.user))

    def name_of(code):
        return names.get(code, code)

    for rule in rules:
        rule.rows = [
            criterion_row(c, settings=settings, values=values, name_of=name_of) for c in rule.criteria.all()
        ]
        rule.quota_name = name_of(rule.quota_of)
    rules.sort(key=lambda rule: rule.rule_set.effective_from)
    context = {"award": award, "rules": rules, "law_reader": reads_law(request.user)}
    return render(request, "awards/detail.html", context)


# --- who is due --------------------------------------------------------------------------------------------


def _due_form(request):
    """(the filter form, the engine, the agency, the units the user may see — None for all). The agency is
    the one chosen with `?agency=` among those the user reads whole, else her first."""
    agency_form = _agency_form(request)
    agency, allowed = due_scope_of(request.user, agency_form.chosen_id())
    engine = Engine(agency)
    first_year = min((rule_set.first_year for rule_set in engine.rule_sets), default=DEFAULT_FIRST_YEAR)
    form = DueForm(request.GET, agency=agency, units=due_units(agency, allowed), first_year=first_year)
    form.agency_form = agency_form
    return form, engine, agency, allowed


def _listed(result) -> list:
    return [due for due in result if due.eligible or due.one_step or due.deferred]


@login_required
@require_GET
def due(request):
    form, engine, agency, allowed = _due_form(request)
    context = {"form": form, "agency": agency, "whole_agency": allowed is None, "dues": None}
    if form.is_valid():
        year, unit = form.cleaned_data["year"], form.cleaned_data["unit"]
        result = who_is_due(agency=agency, year=year, unit_ids=form.unit_ids(allowed), engine=engine)
        query = urlencode({"agency": agency.pk, "year": year, "unit": unit.pk if unit else ""})
        context |= {
            "year": year,
            "unit": unit,
            "forecast": is_forecast(year),
            "rule_set": engine.rule_set_for(year),
            "dues": _listed(result),
            "export_url": f"{reverse('awards:due_export')}?{query}",
        }
    return render(request, "awards/due.html", context)


@login_required
@require_GET
def due_export(request):
    form, engine, agency, allowed = _due_form(request)
    if not form.is_valid():
        return redirect(f"{reverse('awards:due')}?{request.GET.urlencode()}")
    year, unit = form.cleaned_data["year"], form.cleaned_data["unit"]
    result = who_is_due(agency=agency, year=year, unit_ids=form.unit_ids(allowed), engine=engine)
    suffix = f"-{unit.pk}" if unit else ""
    response = xlsx_response(
        export_due(_listed(result), year=year), f"den-han-khen-thuong-{year}{suffix}.xlsx"
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- the agency's settings ----------------------------------------------------------------------------


@login_required
def setting_edit(request, code):
    agency = _reader_agency(request.user, _agency_form(request).chosen_id())
    if not can_change_settings(request.user, agency):
        raise PermissionDenied
    setting = get_object_or_404(Setting, code=code)
    _settings, values = _setting_values(agency)
    form = SettingForm(request.POST or None, initial={"value": values[code]}, setting=setting)
    change = partial(domain.change_setting, actor=request.user, agency=agency, setting=setting)
    if submit(request, form, change, _("The value was saved; the rules engine uses it from now on.")):
        return redirect(f"{reverse('awards:catalogue')}?{urlencode({'agency': agency.pk})}")
    context = {"form": form, "row": SettingRow(setting, values[code]), "agency": agency, "law_reader": True}
    return render(request, "awards/setting_form.html", context)
