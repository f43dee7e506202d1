"""The demo's public e-portal (demo/portal.py, issue 16): the default portal of today's Sở with its
predecessors' archive, the seed dispatch published in 2021 by the IT Centre's editor, the documents,
movements, models, articles and honour rolls, one withdrawal with its reason, and the consultation open today
with a citizen's comment pending."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from PIL import ExifTags, Image

from accounts.models import User
from achievements.models import ExemplaryModel
from decisions.models import Decision
from nominations.models import Channel, Comment, CommentSource, Handling, Posting
from publishing.models import Article, Kind, Portal, Publication, PublicImage, Status
from tests.demo.helpers import agency

pytestmark = pytest.mark.django_db


def published(kind: str):
    return Publication.objects.filter(kind=kind, status=Status.PUBLISHED)


def test_the_default_portal_of_todays_agency_with_its_host_name(demo):
    portal = Portal.objects.select_related("agency").get(slug="snnmt-can-tho")
    assert portal.is_default and portal.agency == agency("NNMT_CT")
    assert portal.title == "Cổng thông tin điện tử Sở Nông nghiệp và Môi trường thành phố Cần Thơ"
    assert list(portal.hosts.values_list("host", flat=True)) == ["snnmt.cantho.gov.vn"]
    assert Portal.objects.count() == 1


def test_the_portal_shows_its_predecessors_publications_as_its_archive(demo):
    lineage = agency("NNMT_CT").lineage_ids()
    agencies = set(Publication.objects.values_list("agency_id", flat=True))
    assert agencies <= lineage
    assert {agency("TNMT").pk, agency("NNPTNT").pk, agency("NNMT_CT").pk} <= agencies


def test_the_seed_dispatch_published_in_2021_by_the_it_centres_editor(demo):
    publication = Publication.objects.select_related("document", "published_by").get(
        kind=Kind.DOCUMENT, document__number=46, document__notation="STNMT-VP"
    )
    editor = User.objects.get(username="bientap")
    assert publication.published_by == editor and editor.person.staff_code
    assert timezone.localdate(publication.published_at) == dt.date(2021, 2, 19)  # the day after its issue
    assert publication.status == Status.PUBLISHED and publication.field == "Thi đua, khen thưởng"
    assert publication.facts["reference"] == "46/STNMT-VP" and publication.day == dt.date(2021, 2, 18)
    assert publication.agency == agency("TNMT")  # its PDF: rendered by the task worker after the load
    assert publication.document.status == "published"


def test_a_set_of_documents_with_the_2021_rounds_decisions(demo):
    documents = published(Kind.DOCUMENT)
    assert 14 <= documents.count() <= 25
    references = set(documents.values_list("facts__reference", flat=True))
    assert {"07/KH-STNMT", "25/KH-UBND", "69/QĐ-STNMT", "812/QĐ-UBND", "06/QĐ-SNNMT"} <= references


def test_one_document_withdrawn_with_its_reason(demo):
    (withdrawn,) = Publication.objects.filter(status=Status.WITHDRAWN)
    assert withdrawn.facts["reference"] == "09/QĐ-STNMT"
    assert withdrawn.withdrawal_reason.startswith("Văn bản đã được thay thế bởi Quyết định số 06/QĐ-SNNMT")
    assert timezone.localdate(withdrawn.withdrawn_at) == dt.date(2025, 7, 2)


def test_movements_current_and_of_2021(demo):
    movements = published(Kind.MOVEMENT).select_related("movement")
    years = {m.movement.period_start.year for m in movements if m.movement.period_start}
    assert {2021, timezone.localdate().year} <= years
    assert movements.filter(agency=agency("NNMT_CT")).count() >= 4 and movements.count() >= 7
    began = agency("NNMT_CT").valid_from
    assert all(timezone.localdate(m.published_at) > began for m in movements.filter(agency=agency("NNMT_CT")))


def test_every_exemplary_model_published_with_a_photo_whose_original_carries_a_gps_position(demo):
    models = ExemplaryModel.objects.all()
    assert published(Kind.EXEMPLARY).count() == models.count() == 3
    assert {"dien-hinh", "mo-hinh-moi", "nhan-to-moi"} == set(models.values_list("kind", flat=True))
    for model in models:
        original = model.photos.filter(content_type="image/jpeg").get()
        with original.file.open("rb") as handle:
            assert Image.open(handle).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    image = PublicImage.objects.filter(publication__kind=Kind.EXEMPLARY).first()
    with image.file.open("rb") as handle:
        assert not Image.open(handle).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # stripped for the portal


def test_four_articles_one_with_a_photo(demo):
    articles = published(Kind.ARTICLE)
    assert articles.count() == Article.objects.count() == 4
    assert PublicImage.objects.filter(publication__in=articles).count() == 1
    assert all(len(a.paragraphs) >= 2 and a.facts["author"] for a in articles)


def test_the_honour_roll_of_every_issued_reward_decision(demo):
    rolls = published(Kind.HONOUR_ROLL)
    assert rolls.count() == Decision.objects.issued().count() >= 17
    references = set(rolls.values_list("facts__reference", flat=True))
    assert {"69/QĐ-STNMT", "812/QĐ-UBND", "29/QĐ-SNNMT"} <= references


def test_a_posting_open_today_on_the_portal_with_a_citizens_comment_pending(demo):
    today = timezone.localdate()
    open_today = Posting.objects.filter(
        round__agency=agency("NNMT_CT"), channel=Channel.PORTAL, opens_on__lte=today, closes_on__gte=today
    )
    assert open_today.exists()
    comment = Comment.objects.get(posting__in=open_today, source=CommentSource.PORTAL)
    assert comment.handling == Handling.PENDING and comment.reference and comment.author
    article = published(Kind.ARTICLE).get(title__startswith="Lấy ý kiến nhân dân")
    assert f"{open_today.get().closes_on:%d/%m/%Y}" in article.summary


def test_loading_again_changes_nothing(demo):
    before = (Publication.objects.count(), Comment.objects.count(), Article.objects.count())
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "đã được nạp" in out.getvalue()
    assert (Publication.objects.count(), Comment.objects.count(), Article.objects.count()) == before
