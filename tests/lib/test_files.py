"""Private files: downloads and inline pictures carry nosniff and no shared caching; uploads a sandbox."""

import pytest
from django.core.files import File
from django.http import HttpResponse

from lib.files import private_file, protect


@pytest.fixture
def stored(tmp_path):
    """A stored file as Django hands it over (a File that opens itself again by its path)."""
    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(b"%PDF-1.7 noi dung")
    return File(None, name=str(path))


def test_a_download_is_an_attachment_with_its_name_and_sandboxed(stored):
    response = private_file(stored, filename="Báo cáo sơ kết.pdf", content_type="application/pdf")

    assert b"".join(response.streaming_content) == b"%PDF-1.7 noi dung"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "B%C3%A1o%20c%C3%A1o" in response["Content-Disposition"]  # RFC 5987 UTF-8 name
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"


def test_a_picture_is_served_inline(stored):
    response = private_file(stored, content_type="image/png", inline=True)

    assert not response.get("Content-Disposition", "").startswith("attachment")
    assert response["Content-Type"] == "image/png"


def test_a_generated_file_may_skip_the_sandbox():
    response = protect(HttpResponse(b"x"), sandbox=False)

    assert "Content-Security-Policy" not in response
    assert response["Cache-Control"] == "private, no-store"
