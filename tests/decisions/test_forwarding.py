"""Forwarding upward (decisions.domain.forwarding, decisions.packages): the tờ trình and the package drafted
from the passed proposals beyond the agency's authority, refused for the others; sent only once the tờ
trình is issued, moving the proposals to `forwarded` and building the ZIP whose manifest validates against
the schema shipped in the repository."""

import datetime as dt
import hashlib
import io
import json
import zipfile

import jsonschema
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from docx import Document as WordDocument

from activity.models import ActivityLog
from decisions.domain.forwarding import draft_package, send_package
from decisions.models import ForwardPackage, PackageItem, PackageStatus
from decisions.packages import SCHEMA, build_archive
from documents import domain as documents
from nominations.models import Comment, Handling, Posting, Proposal
from tests.council.conftest import ready
from tests.decisions.packaging import RECIPIENT, draft, issue, passed_collective


def sent(dw, capture, package=None):
    package = issue(dw, package or draft(dw))
    with capture(execute=True):
        send_package(actor=dw.world.secretariat, package=package)
    package.refresh_from_db()
    return package


def refusal(dw, proposals, **options) -> str:
    with pytest.raises(ValidationError) as caught:
        draft(dw, proposals, **options)
    return " ".join(message for messages in caught.value.message_dict.values() for message in messages)


# --- drafting -----------------------------------------------------------------------------------------------


def test_the_package_is_drafted_with_its_to_trinh_and_items(dw):
    package = draft(dw)
    document = package.document
    assert package.status == PackageStatus.DRAFT
    assert (package.agency, package.meeting, package.recipient) == (dw.world.agency, dw.meeting, RECIPIENT)
    assert package.year == dw.round.year
    assert document.kind.code == "to_trinh" and document.status == "draft"
    assert (
        document.subject
        == f"Về việc đề nghị khen thưởng danh hiệu “Chiến sĩ thi đua cấp tỉnh” năm {dw.round.year}"
    )
    assert document.addressees == [RECIPIENT]
    assert document.signer == dw.signers.director and document.signer_name == dw.signers.director.full_name
    text = document.body_text()
    assert "Đặng Thị Hương" in text and "kính trình" in text and "phiếu đồng ý" in text
    bases = [basis.text for basis in document.bases.order_by("position")]
    assert any("Biên bản họp" in text for text in bases)
    assert any("Điều 43 khoản 1" in text for text in bases)
    (annex,) = document.annexes
    assert [c["label"] for c in annex["columns"]] == [
        "STT",
        "Họ và tên",
        "Chức vụ",
        "Đơn vị",
        "Hình thức khen thưởng",
    ]
    assert annex["rows"] == [["1", "Đặng Thị Hương", "", "Tổ Kế hoạch", "Chiến sĩ thi đua cấp tỉnh"]]
    items = list(
        PackageItem.objects.filter(package=package).values_list("position", "proposal_id", "outcome")
    )
    assert items == [(1, dw.provincial.pk, "pending")]
    assert ActivityLog.objects.filter(action="decisions.package.drafted", target_id=str(package.pk)).exists()
    dw.provincial.refresh_from_db()
    assert dw.provincial.status == "passed"  # moves only when sent


def test_a_proposal_not_passed_is_refused(dw):
    failed = Proposal.objects.get(round=dw.round, status="not_passed")
    assert "không được Hội đồng thông qua" in refusal(dw, [failed])
    assert not ForwardPackage.objects.exists()


def test_a_proposal_within_the_agencys_authority_is_refused(dw):
    within = dw.within[0]
    assert "hãy dự thảo quyết định khen thưởng" in refusal(dw, [within])


def test_a_proposal_already_in_a_package_is_refused(dw):
    draft(dw)
    assert "đã có trong một hồ sơ trình cấp trên khác" in refusal(dw, [dw.provincial])
    assert ForwardPackage.objects.count() == 1


def test_a_proposal_not_on_the_agenda_is_refused(dw):
    other = ready(dw.round, dw.provincial.award, unit=dw.world.office, person=dw.world.office_person)
    assert "không có trong chương trình phiên họp" in refusal(dw, [other])


def test_no_proposal_or_no_recipient_is_refused(dw):
    assert "ít nhất một đề nghị" in refusal(dw, [])
    assert "Kính gửi" in refusal(dw, [dw.provincial], recipient="  ")


def test_only_the_secretariat_drafts_a_package(dw):
    with pytest.raises(PermissionDenied):
        draft_package(
            actor=dw.world.staff, meeting=dw.meeting, proposals=[dw.provincial], recipient=RECIPIENT
        )
    assert not ForwardPackage.objects.exists()


# --- sending ------------------------------------------------------------------------------------------------


def test_sending_is_refused_before_the_to_trinh_is_issued(dw, django_capture_on_commit_callbacks):
    package = draft(dw)
    with pytest.raises(ValidationError) as caught:
        send_package(actor=dw.world.secretariat, package=package)
    assert caught.value.code == "not_issued"
    documents.submit_for_signature(actor=dw.world.secretariat, document=package.document)
    documents.approve_document(actor=dw.world.leader, document=package.document)
    with pytest.raises(ValidationError):
        send_package(actor=dw.world.secretariat, package=package)
    package.refresh_from_db()
    dw.provincial.refresh_from_db()
    assert package.status == PackageStatus.DRAFT and package.sent_on is None and not package.archive
    assert dw.provincial.status == "passed"


def test_only_managers_send(dw):
    package = issue(dw, draft(dw))
    with pytest.raises(PermissionDenied):
        send_package(actor=dw.world.staff, package=package)
    package.refresh_from_db()
    assert package.status == PackageStatus.DRAFT


def test_a_package_is_not_sent_on_a_future_date(dw):
    package = issue(dw, draft(dw))
    with pytest.raises(ValidationError) as caught:
        send_package(
            actor=dw.world.secretariat, package=package, sent_on=dt.date.today() + dt.timedelta(days=3)
        )
    assert caught.value.code == "future"


def _read(package) -> tuple[zipfile.ZipFile, dict]:
    with package.archive.open("rb") as handle:
        data = handle.read()
    assert hashlib.sha256(data).hexdigest() == package.sha256
    archive = zipfile.ZipFile(io.BytesIO(data))
    return archive, json.loads(archive.read("manifest.json"))


def test_sending_forwards_the_proposals_and_stores_the_archive(dw, django_capture_on_commit_callbacks):
    package = sent(dw, django_capture_on_commit_callbacks)
    dw.provincial.refresh_from_db()
    assert dw.provincial.status == "forwarded"
    assert package.status == PackageStatus.SENT and package.sent_on == dt.date.today()
    assert package.archive.name.endswith(".zip") and len(package.sha256) == 64
    _archive, manifest = _read(package)
    assert manifest == package.manifest
    assert ActivityLog.objects.filter(action="decisions.package.sent", target_id=str(package.pk)).exists()
    assert ActivityLog.objects.filter(
        action="decisions.proposal.forwarded", target_id=str(dw.provincial.pk)
    ).exists()


def test_the_zip_holds_every_file_of_its_manifest_with_its_sha256(dw, django_capture_on_commit_callbacks):
    package = sent(dw, django_capture_on_commit_callbacks)
    archive, manifest = _read(package)
    listed = {entry["path"]: entry for entry in manifest["files"]}
    assert set(archive.namelist()) == {*listed, "manifest.json"}
    for path, entry in listed.items():
        data = archive.read(path)
        assert hashlib.sha256(data).hexdigest() == entry["sha256"] and len(data) == entry["size"]
        if path.endswith(".pdf"):
            assert data.startswith(b"%PDF")
        if path.endswith(".docx"):
            assert WordDocument(io.BytesIO(data)).paragraphs  # opens with python-docx
    for proposal in manifest["proposals"]:
        assert all(listed[f["path"]] == f for f in proposal["files"])


def test_the_manifest_is_valid_against_the_shipped_schema(dw, django_capture_on_commit_callbacks):
    package = sent(dw, django_capture_on_commit_callbacks)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(package.manifest)
    manifest = package.manifest
    assert manifest["package_id"] == package.pk and manifest["number"] == package.document.reference
    assert manifest["recipient"] == RECIPIENT and manifest["sender"]["name"] == dw.world.agency.name
    (proposal,) = manifest["proposals"]
    assert proposal["id"] == dw.provincial.pk
    assert proposal["subject"] == {"kind": "person", "id": dw.world.team_person.pk, "name": "Đặng Thị Hương"}
    assert proposal["award"] == {"code": "chien-si-thi-dua-tinh", "name": "Chiến sĩ thi đua cấp tỉnh"}
    assert proposal["year"] == dw.round.year and proposal["votes"]["for"] >= proposal["votes"]["required"]
    kinds = {entry["kind"] for entry in manifest["files"]}
    assert {"cover-letter", "council-minutes", "achievement-report", "unit-minutes"} <= kinds
    assert {f["kind"] for f in proposal["files"]} >= {"achievement-report", "unit-minutes"}
    invalid = {**manifest, "files": [{**manifest["files"][0], "sha256": "not-a-digest"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(invalid, schema, cls=jsonschema.Draft202012Validator)


def test_the_report_is_certified_by_the_signer_of_the_to_trinh(dw, django_capture_on_commit_callbacks):
    package = sent(dw, django_capture_on_commit_callbacks)
    archive, manifest = _read(package)
    (report,) = [
        f["path"]
        for f in manifest["files"]
        if f["kind"] == "achievement-report" and f["path"].endswith(".docx")
    ]
    word = WordDocument(io.BytesIO(archive.read(report)))
    texts = [
        p.text for table in word.tables for row in table.rows for cell in row.cells for p in cell.paragraphs
    ]
    assert "XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG" in texts and dw.signers.director.full_name in texts


def test_the_posting_report_is_in_the_package_where_there_was_one(dw, django_capture_on_commit_callbacks):
    today = dt.date.today()
    posting = Posting.objects.create(round=dw.round, opens_on=today - dt.timedelta(days=10), working_days=5,
                                     closes_on=today - dt.timedelta(days=3), citation="TT 07")  # fmt: skip
    Comment.objects.create(posting=posting, proposal=dw.provincial, author="Nguyễn Văn Góp",
                           received_on=today - dt.timedelta(days=5), text="Đề nghị làm rõ sáng kiến.",
                           handling=Handling.ACCEPTED, handling_reason="Đã bổ sung")  # fmt: skip
    Proposal.objects.filter(pk=dw.provincial.pk).update(posting=posting)
    package = sent(dw, django_capture_on_commit_callbacks)
    archive, manifest = _read(package)
    (entry,) = manifest["postings"]
    assert entry["id"] == posting.pk and entry["comments"] == 1
    (docx,) = [f["path"] for f in entry["files"] if f["path"].endswith(".docx")]
    text = "\n".join(p.text for p in WordDocument(io.BytesIO(archive.read(docx))).paragraphs)
    assert "Đề nghị làm rõ sáng kiến." in text and "tiếp thu" in text
    assert "công khai, lấy ý kiến" in package.document.body_text()


def test_build_archive_answers_the_zip_bytes(dw, django_capture_on_commit_callbacks):
    package = sent(dw, django_capture_on_commit_callbacks)
    data = build_archive(package)
    assert zipfile.ZipFile(io.BytesIO(data)).read("manifest.json")


def test_several_awards_are_listed_individuals_first(dw):
    collective = passed_collective(dw)
    package = draft(dw, [collective, dw.provincial])
    document = package.document
    assert document.subject == f"Về việc đề nghị khen thưởng thành tích năm {dw.round.year}"
    assert list(package.items.order_by("position").values_list("proposal_id", flat=True)) == [
        dw.provincial.pk, collective.pk]  # fmt: skip
    (annex,) = document.annexes
    assert [row[1] for row in annex["rows"]] == ["Đặng Thị Hương", "Phòng Kế hoạch"]
    assert annex["total"][-1] == "01 cá nhân và 01 tập thể"


def test_the_task_builds_again_and_leaves_a_draft_alone(dw, django_capture_on_commit_callbacks):
    from decisions.tasks import build_package_archive

    assert build_package_archive.call(package_id=draft(dw).pk) == 0  # not sent: nothing to build
    package = sent(dw, django_capture_on_commit_callbacks, draft(dw, [passed_collective(dw)]))
    first = package.archive.name
    size = build_package_archive.call(package_id=package.pk)
    package.refresh_from_db()
    assert size == package.archive.size > 0
    if package.archive.name != first:  # the previous file is replaced, not left behind
        assert not package.archive.storage.exists(first)
    _archive, manifest = _read(package)
    assert manifest["proposals"][0]["subject"]["kind"] == "unit"
