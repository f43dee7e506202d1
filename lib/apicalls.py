"""What the middlewares ask of a request before the API has seen it: is it a call to the JSON API (answers
there are JSON `{"detail": …}`, not pages), and which bearer token does it carry (api/auth.py checks it)."""

API_PREFIX = "/api/"


def is_api_call(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


def bearer_token(request) -> str:
    """The token of an `Authorization: Bearer …` header, or ""."""
    scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""
