from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People")

    def ready(self):
        from organisations import signals

        from . import domain

        signals.merging.connect(domain.refuse_merger_on_staff_codes, dispatch_uid="people-merger-codes")
        signals.merged.connect(domain.continue_after_merger, dispatch_uid="people-merger-staff")
