"""Serving stored files to the people allowed to see them (the caller has already checked access).

Files live outside the web root; they are sent with `nosniff`, never cached by shared caches, and — for
anything a user uploaded — sandboxed by a CSP of their own, should a browser still open one inline.
"""

from django.http import FileResponse


def protect(response, *, sandbox: bool = True):
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    if sandbox:
        response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


def private_file(file, *, filename: str = "", content_type: str | None = None, inline: bool = False):
    """A FileResponse for a stored FieldFile: as a download named `filename`, or inline (pictures)."""
    response = FileResponse(
        file.open("rb"), as_attachment=not inline, filename=filename or None, content_type=content_type
    )
    return protect(response)
