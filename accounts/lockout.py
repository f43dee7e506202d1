"""The sign-in lockout (django-axes, settings AXES_HANDLER): per username across addresses, per address across
usernames, each with its own limit.

AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"] makes axes count the failures of the username (from every
address) and those of the address (for every username) separately, but compares both with one limit. An office
behind one address fails more often than one person does, so the address gets its own, higher limit
(THIDUA_LOGIN_ADDRESS_FAILURE_LIMIT): `get_failures` scales the address's count to the username's limit.

A successful login forgets the failures of that username only, not those of the address: logging in to one
account must not clear a password-spraying address.
"""

import math

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_parameters, get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render


def _failures(attempts) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        """The failures of the username, or those of the address in units of the username's limit — whichever
        is nearer its own limit; axes locks out when this reaches AXES_FAILURE_LIMIT."""
        username_limit = get_failure_limit(request, credentials)
        address_limit = max(settings.THIDUA_LOGIN_ADDRESS_FAILURE_LIMIT, 1)
        username = get_client_username(request, credentials)
        parameters = get_client_parameters(
            username, request.axes_ip_address, request.axes_user_agent, request, credentials
        )
        counts = []
        for filters, attempts in zip(parameters, self.get_user_attempts(request, credentials), strict=True):
            failures = _failures(attempts)
            if set(filters) == {"ip_address"}:  # exact: floor(n·u/a) >= u exactly when n >= a
                failures = failures * username_limit // address_limit
            counts.append(failures)
        return max(counts, default=0)

    def reset_user_attempts(self, request, credentials=None) -> int:
        username = get_client_username(request, credentials)
        if not username:
            return 0
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count


def lockout_response(request, original_response=None, credentials=None):
    """The page of a blocked login (AXES_LOCKOUT_CALLABLE): 429, in words, with the wait in minutes."""
    cool_off = get_cool_off(request)
    seconds = int(cool_off.total_seconds()) if cool_off else 0
    context = {"minutes": math.ceil(seconds / 60) if seconds else None}
    response = render(request, "accounts/locked_out.html", context, status=429)
    if seconds:
        response["Retry-After"] = str(seconds)
    return response
