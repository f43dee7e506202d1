from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Titles and reward forms")

    def ready(self):
        from . import staleness

        staleness.connect()  # the due lists' record and law versions (awards.staleness)
