"""lib.uploads: only PDF, DOCX, XLSX, PNG and JPEG, recognised from the content; the rest refused."""

import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document as WordDocument
from openpyxl import Workbook

from lib.uploads import DOCX, JPEG, PDF, PNG, XLSX, check_upload, sniff


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    WordDocument().save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", PDF),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", PNG),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", JPEG),
    ],
)
def test_signatures(content, expected):
    assert sniff(content) == expected


def test_office_files_are_told_apart_by_their_main_part():
    assert sniff(docx_bytes()) == DOCX
    assert sniff(xlsx_bytes()) == XLSX


def test_the_name_and_the_browsers_type_do_not_count():
    checked = check_upload(SimpleUploadedFile("hinh.png", b"%PDF-1.4\n", content_type="image/png"))
    assert (checked.content_type, checked.extension, checked.size) == (PDF, ".pdf", 9)
    assert checked.sha256 == hashlib.sha256(b"%PDF-1.4\n").hexdigest()


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (zip_bytes({"a.txt": b"hello"}), "archive"),
        (zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}), "archive"),
        (b"Rar!\x1a\x07\x01\x00rest", "archive"),
        (b"7z\xbc\xaf\x27\x1crest", "archive"),
        (b"\x1f\x8b\x08\x00rest", "archive"),
        (b"MZ\x90\x00\x03\x00", "executable"),
        (b"\x7fELF\x02\x01\x01", "executable"),
        (b"#!/bin/sh\nrm -rf /\n", "executable"),
        (b"<html><script>alert(1)</script></html>", "unsupported"),
        (b"Just some text", "unsupported"),
    ],
)
def test_refused_content(content, code):
    with pytest.raises(ValidationError) as caught:
        check_upload(SimpleUploadedFile("tai-lieu.pdf", content, content_type="application/pdf"))
    assert caught.value.code == code


def test_messages_say_why(english):
    with pytest.raises(ValidationError) as caught:
        sniff(zip_bytes({"a.txt": b"x"}))
    assert caught.value.messages == [
        "Archives (.zip, .rar, .7z, .gz…) are not accepted: attach the files themselves."
    ]
    with pytest.raises(ValidationError) as caught:
        sniff(b"MZ\x90\x00")
    assert caught.value.messages == ["Programs and scripts are not accepted."]


def test_empty_and_too_large_files_are_refused(settings, english):
    settings.MAX_UPLOAD_BYTES = 1024
    with pytest.raises(ValidationError) as caught:
        check_upload(SimpleUploadedFile("a.pdf", b""))
    assert caught.value.code == "empty"
    with pytest.raises(ValidationError) as caught:
        check_upload(SimpleUploadedFile("a.pdf", b"%PDF-" + b"0" * 2000))
    assert caught.value.code == "too_large"
    assert caught.value.messages == ["The file is 2,0\xa0KB; the largest accepted is 1,0\xa0KB."]


def test_a_zip_bomb_is_refused(settings):
    settings.MAX_UPLOAD_BYTES = 10_000
    bomb = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\x00" * 300_000})
    assert len(bomb) < settings.MAX_UPLOAD_BYTES
    with pytest.raises(ValidationError) as caught:
        sniff(bomb)
    assert caught.value.code == "zip_bomb"
