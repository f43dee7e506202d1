"""Rate limits: too many requests of a kind in a window are answered 429 with `Retry-After`.

Buckets (what is counted): "api" — every request under /api/; "login" — a POST to the sign-in page
(django-axes locks usernames, this counts an address spraying many); "render" — PDF and DOCX rendering (URL
names or paths ending in pdf/docx); "export" — spreadsheet exports (URL names containing "export", paths
ending in .xlsx/.csv/.zip). settings.THIDUA_RATE_LIMITS gives, for each bucket, {"user": (requests, seconds),
"address": (requests, seconds)}: both are counted, the user's only for a signed-in account or an API token
(known by a prefix of its hash, before the API checks it). An empty dict turns every limit off.

Fixed windows counted in Django's cache (`incr`, or `add` for a window's first request), shared by every
application process: Redis with THIDUA_CACHE_URL (exact, across servers), else the file cache of one machine
(its `incr` is not atomic: two processes counting at the same instant may record two requests as one). The
address is counted first and a refusal stops the counting, so a refused caller creates no new counters (one
per forged token) that would make the cache evict others. The first refusal of a window is announced
(`throttled`): the activity log records it once, not per request.
"""

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.dispatch import Signal
from django.http import JsonResponse
from django.shortcuts import render, resolve_url
from django.urls import Resolver404, resolve
from django.utils.translation import ngettext

from .apicalls import bearer_token, is_api_call
from .clientip import client_ip

IDENTITY_ORDER = ("address", "user")
RENDER_NAME_ENDINGS = ("pdf", "docx")
RENDER_PATH_ENDINGS = (".pdf", ".docx")
EXPORT_PATH_ENDINGS = (".xlsx", ".csv", ".zip")
# Besides settings.LOGIN_URL: the Django admin's own sign-in form.
OTHER_LOGIN_VIEWS = ("admin:login",)
# The API speaks Vietnamese whatever the request language (api/errors.py).
API_MESSAGE = "Bạn đã gửi quá nhiều yêu cầu. Hãy thử lại sau {seconds} giây."

# Sent once per window and key, at the first refused request: sender=the bucket, request, who ("user" or
# "address"), limit (requests, seconds).
throttled = Signal()


@dataclass(frozen=True)
class Refusal:
    bucket: str
    who: str
    limit: tuple[int, int]
    retry_after: int
    first: bool  # the first refused request of the window


def _clock() -> float:
    return time.time()


def buckets_for(request) -> list[str]:
    """The buckets a request counts in."""
    path = request.path_info
    found = ["api"] if is_api_call(request) else []
    name = _view_name(request)
    if request.method == "POST" and (name in OTHER_LOGIN_VIEWS or path == resolve_url(settings.LOGIN_URL)):
        found.append("login")
    if name.endswith(RENDER_NAME_ENDINGS) or path.endswith(RENDER_PATH_ENDINGS):
        found.append("render")
    if "export" in name.rpartition(":")[2] or path.endswith(EXPORT_PATH_ENDINGS):
        found.append("export")
    return found


def _view_name(request) -> str:
    try:
        return resolve(request.path_info, getattr(request, "urlconf", None)).view_name or ""
    except Resolver404:
        return ""


def identities(request) -> dict[str, str]:
    """{"address": …, "user": …} of the caller: the account id, else the hash prefix of a bearer token."""
    found = {"address": client_ip(request)}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        found["user"] = f"account-{user.pk}"
    else:
        if token := bearer_token(request):
            found["user"] = "token-" + hashlib.sha256(token.encode()).hexdigest()[:24]
    return {who: value for who, value in found.items() if value}


def count(bucket: str, who: str, ident: str, limit: tuple[int, int]) -> Refusal | None:
    """Count one request; a Refusal when it is over the limit of its window."""
    allowed, seconds = limit
    now = _clock()
    window = int(now // seconds)
    used = _increment(f"ratelimit:{bucket}:{who}:{ident}:{seconds}:{window}", timeout=seconds + 1)
    if used <= allowed:
        return None
    retry_after = max(1, math.ceil((window + 1) * seconds - now))
    return Refusal(bucket, who, limit, retry_after, first=used == allowed + 1)


def _increment(key: str, *, timeout: int) -> int:
    """The counter after adding one: incr, or add when the window's first request creates it."""
    try:
        return cache.incr(key)
    except ValueError:  # no counter yet
        if cache.add(key, 1, timeout=timeout):
            return 1
        try:  # another process created it meanwhile
            return cache.incr(key)
        except ValueError:  # and it vanished again (evicted): count this request alone
            return 1


def refused(request) -> Refusal | None:
    """Count the request in each of its buckets, for each caller identity with a limit, the address first;
    the first refusal stops the counting."""
    limits = settings.THIDUA_RATE_LIMITS
    buckets = [bucket for bucket in buckets_for(request) if limits.get(bucket)] if limits else []
    if not buckets:
        return None
    callers = identities(request)
    for bucket in buckets:
        for who in IDENTITY_ORDER:
            limit = limits[bucket].get(who)
            refusal = count(bucket, who, callers[who], limit) if limit and who in callers else None
            if refusal:
                return refusal
    return None


def too_many_requests(request, retry_after: int):
    """429 with Retry-After: JSON {"detail": …} under /api/, otherwise the page templates/429.html."""
    if is_api_call(request):
        response = JsonResponse({"detail": API_MESSAGE.format(seconds=retry_after)}, status=429)
    else:
        message = ngettext(
            "You have sent too many requests. Try again in %(seconds)d second.",
            "You have sent too many requests. Try again in %(seconds)d seconds.",
            retry_after,
        ) % {"seconds": retry_after}
        response = render(request, "429.html", {"message": message}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


class RateLimitMiddleware:
    """Refuse a request over any of its limits (after AuthenticationMiddleware: it counts per account)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refusal = refused(request)
        if refusal is None:
            return self.get_response(request)
        if refusal.first:
            throttled.send(refusal.bucket, request=request, who=refusal.who, limit=refusal.limit)
        return too_many_requests(request, refusal.retry_after)
