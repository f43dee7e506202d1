"""The decisions' part of tests/test_permission_walk.py (kept apart: that module is long enough): the objects
its URLs are filled with, taken from the demo's 2021 story (the Sở TN&MT Sóc Trăng, a predecessor of the
walk's agency, whose managers manage its history) or made here through the domain — a draft and a signed-off
correcting decision, a drafted revocation —, and who may use each form.

The decisions' forms act on an object in one state (a package still to send, a higher decision still to
record): where the demo holds none in that state, the oracle asks the access helper (managers may, others
are refused before the form is read) rather than a page."""

from awards.models import AwardRecord
from decisions import models as decisions
from decisions.access import can_manage_decisions
from decisions.domain.correcting import draft_correction
from decisions.domain.revoking import draft_revocation
from documents import domain as documents
from documents.access import can_issue_documents


def decisions_cast(agency) -> dict:
    lineage = agency.lineage_ids()
    own = decisions.Decision.objects.filter(
        agency_id__in=lineage, origin="own", kind="reward", status="issued"
    )
    decision = own.order_by("pk").first()
    records = list(decision.lines.exclude(record=None).order_by("position").values_list("record", flat=True))
    discardable = draft_correction(actor=None, decision=decision, changes_text="- Sửa lỗi chính tả ở Điều 1.")
    signed = draft_correction(actor=None, decision=decision, changes_text="- Sửa tên đơn vị ở số thứ tự 2.")
    documents.update_draft(
        actor=None,
        document=signed.document,
        fields={"signer_name": "Nguyễn Văn A", "signer_position": "GIÁM ĐỐC"},
    )
    documents.submit_for_signature(actor=None, document=signed.document)
    documents.approve_document(actor=None, document=signed.document)
    revocation = draft_revocation(
        actor=None,
        records=list(AwardRecord.objects.filter(pk=records[-1])),
        ground="a",
        conclusion="Kết luận thanh tra: khai không đúng thành tích.",
    )
    package = decisions.ForwardPackage.objects.filter(agency_id__in=lineage).order_by("pk").first()
    higher = decisions.Line.objects.filter(decision__package=package).order_by("pk").first()
    higher.package_id = package.pk  # the nested URL's parent
    return {
        "decision": decision,
        "decision_draft": discardable,
        "decision_signed": signed,
        "certificate": decisions.Certificate.objects.filter(line__decision=decision).order_by("pk").first(),
        "closed_meeting": decision.meeting,
        "ledger_record": AwardRecord.objects.get(pk=records[0]),
        "revocation": revocation.revocations.get(),
        "package": package,
        "higher_line": higher,
    }


FILL = {
    "decisions/<int:pk>": "decision",
    "decisions/certificates/<int:pk>": "certificate",
    "decisions/draft/<int:meeting_pk>": "closed_meeting",
    "decisions/ledger/person/<int:person_pk>": "person",
    "decisions/ledger/unit/<int:unit_pk>": "unit",
    "decisions/packages/new/<int:meeting_pk>": "closed_meeting",
    "decisions/packages/<int:pk>": "package",
    "decisions/packages/<int:pk>/answer/lines/<int:line_pk>": ("higher_line", {"pk": "package_id"}),
    "decisions/revocations/new/<int:record_pk>": "ledger_record",
    "decisions/revocations/<int:pk>": "revocation",
    "xac-minh/<str:code>": "certificate.code",
    "api/v1/forward-packages/<int:package_id>": "package",
}


def _pk(*attributes):
    return lambda cast: [{"pk": getattr(cast, attribute).pk} for attribute in attributes]


BY_NAME = {
    "decisions:discard": _pk("decision_draft"),
    "decisions:issue": _pk("decision_signed"),
}


def _manages(model, agency_of):
    def may(user, kwargs) -> bool:
        found = model.objects.filter(pk=kwargs.get("pk") or kwargs.get("record_pk")).first()
        return user is not None and found is not None and can_manage_decisions(user, agency_of(found))

    return may


def _numbers(user, kwargs) -> bool:
    decision = decisions.Decision.objects.get(pk=kwargs["pk"])
    return user is not None and can_issue_documents(user, decision.agency_id)


def oracles(on) -> dict:
    """URL name → who may use it (see test_permission_walk.ORACLE); `on` is that module's page reader."""
    package = _manages(decisions.ForwardPackage, lambda p: p.agency_id)
    decision = _manages(decisions.Decision, lambda d: d.agency_id)
    certificate = _manages(decisions.Certificate, lambda c: c.line.decision.agency_id)
    record = _manages(AwardRecord, lambda r: r.agency_id)
    revocation = _manages(decisions.Revocation, lambda r: r.decision.agency_id)
    return {
        "decisions:discard": decision,
        "decisions:issue": _numbers,
        "decisions:correction_new": on("decisions:detail", pk="pk"),
        "decisions:certificates": on("decisions:detail", pk="pk"),
        "decisions:certificate_pdf": certificate,
        "decisions:certificate_reissue": certificate,
        "decisions:draft": on("council:meeting", pk="meeting_pk"),
        "decisions:fund_set": on("decisions:fund"),
        "decisions:package_new": on("council:meeting", pk="meeting_pk"),
        "decisions:package_send": package,
        "decisions:package_archive": package,
        "decisions:higher_decision": package,
        "decisions:higher_decision_confirm": package,
        "decisions:higher_decision_record": package,
        "decisions:higher_decision_discard": package,
        "decisions:revocation_new": record,
        "decisions:revocation": revocation,
    }
