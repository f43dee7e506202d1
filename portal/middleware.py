"""Which portal a request is for (request.portal, a publishing.public.PortalInfo or None):

1. a host name mapped to a portal (PortalHost) — that portal, at the host's root;
2. else a first path segment that is a portal's slug (/snnmt-can-tho/van-ban/) — that portal, served as if
   its slug were the script prefix: the slug leaves `path_info`, and every reverse() of the response carries
   /<slug>/ again (the prefix is put back after the response);
3. else the default portal (at "/"), or None (the home page then lists the portals).

Under the installation's own prefixes (/app/, /api/, /accounts/, /xac-minh/…) no portal is looked for
(request.portal is None): the staff application and the certificate verification pay nothing for it.

The map of portals is kept in the cache (publishing.public): no query per request while it holds. Last in
MIDDLEWARE: the other middleware sees the request as it came.
"""

from django.urls import get_script_prefix, set_script_prefix

from publishing import public

# The first path segments that are never a portal's slug (thidua/urls.py).
OWN_PREFIXES = frozenset(
    {"app", "api", "accounts", "admin", "i18n", "xac-minh", "healthz", "static", "media"}
)


class PortalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        first = request.path_info.lstrip("/").split("/", 1)[0]
        if first in OWN_PREFIXES:
            request.portal = None
            return self.get_response(request)
        portal = public.portal_for_host(request.get_host())
        if portal is not None:
            request.portal = portal
            return self.get_response(request)
        portal = public.portal_by_slug(first) if first else None
        rest = request.path_info[len(first) + 1 :] or "/"
        if portal is not None and rest.lstrip("/").split("/", 1)[0] in OWN_PREFIXES:
            portal = None  # /<slug>/app/…: the staff application is not served under a portal's prefix
        if portal is None:
            request.portal = public.default_portal()
            return self.get_response(request)
        request.portal = portal
        request.path_info = rest
        before = get_script_prefix()
        set_script_prefix(f"{before}{first}/")
        try:
            return self.get_response(request)
        finally:
            set_script_prefix(before)
