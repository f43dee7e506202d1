"""State changes of the interim and final reviews (sơ kết, tổng kết) of a movement: opening one, the units'
reports, the results, and the summary report drafted from them (a draft "bao_cao" document)."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import Role, User
from activity.domain import log_action
from documents import domain as documents
from documents.body import item, paragraph, run
from documents.models import Document, DocumentKind
from lib.access import require
from lib.uploads import check_upload
from notifications.domain import notify
from organisations.models import Unit
from workflows.gate import lock

from ..access import can_report
from ..models import DocumentRole, MovementDocument, Review, ReviewKind, Status, UnitReport
from .movements import check_manager, default_drafting_unit, fitting_subject, lower_first

REVIEWABLE_STATES = {Status.LAUNCHED, Status.IN_PROGRESS, Status.INTERIM_REVIEW, Status.FINAL_REVIEW}
KIND_WORDS = {ReviewKind.INTERIM: "sơ kết", ReviewKind.FINAL: "tổng kết"}


def reporting_units(movement):
    """The units that report: the participating ones, or all the agency's units in force if none is listed."""
    units = movement.units.all()
    if not units.exists():
        units = Unit.objects.active().filter(agency_id__in=movement.agency.lineage_ids())
    return units.select_related("agency").order_by("position", "name")


def _notify(users, *, actor, title: str, body: str, review: Review, kind: str) -> None:
    notify(
        users=[user for user in users if user.pk != getattr(actor, "pk", None)],
        title=title,
        body=body,
        url=reverse("movements:review", args=[review.pk]),
        kind=kind,
        target=review,
    )


# --- opening a review -----------------------------------------------------------------------------------


def _check_review(movement, kind: str, title: str) -> None:
    if movement.status not in REVIEWABLE_STATES:
        message = _("A review can be opened only for a movement that has been launched and is not closed.")
        raise ValidationError(message, code="not_running")
    if kind not in ReviewKind.values:
        raise ValidationError({"kind": ValidationError(_("Choose the kind of review."), code="kind")})
    if not (title or "").strip():
        message = _("Give the review a title, e.g. Sơ kết 6 tháng đầu năm.")
        raise ValidationError({"title": ValidationError(message, code="title_required")})


@transaction.atomic
def open_review(*, actor, movement, kind: str, title: str, reports_due: dt.date) -> Review:
    check_manager(actor, movement.agency_id)
    lock(movement)
    _check_review(movement, kind, title)
    review = Review(
        movement=movement,
        kind=kind,
        title=title,
        reports_due=reports_due,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    review.full_clean()
    review.save()
    log_action(
        actor=actor,
        action="movements.review.opened",
        target=review,
        agency=movement.agency,
        after={"movement": movement.pk, "kind": kind, "title": review.title, "reports_due": reports_due},
    )
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Send your unit's report for “%(review)s” by %(due)s") % {
            "review": review.title,
            "due": reports_due.strftime("%d/%m/%Y"),
        }
    units = reporting_units(movement)
    officers = User.objects.holding([Role.UNIT_OFFICER, Role.UNIT_HEAD], unit=units)
    _notify(
        officers, actor=actor, title=title, body=movement.name, review=review, kind="movements.review_opened"
    )
    return review


# --- the units' reports ---------------------------------------------------------------------------------


def _check_report(actor, review: Review, unit, results: str) -> None:
    require(actor is None or can_report(actor, unit))
    if review.movement.status == Status.CLOSED:
        message = _("The movement is closed: its reviews no longer take reports.")
        raise ValidationError(message, code="closed")
    if not reporting_units(review.movement).filter(pk=unit.pk).exists():
        message = _("This unit does not take part in the movement, so it sends no report.")
        raise ValidationError({"unit": ValidationError(message, code="not_participating")})
    if not (results or "").strip():
        message = _("Write the unit's results: what it did and achieved in the movement.")
        raise ValidationError({"results": ValidationError(message, code="results_required")})


def _store_file(report: UnitReport, upload) -> None:
    checked = check_upload(upload)
    name = (getattr(upload, "name", "") or "").rsplit("/", 1)[-1][:255] or f"bao-cao{checked.extension}"
    report.file.save(f"{checked.sha256[:32]}{checked.extension}", ContentFile(checked.content), save=False)
    report.file_name = name


@transaction.atomic
def submit_unit_report(*, actor, review, unit, results: str, upload=None) -> UnitReport:
    """A unit sends (or sends again) its report for the review: its results, and the report file if any."""
    lock(review)
    _check_report(actor, review, unit, results)
    report = UnitReport.objects.filter(review=review, unit=unit).first() or UnitReport(
        review=review, unit=unit
    )
    before = {"results": report.results, "file": report.file_name} if report.pk else None
    report.results = results
    if upload is not None:
        _store_file(report, upload)
    report.submitted_by = actor if getattr(actor, "pk", None) else None
    report.full_clean()
    report.save()
    log_action(
        actor=actor,
        action="movements.report.submitted",
        target=review,
        agency=review.movement.agency,
        before=before,
        after={"unit": unit.pk, "unit_name": unit.name, "results": report.results, "file": report.file_name},
    )
    with translation.override(settings.LANGUAGE_CODE):
        title = _("%(unit)s sent its report for “%(review)s”") % {"unit": unit.name, "review": review.title}
    secretariat = User.objects.holding(Role.SECRETARIAT, agency=review.movement.agency)
    _notify(
        secretariat, actor=actor, title=title, body=report.results, review=review, kind="movements.report"
    )
    return report


# --- results and the summary report ---------------------------------------------------------------------


@transaction.atomic
def record_review_results(*, actor, review, results: str) -> Review:
    check_manager(actor, review.movement.agency_id)
    lock(review)
    if not (results or "").strip():
        message = _("Write the review's results before saving them.")
        raise ValidationError({"results": ValidationError(message, code="results_required")})
    before = review.results
    review.results = results
    review.full_clean()
    review.save(update_fields=["results"])
    log_action(
        actor=actor,
        action="movements.review.results_recorded",
        target=review,
        agency=review.movement.agency,
        before={"results": before},
        after={"results": review.results},
    )
    return review


def _one_line(text: str) -> str:
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


def summary_body(review: Review, reports: list[UnitReport]) -> list[dict]:
    """The summary report: the movement, one item per unit with its results, then the recorded results."""
    movement, word = review.movement, KIND_WORDS.get(review.kind, "sơ kết")
    period = f"{movement.period_start:%d/%m/%Y}" + (
        f" - {movement.period_end:%d/%m/%Y}" if movement.period_end else ""
    )
    blocks = [
        paragraph(
            f"Thực hiện “{movement.name}” do {movement.launched_by} phát động (thời gian thực hiện: "
            f"{period}), {movement.agency.name} tổ chức {lower_first(review.title)}. Trên cơ sở báo cáo của "
            f"các phòng, đơn vị trực thuộc, kết quả {word} như sau:"
        ),
        item("I.", run("KẾT QUẢ THỰC HIỆN TẠI CÁC ĐƠN VỊ", bold=True)),
    ]
    for number, report in enumerate(reports, start=1):
        blocks.append(item(f"{number}.", run(f"{report.unit.name}: ", bold=True), _one_line(report.results)))
    if review.results:
        blocks.append(item("II.", run("ĐÁNH GIÁ CHUNG", bold=True)))
        lines = [line.strip() for line in review.results.splitlines() if line.strip()]
        blocks += [paragraph(line) for line in lines]
    closing = f"Trên đây là báo cáo {word} {lower_first(movement.name)} của {movement.agency.name}./."
    blocks.append(paragraph(closing))
    return blocks


def _check_summary(review: Review, reports: list) -> None:
    if review.summary_document_id is not None:
        message = _("The summary report has already been drafted: edit that draft instead.")
        raise ValidationError(message, code="already_drafted")
    if not reports:
        message = _("No unit has sent its report yet: the summary is drafted from the units' reports.")
        raise ValidationError(message, code="no_reports")


@transaction.atomic
def draft_summary_report(*, actor, review, drafting_unit=None) -> Document:
    movement = review.movement
    check_manager(actor, movement.agency_id)
    lock(review)
    reports = list(review.unit_reports.select_related("unit").order_by("unit__position", "unit__name"))
    _check_summary(review, reports)
    word = KIND_WORDS.get(review.kind, "sơ kết")
    fields = {
        "drafting_unit": drafting_unit or default_drafting_unit(movement.agency),
        "subject": fitting_subject(f"{word.capitalize()} {lower_first(movement.name)}", movement=movement),
        "body": summary_body(review, reports),
    }
    kind = DocumentKind.objects.get(code="bao_cao")
    document = documents.create_draft(actor=actor, agency=movement.agency, kind=kind, fields=fields)
    MovementDocument.objects.create(movement=movement, document=document, role=DocumentRole.REVIEW)
    review.summary_document = document
    review.save(update_fields=["summary_document"])
    log_action(
        actor=actor,
        action="movements.review.summary_drafted",
        target=review,
        agency=movement.agency,
        after={"document": document.pk, "document_title": document.subject, "reports": len(reports)},
    )
    return document
