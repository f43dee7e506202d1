"""movements.domain.reviews: opening a review, the units' reports, the results and the summary report."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from activity.models import ActivityLog
from documents.models import Document
from movements.domain import reviews as domain
from movements.models import DocumentRole, Review, UnitReport
from notifications.models import Notification
from tests.documents.test_domain import PDF_BYTES
from tests.factories import MovementFactory

DUE = dt.date(2021, 7, 10)


@pytest.fixture
def movement(world):
    movement = MovementFactory(
        agency=world.agency,
        name="Phong trào thi đua yêu nước năm 2021",
        launched_by="Giám đốc Sở",
        period_start=dt.date(2021, 1, 1),
        period_end=dt.date(2021, 12, 31),
    )
    movement.units.set([world.division, world.team])
    return movement


def open_review(world, movement, **overrides):
    arguments = {"kind": "interim", "title": "Sơ kết 6 tháng đầu năm 2021", "reports_due": DUE, **overrides}
    return domain.open_review(actor=world.secretariat, movement=movement, **arguments)


def report(world, review, unit=None, results="Hoàn thành 100% kế hoạch 6 tháng.", **kwargs):
    return domain.submit_unit_report(
        actor=kwargs.pop("actor", world.officer),
        review=review,
        unit=unit or world.division,
        results=results,
        **kwargs,
    )


def code_of(exc: ValidationError) -> str:
    """The code of a domain refusal, raised for a field or for the whole object."""
    return next(iter(exc.error_dict.values()))[0].code if hasattr(exc, "error_dict") else exc.code


# --- opening a review -----------------------------------------------------------------------------------


def test_secretariat_opens_a_review_and_the_units_are_told(world, movement):
    review = open_review(world, movement)
    review.refresh_from_db()
    assert (review.movement, review.kind, review.reports_due, review.created_by) == (
        movement,
        "interim",
        DUE,
        world.secretariat,
    )
    log = ActivityLog.objects.get(action="movements.review.opened")
    assert log.data["after"]["reports_due"] == "2021-07-10" and log.agency == world.agency
    notified = set(Notification.objects.filter(kind="movements.review_opened").values_list("user", flat=True))
    assert notified == {world.officer.pk, world.head.pk}  # the division's; not the office's people
    assert Notification.objects.get(user=world.officer).url == f"/app/movements/reviews/{review.pk}/"


@pytest.mark.parametrize(
    ("status", "overrides", "code"),
    [
        ("preparing", {}, "not_running"),
        ("closed", {}, "not_running"),
        ("in_progress", {"kind": "yearly"}, "kind"),
        ("in_progress", {"title": "  "}, "title_required"),
    ],
)
def test_opening_refusals_change_nothing(world, movement, status, overrides, code):
    movement.status = status
    movement.save()
    with pytest.raises(ValidationError) as caught:
        open_review(world, movement, **overrides)
    assert code_of(caught.value) == code
    assert (
        not Review.objects.exists() and not ActivityLog.objects.exists() and not Notification.objects.exists()
    )


def test_officers_do_not_open_reviews(world, movement):
    with pytest.raises(PermissionDenied):
        domain.open_review(
            actor=world.officer, movement=movement, kind="final", title="Tổng kết", reports_due=DUE
        )
    assert not Review.objects.exists()


# --- the units' reports ---------------------------------------------------------------------------------


def test_officer_sends_the_unit_report_with_a_file(world, movement):
    review = open_review(world, movement)
    upload = SimpleUploadedFile("bao-cao-so-ket.pdf", PDF_BYTES, content_type="application/pdf")
    sent = report(world, review, upload=upload)
    sent.refresh_from_db()
    assert (sent.unit, sent.results, sent.submitted_by, sent.file_name) == (
        world.division,
        "Hoàn thành 100% kế hoạch 6 tháng.",
        world.officer,
        "bao-cao-so-ket.pdf",
    )
    with sent.file.open("rb") as stored:
        assert stored.read() == PDF_BYTES
    log = ActivityLog.objects.get(action="movements.report.submitted")
    assert log.data["after"]["unit"] == world.division.pk and log.actor == world.officer
    assert list(Notification.objects.filter(kind="movements.report").values_list("user", flat=True)) == [
        world.secretariat.pk
    ]


def test_sending_again_replaces_the_report(world, movement):
    review = open_review(world, movement)
    report(world, review)
    report(world, review, results="Hoàn thành 110% kế hoạch.")
    assert list(UnitReport.objects.values_list("results", flat=True)) == ["Hoàn thành 110% kế hoạch."]
    last = ActivityLog.objects.filter(action="movements.report.submitted").latest("id")
    assert last.data["before"]["results"] == "Hoàn thành 100% kế hoạch 6 tháng."


def test_report_refusals_change_nothing(world, movement, english):
    review = open_review(world, movement)
    with pytest.raises(ValidationError) as caught:
        report(world, review, unit=world.office, actor=world.secretariat)
    assert caught.value.error_dict["unit"][0].code == "not_participating"
    with pytest.raises(ValidationError) as caught:
        report(world, review, results=" ")
    assert caught.value.error_dict["results"][0].code == "results_required"
    with pytest.raises(PermissionDenied):
        report(world, review, unit=world.office, actor=world.officer)  # not her unit
    with pytest.raises(PermissionDenied):
        report(world, review, actor=world.staff)
    with pytest.raises(ValidationError) as caught:
        report(world, review, upload=SimpleUploadedFile("a.exe", b"MZ\x90\x00" * 10))
    assert not UnitReport.objects.exists()
    assert not ActivityLog.objects.filter(action="movements.report.submitted").exists()


def test_a_closed_movement_takes_no_reports(world, movement):
    review = open_review(world, movement)
    movement.status = "closed"
    movement.save()
    with pytest.raises(ValidationError) as caught:
        report(world, review)
    assert caught.value.code == "closed" and not UnitReport.objects.exists()


def test_without_listed_units_every_unit_reports(world, movement):
    movement.units.clear()
    review = open_review(world, movement)
    report(world, review, unit=world.office, actor=world.secretariat)
    assert list(UnitReport.objects.values_list("unit", flat=True)) == [world.office.pk]


# --- results and the summary ----------------------------------------------------------------------------


def test_record_results(world, movement):
    review = open_review(world, movement)
    domain.record_review_results(actor=world.secretariat, review=review, results="Các đơn vị hoàn thành tốt.")
    review.refresh_from_db()
    assert review.results == "Các đơn vị hoàn thành tốt."
    log = ActivityLog.objects.get(action="movements.review.results_recorded")
    assert (log.data["before"], log.data["after"]) == (
        {"results": ""},
        {"results": "Các đơn vị hoàn thành tốt."},
    )
    with pytest.raises(PermissionDenied):
        domain.record_review_results(actor=world.officer, review=review, results="Khác")
    with pytest.raises(ValidationError) as caught:
        domain.record_review_results(actor=world.secretariat, review=review, results="")
    assert caught.value.error_dict["results"][0].code == "results_required"
    review.refresh_from_db()
    assert review.results == "Các đơn vị hoàn thành tốt."


def test_summary_needs_a_unit_report(world, movement):
    review = open_review(world, movement)
    with pytest.raises(ValidationError) as caught:
        domain.draft_summary_report(actor=world.secretariat, review=review)
    assert caught.value.code == "no_reports"
    review.refresh_from_db()
    assert review.summary_document is None and not Document.objects.exists()


def test_summary_report_compiles_the_units_results(world, movement):
    review = open_review(world, movement, kind="final", title="Tổng kết phong trào năm 2021")
    report(world, review, unit=world.team, results="Tổ đạt 2 sáng kiến.\nKhông có vi phạm.")
    report(world, review, results="Phòng hoàn thành 100% chỉ tiêu.")
    domain.record_review_results(
        actor=world.secretariat, review=review, results="Phong trào đạt kết quả tốt."
    )
    document = domain.draft_summary_report(actor=world.secretariat, review=review)
    review.refresh_from_db()
    assert review.summary_document == document
    assert (document.kind.code, document.status, document.agency) == ("bao_cao", "draft", world.agency)
    assert document.subject == "Tổng kết phong trào thi đua yêu nước năm 2021"
    text = ["".join(r["text"] for r in b["runs"]) for b in document.body]
    assert text[0].startswith("Thực hiện “Phong trào thi đua yêu nước năm 2021” do Giám đốc Sở phát động")
    assert text[1:6] == [
        "KẾT QUẢ THỰC HIỆN TẠI CÁC ĐƠN VỊ",
        "Phòng Kế hoạch: Phòng hoàn thành 100% chỉ tiêu.",
        "Tổ Kế hoạch: Tổ đạt 2 sáng kiến. Không có vi phạm.",
        "ĐÁNH GIÁ CHUNG",
        "Phong trào đạt kết quả tốt.",
    ]
    assert [b.get("label") for b in document.body[1:5]] == ["I.", "1.", "2.", "II."]
    assert (
        text[-1] == "Trên đây là báo cáo tổng kết phong trào thi đua yêu nước năm 2021 của Sở Thử nghiệm./."
    )
    assert [(x.movement, x.role) for x in document.movement_links.all()] == [(movement, DocumentRole.REVIEW)]
    log = ActivityLog.objects.get(action="movements.review.summary_drafted")
    assert log.data["after"]["document"] == document.pk and log.data["after"]["reports"] == 2


def test_summary_is_drafted_once_and_by_managers(world, movement):
    review = open_review(world, movement)
    report(world, review)
    with pytest.raises(PermissionDenied):
        domain.draft_summary_report(actor=world.officer, review=review)
    domain.draft_summary_report(actor=world.secretariat, review=review)
    with pytest.raises(ValidationError) as caught:
        domain.draft_summary_report(actor=world.secretariat, review=review)
    assert caught.value.code == "already_drafted"
    assert Document.objects.count() == 1


def test_summary_refuses_a_subject_that_cannot_fit_and_drafts_nothing(world, movement):
    movement.name = "Phong trào " + "y" * 489
    movement.save()
    review = open_review(world, movement)
    report(world, review)
    with pytest.raises(ValidationError) as caught:
        domain.draft_summary_report(actor=world.secretariat, review=review)
    assert caught.value.code == "subject_too_long"
    assert "500" in caught.value.messages[0] and "493" in caught.value.messages[0]
    review.refresh_from_db()
    assert review.summary_document is None and not Document.objects.exists()


def test_summary_subject_of_the_longest_fitting_name_is_whole(world, movement):
    movement.name = "Phong trào " + "y" * 482  # "Sơ kết " + the name: exactly 500 characters
    movement.save()
    review = open_review(world, movement)
    report(world, review)
    document = domain.draft_summary_report(actor=world.secretariat, review=review)
    assert document.subject == "Sơ kết phong trào " + "y" * 482 and len(document.subject) == 500
