"""Checking an uploaded file: PDF, Word (.docx), Excel (.xlsx), PNG and JPEG only, recognised from the
content (never the name or the browser's type), no larger than settings.MAX_UPLOAD_BYTES.

Archives, programs and scripts are refused with a message of their own; anything else with the list of the
accepted types. OOXML files (.docx, .xlsx) are zips: the main part declared in [Content_Types].xml tells them
apart (a .docm or another zip is refused), and the unzipped size is capped against zip bombs.

Every app that takes a file goes through `check_upload` (a form field: lib.forms.UploadField).
"""

import hashlib
import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from lib.xlsx import XLSX_CONTENT_TYPE

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = XLSX_CONTENT_TYPE
PNG = "image/png"
JPEG = "image/jpeg"
EXTENSIONS = {PDF: ".pdf", DOCX: ".docx", XLSX: ".xlsx", PNG: ".png", JPEG: ".jpg"}
ACCEPT = ".pdf,.docx,.xlsx,.png,.jpg,.jpeg"  # a hint for the file picker; the content decides

_SIGNATURES = ((b"%PDF-", PDF), (b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG))
_OOXML_MAIN_PARTS = (
    (b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", DOCX, "word/"),
    (b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", XLSX, "xl/"),
)
_ARCHIVES = (
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"Rar!\x1a\x07",
    b"7z\xbc\xaf\x27\x1c",
    b"\x1f\x8b",
    b"BZh",
    b"\xfd7zXZ\x00",
    b"\x28\xb5\x2f\xfd",
)
_PROGRAMS = (b"MZ", b"\x7fELF", b"#!", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"\xca\xfe\xba\xbe")
_INFLATE_LIMIT = 20  # the unzipped parts may be at most this many times MAX_UPLOAD_BYTES
_HEAD = 512


@dataclass(frozen=True)
class CheckedUpload:
    content: bytes
    content_type: str
    sha256: str

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.content_type]

    @property
    def size(self) -> int:
        return len(self.content)


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def _unsupported() -> ValidationError:
    return _refuse(
        _("This type of file is not accepted. Attach a PDF, Word (.docx), Excel (.xlsx), PNG or JPEG file."),
        "unsupported",
    )


def _ooxml_type(content: bytes) -> str | None:
    """DOCX or XLSX when the zip declares one of their main parts, else None (another zip)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            infos = {info.filename: info for info in archive.infolist()}
            types = infos.get("[Content_Types].xml")
            if types is None or types.file_size > 1_000_000:
                return None
            if sum(info.file_size for info in infos.values()) > _INFLATE_LIMIT * settings.MAX_UPLOAD_BYTES:
                raise _refuse(_("The file unpacks to an unreasonable size; it is refused."), "zip_bomb")
            declared = archive.read(types)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, KeyError):
        return None
    for main_part, content_type, folder in _OOXML_MAIN_PARTS:
        if main_part in declared and any(name.startswith(folder) for name in infos):
            return content_type
    return None


def sniff(content: bytes) -> str:
    """The content type of an accepted file; ValidationError with the reason otherwise."""
    head = content[:_HEAD]
    for signature, content_type in _SIGNATURES:
        if head.startswith(signature):
            return content_type
    if head.startswith(b"PK\x03\x04") and (content_type := _ooxml_type(content)):
        return content_type
    if any(head.startswith(signature) for signature in _ARCHIVES) or content[257:262] == b"ustar":
        raise _refuse(
            _("Archives (.zip, .rar, .7z, .gz…) are not accepted: attach the files themselves."), "archive"
        )
    if any(head.startswith(signature) for signature in _PROGRAMS):
        raise _refuse(_("Programs and scripts are not accepted."), "executable")
    raise _unsupported()


def check_size(size: int) -> None:
    if size == 0:
        raise _refuse(_("The file is empty."), "empty")
    if size > settings.MAX_UPLOAD_BYTES:
        message = _("The file is %(size)s; the largest accepted is %(limit)s.") % {
            "size": filesizeformat(size),
            "limit": filesizeformat(settings.MAX_UPLOAD_BYTES),
        }
        raise _refuse(message, "too_large")


def check_upload(upload) -> CheckedUpload:
    """Read and check an uploaded file (a Django UploadedFile or any File)."""
    size = getattr(upload, "size", None)
    if size is not None:
        check_size(size)  # before reading a huge file into memory
    upload.seek(0)
    content = upload.read(settings.MAX_UPLOAD_BYTES + 1)
    check_size(len(content))
    content_type = sniff(content)
    return CheckedUpload(
        content=content, content_type=content_type, sha256=hashlib.sha256(content).hexdigest()
    )
