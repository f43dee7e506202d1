"""The JSON API under /api/v1/: OpenAPI schema at openapi.json, interactive documentation at docs (both for
signed-in callers only).

Every endpoint loads data through the access helpers with `request.auth` (the calling account), so it sees
exactly what the screens show to that account. Lists are paged with api.paging.paged.
"""

from django.http import Http404
from ninja import Router
from ninja.renderers import JSONRenderer

from . import (
    achievements,
    awards,
    council,
    decisions,
    documents,
    due,
    eligibility,
    movements,
    nominations,
    organisations,
    people,
    workdays,
)
from .auth import BearerToken, BrowserSession
from .docs import LocalSwagger, docs_asset, signed_in
from .errors import register_error_handlers
from .openapi import Api

unknown = Router(auth=None)


@unknown.api_operation(["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}", include_in_schema=False)
def unknown_path(request, rest: str):
    raise Http404


class Utf8JSONRenderer(JSONRenderer):
    """Vietnamese text as UTF-8 rather than \\u escapes (the response declares charset=utf-8)."""

    json_dumps_params = {"ensure_ascii": False}


api = Api(
    title="thidua API",
    version="1",
    description=(
        "Read access to agencies, units, people, documents, movements, registrations, initiatives and "
        "exemplary models, scoped like the screens; the catalogue of titles, eligibility, who is due, "
        "the council's meetings with their totals and the council-vote check. Authenticate with "
        "`Authorization: Bearer <token>` (`manage.py issue_api_token USERNAME`) or a browser session. "
        'Errors answer `{"detail": "<Vietnamese message>"}` (with `errors`, field by field, for 422). '
        "Ids and offsets are integers from 1 (0 for offsets) to 2^63−1."
    ),
    urls_namespace="api",
    auth=[BearerToken(), BrowserSession()],
    docs=LocalSwagger(),
    docs_decorator=signed_in,
    renderer=Utf8JSONRenderer(),
)
register_error_handlers(api)
api.get("/docs/assets/{name}", auth=None, include_in_schema=False, url_name="docs_asset")(docs_asset)
api.add_router("/agencies", organisations.agencies)
api.add_router("/units", organisations.units)
api.add_router("/people", people.router)
api.add_router("/documents", documents.router)
api.add_router("/movements", movements.movements)
api.add_router("/registrations", movements.registrations)
api.add_router("/initiatives", achievements.initiatives)
api.add_router("/exemplary-models", achievements.exemplary_models)
api.add_router("/awards", awards.awards)
api.add_router("/council-vote", awards.council)
api.add_router("/eligibility", eligibility.router)
api.add_router("/due", due.router)
api.add_router("/calendar", workdays.router)
api.add_router("/nominations", nominations.router)
api.add_router("/council-meetings", council.router)
api.add_router("/decisions", decisions.decisions)
api.add_router("/ledger", decisions.ledger)
api.add_router("/forward-packages", decisions.packages)
api.add_router("", unknown)  # last: anything else under /api/v1/ is a JSON 404
