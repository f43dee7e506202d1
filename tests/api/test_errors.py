import json

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory
from ninja.errors import HttpError

from api.api import api
from api.errors import BAD_BODY, MESSAGES


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


def test_a_body_that_is_not_json_is_400_in_vietnamese(world, client, bearer):
    response = client.post(
        "/api/v1/council-vote", b"\x00", content_type="application/json", **bearer(world.staff)
    )
    assert (response.status_code, response.json()) == (400, {"detail": BAD_BODY})


def test_range_errors_say_the_limit(world, api_as):
    errors = api_as(world.staff, "people", limit=0, q="a" * 201, unit="x\x00").json()["errors"]
    assert {tuple(e["loc"]): e["msg"] for e in errors} == {
        ("query", "limit"): "Giá trị nhỏ hơn mức tối thiểu cho phép: phải từ 1 trở lên.",
        ("query", "q"): "Quá dài: tối đa 200 ký tự.",
        ("query", "unit"): "Phải là một số nguyên.",
    }


def test_a_nul_character_in_a_search_is_refused_before_the_database(world, api_as):
    response = api_as(world.staff, "documents", q="kế\x00hoạch")
    assert response.status_code == 422
    assert response.json()["errors"][0]["msg"].startswith("Có ký tự không được phép")


def test_a_form_body_is_400_not_json(world, login):
    """A multipart form (what a browser form sends) is read as a form before the API sees it: 400, not 500."""
    response = login(world.staff).post("/api/v1/eligibility", {"award": "lao-dong-tien-tien"})
    assert (response.status_code, response.json()) == (400, {"detail": BAD_BODY})
