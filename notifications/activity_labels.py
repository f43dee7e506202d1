"""Notifications' words in the activity log (read by activity/registry.py)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "notifications.notification.read": _("Notification read"),
    "notifications.notification.all_read": _("All notifications read"),
}
