from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from organisations import signals

        from . import domain
        from .models import Assignment, Person, QualityRating, people_changed

        signals.merging.connect(domain.refuse_merger_on_staff_codes, dispatch_uid="people-merger-codes")
        signals.merged.connect(domain.continue_after_merger, dispatch_uid="people-merger-staff")
        for model in (Person, Assignment, QualityRating):  # the kept staff figures (people/panels.py)
            for name, signal in (("save", post_save), ("delete", post_delete)):
                uid = f"people-figures-{model.__name__}-{name}"
                signal.connect(people_changed, sender=model, dispatch_uid=uid)
