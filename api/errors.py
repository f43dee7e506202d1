"""JSON errors of the API: {"detail": "<Vietnamese message>"} for every failure.

The messages are Vietnamese whatever the request language: integrations and the Vietnamese UI read them,
and they must not depend on the translation catalogue being compiled.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.http.request import RawPostDataException
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

logger = logging.getLogger("api")

MESSAGES = {
    400: "Yêu cầu không hợp lệ.",
    401: "Không xác thực được: hãy đăng nhập hoặc gửi mã truy cập API hợp lệ (Authorization: Bearer …).",
    403: "Không có quyền thực hiện thao tác này.",
    404: "Không tìm thấy, hoặc bạn không có quyền xem.",
    405: "Không hỗ trợ phương thức này.",
    422: "Không chấp nhận tham số của yêu cầu: kiểm tra lại các trường được nêu.",
    429: "Quá nhiều yêu cầu: hãy thử lại sau ít phút.",
    500: "Không xử lý được yêu cầu do lỗi máy chủ: hãy thử lại sau hoặc báo quản trị hệ thống.",
}
BAD_BODY = "Nội dung gửi lên không phải JSON hợp lệ: gửi một đối tượng JSON mã hoá UTF-8."
INVALID_TOKEN = "Không chấp nhận mã truy cập API: mã sai, đã bị thu hồi hoặc tài khoản đã bị khoá."
# Per-field messages for the common validation failures (pydantic's error types, formatted with the error's
# context: {ge}, {le}, {max_length}); others keep their text.
FIELD_MESSAGES = {
    "missing": "Thiếu trường bắt buộc này.",
    "int_parsing": "Phải là một số nguyên.",
    "int_type": "Phải là một số nguyên.",
    "greater_than_equal": "Giá trị nhỏ hơn mức tối thiểu cho phép: phải từ {ge} trở lên.",
    "less_than_equal": "Giá trị lớn hơn mức tối đa cho phép: phải từ {le} trở xuống.",
    "string_too_long": "Quá dài: tối đa {max_length} ký tự.",
    "string_pattern_mismatch": "Có ký tự không được phép (ví dụ ký tự NUL): bỏ ký tự đó rồi gửi lại.",
    "date_parsing": "Ngày không đúng định dạng YYYY-MM-DD.",
    "date_from_datetime_parsing": "Ngày không đúng định dạng YYYY-MM-DD.",
    "date_type": "Ngày không đúng định dạng YYYY-MM-DD.",
    "string_type": "Phải là một chuỗi ký tự.",
    "bool_parsing": "Phải là true hoặc false.",
    "enum": "Giá trị không thuộc danh sách cho phép.",
    "literal_error": "Giá trị không thuộc danh sách cho phép.",
    "json_invalid": "Nội dung gửi lên không phải JSON hợp lệ.",
}


class FieldErrors(Exception):
    """Bad input an endpoint found itself: one Vietnamese message per field, answered as 422."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors


def message(status: int) -> str:
    return MESSAGES.get(status, MESSAGES[400] if status < 500 else MESSAGES[500])


class InvalidToken(AuthenticationError):
    """A bearer token was sent but is unknown, revoked or belongs to a deactivated account."""

    def __init__(self) -> None:
        super().__init__(message=INVALID_TOKEN)


def _field_message(error: dict) -> str:
    template = FIELD_MESSAGES.get(error.get("type", ""))
    if template is None:
        return error.get("msg", "")
    try:
        return template.format(**error.get("ctx", {}))
    except (KeyError, IndexError):
        return template


def _error(api: NinjaAPI, request, status: int, detail: str, **extra):
    return api.create_response(request, {"detail": detail, **extra}, status=status)


def register_error_handlers(api: NinjaAPI) -> None:
    """Replace ninja's default handlers (English text, HTML 500 pages) with Vietnamese JSON errors."""

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return _error(api, request, 404, message(404))

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return _error(api, request, 403, message(403))

    @api.exception_handler(InvalidToken)
    def invalid_token(request, exc):
        return _error(api, request, 401, INVALID_TOKEN)

    @api.exception_handler(RawPostDataException)
    def form_body(request, exc):
        """A form (multipart) body, already read as a form by a middleware: not the JSON asked for."""
        return _error(api, request, 400, BAD_BODY)

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        unreadable = exc.status_code == 400 and str(exc).startswith("Cannot parse request body")
        return _error(api, request, exc.status_code, BAD_BODY if unreadable else message(exc.status_code))

    @api.exception_handler(ValidationError)
    def invalid(request, exc):
        errors = [
            {
                "loc": list(e.get("loc", ())),
                "msg": _field_message(e),
                "type": e.get("type", ""),
            }
            for e in exc.errors
        ]
        return _error(api, request, 422, message(422), errors=errors)

    @api.exception_handler(FieldErrors)
    def field_errors(request, exc):
        errors = [
            {"loc": ["body", name], "msg": text, "type": "value_error"} for name, text in exc.errors.items()
        ]
        return _error(api, request, 422, message(422), errors=errors)

    @api.exception_handler(Exception)
    def server_error(request, exc):
        logger.exception("API error on %s %s", request.method, request.path, exc_info=exc)
        return _error(api, request, 500, message(500))
