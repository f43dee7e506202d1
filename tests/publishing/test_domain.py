"""Publishing each kind writes the public snapshot of the interface, and nothing internal; permission is
checked before anything is validated; slugs are folded, unique per kind, at most 120 characters."""

import datetime as dt
import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from accounts.models import Role
from activity.models import ActivityLog
from documents.models import Direction, Document, DocumentKind
from documents.models import Status as DocumentStatus
from movements.models import Level
from publishing import domain
from publishing.models import Kind, Portal, Publication, PublicImage
from tests.factories import account_with_role
from tests.publishing.conftest import EMAIL, PHONE, RETURN_REASON, issued_dispatch, photo_with_location


def public_text(publication: Publication) -> str:
    """Everything of the snapshot the portal reads, as one text."""
    fields = [publication.title, publication.summary, publication.paragraphs, publication.facts]
    return json.dumps(fields, ensure_ascii=False) + publication.issuer + publication.field


def actions(obj) -> list[str]:
    return list(
        ActivityLog.objects.filter(target_id=str(obj.pk), target_type__model=obj._meta.model_name)
        .order_by("id")
        .values_list("action", flat=True)
    )


# --- documents ----------------------------------------------------------------------------------------------
def test_editor_publishes_an_issued_dispatch(world, document, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publication = domain.publish_document(
            actor=world.editor,
            document=document,
            field="Thi đua, khen thưởng",
            effective_on=dt.date(2021, 3, 1),
        )
    publication.refresh_from_db()
    assert publication.kind == Kind.DOCUMENT and publication.status == "published"
    assert publication.agency == world.agency and publication.published_by == world.editor
    assert publication.slug == "05-stn-vp-trien-khai-ke-hoach-phat-dong-phong-trao-thi-dua-nam-2021"
    assert publication.title == "Công văn 05/STN-VP"
    assert publication.summary == document.subject
    assert publication.facts == {
        "kind": "Công văn",
        "reference": "05/STN-VP",
        "issuer": "Sở Thử nghiệm",
        "signer": "Nguyễn Văn Bình",
        "signer_position": "KT. GIÁM ĐỐC — PHÓ GIÁM ĐỐC",
        "issued_on": "2021-02-10",
    }
    assert publication.paragraphs == [
        "Nhằm thực hiện tốt công tác thi đua năm 2021:",
        "1. Triển khai kế hoạch thi đua đến toàn thể công chức",
    ]
    assert (publication.day, publication.document_kind, publication.issuer) == (
        dt.date(2021, 2, 10),
        "cong_van",
        "Sở Thử nghiệm",
    )
    assert (publication.field, publication.effective_on) == ("Thi đua, khen thưởng", dt.date(2021, 3, 1))
    assert all(
        f" {word}" in publication.search_text
        for word in ["trien", "khai", "ke", "hoach", "thi", "dua", "chuc"]
    )
    publication.pdf.open("rb")
    assert publication.pdf.read(5) == b"%PDF-"
    publication.pdf.close()
    document.refresh_from_db()
    assert document.status == DocumentStatus.PUBLISHED
    assert actions(document)[-1] == "documents.document.published"
    assert actions(publication) == ["publishing.publication.published"]


def test_nothing_internal_of_a_document_is_public(world, document):
    publication = domain.publish_document(actor=world.editor, document=document)
    text = public_text(publication)
    for internal in (RETURN_REASON, "ghi-chu-noi-bo", world.officer.username, "Lưu: VT", "Như trên"):
        assert internal not in text
    assert set(publication.facts) == {"kind", "reference", "issuer", "signer", "signer_position", "issued_on"}


def test_a_registered_incoming_document_is_published_with_its_sender(world):
    incoming = Document.objects.create(
        agency=world.agency,
        direction=Direction.INCOMING,
        kind=DocumentKind.objects.get(code="ke_hoach"),
        status=DocumentStatus.REGISTERED,
        number=25,
        notation="KH-UBND",
        issued_on=dt.date(2021, 2, 8),
        arrival_number=3,
        arrival_date=dt.date(2021, 2, 9),
        sender_name="UBND tỉnh Sóc Trăng",
        subject="Phát động phong trào thi đua năm 2021",
    )
    publication = domain.publish_document(actor=world.secretariat, document=incoming)
    incoming.refresh_from_db()
    assert incoming.status == DocumentStatus.REGISTERED  # an incoming document has no lifecycle
    assert publication.facts["issuer"] == publication.issuer == "UBND tỉnh Sóc Trăng"
    assert publication.slug == "25-kh-ubnd-phat-dong-phong-trao-thi-dua-nam-2021"


def test_the_successors_editor_publishes_the_predecessors_archive(world, predecessor):
    publication = domain.publish_document(actor=world.editor, document=predecessor)
    assert publication.agency == world.old_agency  # the document keeps its agency
    assert publication.slug.startswith("46-stnmt-vp-")


@pytest.mark.parametrize("who", ["staff", "officer", "head", "leader"])
def test_only_editors_secretariat_and_admins_publish(world, document, who):
    with pytest.raises(PermissionDenied):
        domain.publish_document(actor=getattr(world, who), document=document)
    assert not Publication.objects.exists()


def test_another_agencys_editor_may_not_publish(world, document):
    outsider = account_with_role(Role.PORTAL_EDITOR, agency=world.other_agency)
    with pytest.raises(PermissionDenied):
        domain.publish_document(actor=outsider, document=document)


def test_permission_is_checked_before_validation(world):
    draft = issued_dispatch(world.agency, number=None, status=DocumentStatus.DRAFT)
    with pytest.raises(PermissionDenied):
        domain.publish_document(actor=world.staff, document=draft)


def test_a_draft_is_refused(world, english):
    draft = issued_dispatch(world.agency, number=None, status=DocumentStatus.SUBMITTED)
    with pytest.raises(ValidationError) as refused:
        domain.publish_document(actor=world.editor, document=draft)
    assert refused.value.messages == ["Only an issued document can be published."]
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.SUBMITTED and not Publication.objects.exists()


def test_publishing_twice_is_refused(world, document, english):
    domain.publish_document(actor=world.editor, document=document)
    with pytest.raises(ValidationError) as refused:
        domain.publish_document(actor=world.editor, document=document)
    assert refused.value.messages == ["It is already published on the portal."]
    assert Publication.objects.count() == 1


def test_a_date_of_effect_before_the_issue_is_refused(world, document, english):
    with pytest.raises(ValidationError) as refused:
        domain.publish_document(actor=world.editor, document=document, effective_on=dt.date(2021, 1, 1))
    assert refused.value.message_dict == {
        "effective_on": ["The date of effect cannot be before the date of issue."]
    }
    document.refresh_from_db()
    assert document.status == DocumentStatus.ISSUED


# --- movements, exemplary models ----------------------------------------------------------------------------
def test_a_movement_lists_its_issued_documents_with_their_addresses(world, movement, document):
    published = domain.publish_document(actor=world.editor, document=document)
    publication = domain.publish_movement(actor=world.editor, movement=movement, at=dt.date(2021, 3, 2))
    assert publication.title == movement.name and publication.summary == movement.theme
    assert publication.paragraphs == ["Xây dựng công sở xanh, sạch, đẹp.", "Mỗi đơn vị một mô hình.",
                                      "Không rác nhựa dùng một lần."]  # fmt: skip
    assert publication.day == dt.date(2021, 3, 2)
    facts = publication.facts
    with translation.override("vi"):
        assert facts["level"] == str(Level.AGENCY.label)  # the label, in Vietnamese whatever the request's
    assert facts["starts_on"] == movement.period_start.isoformat()
    assert facts["documents"] == [
        {
            "role": "Phát động phong trào",
            "reference": "05/STN-VP",
            "subject": document.subject,
            "issuer": "Sở Thử nghiệm",
            "issued_on": "2021-02-10",
            "slug": published.slug,
        }
    ]  # the draft linked to the movement is not listed


def test_an_exemplary_model_shows_name_position_unit_only(world, exemplary):
    publication = domain.publish_exemplary(actor=world.editor, model=exemplary)
    assert publication.facts == {
        "model_kind": publication.facts["model_kind"],
        "model_kind_code": "dien-hinh",
        "year": exemplary.year,
        "people": [{"name": "Đặng Thị Hương", "position": "Chuyên viên", "unit": "Tổ Kế hoạch"}],
        "units": ["Tổ Kế hoạch"],
        "movement": {"title": exemplary.movement.name, "slug": ""},
    }
    text = public_text(publication)
    for personal in (PHONE, EMAIL, "1988-07-14", "14/07/1988", world.team_person.staff_code):
        assert personal not in text
    assert publication.paragraphs == [exemplary.story]


def test_an_exemplary_models_photo_is_resized_without_exif(world, exemplary):
    publication = domain.publish_exemplary(actor=world.editor, model=exemplary)
    image = PublicImage.objects.get(publication=publication)
    assert image.alt == "Tổ Kế hoạch thu gom rác"
    image.file.open("rb")
    with Image.open(io.BytesIO(image.file.read())) as photo:
        assert photo.format == "JPEG"
        assert (photo.width, photo.height) == (image.width, image.height) == (1067, 1600)  # turned upright
        assert not photo.getexif() and "exif" not in photo.info
    image.file.close()


# --- articles -----------------------------------------------------------------------------------------------
def test_an_article_with_a_photo_is_written_and_published(world):
    upload = SimpleUploadedFile("anh.jpg", photo_with_location((2400, 1200)), content_type="image/jpeg")
    article = domain.create_article(
        actor=world.editor,
        agency=world.agency,
        title="Sở Thử nghiệm ra quân “Ngày Chủ nhật xanh”",
        summary="Hơn 200 công chức tham gia.",
        body="Sáng 7/3, Sở tổ chức ra quân.\n\nCác đơn vị thu gom rác.",
        author="Trung tâm CNTT",
        photo=upload,
        photo_alt="Công chức thu gom rác",
    )
    article.photo.open("rb")
    with Image.open(io.BytesIO(article.photo.read())) as photo:  # the original is not kept
        assert not photo.getexif() and max(photo.size) <= 1600
    article.photo.close()
    publication = domain.publish_article(actor=world.editor, article=article)
    assert publication.facts == {"author": "Trung tâm CNTT"}
    assert publication.paragraphs == ["Sáng 7/3, Sở tổ chức ra quân.", "Các đơn vị thu gom rác."]
    assert publication.slug == "so-thu-nghiem-ra-quan-ngay-chu-nhat-xanh"
    assert [image.alt for image in publication.images.all()] == ["Công chức thu gom rác"]
    domain.update_article(actor=world.editor, article=article, summary="Gần 250 công chức tham gia.")
    publication.refresh_from_db()
    assert publication.summary == "Gần 250 công chức tham gia."  # the public copy follows
    assert actions(article) == ["publishing.article.created", "publishing.article.updated"]


def test_an_article_photo_must_be_an_image(world, english):
    upload = SimpleUploadedFile("a.pdf", b"%PDF-1.4 not a photo", content_type="application/pdf")
    with pytest.raises(ValidationError) as refused:
        domain.create_article(actor=world.editor, agency=world.agency, title="T", summary="S", body="B",
                              author="A", photo=upload)  # fmt: skip
    assert refused.value.message_dict == {"photo": ["Attach the photo as a JPEG or PNG image."]}


def test_a_staff_member_may_not_write_articles(world):
    with pytest.raises(PermissionDenied):
        domain.create_article(
            actor=world.staff, agency=world.agency, title="", summary="", body="", author=""
        )


def test_slugs_are_unique_per_kind(world):
    first, second = (
        domain.create_article(
            actor=None, agency=world.agency, title="Tin ngắn", summary="S", body="B", author="A"
        )
        for _ in range(2)
    )
    assert domain.publish_article(actor=None, article=first).slug == "tin-ngan"
    assert domain.publish_article(actor=None, article=second).slug == "tin-ngan-2"


def test_a_slug_is_cut_at_a_word():
    slug = domain.slug_text("Phong trào thi đua " * 20)
    assert len(slug) <= 120 and ("phong-trao-thi-dua-" * 20).startswith(slug + "-")


# --- honour rolls and portals -------------------------------------------------------------------------------
def test_the_honour_roll_of_an_issued_decision(world, decision):
    publication = domain.publish_honour_roll(actor=world.editor, decision=decision)
    assert publication.facts == {
        "reference": "69/QĐ-STN",
        "issued_on": "2021-12-20",
        "issuer": "Giám đốc Sở Thử nghiệm",
        "year": 2021,
    }
    assert publication.day == dt.date(2021, 12, 20)
    assert publication.slug == "69-qd-stn-ve-viec-tang-danh-hieu-lao-dong-tien-tien-nam-2021"


def test_the_honour_roll_of_a_draft_decision_is_refused(world, decision, english):
    decision.status = "draft"
    decision.save()
    with pytest.raises(ValidationError) as refused:
        domain.publish_honour_roll(actor=world.editor, decision=decision)
    assert refused.value.messages == ["Only the honour roll of an issued reward decision can be published."]


def test_set_up_portal(world):
    first = domain.set_up_portal(actor=None, agency=world.other_agency, slug="so-khac", title="Sở Khác",
                                 is_default=True)  # fmt: skip
    portal = domain.set_up_portal(
        actor=world.secretariat, agency=world.agency, slug="stn", title="Cổng thông tin Sở Thử nghiệm",
        is_default=True, hosts=["STN.example.test."],
    )  # fmt: skip
    first.refresh_from_db()
    assert portal.is_default and not first.is_default
    assert list(portal.hosts.values_list("host", flat=True)) == ["stn.example.test"]
    with pytest.raises(PermissionDenied):
        domain.set_up_portal(actor=world.editor, agency=world.agency, slug="x", title="x")
    assert Portal.objects.get(agency=world.agency).slug == "stn"


def test_a_document_published_later_is_linked_from_its_movement(world, movement, document, exemplary):
    model_publication = domain.publish_exemplary(actor=world.editor, model=exemplary)
    movement_publication = domain.publish_movement(actor=world.editor, movement=movement)
    assert movement_publication.facts["documents"][0]["slug"] == ""
    document_publication = domain.publish_document(actor=world.editor, document=document)
    movement_publication.refresh_from_db()
    model_publication.refresh_from_db()
    assert movement_publication.facts["documents"][0]["slug"] == document_publication.slug
    assert model_publication.facts["movement"] == {"title": movement.name, "slug": movement_publication.slug}


def test_missing_pdfs_are_rendered_on_demand(world, document):
    from publishing.tasks import store_missing_pdfs

    publication = domain.publish_document(actor=world.editor, document=document)  # its task not run
    assert store_missing_pdfs() == 1
    publication.refresh_from_db()
    assert publication.pdf.name.endswith(".pdf") and store_missing_pdfs() == 0
