"""The law's values in words on the templates (awards/presentation.py says them):

- `{{ rule.coefficient|coefficient }}` → "hệ số 1,5"; `{{ share|share }}` → "80%";
- `{{ value|setting_value:setting }}` → "làm tròn lên hàng chục nghìn đồng", "6 tháng";
- `{% evidence status reason %}` → nothing for a row read in the full text (V1), else the "cần xác nhận" mark
  whose reason opens on tap (a <details>) and shows on hover (title); readers of the law (`law_reader` in the
  context) also see the tag itself (V1, V2, R, U);
- `{% verdict_badge verdict %}` → "Đạt tiêu chuẩn", "Hoãn xét", "Chưa đến kỳ xét" (the year has not ended) or
  "Chưa đạt", with the conditions still missing named;
- `{{ verdict|missing_steps }}` → those conditions, in words (for "Còn một bước: …").
"""

from django import template

from .. import presentation

register = template.Library()


@register.filter
def coefficient(value) -> str:
    return presentation.coefficient_words(value) if value not in (None, "") else ""


@register.filter
def share(value) -> str:
    return presentation.share_words(value) if value not in (None, "") else ""


@register.filter
def setting_value(value, setting) -> str:
    return presentation.setting_value_words(setting, value)


@register.filter
def missing_steps(verdict) -> list[str]:
    return presentation.missing_steps(verdict) if verdict else []


@register.inclusion_tag("awards/_evidence.html", takes_context=True)
def evidence(context, status, reason=""):
    return {
        "status": status,
        "show_tag": bool(context.get("law_reader")) and bool(status),
        "needs_confirmation": bool(reason) or presentation.needs_confirmation(status),
        "reason": reason or presentation.status_reason(status),
    }


@register.inclusion_tag("awards/_verdict.html")
def verdict_badge(verdict):
    return {"words": presentation.verdict_words(verdict), "verdict": verdict}


@register.filter
def year_open(year) -> bool:
    """Whether the achievement year has not ended (its checks not met are not final)."""
    return presentation.year_open(int(year))
