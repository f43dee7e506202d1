from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = _("Publishing on the portal")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from awards.models import AwardRecord

        from .cache import portal_changed
        from .models import Publication

        for name, signal in (("save", post_save), ("delete", post_delete)):
            for model in (AwardRecord, Publication):
                uid = f"publishing-portal-{model._meta.model_name}-{name}"
                signal.connect(portal_changed, sender=model, dispatch_uid=uid)
