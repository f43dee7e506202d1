"""The client's address: for rate limits, the sign-in lockout (django-axes) and every activity log row.

REMOTE_ADDR, unless settings.THIDUA_CLIENT_IP_HEADER names the header the trusted reverse proxy sets
("X-Forwarded-For", "X-Real-IP"): then the right-most address of that header, the one the proxy itself
added — the addresses to its left were sent by the client and prove nothing. A malformed value falls back to
REMOTE_ADDR. Only configure the header when every request comes through that proxy.
"""

import contextvars
import ipaddress

from django.conf import settings

_client_ip: contextvars.ContextVar[str] = contextvars.ContextVar("client_ip", default="")


def valid_ip(value: str) -> str:
    """The address written the standard way, or "" when `value` is not an IPv4 or IPv6 address."""
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return ""


def client_ip(request) -> str:
    """The client's address ("" when the server gave none); the signature django-axes calls."""
    remote = valid_ip(request.META.get("REMOTE_ADDR", ""))
    header = getattr(settings, "THIDUA_CLIENT_IP_HEADER", "")
    if not header:
        return remote
    value = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
    return valid_ip(value.rsplit(",", 1)[-1]) or remote


def current_client_ip() -> str:
    """The address of the request being served; "" outside a request (the worker, commands)."""
    return _client_ip.get()


class ClientIpMiddleware:
    """Keep the client's address on the request (`request.client_ip`) and for the activity log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.client_ip = client_ip(request)
        token = _client_ip.set(request.client_ip)
        try:
            return self.get_response(request)
        finally:
            _client_ip.reset(token)
