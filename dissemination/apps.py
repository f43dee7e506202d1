from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisseminationConfig(AppConfig):
    name = "dissemination"
    verbose_name = _("Dissemination")

    def ready(self):
        from notifications.signals import email_sent

        from . import domain

        email_sent.connect(domain.record_reminder_sent, dispatch_uid="dissemination-reminder-sent")
