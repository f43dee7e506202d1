"""The Django admin site of thidua: open to the administrators of the whole installation.

Who may use the admin follows the roles, like every other screen: an account holding the system
administrator role for the whole installation (no agency) — or a Django superuser — may open it; an agency's
system administrator, the secretariat and everyone else may not (the admin's lists are not scoped to an
agency). Django's own `is_staff` path stays for accounts an operator flagged by hand. The model permissions
come from `accounts.backends.InstallationAdminBackend`. `thidua.apps.ThiduaAdminConfig` makes this the
default site, so `admin.site` and every `@admin.register` use it.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from organisations.scope import scope_for


class ThiduaAdminSite(admin.AdminSite):
    site_header = _("thidua administration")
    site_title = _("thidua administration")
    index_title = _("Law data, lists and accounts")

    def has_permission(self, request) -> bool:
        user = request.user
        return user.is_active and (user.is_staff or scope_for(user).installation_admin)
