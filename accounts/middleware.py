from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from .models import TWO_FACTOR_ROLES
from .scope import scope_for

EXEMPT_PREFIXES = ("/accounts/", "/static/", "/healthz", "/i18n/", "/api/")


class TwoFactorRequiredMiddleware:
    """With THIDUA_REQUIRE_2FA on, administrators and the secretariat must confirm a TOTP code."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.THIDUA_REQUIRE_2FA and self._needs_second_factor(request):
            return redirect(f"{reverse('accounts:two_factor')}?next={request.get_full_path()}")
        return self.get_response(request)

    @staticmethod
    def _needs_second_factor(request) -> bool:
        user = request.user
        if not user.is_authenticated or request.path.startswith(EXEMPT_PREFIXES):
            return False
        if user.is_verified():
            return False
        scope = scope_for(user)
        return scope.installation_admin or bool(scope.roles & TWO_FACTOR_ROLES)
