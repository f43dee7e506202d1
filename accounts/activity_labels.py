"""Accounts' words in the activity log (read by activity/registry.py)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "accounts.account.created": _("Account created"),
    "accounts.account.updated": _("Account updated"),
    "accounts.account.password_changed": _("Password changed"),
    "accounts.account.logged_in": _("Logged in"),
    "accounts.account.logged_out": _("Logged out"),
    "accounts.account.login_failed": _("Failed login"),
    "accounts.account.locked_out": _("Login blocked after too many failures"),
    "accounts.role.granted": _("Role granted"),
    "accounts.role.revoked": _("Role revoked"),
    "accounts.api_token.issued": _("API token issued"),
    "accounts.api_token.revoked": _("API token revoked"),
    "accounts.two_factor.invited": _("Invitation to set up two-step verification issued"),
    "accounts.two_factor.enrolled": _("Two-factor authentication set up"),
}
MODELS = {
    "account": "accounts.User",
    "role": "accounts.RoleGrant",
    "api_token": "accounts.ApiToken",
    "two_factor": "accounts.TwoFactorInvitation",
}
FIELDS = {"device": _("device")}
