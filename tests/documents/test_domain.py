"""documents.domain: drafts, the lifecycle, numbering at issuance, the incoming register and attachments."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from activity.models import ActivityLog
from documents import domain
from documents.models import Direction, Document, DocumentKind, NumberSequence, Status
from notifications.models import Notification
from organisations.models import AgencyKind
from tests.documents.signers import signed_by
from tests.factories import AgencyFactory, UnitFactory

PDF_BYTES = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SIGNED = {"signer_position": "Giám đốc", "signer_name": "Nguyễn Văn A"}
BLANK_BLOCK = {"signer_position": "", "signer_name": ""}


def kind(code="ke_hoach") -> DocumentKind:
    return DocumentKind.objects.get(code=code)


def paragraph(text):
    return {"kind": "paragraph", "runs": [{"text": text, "bold": False, "italic": False}]}


def make_draft(agency, *, actor=None, code="ke_hoach", unit=None, bases=None, **fields) -> Document:
    values = {"subject": "Phát động phong trào thi đua năm 2021", "drafting_unit": unit, **SIGNED, **fields}
    return domain.create_draft(actor=actor, agency=agency, kind=kind(code), fields=values, bases=bases)


def officer_draft(world, signer, authority: str = "", **fields) -> Document:
    """A draft of the division's officer whose signer is `signer` (tests/documents/signers.py)."""
    return make_draft(
        world.agency, actor=world.officer, unit=world.division, **signed_by(signer, authority), **fields
    )


def make_issued(agency, *, on=None, code="ke_hoach", unit=None, **fields) -> Document:
    document = make_draft(agency, code=code, unit=unit, **fields)
    domain.submit_for_signature(actor=None, document=document)
    domain.approve_document(actor=None, document=document)
    return domain.issue_document(actor=None, document=document, issued_on=on)


def actions_of(document) -> list[str]:
    return list(
        ActivityLog.objects.filter(target_id=str(document.pk), action__startswith="documents.")
        .order_by("id")
        .values_list("action", flat=True)
    )


# --- drafts ------------------------------------------------------------------------------------------


def test_officer_drafts_for_own_unit_with_bases(world):
    cited = make_issued(world.agency, on=dt.date(2021, 1, 20))
    document = make_draft(
        world.agency,
        actor=world.officer,
        unit=world.division,
        body=[paragraph("Nội dung./.")],
        bases=[{"cited": cited, "text": ""}, {"cited": None, "text": "Căn cứ Luật Thi đua, khen thưởng;"}],
    )
    document.refresh_from_db()
    assert (document.status, document.direction, document.created_by) == (
        Status.DRAFT,
        Direction.OUTGOING,
        world.officer,
    )
    assert document.number is None and document.reference == ""
    assert [(b.cited, b.text) for b in document.bases.all()] == [
        (cited, ""),
        (None, "Căn cứ Luật Thi đua, khen thưởng;"),
    ]
    assert actions_of(document) == ["documents.document.created"]


def test_drafting_is_refused_outside_own_unit_and_to_staff(world):
    with pytest.raises(PermissionDenied):
        make_draft(world.agency, actor=world.officer, unit=world.office)
    with pytest.raises(PermissionDenied):
        make_draft(world.agency, actor=world.staff, unit=world.office)
    assert not Document.objects.exists()


def test_bases_must_be_issued_documents_the_actor_sees(world):
    other = make_issued(world.other_agency)
    draft = make_draft(world.agency)
    for cited in (other, draft):
        with pytest.raises(ValidationError) as caught:
            make_draft(world.agency, actor=world.secretariat, bases=[{"cited": cited, "text": ""}])
        assert "bases" in caught.value.message_dict
    assert Document.objects.count() == 2


def test_body_must_be_well_formed(world):
    with pytest.raises(ValidationError) as caught:
        make_draft(world.agency, body=[{"kind": "table", "runs": []}])
    assert "body" in caught.value.message_dict
    assert not Document.objects.exists()


def test_update_draft_changes_fields_and_logs(world):
    document = make_draft(world.agency, actor=world.officer, unit=world.division)
    domain.update_draft(
        actor=world.officer,
        document=document,
        fields={"subject": "  Kế hoạch  mới ", "recipients": ["Như trên", ""]},
        bases=[{"cited": None, "text": "Căn cứ A;"}],
    )
    document.refresh_from_db()
    assert (document.subject, document.recipients) == ("Kế hoạch mới", ["Như trên"])
    assert [b.text for b in document.bases.all()] == ["Căn cứ A;"]
    entry = ActivityLog.objects.get(action="documents.document.updated")
    assert entry.data["after"]["subject"] == "Kế hoạch mới"


def test_update_draft_refused_to_a_unit_head(world):
    document = make_draft(world.agency, actor=world.officer, unit=world.division)
    with pytest.raises(PermissionDenied):
        domain.update_draft(actor=world.head, document=document, fields={"subject": "Khác"})
    document.refresh_from_db()
    assert document.subject == "Phát động phong trào thi đua năm 2021"


def test_an_issued_document_is_immutable(world, english):
    document = make_issued(world.agency)
    with pytest.raises(ValidationError) as caught:
        domain.update_draft(actor=world.secretariat, document=document, fields={"subject": "Sửa"})
    assert caught.value.messages == [
        "An issued document cannot be changed; issue a document that replaces it."
    ]
    with pytest.raises(ValidationError):
        domain.add_attachment(actor=None, document=document, upload=SimpleUploadedFile("a.pdf", PDF_BYTES))
    document.refresh_from_db()
    assert document.subject == "Phát động phong trào thi đua năm 2021"
    assert not document.attachments.exists()


# --- the lifecycle -----------------------------------------------------------------------------------


def test_lifecycle_draft_to_revoked(world, signers, django_capture_on_commit_callbacks, mailoutbox):
    document = officer_draft(world, signers.director)
    with django_capture_on_commit_callbacks(execute=True):
        domain.submit_for_signature(actor=world.officer, document=document)
    assert document.status == Status.SUBMITTED
    to_sign = Notification.objects.get(kind="documents.to_sign")
    assert to_sign.user == world.leader and to_sign.url == f"/app/documents/{document.pk}/"
    assert [m.to for m in mailoutbox] == [[world.leader.email]]
    with django_capture_on_commit_callbacks(execute=True):
        domain.approve_document(actor=world.leader, document=document)
    to_sign.refresh_from_db()
    assert document.status == Status.APPROVED and to_sign.read_at is not None
    told = Notification.objects.filter(kind="documents.to_issue").values_list("user__username", flat=True)
    assert sorted(told) == ["thuongtruc", "vanthu"]
    assert Notification.objects.get(kind="documents.approved").user == world.officer
    domain.issue_document(actor=world.clerk, document=document, issued_on=dt.date(2021, 2, 10))
    assert not Notification.objects.filter(kind="documents.to_issue", read_at__isnull=True).exists()
    issued = Notification.objects.filter(kind="documents.issued").values_list("user__username", flat=True)
    assert sorted(issued) == ["canbothidua", "giamdoc"]
    domain.publish_document(actor=world.secretariat, document=document)
    domain.revoke_document(actor=world.secretariat, document=document, reason="Ban hành nhầm")
    document.refresh_from_db()
    assert document.status == Status.REVOKED and document.reference == "01/KH-STN"
    assert actions_of(document) == [
        "documents.document.created",
        "documents.document.submitted",
        "documents.document.approved",
        "documents.document.issued",
        "documents.document.published",
        "documents.document.revoked",
    ]
    submitted = ActivityLog.objects.get(action="documents.document.submitted")
    assert submitted.data["after"] == {"status": "submitted", "signer": signers.director.pk,
                                       "signer_name": "Trần Văn Giám"}  # fmt: skip
    revoked = ActivityLog.objects.get(action="documents.document.revoked")
    assert revoked.data["after"] == {"status": "revoked", "reason": "Ban hành nhầm"}


def test_the_chosen_signer_fills_the_printed_block(world, signers):
    kt = make_draft(world.agency, actor=world.secretariat, **signed_by(signers.deputy, "KT."), **BLANK_BLOCK)
    tl = make_draft(world.agency, actor=world.secretariat, **signed_by(signers.head, "TL."), **BLANK_BLOCK)
    own = make_draft(world.agency, actor=world.secretariat, **signed_by(signers.director), **BLANK_BLOCK)
    names = ("signing_authority", "authority_title", "signer_position", "signer_name")
    assert [tuple(getattr(d, n) for n in names) for d in (kt, tl, own)] == [
        ("KT.", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lý Thị Phó"),
        ("TL.", "GIÁM ĐỐC", "TRƯỞNG PHÒNG", "Võ Văn Trưởng"),
        ("", "", "GIÁM ĐỐC", "Trần Văn Giám"),
    ]


def test_a_signer_outside_the_rule_is_refused(world, signers):
    wrong = (signed_by(world.office_person), signed_by(signers.deputy), signed_by(signers.director, "TL."))
    for fields in wrong:
        with pytest.raises(ValidationError) as caught:
            make_draft(world.agency, actor=world.secretariat, **fields)
        assert caught.value.message_dict == {
            "signer": ["Hãy chọn người ký trong số những người được ký văn bản của cơ quan ban hành."]
        }
    assert not Document.objects.exists()


def test_submission_needs_a_chosen_signer(world, signers):
    document = make_draft(world.agency, actor=world.officer, unit=world.division)
    with pytest.raises(ValidationError) as caught:
        domain.submit_for_signature(actor=world.officer, document=document)
    assert caught.value.message_dict == {"signer": ["Chưa chọn người ký."]}
    document.refresh_from_db()
    assert document.status == Status.DRAFT and not Notification.objects.exists()


def test_the_signer_returns_with_a_reason_and_the_drafter_resubmits(world, signers):
    document = officer_draft(world, signers.director)
    domain.submit_for_signature(actor=world.officer, document=document)
    with pytest.raises(ValidationError) as caught:
        domain.return_document(actor=world.leader, document=document, reason="  ")
    assert caught.value.message_dict == {
        "reason": ["Hãy ghi lý do trả lại để người soạn thảo biết cần sửa những gì."]
    }
    for intruder in (world.secretariat, world.deputy, world.officer):
        with pytest.raises(PermissionDenied):
            domain.return_document(actor=intruder, document=document, reason="Sửa")
    domain.return_document(actor=world.leader, document=document, reason="Bổ sung căn cứ pháp lý.")
    document.refresh_from_db()
    assert (document.status, document.return_reason) == (Status.RETURNED, "Bổ sung căn cứ pháp lý.")
    returned = Notification.objects.get(kind="documents.returned")
    assert (returned.user, returned.body) == (world.officer, "Bổ sung căn cứ pháp lý.")
    domain.update_draft(actor=world.officer, document=document, fields={"subject": "Kế hoạch đã sửa"})
    domain.submit_for_signature(actor=world.officer, document=document)
    document.refresh_from_db()
    assert (document.status, document.return_reason) == (Status.SUBMITTED, "")
    assert Notification.objects.filter(kind="documents.to_sign", user=world.leader).count() == 2


def test_a_submitted_draft_is_withdrawn_and_cannot_be_edited_before(world, signers):
    document = officer_draft(world, signers.director)
    domain.submit_for_signature(actor=world.officer, document=document)
    with pytest.raises(ValidationError) as caught:
        domain.update_draft(actor=world.officer, document=document, fields={"subject": "Khác"})
    assert caught.value.code == "immutable"
    domain.withdraw_from_signature(actor=world.officer, document=document)
    document.refresh_from_db()
    assert document.status == Status.DRAFT
    assert not Notification.objects.filter(user=world.leader, read_at__isnull=True).exists()


def test_only_the_chosen_signer_signs_off(world, signers):
    document = officer_draft(world, signers.director)
    domain.submit_for_signature(actor=world.officer, document=document)
    for actor in (world.deputy, world.secretariat, world.admin, world.head, world.clerk):
        with pytest.raises(PermissionDenied):
            domain.approve_document(actor=actor, document=document)
    document.refresh_from_db()
    assert document.status == Status.SUBMITTED


@pytest.mark.parametrize(
    "move",
    [
        lambda d: domain.issue_document(actor=None, document=d),
        lambda d: domain.publish_document(actor=None, document=d),
        lambda d: domain.revoke_document(actor=None, document=d, reason="x"),
        lambda d: domain.return_document(actor=None, document=d, reason="x"),
        lambda d: domain.approve_document(actor=None, document=d),
        lambda d: domain.withdraw_from_signature(actor=None, document=d),
    ],
)
def test_moves_not_in_the_lifecycle_are_refused(world, move):
    document = make_draft(world.agency)
    with pytest.raises(ValidationError):
        move(document)
    document.refresh_from_db()
    assert document.status == Status.DRAFT and document.number is None


def test_a_submitted_draft_cannot_be_issued_before_it_is_signed(world, signers, english):
    document = officer_draft(world, signers.director)
    domain.submit_for_signature(actor=world.officer, document=document)
    with pytest.raises(ValidationError) as caught:
        domain.issue_document(actor=world.clerk, document=document)
    assert caught.value.messages == ["A document that is “Submitted for signature” cannot be issued."]
    document.refresh_from_db()
    assert document.status == Status.SUBMITTED and not NumberSequence.objects.exists()


def test_issuing_needs_the_clerk_or_the_secretariat(world, signers):
    document = officer_draft(world, signers.director)
    domain.submit_for_signature(actor=world.officer, document=document)
    domain.approve_document(actor=world.leader, document=document)
    for actor in (world.officer, world.head, world.leader, world.staff):
        with pytest.raises(PermissionDenied):
            domain.issue_document(actor=actor, document=document)
    document.refresh_from_db()
    assert document.status == Status.APPROVED and not NumberSequence.objects.exists()


def test_issuing_names_the_missing_fields(world):
    document = make_draft(world.agency, signer_name="", signer_position="")
    Document.objects.filter(pk=document.pk).update(status=Status.APPROVED)  # signed on paper, say
    with pytest.raises(ValidationError) as caught:
        domain.issue_document(actor=None, document=document)
    assert caught.value.message_dict == {
        "signer_name": ["Chưa chọn người ký."],
        "signer_position": ["Chưa có chức vụ của người ký."],
    }
    document.refresh_from_db()
    assert document.status == Status.APPROVED and document.number is None


def test_issue_date_cannot_be_in_the_future(world):
    document = make_draft(world.agency)
    domain.submit_for_signature(actor=None, document=document)
    domain.approve_document(actor=None, document=document)
    with pytest.raises(ValidationError) as caught:
        domain.issue_document(actor=None, document=document, issued_on=timezone.localdate() + dt.timedelta(1))
    assert "issued_on" in caught.value.message_dict


def test_numbers_share_one_series_and_symbols_follow_the_kind(world):
    plan = make_issued(world.agency, on=dt.date(2021, 1, 20))
    dispatch = make_issued(world.agency, code="cong_van", unit=world.office, on=dt.date(2021, 2, 10))
    decision = make_issued(world.agency, code="quyet_dinh", on=dt.date(2021, 2, 11))
    assert [plan.reference, dispatch.reference, decision.reference] == ["01/KH-STN", "02/STN-VP", "03/QĐ-STN"]
    assert NumberSequence.objects.get(agency=world.agency, year=2021, series="outgoing").last_number == 3


def test_a_number_is_used_once_in_its_series_and_year_whatever_the_kind(world):
    plan = make_issued(world.agency, on=dt.date(2021, 1, 20))
    decision = make_issued(world.agency, code="quyet_dinh", on=dt.date(2021, 2, 11))
    assert (plan.series, plan.number, decision.number) == ("outgoing", 1, 2)

    decision.number = plan.number  # 01/QĐ-STN beside 01/KH-STN: another symbol, the same series and year
    with pytest.raises(IntegrityError), transaction.atomic():
        decision.save(update_fields=["number"])

    next_year = make_issued(world.agency, code="quyet_dinh", on=dt.date(2022, 1, 5))
    incoming = domain.register_incoming(
        actor=world.secretariat, agency=world.agency, kind=kind(), fields={"number": 1, "subject": "Công văn"}
    )
    other = make_issued(world.other_agency, on=dt.date(2021, 1, 20))
    assert (next_year.number, incoming.series, incoming.number, other.number) == (1, "incoming", 1, 1)
    decision.refresh_from_db()
    assert decision.number == 2


def test_issue_defaults_to_today_and_freezes_the_header(world):
    province = AgencyFactory(
        name="Ủy ban nhân dân tỉnh Sóc Trăng",
        short_name="UBND tỉnh Sóc Trăng",
        kind=AgencyKind.PEOPLES_COMMITTEE,
        symbol="UBND",
    )
    department = AgencyFactory(
        name="Sở Tài nguyên và Môi trường tỉnh Sóc Trăng",
        short_name="Sở Tài nguyên và Môi trường",
        symbol="STNMT",
        parent=province,
        place_name="Sóc Trăng",
    )
    office = UnitFactory(agency=department, name="Văn phòng", symbol="VP")
    document = make_issued(department, code="cong_van", unit=office)
    document.refresh_from_db()
    assert document.issued_on == timezone.localdate() and document.year == timezone.localdate().year
    assert (document.superior_name, document.issuer_name, document.place_name) == (
        "UBND TỈNH SÓC TRĂNG",
        "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
        "Sóc Trăng",
    )
    assert document.reference == "01/STNMT-VP"
    department.short_name = "Sở Nông nghiệp và Môi trường"
    department.save()
    document.refresh_from_db()
    assert document.issuer_name == "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG"


def test_a_dispatch_needs_its_drafting_unit(world):
    document = make_draft(world.agency, code="cong_van")
    domain.submit_for_signature(actor=None, document=document)
    domain.approve_document(actor=None, document=document)
    with pytest.raises(ValidationError) as caught:
        domain.issue_document(actor=None, document=document)
    assert "drafting_unit" in caught.value.message_dict
    assert not NumberSequence.objects.filter(last_number__gt=0).exists()


def test_replace_document(world):
    old = make_issued(world.agency, on=dt.date(2021, 1, 5))
    new = make_issued(world.agency, on=dt.date(2021, 1, 9))
    domain.replace_document(actor=world.secretariat, document=old, replacement=new)
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.status == Status.REPLACED and new.replaces == old and new.status == Status.ISSUED
    assert actions_of(old)[-1] == "documents.document.replaced"


def test_replacement_must_be_issued_and_of_the_same_agency(world):
    old = make_issued(world.agency)
    for replacement in (make_draft(world.agency), make_issued(world.other_agency)):
        with pytest.raises(ValidationError):
            domain.replace_document(actor=None, document=old, replacement=replacement)
    with pytest.raises(PermissionDenied):
        domain.replace_document(actor=world.officer, document=old, replacement=make_issued(world.agency))
    old.refresh_from_db()
    assert old.status == Status.ISSUED


def test_revoking_needs_a_reason(world):
    document = make_issued(world.agency)
    with pytest.raises(ValidationError) as caught:
        domain.revoke_document(actor=world.secretariat, document=document, reason="  ")
    assert "reason" in caught.value.message_dict
    document.refresh_from_db()
    assert document.status == Status.ISSUED


# --- incoming register and attachments ---------------------------------------------------------------


def test_register_incoming_numbers_arrivals_and_keeps_the_senders_number(world):
    fields = {
        "number": 25,
        "notation": "KH-UBND",
        "issued_on": dt.date(2021, 2, 8),
        "sender_name": "UBND tỉnh Sóc Trăng",
        "subject": "Phát động phong trào thi đua năm 2021",
    }
    first = domain.register_incoming(
        actor=world.secretariat,
        agency=world.agency,
        kind=kind(),
        fields={**fields, "arrival_date": dt.date(2021, 2, 9)},
    )
    second = domain.register_incoming(
        actor=world.secretariat, agency=world.agency, kind=kind(), fields=fields
    )
    first.refresh_from_db()
    assert (first.direction, first.status, first.arrival_number, first.reference) == (
        Direction.INCOMING,
        Status.REGISTERED,
        1,
        "25/KH-UBND",
    )
    assert (first.issued_on, first.sender_name, first.arrival_date) == (
        dt.date(2021, 2, 8),
        "UBND tỉnh Sóc Trăng",
        dt.date(2021, 2, 9),
    )
    assert second.arrival_number == 1 and second.arrival_date == timezone.localdate()  # another year
    assert ActivityLog.objects.filter(action="documents.document.registered").count() == 2


def test_register_incoming_needs_the_secretariat(world):
    with pytest.raises(PermissionDenied):
        domain.register_incoming(actor=world.staff, agency=world.agency, kind=kind(), fields={"subject": "X"})
    assert not Document.objects.exists()


def test_add_attachment_stores_the_checked_file(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = make_draft(world.agency, actor=world.officer, unit=world.division)
    attachment = domain.add_attachment(
        actor=world.officer,
        document=document,
        upload=SimpleUploadedFile("Kế hoạch.pdf", PDF_BYTES, "text/plain"),
    )
    attachment.refresh_from_db()
    assert (attachment.name, attachment.content_type, attachment.size) == (
        "Kế hoạch.pdf",
        "application/pdf",
        len(PDF_BYTES),
    )
    assert attachment.file.read() == PDF_BYTES
    assert attachment.file.path.startswith(str(tmp_path)) and attachment.file.name.endswith(".pdf")
    assert (
        ActivityLog.objects.get(action="documents.attachment.added").data["after"]["sha256"]
        == attachment.sha256
    )


def test_add_attachment_refuses_archives(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = make_draft(world.agency)
    with pytest.raises(ValidationError) as caught:
        domain.add_attachment(
            actor=None, document=document, upload=SimpleUploadedFile("a.pdf", b"Rar!\x1a\x07\x00")
        )
    assert caught.value.code == "archive"
    assert not document.attachments.exists() and not list(tmp_path.iterdir())
