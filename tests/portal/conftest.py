"""The portal's world: the world's agency (tests/conftest.py) with its default portal, the predecessor's
dispatch 46/STNMT-VP and the agency's own dispatch published, a movement, an exemplary model with its
photo, a news article, and the honour roll of decision 69/QĐ-STN (three standing awards, one revoked) —
all published by the agency's portal editor through publishing.domain."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from awards.catalogue import ensure_catalogue
from awards.models import Award, AwardRecord
from publishing.domain import (
    create_article,
    publish_article,
    publish_document,
    publish_exemplary,
    publish_honour_roll,
    publish_movement,
    set_up_portal,
)
from tests.publishing.conftest import (  # noqa: F401 — the publishing's fixtures
    decision,
    document,
    exemplary,
    movement,
    photo_with_location,
    predecessor,
)

PORTAL_TITLE = "Cổng thông tin điện tử Sở Thử nghiệm"


def _record(roll_decision, award_code, *, person=None, unit=None, revoked_on=None):
    return AwardRecord.objects.create(
        agency=roll_decision.agency,
        award=Award.objects.get(code=award_code),
        person=person,
        unit=unit,
        year=2021,
        decision=roll_decision.document,
        decided_on=roll_decision.decided_on,
        revoked_on=revoked_on,
    )


@pytest.fixture
def site(world, predecessor, document, movement, exemplary, decision):  # noqa: F811
    ensure_catalogue()  # a transactional test before this one may have flushed what the migrations wrote
    editor = world.editor
    s = SimpleNamespace(world=world, editor=editor)
    s.portal = set_up_portal(
        actor=None, agency=world.agency, slug="so-thu-nghiem", title=PORTAL_TITLE, is_default=True
    )
    s.seed = publish_document(actor=editor, document=predecessor)
    s.dispatch = publish_document(
        actor=editor, document=document, field="Thi đua, khen thưởng", effective_on=dt.date(2021, 2, 15)
    )
    s.seed.pdf.save("46-stnmt-vp.pdf", ContentFile(b"%PDF-1.4 the official copy"), save=True)
    s.movement = publish_movement(actor=editor, movement=movement)
    s.exemplary = publish_exemplary(actor=editor, model=exemplary)
    article = create_article(
        actor=editor,
        agency=world.agency,
        title="Sở Thử nghiệm phát động thi đua năm 2021",
        summary="Lễ phát động phong trào thi đua năm 2021.",
        body="Sáng nay, Sở tổ chức lễ phát động.\nCác đơn vị đăng ký thi đua.",
        author="Trung tâm Công nghệ thông tin",
        photo=SimpleUploadedFile("le.jpg", photo_with_location((800, 600)), content_type="image/jpeg"),
        photo_alt="Lãnh đạo Sở phát biểu tại lễ phát động",
    )
    s.article = publish_article(actor=editor, article=article)
    s.huong = _record(decision, "lao-dong-tien-tien", person=world.team_person)
    s.lan = _record(decision, "lao-dong-tien-tien", person=world.office_person)
    revoked = dt.date(2022, 1, 5)
    s.revoked = _record(decision, "lao-dong-tien-tien", person=world.division_person, revoked_on=revoked)
    s.team = _record(decision, "tap-the-lao-dong-tien-tien", unit=world.team)
    s.roll = publish_honour_roll(actor=editor, decision=decision)
    return s
