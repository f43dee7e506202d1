"""What a civil servant reads when thidua refuses: Vietnamese (other tests compare English msgids)."""

import zipfile
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from documents import domain
from lib.uploads import check_upload
from tests.documents.seed_dispatch import seed_dispatch


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


@pytest.mark.django_db
def test_an_issued_document_cannot_be_edited():
    document = seed_dispatch(issued=True)
    with pytest.raises(ValidationError) as error:
        domain.update_draft(actor=None, document=document, fields={"subject": "V/v sửa sau khi ban hành"})
    assert error.value.messages == ["Văn bản đã ban hành không được sửa; hãy ban hành văn bản thay thế."]
    document.refresh_from_db()
    assert document.subject.startswith("V/v triển khai")


def _zip() -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "nội dung")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("ke-hoach.pdf", _zip()),
        ("setup.exe", b"MZ\x90\x00" + b"\x00" * 64),
        ("ghi-chu.txt", "Văn bản".encode()),
    ],
)
def test_a_refused_upload_says_why_in_vietnamese(name, content):
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile(name, content))
    message = " ".join(error.value.messages)
    assert message and message.isascii() is False  # Vietnamese letters, not an English msgid
    assert any(word in message.lower() for word in ("tệp", "không"))


@pytest.mark.django_db
def test_a_move_the_workflow_does_not_allow_is_refused_in_one_message():
    """The workflow gate's one refusal, naming the action and the state (issue 9)."""
    document = seed_dispatch()
    with pytest.raises(ValidationError) as error:
        domain.publish_document(actor=None, document=document)
    assert error.value.messages == ["Không thể «công bố» văn bản đang ở trạng thái «Dự thảo»."]
    document.refresh_from_db()
    assert document.status == "draft"
