from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AchievementsConfig(AppConfig):
    name = "achievements"
    verbose_name = _("Initiatives and exemplary models")

    def ready(self):
        from awards.subjects import register_fact_source

        from .facts import initiative_facts

        register_fact_source(initiative_facts)
