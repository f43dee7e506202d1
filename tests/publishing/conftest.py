"""The publishing's world: the world's agency (tests/conftest.py) with an issued dispatch carrying internal
data (a return reason, its creator, an attachment), a predecessor agency's dispatch 46/STNMT-VP, a movement
with its documents, an exemplary model of a person whose birth date, phone and e-mail are known, with a photo
taken by a phone (EXIF: the place, a rotation)."""

import datetime as dt
import io

import pytest
from django.core.files.base import ContentFile

from achievements.models import Photo
from decisions.models import Decision
from documents.kinds import ensure_kinds
from documents.models import Attachment, Direction, Document, DocumentKind, Status
from movements.models import MovementDocument
from tests.factories import AgencyFactory, ExemplaryModelFactory, MovementFactory, UnitFactory

SUBJECT = "V/v triển khai Kế hoạch phát động phong trào thi đua năm 2021"
RETURN_REASON = "Sửa lại đoạn hai cho gọn"
PHONE = "0912345678"
EMAIL = "huong.dang@example.test"
GPS_LATITUDE = (10.0, 2.0, 1.5)


def photo_with_location(size=(3000, 2000), *, kind="JPEG") -> bytes:
    """A photo as a phone takes it: EXIF with the place (GPS) and a rotation (orientation 6: turn right)."""
    from PIL import ExifTags, Image

    image = Image.new("RGB", size, (30, 120, 60))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "PhoneMaker"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = GPS_LATITUDE
    out = io.BytesIO()
    image.save(out, kind, exif=exif)
    return out.getvalue()


def kind(code: str) -> DocumentKind:
    """A document kind, written again first: a transactional test before this one (the browser tests, the
    load test) may have flushed what the migrations wrote."""
    ensure_kinds()
    return DocumentKind.objects.get(code=code)


def issued_dispatch(agency, *, number=5, status=Status.ISSUED, subject=SUBJECT, **fields) -> Document:
    return Document.objects.create(
        agency=agency,
        direction=Direction.OUTGOING,
        kind=kind("cong_van"),
        status=status,
        number=number,
        year=2021,
        notation=f"{agency.symbol}-VP",
        issued_on=dt.date(2021, 2, 10),
        subject=subject,
        issuer_name="SỞ THỬ NGHIỆM",
        signing_authority="KT.",
        authority_title="Giám đốc",
        signer_position="Phó Giám đốc",
        signer_name="Nguyễn Văn Bình",
        body=[
            {"kind": "paragraph", "runs": [{"text": "Nhằm thực hiện tốt công tác thi đua năm 2021:"}]},
            {"kind": "item", "label": "1.", "runs": [{"text": "Triển khai kế hoạch thi đua đến toàn thể "},
                                                    {"text": "công chức", "bold": True}]},
        ],
        recipients=["Như trên", "Lưu: VT, VP"],
        **fields,
    )  # fmt: skip


@pytest.fixture
def document(world):
    """An issued dispatch of the world's agency, with internal data that must never reach the portal."""
    document = issued_dispatch(world.agency, return_reason=RETURN_REASON, created_by=world.officer)
    Attachment.objects.create(
        document=document,
        file=ContentFile(b"%PDF-1.4 internal", name="ghi-chu-noi-bo.pdf"),
        name="ghi-chu-noi-bo.pdf",
        content_type="application/pdf",
        size=17,
        sha256="0" * 64,
    )
    return document


@pytest.fixture
def predecessor(world):
    """Sở Tài nguyên và Môi trường, merged into the world's agency in 2025, and its dispatch 46/STNMT-VP."""
    old = AgencyFactory(name="Sở Tài nguyên và Môi trường", symbol="STNMT", valid_to=dt.date(2025, 2, 28))
    old.successor = world.agency
    old.save()
    UnitFactory(agency=old, name="Văn phòng", symbol="VP", valid_to=dt.date(2025, 2, 28))
    world.old_agency = old
    return issued_dispatch(old, number=46)


@pytest.fixture
def movement(world, document):
    movement = MovementFactory(
        agency=world.agency,
        name="Phong trào thi đua “Công sở văn minh” năm 2021",
        objectives="Xây dựng công sở xanh, sạch, đẹp.\nMỗi đơn vị một mô hình.",
        criteria="Không rác nhựa dùng một lần.",
    )
    MovementDocument.objects.create(movement=movement, document=document, role="launching")
    draft = issued_dispatch(world.agency, number=None, status=Status.DRAFT, subject="Dự thảo chưa ban hành")
    MovementDocument.objects.create(movement=movement, document=draft, role="implementing")
    return movement


@pytest.fixture
def exemplary(world, movement):
    person = world.team_person
    person.phone, person.email, person.date_of_birth = PHONE, EMAIL, dt.date(1988, 7, 14)
    person.save()
    model = ExemplaryModelFactory(agency=world.agency, title="Tổ Kế hoạch không rác nhựa", movement=movement)
    model.people.add(person)
    model.units.add(world.team)
    content = photo_with_location()
    Photo.objects.create(
        model=model,
        file=ContentFile(content, name="IMG_0001.jpg"),
        caption="Tổ Kế hoạch thu gom rác",
        content_type="image/jpeg",
        size=len(content),
    )
    return model


@pytest.fixture
def decision(world):
    """An issued reward decision 69/QĐ-STN of the world's agency (its ledger rows: none needed here)."""
    document = Document.objects.create(
        agency=world.agency,
        direction=Direction.OUTGOING,
        kind=kind("quyet_dinh"),
        status=Status.ISSUED,
        number=69,
        year=2021,
        notation="QĐ-STN",
        issued_on=dt.date(2021, 12, 20),
        subject="Về việc tặng danh hiệu Lao động tiên tiến năm 2021",
        issued_through="decisions",
    )
    return Decision.objects.create(
        agency=world.agency,
        document=document,
        status="issued",
        year=2021,
        decided_on=dt.date(2021, 12, 20),
        issuer="Giám đốc Sở Thử nghiệm",
    )
