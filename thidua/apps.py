from django.contrib.admin.apps import AdminConfig


class ThiduaAdminConfig(AdminConfig):
    """Django's admin with thidua's site: open to the installation's administrators (accounts.admin_site)."""

    default_site = "accounts.admin_site.ThiduaAdminSite"
