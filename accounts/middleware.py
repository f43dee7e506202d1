import time
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from lib.apicalls import bearer_token, is_api_call

from . import two_factor

# Paths an unverified account may still reach: logging in and out, and the second step itself.
EXEMPT_URL_NAMES = (
    "accounts:login",
    "accounts:logout",
    "accounts:two_factor",
    "accounts:two_factor_qr",
    "accounts:two_factor_invitation",
    "accounts:two_factor_enrol",
)
EXEMPT_PREFIXES = ("/static/", "/healthz", "/i18n/", "/api/")
# What the second factor guards: the staff application, the admin site and the account pages. The public
# portal and the certificates' verification hold nothing of the account: a signed-in visitor reads them as
# anyone does.
GUARDED_PREFIXES = ("/app/", "/admin/", "/accounts/")


class TwoFactorRequiredMiddleware:
    """Accounts asked for a second factor (accounts.two_factor.asked_for) see nothing else before the code."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._exempt_paths: frozenset[str] | None = None

    def __call__(self, request):
        if not self._is_exempt(request.path) and two_factor.asked_for(request):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('accounts:two_factor')}?{query}")
        return self.get_response(request)

    def _is_exempt(self, path: str) -> bool:
        if self._exempt_paths is None:
            self._exempt_paths = frozenset(reverse(name) for name in EXEMPT_URL_NAMES)
        return (
            path in self._exempt_paths
            or path.startswith(EXEMPT_PREFIXES)
            or not path.startswith(GUARDED_PREFIXES)
        )


STARTED_KEY = "_accounts_session_started"
SEEN_KEY = "_accounts_session_seen"
SEEN_PRECISION = 60  # seconds: the last activity is written at most once a minute
LOGOUT_REASON = "thidua_logout_reason"  # request attribute read by accounts.signals


def start_session_clock(request) -> None:
    """At login: the session's absolute and idle limits count from now."""
    now = int(time.time())
    request.session[STARTED_KEY] = request.session[SEEN_KEY] = now


class SessionTimeoutMiddleware:
    """Ends a browser session idle for THIDUA_SESSION_IDLE_MINUTES (0: never), or THIDUA_SESSION_HOURS after
    its login — saving the session once a minute would otherwise push Django's own expiry forward.

    The browser goes to the login page with a message (htmx requests: an HX-Redirect there); a session call to
    the API is answered as anonymous. Requests with an API bearer token carry no session and are not touched.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and not bearer_token(request):
            ended = self._ended(request)
            if ended:
                return self._end(request, ended)
        return self.get_response(request)

    def _ended(self, request) -> str:
        """ "idle", "expired" or "" (still valid; the last activity is noted)."""
        session, now = request.session, int(time.time())
        started, seen = session.get(STARTED_KEY), session.get(SEEN_KEY)
        if started is None or seen is None:  # a session from before this middleware
            start_session_clock(request)
            return ""
        if now - started > settings.SESSION_COOKIE_AGE:
            return "expired"
        idle = settings.THIDUA_SESSION_IDLE_MINUTES * 60
        if idle and now - seen > idle:
            return "idle"
        if now - seen >= SEEN_PRECISION:
            session[SEEN_KEY] = now
        return ""

    def _end(self, request, reason: str):
        setattr(request, LOGOUT_REASON, reason)
        logout(request)
        if is_api_call(request):
            return self.get_response(request)  # answered as anonymous: 401
        if reason == "idle":
            messages.info(
                request, _("Your session has ended because it was idle for too long. Please log in again.")
            )
        else:
            messages.info(request, _("Your session has reached its maximum length. Please log in again."))
        htmx = request.headers.get("HX-Request") == "true"
        login = reverse(settings.LOGIN_URL)
        if back := _page_to_return_to(request, htmx):
            login = f"{login}?{urlencode({'next': back})}"
        if htmx:
            response = HttpResponse(status=204)
            response["HX-Redirect"] = login
            return response
        return redirect(login)


def _page_to_return_to(request, htmx: bool) -> str:
    """The page to go back to after logging in again: the page shown (htmx), the one asked for (GET), or none
    (a form sent: its address answers no GET)."""
    if htmx:
        current = urlsplit(request.headers.get("HX-Current-URL", ""))
        return current.path + (f"?{current.query}" if current.query else "")
    return request.get_full_path() if request.method == "GET" else ""
