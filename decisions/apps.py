from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "decisions"
    verbose_name = _("Reward decisions")

    def ready(self):
        from documents.domain import THROUGH

        THROUGH["decisions"] = _("reward decision")  # a decision's document is issued from its page
