"""Screens of the rules engine: the catalogue of titles and reward forms, one page per award with its rule
sets and criteria in words, and "who is due" (ai đến hạn) for an agency or a unit, with its .xlsx export —
read from the snapshot the task worker computes (awards.snapshots): counts per award and group first, then
one award's units and a page of 50 rows; the .xlsx written by the worker and served once ready.

The criteria are said in Vietnamese by the checks themselves (awards/checks.py, `describe_criterion`), like
the engine's own explanations: they restate the law for civil servants, as the text of a document does, and
the API returns the same words."""

from dataclasses import dataclass
from functools import partial
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Min, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lib.files import private_file
from lib.forms import submit
from people.models import Person

from . import domain, snapshots
from .access import (
    agencies_read_whole,
    awards_for_user,
    can_change_settings,
    can_keep_ledger,
    can_see_due,
    due_scope_of,
    due_units,
    get_award_for_user,
    reads_law,
)
from .checks import describe_criterion
from .due import is_forecast, who_is_due
from .eligibility import resolve_params, setting_named
from .forms import (
    GROUP_CHOICES,
    UNIT_PICKER_LIMIT,
    AgencyChoiceForm,
    DueForm,
    SettingForm,
    search_units,
    unit_results,
    unit_search_name,
)
from .models import AgencySetting, AwardKind, AwardRule, Criterion, DueEntry, RuleSet, Setting
from .presentation import setting_choices, setting_value_words, status_reason

NEEDS_CONFIRMATION = {"U"}  # status tags shown as "cần xác nhận" (with criteria resting on agency settings)
DEFAULT_FIRST_YEAR = 2017
DUE_PAGE_SIZE = 50


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


def _due_form(request, data=None):
    """(the filter form, the agency, the units the user may see — None for all). The agency is the one chosen
    with `?agency=` among those the user reads whole, else her first. Permission first: due_scope_of
    refuses (403) or hides (404) before any form is read."""
    agency_form = _agency_form(request)
    agency, allowed = due_scope_of(request.user, agency_form.chosen_id())
    first_year = RuleSet.objects.aggregate(first=Min("first_year"))["first"] or DEFAULT_FIRST_YEAR
    form = DueForm(
        request.GET if data is None else data,
        agency=agency,
        units=due_units(agency, allowed),
        first_year=first_year,
    )
    form.agency_form = agency_form
    return form, agency, allowed


def _due_query(agency, year: int, unit, **more) -> str:
    values = {"agency": agency.pk, "year": year, "unit": unit.pk if unit else "", **more}
    return urlencode({key: value for key, value in values.items() if value is not None})


@login_required
@require_GET
def due(request):
    """Counts first (award × group), then, for the award and group chosen, the units and a page of rows;
    the lists come from the snapshot the task worker computes (awards.snapshots). Turning a page of rows
    with htmx answers the rows alone."""
    form, agency, allowed = _due_form(request)
    rows_only = bool(request.htmx) and request.htmx.target == "due-rows"
    context = {"form": form, "agency": agency, "whole_agency": allowed is None, "state": None, "dues": None}
    if form.is_valid():
        context |= _due_context(request, form, agency, form.unit_ids(allowed), rows_only=rows_only)
    if rows_only and context.get("rows_page") is not None:
        return render(request, "awards/due_rows.html", context)
    return render(request, "awards/due.html", context)


def _due_context(request, form, agency, unit_ids, *, rows_only: bool = False) -> dict:
    year, unit = form.cleaned_data["year"], form.cleaned_data["unit"]
    state = snapshots.due_state(agency=agency, year=year)
    query = _due_query(agency, year, unit)
    context = {
        "year": year,
        "unit": unit,
        "forecast": is_forecast(year),
        "state": state,
        "query": query,
        "export_url": f"{reverse('awards:due_export')}?{query}",
        "status_url": f"{reverse('awards:due_status')}?{query}",
        "can_recompute": can_keep_ledger(request.user, agency),
    }
    if state.shown is None:
        return context
    if not rows_only:
        context["dues"] = snapshots.counts(state.shown, unit_ids)  # the awards with someone listed
    award, group = form.cleaned_data["award"], form.cleaned_data["group"]
    if award is not None and group:
        context |= _drill_down(request, state.shown, award, group, unit_ids, rows_only=rows_only)
    return context


def _drill_down(request, snapshot, award, group: str, unit_ids, *, rows_only: bool) -> dict:
    """A page of the group's rows (`page`) and, but for a page of rows alone, the units with rows for the
    award (paged by `units_page`)."""
    entries = snapshots.page_entries(snapshot, award=award, group=group, unit_ids=unit_ids)
    page = Paginator(entries, DUE_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = snapshots.rows(page.object_list)
    context = {"award": award, "current_group": group, "rows_page": page}
    if not rows_only:
        units = snapshots.unit_counts(snapshot, award, unit_ids)
        context["units_page"] = Paginator(units, DUE_PAGE_SIZE).get_page(request.GET.get("units_page"))
        context["group_words"] = dict(GROUP_CHOICES)[group]
    return context


@login_required
@require_GET
def due_status(request):
    """The progress of the list being computed (htmx, polled): once it is ready, the page is reloaded."""
    form, agency, _allowed = _due_form(request)
    if not form.is_valid():
        return HttpResponse(status=400)
    year, unit = form.cleaned_data["year"], form.cleaned_data["unit"]
    state = snapshots.due_state(agency=agency, year=year, build=False)
    if state.shown is not None and request.GET.get("shown") != str(state.shown.pk):
        response = HttpResponse(status=204)  # a newer list is ready: the page shows it
        response["HX-Refresh"] = "true"
        return response
    query = _due_query(agency, year, unit)
    context = {"state": state, "query": query, "agency": agency, "year": year, "unit": unit}
    context["status_url"] = f"{reverse('awards:due_status')}?{query}"
    context["can_recompute"] = can_keep_ledger(request.user, agency)
    return render(request, "awards/due_status.html", context)


@login_required
@require_POST
def due_recompute(request):
    """Compute the list again ("Tính lại"): the agency's secretariat and administrators."""
    form, agency, _allowed = _due_form(request, data=request.POST)
    if not can_keep_ledger(request.user, agency):
        raise PermissionDenied
    if not form.is_valid():
        return redirect("awards:due")
    year, unit = form.cleaned_data["year"], form.cleaned_data["unit"]
    snapshots.recompute(agency=agency, year=year)
    messages.success(request, _("The list is being computed again."))
    return redirect(f"{reverse('awards:due')}?{_due_query(agency, year, unit)}")


@login_required
@require_GET
def due_export(request):
    """The .xlsx of the whole list shown (within the units listed): served when the worker has written it,
    else queued, with a page that follows its progress."""
    form, agency, allowed = _due_form(request)
    if not form.is_valid():
        return redirect(f"{reverse('awards:due')}?{request.GET.urlencode()}")
    year, unit = form.cleaned_data["year"], form.cleaned_data["unit"]
    state = snapshots.due_state(agency=agency, year=year)
    if state.shown is None:  # the list itself is being computed: the page follows it
        return redirect(f"{reverse('awards:due')}?{request.GET.urlencode()}")
    export = snapshots.export_for(state.shown, form.unit_ids(allowed))
    if export.status == snapshots.READY:
        suffix = f"-{unit.pk}" if unit else ""
        return private_file(export.file, filename=f"den-han-khen-thuong-{year}{suffix}.xlsx")
    query = _due_query(agency, year, unit)
    context = {"export": export, "agency": agency, "year": year, "unit": unit, "query": query}
    context["file_status_url"] = f"{reverse('awards:due_file_status')}?{query}"
    return render(request, "awards/due_export.html", context)


@login_required
@require_GET
def due_file_status(request):
    """The progress of the .xlsx being written (htmx, polled); its download link once written."""
    form, agency, allowed = _due_form(request)
    if not form.is_valid():
        return HttpResponse(status=400)
    year, unit = form.cleaned_data["year"], form.cleaned_data["unit"]
    state = snapshots.due_state(agency=agency, year=year, build=False)
    export = snapshots.export_for(state.shown, form.unit_ids(allowed), build=False) if state.shown else None
    query = _due_query(agency, year, unit)
    context = {"export": export, "query": query}
    context["file_status_url"] = f"{reverse('awards:due_file_status')}?{query}"
    return render(request, "awards/due_export_status.html", context)


@login_required
@require_GET
def due_unit_search(request):
    """The unit picker's matches (htmx): the units the reader may choose, by name."""
    agency_form = _agency_form(request)
    agency, allowed = due_scope_of(request.user, agency_form.chosen_id())
    units = due_units(agency, allowed)
    query = request.GET.get(unit_search_name("unit"), "").strip()[:100]
    chosen_id = request.GET.get("unit", "")
    chosen = units.filter(pk=int(chosen_id)).first() if chosen_id.isdigit() else None
    found = []
    if query:
        matches = search_units(units, query).exclude(pk=getattr(chosen, "pk", None))
        found = list(matches[: UNIT_PICKER_LIMIT + 1])
    context = unit_results("unit", chosen, found, query, agency.pk)
    return render(request, "awards/due_unit_results.html", context)


@login_required
@require_GET
def due_checks(request):
    """Every check of one row of the list (`?entry=`), judged again now (htmx, opened on demand): the engine
    on the members of the row's unit only."""
    entry_id = request.GET.get("entry", "")
    if not entry_id.isdigit():
        raise Http404
    entry = get_object_or_404(DueEntry.objects.select_related("snapshot", "award"), pk=int(entry_id))
    agency, allowed = due_scope_of(request.user, entry.snapshot.agency_id)
    if allowed is not None and entry.unit_id not in allowed:
        raise Http404
    dues = who_is_due(agency=agency, year=entry.snapshot.year, unit_ids={entry.unit_id})
    subject_id = entry.person_id or entry.unit_id
    verdict = next(
        (
            row.verdict
            for due in dues
            if due.award.pk == entry.award_id
            for row in (*due.eligible, *due.one_step, *due.deferred)
            if row.subject.pk == subject_id and isinstance(row.subject, Person) == bool(entry.person_id)
        ),
        None,
    )
    template = "awards/due_checks.html" if request.htmx else "awards/due_checks_page.html"
    return render(request, template, {"verdict": verdict, "entry": entry})


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
