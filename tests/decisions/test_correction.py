"""Correcting an issued decision: a decision of its own ("Về việc đính chính Quyết định số …"), linked to the
original and citing it, numbered through the gate; the original — its document, lines and ledger rows —
never changes. Refused for a draft or another body's decision, an empty text, someone who may not."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from awards.models import Award, AwardRecord
from decisions.domain.correcting import draft_correction, issue_correction
from decisions.domain.registering import record_decision, register_decision
from decisions.models import Decision, Kind, Status
from documents import domain as documents
from documents.models import Status as DocumentStatus
from notifications.models import Notification

CHANGES = "- Tại số thứ tự 2 của danh sách kèm theo: “Trần Thị Lan” sửa thành “Trần Thị Lan Anh”."


def correction(dw, original, changes=CHANGES):
    return draft_correction(actor=dw.world.secretariat, decision=original, changes_text=changes,
                            signer=dw.signers.director)  # fmt: skip


def signed(dw, decision):
    documents.submit_for_signature(actor=dw.world.secretariat, document=decision.document)
    documents.approve_document(actor=dw.world.leader, document=decision.document)
    decision.refresh_from_db()
    return decision


def snapshot(decision) -> tuple:
    document = decision.document
    document.refresh_from_db()
    lines = list(decision.lines.order_by("position").values_list("name", "amount", "record_id"))
    records = list(
        AwardRecord.objects.filter(decision=document).order_by("pk").values_list("pk", "revoked_on")
    )
    return document.reference, document.subject, document.body, document.annexes, lines, records


def test_the_draft_corrects_the_original_and_cites_it(dw):
    original = dw.issued()

    corrected = correction(dw, original)

    document = corrected.document
    reference = original.document.reference
    assert (
        corrected.kind == Kind.CORRECTION
        and corrected.corrects == original
        and corrected.status == Status.DRAFT
    )
    assert document.subject == f"Về việc đính chính Quyết định số {reference}"
    assert document.issued_through == "decisions"
    text = " ".join(run["text"] for block in document.body for run in block["runs"])
    assert f"Đính chính Quyết định số {reference}" in text and "Trần Thị Lan Anh" in text
    assert "giữ nguyên giá trị thi hành" in text
    assert document.bases.filter(cited=original.document).exists()
    assert list(original.corrections.all()) == [corrected]


def test_issuing_numbers_it_and_leaves_the_original_unchanged(dw):
    original = dw.issued()
    before = snapshot(original)

    issued = issue_correction(actor=dw.world.clerk, decision=signed(dw, correction(dw, original)))

    assert issued.status == Status.ISSUED and issued.decided_on == timezone.localdate()
    assert issued.document.status == DocumentStatus.ISSUED and issued.document.reference != before[0]
    assert snapshot(Decision.objects.get(pk=original.pk)) == before
    told = Notification.objects.filter(user=dw.world.staff, kind="decisions.corrected").get()
    assert issued.document.reference in told.title and original.document.reference in told.title


def test_issuing_unsigned_twice_or_before_the_original_is_refused(dw):
    original = dw.issued()
    draft = correction(dw, original)
    with pytest.raises(ValidationError) as unsigned:
        issue_correction(actor=dw.world.clerk, decision=draft)
    assert unsigned.value.code == "unsigned"

    draft = signed(dw, draft)
    with pytest.raises(ValidationError) as early:
        issue_correction(
            actor=dw.world.clerk, decision=draft, issued_on=original.decided_on - dt.timedelta(days=1)
        )
    assert early.value.code == "date"
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and draft.document.reference == ""

    issued = issue_correction(actor=dw.world.clerk, decision=draft)
    with pytest.raises(ValidationError) as twice:
        issue_correction(actor=dw.world.clerk, decision=issued)
    assert twice.value.code == "transition"


def test_a_draft_or_another_bodys_decision_is_refused(dw):
    world = dw.world
    registered = register_decision(
        actor=world.secretariat, agency=world.agency, issuer="Chủ tịch UBND tỉnh Thử nghiệm", year=2020,
        fields={"subject": "Khen thưởng năm 2020", "number": 9, "notation": "QĐ-UBND",
                "issued_on": dt.date(2021, 1, 15), "sender_name": "UBND tỉnh Thử nghiệm"},
        lines=[{"award": Award.objects.get(code="lao-dong-tien-tien"), "person": world.office_person,
                "unit": world.office, "amount": 1_000, "name": world.office_person.full_name}],
    )  # fmt: skip
    registered = record_decision(actor=world.secretariat, decision=registered)

    with pytest.raises(ValidationError) as draft:
        correction(dw, dw.draft())
    with pytest.raises(ValidationError) as other:
        correction(dw, registered)

    assert draft.value.code == "original" and other.value.code == "original"
    assert not Decision.objects.filter(kind=Kind.CORRECTION).exists()


def test_an_empty_text_is_refused(dw):
    original = dw.issued()

    with pytest.raises(ValidationError) as empty:
        correction(dw, original, changes="  \n ")

    assert "changes_text" in empty.value.error_dict
    assert not Decision.objects.filter(kind=Kind.CORRECTION).exists()


def test_only_the_agencys_secretariat_drafts_a_correction(dw):
    original = dw.issued()

    for outsider in (dw.world.clerk, dw.world.staff):
        with pytest.raises(PermissionDenied):
            draft_correction(actor=outsider, decision=original, changes_text="")  # permission first

    assert not Decision.objects.filter(kind=Kind.CORRECTION).exists()


def test_the_correction_is_drafted_from_the_decisions_page(dw, login):
    from django.urls import reverse

    from decisions.models import Decision, Kind

    original = dw.issued()
    url = reverse("decisions:correction_new", args=[original.pk])
    assert login(dw.world.staff).post(url, {"changes_text": ""}).status_code in (403, 404)
    assert not Decision.objects.filter(kind=Kind.CORRECTION).exists()
    client = login(dw.world.secretariat)
    response = client.post(url, {"changes_text": "- Tại số thứ tự 1, sửa tên đơn vị thành “Văn phòng Sở”."})
    correction = Decision.objects.get(kind=Kind.CORRECTION)
    assert response.status_code == 302 and response.url == reverse("decisions:detail", args=[correction.pk])
    assert correction.corrects_id == original.pk
    assert "Văn phòng Sở" in correction.document.body_text()
    assert (
        reverse("decisions:correction_new", args=[original.pk])
        in client.get(reverse("decisions:detail", args=[original.pk])).content.decode()
    )
