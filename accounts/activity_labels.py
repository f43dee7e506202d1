"""Accounts' words in the activity log (read by activity/registry.py)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "accounts.account.created": _("Account created"),
    "accounts.account.updated": _("Account updated"),
    "accounts.account.password_changed": _("Password changed"),
    "accounts.role.granted": _("Role granted"),
    "accounts.role.revoked": _("Role revoked"),
    "accounts.api_token.issued": _("API token issued"),
    "accounts.api_token.revoked": _("API token revoked"),
    "accounts.two_factor.enrolled": _("Two-factor authentication set up"),
}
MODELS = {"account": "accounts.User", "role": "accounts.RoleGrant", "api_token": "accounts.ApiToken"}
FIELDS = {"device": _("device")}
