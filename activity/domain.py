"""Writing the activity log. Every domain function that changes state calls log_action()."""

import json

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder

from lib.clientip import current_client_ip
from lib.models import snapshot  # noqa: F401 — the apps log before/after values with it
from lib.requestid import current_request_id

from .models import ActivityLog

MASK = "••••••"
SENSITIVE = ("password", "token", "secret", "key_hash", "otp")


def mask(data: dict | None) -> dict | None:
    """Replace the values of sensitive fields; keep everything JSON-serialisable."""
    if data is None:
        return None
    return _masked(json.loads(json.dumps(data, cls=DjangoJSONEncoder)))


def _masked(value):
    """Mask sensitive keys at every depth (nested dicts and lists of dicts too)."""
    if isinstance(value, dict):
        return {k: (MASK if any(s in k.lower() for s in SENSITIVE) else _masked(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_masked(v) for v in value]
    return value


def log_action(
    *,
    actor,
    action: str,
    target=None,
    agency=None,
    before: dict | None = None,
    after: dict | None = None,
    extra: dict | None = None,
) -> ActivityLog:
    data = {k: v for k, v in (("before", mask(before)), ("after", mask(after)), ("extra", mask(extra))) if v}
    return ActivityLog.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        agency=agency,
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:300] if target is not None else "",
        data=data,
        request_id=current_request_id(),
        ip_address=current_client_ip() or None,
    )


def log_announced(*, actor, action, target, agency, before, after, extra, **_signal) -> None:
    """Write a change announced by an app below the log (organisations.signals.changed)."""
    log_action(
        actor=actor, action=action, target=target, agency=agency, before=before, after=after, extra=extra
    )
