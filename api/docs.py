"""Interactive documentation (Swagger UI) that works offline and under the site's strict CSP.

ninja renders its CDN template when "ninja" is not in INSTALLED_APPS; this renders our own template whose
assets (Swagger UI, and ninja's own initialiser script that reads its settings from a JSON data block) are
served by the API itself from ninja's package directory. No inline script or style: CSP is not relaxed.
"""

from pathlib import Path

import ninja
from django.http import FileResponse, Http404
from django.shortcuts import render
from ninja.openapi.docs import Swagger

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
