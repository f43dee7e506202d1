import re

import pytest

from api.docs import ASSET_DIR, ASSETS


def test_docs_page_references_only_local_assets(client, db):
    response = client.get("/api/v1/docs")
    html = response.content.decode()
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert response.status_code == 200
    assert sorted(urls) == sorted(f"/api/v1/docs/assets/{name}" for name in ASSETS)
    assert "http" not in html
    assert re.search(r"<script>|<style|style=| on\w+=", html) is None  # no inline code under the CSP
    assert "script-src 'self'" in response["Content-Security-Policy"]


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
def test_docs_render_in_a_browser_under_the_csp(live_server, page):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security" in message.text or "Refused" in message.text
            else None
        ),
    )
    page.goto(f"{live_server.url}/api/v1/docs")
    page.locator(".opblock-summary-path", has_text="/api/v1/people/{person_id}").wait_for()
    operations = client_schema_operations(live_server)
    assert page.locator(".opblock").count() == operations
    assert violations == []


def client_schema_operations(live_server) -> int:
    """The number of operations the schema lists (one block each on the page)."""
    import json
    import urllib.request

    with urllib.request.urlopen(f"{live_server.url}/api/v1/openapi.json") as answer:
        schema = json.load(answer)
    return sum(len(operations) for operations in schema["paths"].values())
