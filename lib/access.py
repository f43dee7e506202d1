"""The one permission guard of the domain functions: permission is checked before anything is validated."""

from django.core.exceptions import PermissionDenied


def require(allowed: bool) -> None:
    """Refuse (403) unless `allowed`. Domain functions call it first, with an access helper's answer."""
    if not allowed:
        raise PermissionDenied
