"""The public pages kept whole in the cache (issue 16): the documents list or a search answers from memory.

The key: the token of the portal's version (publishing.cache.PORTAL_VERSION, bumped by every publication,
withdrawal, republication and ledger change), the portal, the full path with its query, the language. Only
anonymous GET/HEAD requests without a session cookie are kept or served from the cache; a signed-in visitor's
page is computed each time and marked private. Every public answer may be kept 60 seconds by browsers and
proxies.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.utils.cache import patch_cache_control

from lib.cacheversions import may_keep, tokens
from publishing.cache import PORTAL_VERSION

MAX_AGE = 60
TIMEOUT = 3600
KEPT_STATUSES = (200, 301, 410)  # not 404: random addresses would fill the cache


def _key(request) -> str | None:
    stamp = tokens(PORTAL_VERSION) if may_keep() else None
    if stamp is None:
        return None
    portal = getattr(request, "portal", None)
    parts = [stamp[0], str(portal.id if portal else 0), request.get_host(), request.get_full_path()]
    parts.append(getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE))
    return "thidua:portal:page:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _cacheable(request) -> bool:
    return request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES


def cached_page(view):
    """Keep the view's answer for anonymous visitors until the portal's version changes."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable(request):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True)
            return response
        key = _key(request)
        pages = caches["portal"]  # apart from the default cache (thidua/settings.py)
        if key is not None and (kept := pages.get(key)) is not None:
            return kept
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        patch_cache_control(response, public=True, max_age=MAX_AGE)
        keep = response.status_code in KEPT_STATUSES and not response.streaming and not response.cookies
        if key is not None and keep:
            pages.set(key, response, TIMEOUT)
        return response

    return wrapper
