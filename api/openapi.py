"""The OpenAPI schema of the API, completed in one place.

- Every operation documents the errors it can answer, all with the {"detail": …} body of api.errors:
  400 (text that is not UTF-8, refused by lib.utf8's middleware, or a body that is not JSON), 401 (no or bad
  credentials) and 429 (rate limit) everywhere, 404 where a path names an object, 422 where there are
  parameters or a body, 403 where there is a body (the browser session's CSRF check); an operation declares
  any other code itself (`response={200: …, 403: Error}`).
- Two different schemas may not share a name: ninja keeps the last one silently (documents and movements
  both had an enum "Status"), so the schema would describe one and the API answer the other.
"""

from http import HTTPStatus

from django.core.exceptions import ImproperlyConfigured
from ninja import NinjaAPI
from ninja.openapi.schema import REF_TEMPLATE, OpenAPISchema
from ninja.schema import NinjaGenerateJsonSchema

from .schemas import Error, InvalidInput

ERROR_SCHEMAS = (Error, InvalidInput)
DESCRIPTIONS = {
    400: "Malformed request: text that is not valid UTF-8, or a body that is not JSON.",
    401: "Not authenticated: no credentials, or a token that is wrong, revoked or expired.",
    403: "Not allowed for this account (or the browser session's CSRF check failed).",
    404: "Not found, or not visible to the caller.",
    422: "Invalid parameters or body; `errors` names each field.",
    429: "Too many requests: retry after the number of seconds in the Retry-After header.",
}
RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}}


def error_statuses(operation) -> set[int]:
    statuses = {400, 429}
    if operation.auth_callbacks:
        statuses.add(401)
    if "{" in operation.path:
        statuses.add(404)
    if operation.models:
        statuses.add(422)
    if any(model.__ninja_param_source__ == "body" for model in operation.models):
        statuses.add(403)
    return statuses


def error_response(status: int) -> dict:
    model = InvalidInput if status == 422 else Error
    answer = {
        "description": DESCRIPTIONS.get(status, HTTPStatus(status).phrase),
        "content": {"application/json": {"schema": {"$ref": REF_TEMPLATE.format(model=model.__name__)}}},
    }
    if status == 429:
        answer["headers"] = RETRY_AFTER
    return answer


class Schema(OpenAPISchema):
    def get_paths(self) -> dict:
        for model in ERROR_SCHEMAS:
            schema = model.model_json_schema(
                ref_template=REF_TEMPLATE, schema_generator=NinjaGenerateJsonSchema
            )
            self.add_schema_definitions({**schema.pop("$defs", {}), model.__name__: schema})
        return super().get_paths()

    def responses(self, operation) -> dict:
        result = super().responses(operation)
        for status in sorted(error_statuses(operation)):
            result.setdefault(status, error_response(status))
        return result

    def add_schema_definitions(self, definitions: dict) -> None:
        for name, definition in definitions.items():
            if self.schemas.get(name, definition) != definition:
                raise ImproperlyConfigured(
                    f"Two different schemas are named {name!r} in the API: rename one."
                )
        super().add_schema_definitions(definitions)


class Api(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None) -> Schema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return Schema(api=self, path_prefix=path_prefix)
