from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = _("Organisations")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import Agency, Unit, tree_changed

        for model in (Agency, Unit):
            for name, signal in (("save", post_save), ("delete", post_delete)):
                uid = f"organisations-tree-{model.__name__}-{name}"
                signal.connect(tree_changed, sender=model, dispatch_uid=uid)
