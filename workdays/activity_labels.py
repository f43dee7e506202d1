"""The working-day calendar's words in the activity log (read by activity/registry.py)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "workdays.exception.added": _("Calendar exception added"),
    "workdays.exception.removed": _("Calendar exception removed"),
}
MODELS = {"exception": "workdays.DayException"}
