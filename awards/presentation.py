"""The law's values in words, for every screen: a setting's value ("up" → "làm tròn lên hàng chục nghìn
đồng", "0.8" → "80% tổng số thành viên"), a coefficient ("hệ số 0,8"), a share ("80%"), the evidence tag of a
row (V1 read in the full text; anything else "cần xác nhận" with its reason), the verdict of a title for a
year (a year not ended yet is "chưa đến kỳ xét", not "chưa đạt") and the conditions still missing, named.

Screens never show a setting's code or a raw decimal: they call these helpers (directly or through the
template filters of awards/templatetags/law_words.py). Numbers are written the Vietnamese way (0,8; 10.000).
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .money import Rounding

VERIFIED = "V1"  # read in the full text of the act: the only tag shown without "cần xác nhận"

ROUNDING_WORDS = {
    Rounding.UP: gettext_lazy("rounded up to the next 10.000 đồng"),
    Rounding.NEAREST: gettext_lazy("rounded to the nearest 10.000 đồng"),
    Rounding.DOWN: gettext_lazy("rounded down to 10.000 đồng"),
    Rounding.NONE: gettext_lazy("not rounded"),
}
# setting code → how its number reads; a setting not listed reads as a plain number ("0,8")
SETTING_UNITS = {
    "min-service-months": "months",
    "council-presence": "share_of_members",
    "publicity-days": "working_days",
    "posting-own-days": "working_days",
    "council-documents-days": "working_days",
}
YES_NO_WORDS = {"yes": gettext_lazy("allowed"), "no": gettext_lazy("not allowed")}
# settings whose allowed values are not yes/no: each value in words
CHOICE_WORDS = {
    "council-quorum": {
        "2/3": gettext_lazy("two thirds of all members"),
        "1/2": gettext_lazy("half of all members"),
        "3/4": gettext_lazy("three quarters of all members"),
    },
    "council-recusal-base": {
        "members": gettext_lazy("a share of all members (a recused member counts as not agreeing)"),
        "voting": gettext_lazy("a share of the members entitled to vote on the proposal"),
    },
    "council-secret": {
        "rule": gettext_lazy("secret where the rule set asks for it, open otherwise"),
        "secret": gettext_lazy("always secret"),
    },
}
STATUS_REASONS = {
    "V1": gettext_lazy("Read in the full text of the act."),
    "V2": gettext_lazy(
        "Read in a verbatim quotation of the act, not yet in its official text: confirm it before relying "
        "on it."
    ),
    "R": gettext_lazy(
        "Reported by secondary sources only, not yet checked against the official text: confirm it before "
        "relying on it."
    ),
    "U": gettext_lazy("Not yet checked against the official text: confirm it before relying on it."),
}


def decimal_words(value) -> str:
    """A number the Vietnamese way, without trailing zeros: Decimal("0.80") → "0,8", "12.0" → "12"."""
    try:
        number = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        return str(value)
    if not number.is_finite():
        return str(value)
    return number_format(Decimal(format(number.normalize(), "f")), use_l10n=True, force_grouping=True)


def coefficient_words(value) -> str:
    """A money coefficient as the decrees write it, with one decimal at least: Decimal("0.80") → "hệ số 0,8",
    Decimal("1.00") → "hệ số 1,0", Decimal("0.15") → "hệ số 0,15"."""
    number = Decimal(str(value)).normalize()
    if number == number.to_integral_value():
        number = number.quantize(Decimal("0.1"))
    return _("coefficient %(value)s") % {"value": number_format(number, use_l10n=True)}


def share_words(value) -> str:
    """A share of 1: Decimal("0.15") → "15%"."""
    try:
        number = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        return str(value)
    return f"{decimal_words(number * 100)}%"


def setting_value_words(setting, value: str) -> str:
    """The value of a rule setting (awards.models.Setting) in words, never its code."""
    if setting.choices:
        words = ROUNDING_WORDS if setting.code == "rounding" else CHOICE_WORDS.get(setting.code, YES_NO_WORDS)
        return str(words.get(value, value))
    unit = SETTING_UNITS.get(setting.code)
    if unit == "months":
        return _("%(count)s months") % {"count": decimal_words(value)}
    if unit == "working_days":
        return _("%(count)s working days") % {"count": decimal_words(value)}
    if unit == "share_of_members":
        return _("%(share)s of all members") % {"share": share_words(value)}
    return decimal_words(value)


def setting_choices(setting) -> list[tuple[str, str]]:
    """(value, words) of a setting with allowed values, in their order; [] for a number."""
    return [(value, setting_value_words(setting, value)) for value in setting.choices.split(",") if value]


def needs_confirmation(status: str) -> bool:
    return status != VERIFIED


def status_reason(status: str) -> str:
    return str(STATUS_REASONS.get(status, STATUS_REASONS["U"]))


# --- verdicts -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VerdictWords:
    label: str
    css: str  # the badge's class
    missing: list  # the conditions still missing, in words (the criteria of the checks not met)
    open_year: bool  # the achievement year has not ended


def year_open(year: int, today=None) -> bool:
    """Whether the achievement year has not ended yet: its titles are not yet due for consideration."""
    return year >= (today or timezone.localdate()).year


def missing_steps(verdict) -> list[str]:
    """The conditions a verdict still misses, named in words (the criterion as the award page says it)."""
    return [check.criterion or check.message for check in verdict.checks if check.passed is False]


def verdict_words(verdict, today=None) -> VerdictWords:
    """How a title's verdict reads: met, deferred, not yet due (the year has not ended) or not met."""
    missing, open_year = missing_steps(verdict), year_open(verdict.year, today)
    if verdict.verdict == "eligible":
        return VerdictWords(_("Meets the standards"), "done", [], open_year)
    if verdict.verdict == "deferred":
        return VerdictWords(_("Deferred"), "status-submitted", missing, open_year)
    if open_year:
        return VerdictWords(_("Not yet due for consideration"), "status-submitted", missing, open_year)
    return VerdictWords(_("Not met"), "closed", missing, open_year)
