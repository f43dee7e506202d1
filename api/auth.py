"""Who is calling: a bearer token (integrations) or the browser session (read-only use from the UI).

`request.auth` and `request.user` are the account in both cases; endpoints pass it to the access helpers.
"""

import datetime as dt

from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from accounts import two_factor
from accounts.models import ApiToken

from .errors import InvalidToken

LAST_USED_PRECISION = dt.timedelta(minutes=1)


def _record_use(token: ApiToken) -> None:
    """Bookkeeping, not a state change of the account: at most one write a minute, no activity entry."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


class BearerToken(HttpBearer):
    """`Authorization: Bearer thd_…`; a token that is sent but not accepted is refused outright (401)."""

    def authenticate(self, request, token: str):
        tokens = ApiToken.objects.active().select_related("user")
        record = tokens.filter(key_hash=ApiToken.hash(token.strip())).first()
        if record is None or not record.user.is_active:
            raise InvalidToken
        _record_use(record)
        request.user = record.user
        return record.user


class BrowserSession(SessionAuth):
    """The logged-in browser session; refused when a required second factor was not confirmed."""

    def authenticate(self, request, key):
        user = request.user
        if not user.is_authenticated or not user.is_active:
            return None
        if two_factor.asked_for(request):  # a second factor is required, or set up, and not confirmed yet
            return None
        return user
