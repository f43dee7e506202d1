"""Authorisation backend: Django model permissions derived from the roles (AUTHENTICATION_BACKENDS)."""

from django.contrib.auth.backends import BaseBackend

from organisations.scope import scope_for


class InstallationAdminBackend(BaseBackend):
    """The administrators of the whole installation (role system administrator without an agency) hold every
    model permission, so they can edit the law data and the lists in the Django admin. Nobody else gains
    any: the permission follows the active role grant, not a flag, a group or a stored permission."""

    def has_perm(self, user_obj, perm, obj=None) -> bool:
        return bool(user_obj.is_active and scope_for(user_obj).installation_admin)

    def has_module_perms(self, user_obj, app_label) -> bool:
        return self.has_perm(user_obj, app_label)
