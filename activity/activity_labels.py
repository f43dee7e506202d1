"""The activity log's own words: security events written for any request (activity/security.py)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "security.denied": _("Change refused: no permission"),
    "security.throttled": _("Too many requests: rate limit reached"),
}
