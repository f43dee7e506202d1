"""Sign-in events: Django's auth signals and django-axes' lockout signal, connected in AccountsConfig.ready().

Logins and logouts through a page are logged (accounts.domain.record_*); those made without a request path —
`Client.force_login`/`logout` in tests, scripts — are not sign-ins anyone made. Failed logins and lockouts are
logged whatever the caller. The session's clocks start and its second-factor state is noted at every login.
"""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from . import domain, two_factor
from .middleware import LOGOUT_REASON, start_session_clock


def _through_a_page(request) -> bool:
    return request is not None and bool(getattr(request, "path", ""))


def logged_in(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    start_session_clock(request)
    two_factor.note_device_at_login(request, user)
    if _through_a_page(request):
        domain.record_login(user=user)


def logged_out(sender, request, user, **kwargs):
    if user is not None and _through_a_page(request):
        domain.record_logout(user=user, reason=getattr(request, LOGOUT_REASON, ""))


def login_failed(sender, credentials, request=None, **kwargs):
    domain.record_failed_login(username=str(credentials.get("username") or ""))


def locked_out(sender, request=None, username=None, **kwargs):
    domain.record_lockout(username=str(username or ""))


def connect() -> None:
    user_logged_in.connect(logged_in, dispatch_uid="accounts.logged_in")
    user_logged_out.connect(logged_out, dispatch_uid="accounts.logged_out")
    user_login_failed.connect(login_failed, dispatch_uid="accounts.login_failed")
    user_locked_out.connect(locked_out, dispatch_uid="accounts.locked_out")
