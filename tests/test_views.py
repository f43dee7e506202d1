"""thidua/views.py: the health check (the dashboard has its own tests); the error pages and the logging of
refused requests (templates/4xx.html, 500.html, thidua/logfilters.py)."""

import logging
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied
from django.db import connections
from django.test import Client, RequestFactory
from django.urls import include, path, reverse
from django.views.defaults import bad_request, server_error


def test_healthz_reports_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_is_get_only(client, db):
    assert client.post("/healthz").status_code == 405


@contextmanager
def database_that_does_not_exist(tmp_path):
    """Point the default connection at a database that does not exist; restore it afterwards."""
    original = connections["default"]
    broken = connections.create_connection("default")
    missing = (
        str(tmp_path / "missing" / "thidua.sqlite3") if broken.vendor == "sqlite" else "thidua_missing_db"
    )
    broken.settings_dict = {**broken.settings_dict, "NAME": missing}
    connections["default"] = broken
    try:
        yield broken
    finally:
        connections["default"] = original
        broken.close()


def test_healthz_reports_503_while_the_database_is_down(client, db, tmp_path):
    with database_that_does_not_exist(tmp_path) as broken:
        response = client.get("/healthz")
        assert broken.connection is None  # the connection really failed
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok"}  # back again


# --- error pages: Vietnamese, in the site's layout, with a way back ---------------------------------------


def boom(request):
    raise RuntimeError("boom")


def refuse_with_reason(request):
    raise PermissionDenied("not-your-unit\nforged line")


# This module is also a URLconf for the tests that need a view that fails.
urlpatterns = [
    path("boom/", boom),
    path("refuse/", refuse_with_reason),
    path("", include("thidua.urls")),
]


def assert_error_page(response, status, heading):
    html = response.content.decode()
    assert response.status_code == status
    assert f'<h1 id="error-heading">{heading}</h1>' in html
    assert f"Lỗi {status}" in html
    assert '<html lang="vi">' in html and 'class="topbar"' in html and "css/thidua.css" in html
    assert 'href="/app/" data-testid="error-home"' in html  # a way back: the home page, and the page before
    assert "Quay lại trang trước" in html
    return html


def test_404_page_is_vietnamese_in_the_layout_with_the_menu(world, login):
    html = assert_error_page(login(world.staff).get("/app/khong-co-trang-nay/"), 404, "Không tìm thấy trang")
    assert 'data-testid="mainnav"' in html  # the signed-in user keeps the whole menu
    assert "URLconf" not in html and "accounts/" not in html.split("<main", 1)[1]  # no list of URL patterns


def test_404_page_for_a_visitor_who_is_not_signed_in(client, db):
    response = client.get("/app/khong-co-trang-nay/")
    html = assert_error_page(response, 404, "Không tìm thấy trang")
    assert 'data-testid="mainnav"' not in html


def test_a_public_address_no_pattern_matches_answers_the_portals_404(client, db):
    response = client.get("/khong-co-trang-nay/")
    html = response.content.decode()
    assert response.status_code == 404 and response.templates[0].name == "portal/404.html"
    assert "Không tìm thấy trang" in html and "/app/" not in html  # no way into the staff application


def test_an_api_path_no_pattern_matches_answers_json(client, db, settings):
    settings.DEBUG = False
    # a line break stops every path converter, so the API's own catch-all never sees this path
    response = client.get("/api/v1/documents/null/attachments/YB%0A")
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Không tìm thấy, hoặc bạn không có quyền xem."}
    assert client.get("/khong-co-trang-nay%0A/")["Content-Type"].startswith("text/html")


def test_403_page_replaces_the_bare_english_forbidden(world, login):
    response = login(world.secretariat).get(reverse("accounts:list"))  # accounts: administrators only
    html = assert_error_page(response, 403, "Không có quyền truy cập")
    assert "Forbidden" not in html
    assert "quản trị hệ thống của cơ quan" in html


def test_403_csrf_page_is_vietnamese(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.staff)
    response = client.post(reverse("accounts:logout"))
    assert_error_page(response, 403, "Biểu mẫu đã hết hiệu lực")
    assert "_auth_user_id" in client.session  # the form was not sent: still signed in


def test_400_page_renders_without_a_request_context():
    request = RequestFactory().get("/")  # no user, no session: the 400 page must not need them
    assert_error_page(bad_request(request, exception=ValueError("x")), 400, "Yêu cầu không hợp lệ")


def test_500_page_renders_without_request_context_or_database():
    # No `db` fixture: any database query here fails the test.
    response = server_error(RequestFactory().get("/"))
    html = assert_error_page(response, 500, "Lỗi máy chủ")
    assert "{%" not in html and "Traceback" not in html


def test_500_page_is_served_when_a_view_fails(client, db, settings):
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert_error_page(response, 500, "Lỗi máy chủ")


def test_a_refused_request_is_logged_on_one_line_without_traceback(world, login, caplog, settings):
    settings.ROOT_URLCONF = __name__
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = login(world.staff).get("/refuse/")
    assert response.status_code == 403
    records = [r for r in caplog.records if r.name == "django.request"]
    assert len(records) == 1
    record = records[0]
    assert record.exc_info is None and record.exc_text is None
    message = record.getMessage()
    assert (
        message == f"Forbidden (403): GET /refuse/ user={world.staff.pk} reason=not-your-unit\\nforged line"
    )
    assert "\n" not in message and "Traceback" not in caplog.text


def test_a_refused_request_of_a_page_is_logged_with_its_account(world, login, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        login(world.secretariat).get(reverse("accounts:list"))
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.getMessage() == (
        f"Forbidden (403): GET /accounts/ user={world.secretariat.pk} reason=PermissionDenied"
    )
    assert record.exc_info is None
