from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .access import notification_changed
        from .models import Notification

        for name, signal in (("save", post_save), ("delete", post_delete)):  # the kept unread counts
            uid = f"notifications-inbox-{name}"
            signal.connect(notification_changed, sender=Notification, dispatch_uid=uid)
