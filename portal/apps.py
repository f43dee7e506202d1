from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Public portal")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from publishing.cache import portal_changed
        from publishing.models import Portal, PortalHost

        # A portal set up or a host name mapped: the map of portals (publishing.public) is read again.
        for name, signal in (("save", post_save), ("delete", post_delete)):
            for model in (Portal, PortalHost):
                uid = f"portal-map-{model._meta.model_name}-{name}"
                signal.connect(portal_changed, sender=model, dispatch_uid=uid)
