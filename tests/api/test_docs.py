import re

import pytest

from api.docs import ASSET_DIR, ASSETS
from api.errors import INVALID_TOKEN, MESSAGES


def test_docs_page_references_only_local_assets(world, login):
    response = login(world.staff).get("/api/v1/docs")
    html = response.content.decode()
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert response.status_code == 200
    assert sorted(urls) == sorted(f"/api/v1/docs/assets/{name}" for name in ASSETS)
    assert "http" not in html
    assert re.search(r"<script>|<style|style=| on\w+=", html) is None  # no inline code under the CSP
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_docs_and_schema_are_for_signed_in_callers_only(client, db):
    page = client.get("/api/v1/docs")
    schema = client.get("/api/v1/openapi.json")
    assert (page.status_code, page["Location"]) == (302, "/accounts/login/?next=/api/v1/docs")
    assert (schema.status_code, schema.json()) == (401, {"detail": MESSAGES[401]})
    assert schema["Content-Type"] == "application/json; charset=utf-8"
    assert b"paths" not in schema.content


def test_a_false_token_is_refused_by_the_schema_and_the_docs(client, db):
    for path in ("/api/v1/openapi.json", "/api/v1/docs"):
        response = client.get(path, HTTP_AUTHORIZATION="Bearer thd_not-a-token")
        assert (response.status_code, response.json()) == (401, {"detail": INVALID_TOKEN})


def test_a_token_or_a_session_reads_the_schema(world, client, bearer, login):
    by_token = client.get("/api/v1/openapi.json", **bearer(world.staff)).json()
    by_session = login(world.staff).get("/api/v1/openapi.json").json()
    assert by_token == by_session
    assert "/api/v1/people" in by_token["paths"]


def test_a_session_without_its_required_second_factor_does_not_read_the_schema(world, login, settings):
    """The secretariat must confirm a second factor: signed in with the password alone, no schema."""
    settings.THIDUA_REQUIRE_2FA = True
    response = login(world.secretariat).get("/api/v1/openapi.json")
    assert (response.status_code, response.json()) == (401, {"detail": MESSAGES[401]})


def test_docs_assets_are_served_locally(client, db):
    response = client.get("/api/v1/docs/assets/swagger-ui-bundle.js")
    body = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert "javascript" in response["Content-Type"]
    assert body == (ASSET_DIR / "swagger-ui-bundle.js").read_bytes()
    assert "max-age" in response["Cache-Control"]


def test_only_whitelisted_assets_are_served(client, db):
    for name in ("swagger-ui-bundle.js.map", "..%2F..%2F__init__.py", "redoc.standalone.js"):
        response = client.get(f"/api/v1/docs/assets/{name}")
        assert response.status_code == 404
        assert response.json()["detail"].startswith("Không")


@pytest.mark.browser
def test_docs_render_in_a_browser_under_the_csp(live_server, transactional_db, world, page):
    from tests.e2e.browsing import log_in

    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security" in message.text or "Refused" in message.text
            else None
        ),
    )
    log_in(page, live_server.url, world.staff.username)
    page.goto(f"{live_server.url}/api/v1/docs")
    page.locator(".opblock-summary-path", has_text="/api/v1/people/{person_id}").wait_for()
    schema = page.request.get(f"{live_server.url}/api/v1/openapi.json").json()
    operations = sum(len(operations) for operations in schema["paths"].values())
    assert page.locator(".opblock").count() == operations
    assert violations == []
