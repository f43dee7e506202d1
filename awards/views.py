"""Screens of the rules engine: the catalogue of titles and reward forms, one page per award with its rule
sets and criteria in words, and "who is due" (ai đến hạn) for an agency or a unit, with its .xlsx export.

The criteria are said in Vietnamese by `describe_criterion`, like the engine's own explanations
(awards/checks.py): they restate the law for civil servants, as the text of a document does."""

from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.scope import scope_for
from lib.forms import submit
from lib.xlsx import xlsx_response

from . import domain
from .access import awards_for_user, can_see_due, due_scope, due_units, get_award_for_user
from .checks import MEMBER_FIELDS
from .due import who_is_due
from .eligibility import Engine
from .facts import DISCIPLINE_NAMES, INITIATIVE_NAMES, RATING_NAMES
from .forms import DueForm, SettingForm
from .models import AgencySetting, AwardKind, AwardRule, Criterion, Setting
from .spreadsheets import export_due

NEEDS_CONFIRMATION = {"U"}  # status tags shown as "cần xác nhận" (with criteria resting on agency settings)
DEFAULT_FIRST_YEAR = 2017


# --- the criteria in words ---------------------------------------------------------------------------------


def _percent(value) -> str:
    return f"{float(value) * 100:g}%"


def _number(value: Decimal) -> str:
    """A decimal without trailing zeros, written the locale's way (0,3; 12)."""
    return number_format(Decimal(format(value.normalize(), "f")))


def _localised_percent(value: Decimal) -> str:
    return f"{_number(value * 100)}%"


def _members_share(params: dict, name_of) -> str:
    what = MEMBER_FIELDS.get(params["field"], params["field"])
    if float(params["min"]) >= 1 and not params.get("strict"):
        return f"100% {what}"
    return f"{'Trên' if params.get('strict') else 'Từ'} {_percent(params['min'])} {what}"


def _members_count(params: dict, name_of) -> str:
    what = MEMBER_FIELDS.get(params["field"], params["field"])
    if params.get("max") == 0:
        return f"Không có {what}"
    if params.get("max") is not None:
        return f"Không quá {params['max']} {what}"
    return f"Có ít nhất {params.get('min', 0)} {what}"


def _any_of(params: dict, name_of) -> str:
    options = [
        f"({n}) {describe_criterion(o['code'], o.get('params', {}), name_of=name_of)}"
        for n, o in enumerate(params["options"], start=1)
    ]
    return "Đạt một trong các điều kiện: " + "; hoặc ".join(options)


WORDS = {
    "not-pending": lambda p, name_of: (
        "Không đang bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra hay giải quyết khiếu nại, tố cáo "
        "(nếu có thì hoãn xét)"
    ),
    "not-already-awarded": lambda p, name_of: (
        "Thành tích của năm xét chưa được khen bằng danh hiệu này (mỗi thành tích chỉ khen một lần)"
    ),
    "rating-at-least": lambda p, name_of: (
        f"Xếp loại chất lượng năm xét từ mức “{RATING_NAMES[p['rating']]}” trở lên"
    ),
    "service-months": lambda p, name_of: f"Thời gian công tác trong năm từ {p['months']} tháng trở lên",
    "no-discipline": lambda p, name_of: (
        f"Không bị kỷ luật từ hình thức {DISCIPLINE_NAMES[p['level']]} trở lên trong năm xét"
    ),
    "meets": lambda p, name_of: f"Đạt tiêu chuẩn danh hiệu “{name_of(p['award'])}” trong năm xét",
    "initiative": lambda p, name_of: (
        f"Có sáng kiến được công nhận {INITIATIVE_NAMES[p['level']]} trở lên trong năm xét, "
        "chưa dùng làm căn cứ cho khen thưởng khác"
    ),
    "excellent-or-initiative": lambda p, name_of: (
        f"{RATING_NAMES[p.get('rating', 'HTXSNV')].capitalize()} trong năm xét, hoặc có sáng kiến được công "
        f"nhận {INITIATIVE_NAMES[p.get('level', 'co-so')]} trở lên chưa dùng cho khen thưởng khác"
    ),
    "consecutive": lambda p, name_of: (
        f"Đạt danh hiệu “{name_of(p['award'])}” {p['count']} năm liên tục, tính đến năm xét"
    ),
    "excellent-years-with-initiatives": lambda p, name_of: (
        f"{p['years']} năm liên tục {RATING_NAMES[p.get('rating', 'HTXSNV')]}, trong thời gian đó có "
        f"{p['initiatives']} sáng kiến được công nhận {INITIATIVE_NAMES[p.get('level', 'co-so')]}"
    ),
    "consecutive-ratings": lambda p, name_of: (
        f"{p['years']} năm liên tục xếp loại “{RATING_NAMES[p['rating']]}”, tính đến năm xét"
    ),
    "manual": lambda p, name_of: p["text"].rstrip("."),
    "members-share": _members_share,
    "members-count": _members_count,
    "any-of": _any_of,
}


def describe_criterion(code: str, params: dict, *, name_of=lambda code: code) -> str:
    """A criterion (check code and parameters, settings already resolved) as a Vietnamese sentence, e.g.
    service-months {"months": 10} → "Thời gian công tác trong năm từ 10 tháng trở lên"."""
    words = WORDS.get(code)
    if words is None:
        return f"{code} {params}" if params else code
    try:
        return words(params, name_of)
    except (KeyError, TypeError, ValueError):  # parameters a data change got wrong: show them as they are
        return f"{code} {params}"


def unverified_reason() -> str:
    return _("Not yet checked against the official text: confirm it before relying on it.")


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
    params, confirm = dict(criterion.params), ""
    for key, value in criterion.params.items():
        if isinstance(value, dict) and "setting" in value and value["setting"] in settings:
            setting = settings[value["setting"]]
            current = values[setting.code]
            params[key] = int(current) if current.isdigit() else current
            message = _(
                "The province or the agency sets this value (“%(setting)s”): %(value)s here, %(default)s "
                "by default in the reference. Confirm it before relying on it."
            )
            confirm = message % {"setting": setting.name, "value": current, "default": setting.default}
    if not confirm and criterion.source_status in NEEDS_CONFIRMATION:
        confirm = unverified_reason()
    return CriterionRow(criterion, describe_criterion(criterion.code, params, name_of=name_of), confirm)


def _reader_agency(user):
    """The agency whose settings the catalogue shows: the one the user reads, else her own, else none."""
    try:
        return due_scope(user)[0]
    except PermissionDenied:
        person = getattr(user, "person", None)
        return person.agency.current_successor() if person is not None else None


# --- the catalogue -----------------------------------------------------------------------------------------


@login_required
@require_GET
def catalogue(request):
    awards = list(awards_for_user(request.user))
    agency = _reader_agency(request.user)
    settings, values = _setting_values(agency)
    context = {
        "titles": [award for award in awards if award.kind == AwardKind.TITLE],
        "forms": [award for award in awards if award.kind == AwardKind.FORM],
        "settings": [(setting, values[code]) for code, setting in settings.items()],
        "can_see_due": can_see_due(request.user),
        "can_change_settings": agency is not None and scope_for(request.user).can_manage_agency(agency.pk),
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
        rule.coefficient_text = _number(rule.coefficient)
        rule.threshold_text = _localised_percent(rule.council_threshold) if rule.council_threshold else ""
        rule.quota_text = _localised_percent(rule.quota_share) if rule.quota_share else ""
    rules.sort(key=lambda rule: rule.rule_set.effective_from)
    context = {"award": award, "rules": rules, "unverified": unverified_reason()}
    return render(request, "awards/detail.html", context)


# --- who is due --------------------------------------------------------------------------------------------


def _due_form(request):
    """(the filter form, the engine, the agency, the units the user may see — None for all)."""
    agency, allowed = due_scope(request.user)
    engine = Engine(agency)
    first_year = min((rule_set.first_year for rule_set in engine.rule_sets), default=DEFAULT_FIRST_YEAR)
    form = DueForm(request.GET, agency=agency, units=due_units(agency, allowed), first_year=first_year)
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
        query = urlencode({"year": year, "unit": unit.pk if unit else ""})
        context |= {
            "year": year,
            "unit": unit,
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
    agency = _reader_agency(request.user)
    if agency is None or not scope_for(request.user).can_manage_agency(agency.pk):
        raise PermissionDenied
    setting = get_object_or_404(Setting, code=code)
    _settings, values = _setting_values(agency)
    form = SettingForm(request.POST or None, initial={"value": values[code]})
    change = partial(domain.change_setting, actor=request.user, agency=agency, setting=setting)
    if submit(request, form, change, _("The value was saved; the rules engine uses it from now on.")):
        return redirect("awards:catalogue")
    context = {"form": form, "setting": setting, "agency": agency, "value": values[code]}
    return render(request, "awards/setting_form.html", context)
