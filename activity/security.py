"""Security events of a request in the activity log: a state change refused (403) and a rate limit reached.

Each row has the client's address (log_action takes it from lib.clientip) and the account, if signed in; it
belongs to the account's agency, so that agency's secretariat reads it (with no single agency, only the
installation's administrators do). A caller repeating the same refused request is written down once a minute,
so that nobody can fill the log by repeating it.
"""

import contextlib

from django.core.cache import cache
from django.urls import Resolver404, resolve

from lib.clientip import client_ip
from organisations.models import Agency
from organisations.scope import scope_for

from .domain import log_action

STATE_CHANGES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
REPEAT_SECONDS = 60


def home_agency(user) -> Agency | None:
    """The agency the account works in today, when there is exactly one."""
    ids = scope_for(user).member_agencies
    agencies = list(Agency.objects.filter(pk__in=ids, successor__isnull=True)[:2]) if ids else []
    return agencies[0] if len(agencies) == 1 else None


def _actor(request):
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def _request_facts(request) -> dict:
    """What was asked: the method, the path (never the query string) and the page's name."""
    match = getattr(request, "resolver_match", None)
    if match is None:  # refused before the URL was resolved (a rate limit)
        with contextlib.suppress(Resolver404):
            match = resolve(request.path_info)
    view = getattr(match, "view_name", "") or ""
    return {"method": request.method, "path": request.path[:300], "view": view}


def _first_in_a_while(request, action: str, actor) -> bool:
    caller = f"account-{actor.pk}" if actor else client_ip(request)
    return cache.add(f"activity:{action}:{caller}:{request.method}:{request.path[:300]}", 1, REPEAT_SECONDS)


def log_denied_change(request) -> None:
    """A POST/PUT/PATCH/DELETE answered 403 (PermissionDenied anywhere, the workflow gate, CSRF)."""
    actor = _actor(request)
    if _first_in_a_while(request, "security.denied", actor):
        log_action(
            actor=actor, action="security.denied", agency=home_agency(actor), extra=_request_facts(request)
        )


def log_throttled(sender, *, request, who: str, limit: tuple[int, int], **_signal) -> None:
    """A rate limit reached (lib.ratelimit.throttled: sent once per window, at the first refusal)."""
    actor = _actor(request)
    requests, seconds = limit
    extra = {"bucket": sender, "counted_per": who, "requests": requests, "seconds": seconds}
    log_action(
        actor=actor,
        action="security.throttled",
        agency=home_agency(actor),
        extra=extra | _request_facts(request),
    )


class DeniedChangeMiddleware:
    """Write `security.denied` when a state-changing request ends in 403 (after AuthenticationMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403 and request.method in STATE_CHANGES:
            log_denied_change(request)
        return response
