"""Refuse text that is not valid UTF-8 at the edge, before Django decodes it with errors="replace".

Django turns every invalid byte of a query string or a form into U+FFFD, so a family name typed in an old
8-bit encoding would be saved as "�����". This middleware answers 400 instead, with a Vietnamese page (or the
API's JSON `{"detail": …}` under /api/), before anything reads the request:

- the query string of every request: its percent-decoded bytes must be UTF-8;
- the body of a POST, PUT or PATCH sent as a form (application/x-www-form-urlencoded) or as JSON: the same;
- the fields of a multipart form (not the files): Django has already replaced what it could not decode, so a
  value holding U+FFFD is refused (nobody types that character).
"""

import logging
from urllib.parse import unquote_to_bytes

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils.translation import gettext as _

from .apicalls import is_api_call

logger = logging.getLogger("django.security.utf8")

API_MESSAGE = (
    "Dữ liệu gửi lên có ký tự không hợp lệ (không phải UTF-8): hãy mã hoá tham số và nội dung bằng UTF-8."
)
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
FORM, JSON, MULTIPART = "application/x-www-form-urlencoded", "application/json", "multipart/form-data"
REPLACEMENT = "\ufffd"


def is_utf8(raw: bytes, *, form: bool = True) -> bool:
    """Whether the bytes, once percent-decoded (a "+" being a space in a form), are valid UTF-8."""
    try:
        (unquote_to_bytes(raw.replace(b"+", b" ")) if form else raw).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _query_bytes(request) -> bytes:
    query = request.META.get("QUERY_STRING", "")
    if isinstance(query, bytes):
        return query
    try:
        return query.encode("latin-1")  # WSGI (PEP 3333) hands the raw bytes over as latin-1
    except UnicodeEncodeError:
        return query.encode("utf-8", "surrogatepass")  # already text (ASGI): lone surrogates fail below


def _multipart_has_replacement(request) -> bool:
    try:
        fields = request.POST
    except (MultiPartParserError, RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent):
        return False  # a broken form: Django answers it as before
    return any(REPLACEMENT in key or any(REPLACEMENT in v for v in values) for key, values in fields.lists())


def invalid_text(request) -> str:
    """Where the request carries text that is not UTF-8 ("query", "body", "form"), or ""."""
    if not is_utf8(_query_bytes(request)):
        return "query"
    if request.method not in BODY_METHODS:
        return ""
    content_type = request.content_type
    if content_type in (FORM, JSON) and not is_utf8(request.body, form=content_type == FORM):
        return "body"
    if content_type == MULTIPART and request.method == "POST" and _multipart_has_replacement(request):
        return "form"
    return ""


def refusal(request):
    if is_api_call(request):
        return JsonResponse({"detail": API_MESSAGE}, status=400)
    message = _(
        "The data sent contain characters that are not valid text (not UTF-8). Type them again with a "
        "Unicode Vietnamese keyboard (for example Unikey with the Unicode character set) and send again."
    )
    return render(request, "400.html", {"message": message}, status=400)


class RefuseInvalidUtf8Middleware:
    """400 for a query string or a form that is not UTF-8 (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if where := invalid_text(request):
            logger.warning("Text that is not UTF-8 in the %s of %s %s", where, request.method, request.path)
            return refusal(request)
        return self.get_response(request)
