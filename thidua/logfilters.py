"""Logging filters of the project (settings.LOGGING)."""

import logging

LABELS = {400: "Bad request", 403: "Forbidden"}


def _one_line(value) -> str:
    """Escape control characters (a path or reason cannot start a forged log line)."""
    return str(value).encode("unicode_escape").decode("ascii")


class ClientErrorOnOneLine(logging.Filter):
    """A refused request (PermissionDenied → 403, BadRequest → 400) is logged by django.request with its
    traceback; this keeps it to one line: status, method, path, account id and the reason given, if any."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if not (record.exc_info and status and 400 <= status < 500):
            return True
        exception = record.exc_info[1]
        request = getattr(record, "request", None)
        user = getattr(request, "user", None)
        record.msg = "%s (%s): %s %s user=%s reason=%s"
        record.args = (
            LABELS.get(status, "Client error"),
            status,
            getattr(request, "method", "-"),
            _one_line(getattr(request, "path", "-")),
            getattr(user, "pk", None) or "-",
            _one_line(exception) if str(exception) else type(exception).__name__,
        )
        record.exc_info = record.exc_text = None
        return True
