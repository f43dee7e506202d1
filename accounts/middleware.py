from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from . import two_factor

# Paths an unverified administrator may still reach: logging in and out, and the second step itself.
EXEMPT_URL_NAMES = ("accounts:login", "accounts:logout", "accounts:two_factor", "accounts:two_factor_qr")
EXEMPT_PREFIXES = ("/static/", "/healthz", "/i18n/", "/api/")


class TwoFactorRequiredMiddleware:
    """With THIDUA_REQUIRE_2FA on, administrators and the secretariat must confirm a TOTP code."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._exempt_paths: frozenset[str] | None = None

    def __call__(self, request):
        if settings.THIDUA_REQUIRE_2FA and self._needs_second_factor(request):  # off: never touch the user
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('accounts:two_factor')}?{query}")
        return self.get_response(request)

    def _is_exempt(self, path: str) -> bool:
        if self._exempt_paths is None:
            self._exempt_paths = frozenset(reverse(name) for name in EXEMPT_URL_NAMES)
        return path in self._exempt_paths or path.startswith(EXEMPT_PREFIXES)

    def _needs_second_factor(self, request) -> bool:
        user = request.user
        if not user.is_authenticated or self._is_exempt(request.path) or user.is_verified():
            return False
        return two_factor.required_for(user)
