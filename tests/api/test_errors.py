import json

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory
from ninja.errors import HttpError

from api.api import api
from api.errors import MESSAGES


def error(exc):
    response = api.on_exception(RequestFactory().get("/api/v1/people"), exc)
    return response.status_code, json.loads(response.content)


def test_every_error_is_json_in_vietnamese():
    assert error(Http404()) == (404, {"detail": MESSAGES[404]})
    assert error(PermissionDenied()) == (403, {"detail": MESSAGES[403]})
    assert error(HttpError(403, "CSRF check Failed")) == (403, {"detail": MESSAGES[403]})
    assert error(HttpError(418, "teapot")) == (418, {"detail": MESSAGES[400]})
    for status in (401, 403, 404, 422, 500):
        assert MESSAGES[status].startswith("Không")


def test_unexpected_exception_is_500_json(caplog):
    status, body = error(RuntimeError("boom"))
    assert status == 500
    assert body == {"detail": MESSAGES[500]}
    assert "boom" not in body["detail"]
    assert any(r.levelname == "ERROR" and r.exc_info for r in caplog.records)
