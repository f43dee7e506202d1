from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from people.models import Person

        from . import signals
        from .models import RoleGrant
        from .scope import grants_changed, person_changed

        signals.connect()
        for name, signal in (("save", post_save), ("delete", post_delete)):  # accounts.scope.cached_scope
            signal.connect(grants_changed, sender=RoleGrant, dispatch_uid=f"accounts-scope-grants-{name}")
            signal.connect(person_changed, sender=Person, dispatch_uid=f"accounts-scope-person-{name}")
