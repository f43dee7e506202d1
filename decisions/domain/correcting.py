"""Correcting an issued decision (issue 15 point 7; law-nominations.md §9): an issued decision never changes —
a wrong one is corrected by a decision of its own, "Về việc đính chính Quyết định số …", linked to it
(`Decision.corrects`) and citing it as a legal basis. No national procedure was found for it (status U): it
is an ordinary administrative act of the agency that issued the original.

What it does, and does not:
- `draft_correction` drafts the correcting decision (kind correction) of the agency's own issued decision,
  its Điều 1 the corrections as the secretariat words them, Điều 2 keeping the rest of the original in force;
- `issue_correction` numbers it through the decision's gate (the documents module's series) and tells the
  original's awardees and their units;
- neither touches the original: not its document, not its lines, not the ledger rows it wrote. A name or a
  unit misprinted on a certificate is put right by re-issuing the certificate (cấp đổi, NĐ 98/2023 Điều 114:
  decisions.certificates), an award wrongly given is annulled by a revocation (decisions.domain.revoking)."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from activity.domain import log_action
from documents import domain as documents
from documents.body import item, parse_body
from documents.models import DocumentKind
from documents.models import Status as DocumentStatus
from lib.access import require
from workflows.gate import Notice, move

from .. import wording
from ..access import can_manage_decisions
from ..models import Decision, Kind, Origin, Status
from ..workflow import DECISIONS
from .revoking import instrument_bases, recipients


def _reference(original) -> str:
    document = original.document
    return f"Quyết định số {document.reference} ngày {wording.day(document.issued_on)} của {original.issuer}"


def _check(original, changes: str) -> None:
    if original.status != Status.ISSUED or original.origin != Origin.OWN:
        raise ValidationError(
            _("Only a decision this agency issued here can be corrected by it."), code="original"
        )
    if not changes:
        raise ValidationError({"changes_text": _("Write what the correction changes.")})


def _body(original, changes: str) -> list[dict]:
    cited = _reference(original)
    short = f"Quyết định số {original.document.reference}"
    return [
        item("Điều 1.", f"Đính chính {cited} về việc {original.document.subject.removeprefix('Về việc ')} "
             "như sau:"),
        *parse_body(changes),
        item("Điều 2.", f"Các nội dung khác của {short} giữ nguyên giá trị thi hành."),
        item("Điều 3.", f"Quyết định này có hiệu lực kể từ ngày ký và là bộ phận không tách rời của {short}. "
             "Chánh Văn phòng, Thủ trưởng các đơn vị trực thuộc và các cá nhân, tập thể có liên quan chịu "
             "trách nhiệm thi hành Quyết định này."),
    ]  # fmt: skip


@transaction.atomic
def draft_correction(*, actor, decision, changes_text: str, signer=None) -> Decision:
    """Draft the decision correcting `decision` (the agency's own, issued) with `changes_text` (plain text:
    lines starting with "-" or "a)" are items); `signer` (a Person) signs it. The original stays as it is."""
    require(actor is None or can_manage_decisions(actor, decision.agency_id))
    changes = (changes_text or "").strip()
    _check(decision, changes)
    reference = decision.document.reference
    fields = {"subject": f"Về việc đính chính Quyết định số {reference}", "body": _body(decision, changes),
              "recipients": ["Như Điều 3", "Lưu: VT, VP"], "archive_note": "VP"}  # fmt: skip
    if signer is not None:
        fields["signer"] = signer
    bases = [*instrument_bases(timezone.localdate()), {"cited": decision.document}]
    document = documents.create_draft(
        actor=actor, agency=decision.agency, kind=DocumentKind.objects.get(code="quyet_dinh"), fields=fields,
        bases=bases, issued_through="decisions",
    )  # fmt: skip
    correction = Decision.objects.create(
        agency=decision.agency, kind=Kind.CORRECTION, document=document, corrects=decision,
        year=decision.year, issuer=decision.issuer, created_by=actor if getattr(actor, "pk", None) else None,
    )  # fmt: skip
    log_action(actor=actor, action="decisions.correction.drafted", target=correction, agency=decision.agency,
               after={"corrects": decision.pk, "number": reference})  # fmt: skip
    return correction


def _notices(correction) -> list[Notice]:
    lines = list(correction.corrects.lines.values_list("person_id", "unit_id"))
    awardees, officers = recipients([p for p, _u in lines if p], [u for _p, u in lines])
    url = reverse("decisions:detail", args=[correction.pk])
    with translation.override(settings.LANGUAGE_CODE):
        words = {"reference": correction.document.reference,
                 "original": correction.corrects.document.reference}  # fmt: skip
        title = _("Decision %(reference)s corrects decision %(original)s, which awarded you")
        unit_title = _(
            "Decision %(reference)s corrects decision %(original)s, which awarded your staff or unit"
        )
        return [
            Notice(users=awardees, title=title % words, url=url, kind="decisions.corrected"),
            Notice(users=officers, title=unit_title % words, url=url, kind="decisions.corrected"),
        ]


def issue_correction(*, actor, decision, issued_on: dt.date | None = None) -> Decision:
    """Number the signed-off correcting decision (no ledger row changes); returns it."""
    day = issued_on or timezone.localdate()

    def issue(decision):
        if decision.kind != Kind.CORRECTION:
            raise ValidationError(_("This is not a correcting decision."), code="kind")
        if decision.document.status != DocumentStatus.APPROVED:
            raise ValidationError(_("The decision must be signed off by its signer before it is issued."),
                                  code="unsigned")  # fmt: skip
        if decision.corrects.decided_on and day < decision.corrects.decided_on:
            message = _("A correction cannot be dated before the decision it corrects (%(day)s).")
            raise ValidationError(message % {"day": wording.day(decision.corrects.decided_on)}, code="date")
        decision.document = documents.issue_document(
            actor=actor, document=decision.document, issued_on=day, through="decisions"
        )
        decision.decided_on = day

    return move(
        DECISIONS, decision, "issue", actor=actor, change=issue, log="decisions.correction.issued",
        after=lambda d: {"number": d.document.reference, "issued_on": day.isoformat(),
                         "corrects": d.corrects_id},
        notices=_notices,
    )  # fmt: skip
