"""Dissemination's words in the activity log (read by activity/registry.py)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "dissemination.dissemination.created": _("Document sent to units and people"),
    "dissemination.receipt.forwarded": _("Forwarded to the unit's staff"),
    "dissemination.receipt.read": _("Confirmed as read"),
    "dissemination.receipt.implemented": _("Confirmed as implemented"),
    "dissemination.reminders.sent": _("Reminders sent"),
}
MODELS = {"receipt": "dissemination.Receipt"}
