"""Interactive documentation (Swagger UI) that works offline and under the site's strict CSP, and the guard
that keeps it and the schema for signed-in callers.

ninja renders its CDN template when "ninja" is not in INSTALLED_APPS; this renders our own template whose
assets (Swagger UI, and ninja's own initialiser script that reads its settings from a JSON data block) are
served by the API itself from ninja's package directory. No inline script or style: CSP is not relaxed.
"""

from functools import wraps
from pathlib import Path

import ninja
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import render
from ninja.openapi.docs import Swagger
from ninja.openapi.views import openapi_view

from .auth import BearerToken, BrowserSession
from .errors import INVALID_TOKEN, InvalidToken, message

ASSET_DIR = Path(ninja.__file__).parent / "static" / "ninja"
ASSETS = frozenset(
    {"swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-init.js", "favicon.png", "favicon.svg"}
)
ASSET_MAX_AGE = 24 * 3600


class LocalSwagger(Swagger):
    template = "api/docs.html"

    def render_page(self, request, api, **kwargs):
        settings = self.settings | {"url": self.get_openapi_url(api, kwargs)}
        return render(request, self.template, {"api": api, "swagger_settings": settings})


def docs_asset(request, name: str):
    """One of the whitelisted Swagger UI files shipped with django-ninja."""
    if name not in ASSETS:
        raise Http404
    response = FileResponse((ASSET_DIR / name).open("rb"))
    response["Cache-Control"] = f"public, max-age={ASSET_MAX_AGE}"
    return response


def _caller(request):
    """The account of a valid bearer token or browser session, else None; InvalidToken for a bad token."""
    if request.headers.get("Authorization"):
        return BearerToken()(request)
    return BrowserSession().authenticate(request, None)


def signed_in(view):
    """`docs_decorator`: the schema and its documentation page for authenticated callers only.

    Without credentials the page sends a browser to the login form; the schema answers 401 like the API.
    """
    is_page = getattr(view, "func", None) is openapi_view

    @wraps(view.func if hasattr(view, "func") else view)
    def guarded(request, *args, **kwargs):
        try:
            user = _caller(request)
        except InvalidToken:
            return _unauthorised(INVALID_TOKEN)
        if user is None:
            return redirect_to_login(request.get_full_path()) if is_page else _unauthorised(message(401))
        return view(request, *args, **kwargs)

    return guarded


def _unauthorised(detail: str) -> JsonResponse:
    return JsonResponse(
        {"detail": detail},
        status=401,
        content_type="application/json; charset=utf-8",
        json_dumps_params={"ensure_ascii": False},
    )
