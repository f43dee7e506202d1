"""Revoking awards (issue 15 point 7; law-nominations.md §9): the agency annuls, by a decision of its own,
awards it decided itself — whoever decided an award may annul it (Luật Thi đua, khen thưởng 2022 Điều 93
khoản 8–9) — on one of the grounds of Điều 93 khoản 2 (a–d), resting on a conclusion of a competent body.

`draft_revocation` drafts the quyết định "Về việc hủy bỏ quyết định khen thưởng" (a document of the documents
module issued through this app): the ground in words, the original decisions cited as legal bases, the
awards listed in its annex with the money to return; one `Revocation` row per award. `issue_revocation`
numbers it through the decision's gate and, in the same transaction, marks each ledger row revoked (never
deleted: the person page, the engine and who-is-due read `AwardRecord.objects.standing()`), and sets the
day by which the money and the object are to be returned: 15 working days after the decision (NĐ 98/2023
Điều 74, 76 khoản 2; TT 07 Điều 28–29), on the agency's calendar. `record_return` tracks what came back.

An award of another body's decision (a registered one: the Province's, or one recorded from before thidua)
is annulled by the body that decided it, never here. A revocation drafted and discarded frees its awards:
its rows go (its document keeps the list)."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Role, User
from activity.domain import log_action
from awards.models import AwardKind, AwardRecord, RuleSet
from documents import domain as documents
from documents.body import item
from documents.models import DocumentKind
from documents.models import Status as DocumentStatus
from lib.access import require
from lib.vnmoney import format_vnd, in_words
from workdays.calendar import working_day_after
from workflows.gate import Notice, lock, move

from .. import wording
from ..access import can_manage_decisions
from ..models import Decision, Ground, Kind, Origin, Revocation, Status
from ..workflow import DECISIONS

RETURN_WORKING_DAYS = 15  # NĐ 98/2023 Điều 76 khoản 2; TT 07/2025 Điều 29 (law-nominations.md §9)
LAW = "Luật Thi đua, khen thưởng năm 2022"

# Luật TĐKT 2022 Điều 93 khoản 2 (a–d), as the decision states the reason (administrative text).
GROUND_TEXT = {
    Ground.FALSE_ACHIEVEMENT: "gian dối trong việc kê khai thành tích để được khen thưởng",
    Ground.FORGED: "cung cấp thông tin sai sự thật hoặc làm giả hồ sơ, giấy tờ để được khen thưởng",
    Ground.UNLAWFUL: "việc thẩm định, xét, đề nghị khen thưởng trái pháp luật",
    Ground.LATER_FINDING: (
        "có kết luận, quyết định hoặc bản án của cơ quan có thẩm quyền xác định không đạt tiêu chuẩn "
        "trong thời gian tính thành tích để khen thưởng"
    ),
}
COLUMNS = [
    {"label": "STT", "width": 12, "align": "center"},
    {"label": "Họ và tên / Tập thể", "width": 46, "align": "left"},
    {"label": "Hình thức khen thưởng", "width": 40, "align": "left"},
    {"label": "Quyết định khen thưởng", "width": 44, "align": "left"},
    {"label": "Tiền thưởng phải nộp lại (đồng)", "width": 34, "align": "right"},
]


# --- what is loaded and refused -----------------------------------------------------------------------------


def _load(records) -> list[AwardRecord]:
    ids = [getattr(record, "pk", record) for record in records]
    list(AwardRecord.objects.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))  # locked
    found = AwardRecord.objects.filter(pk__in=ids).select_related(
        "award", "person", "unit", "decision", "decision_line__unit", "decision__decision__agency"
    )
    return sorted(found, key=lambda r: (r.decided_on, r.decision_id or 0, r.certificate_number or 0, r.pk))


def original_of(record) -> Decision | None:
    """The Decision that wrote the ledger row (None for a row older than the decisions app)."""
    document = record.decision
    return getattr(document, "decision", None) if document is not None else None


def _deciding_agency_id(record) -> int:
    original = original_of(record)
    return original.agency_id if original is not None else record.agency_id


def printed_name(record) -> str:
    line = getattr(record, "decision_line", None)
    if line is not None:
        return line.name
    return record.person.full_name if record.person_id else record.unit.name


def refusal(record) -> str:
    """Why `record` cannot be revoked here ("" when it can): shown before the form, said again on drafting."""
    original = original_of(record)
    words = {"name": printed_name(record), "award": record.award.name, "year": record.year}
    if record.revoked_on is not None:
        words["day"] = record.revoked_on.strftime("%d/%m/%Y")
        return _("“%(name)s” (%(award)s %(year)s) was already revoked on %(day)s.") % words
    pending = Revocation.objects.filter(record=record).exclude(decision__status=Status.DISCARDED).first()
    if pending is not None:
        return _("“%(name)s” (%(award)s %(year)s) is already on a revocation decision being drafted.") % words
    if original is None or original.origin != Origin.OWN or original.kind != Kind.REWARD:
        message = _(
            "“%(name)s” (%(award)s %(year)s) was not awarded by a decision this agency issued here: the "
            "body that decided it annuls it (Law on Emulation and Commendation 2022, Article 93)."
        )
        return message % words
    return ""


def _check(records, ground: str, conclusion: str) -> None:
    if not records:
        raise ValidationError({"records": _("Choose at least one award to revoke.")})
    if ground not in Ground.values:
        raise ValidationError({"ground": _("Choose the ground of the revocation.")})
    if not conclusion:
        raise ValidationError({"conclusion": _("State the conclusion the revocation rests on.")})
    if len({_deciding_agency_id(record) for record in records}) > 1:
        raise ValidationError({"records": _("One revocation decision annuls awards of one agency.")})
    for record in records:
        if message := refusal(record):
            raise ValidationError({"records": message})


# --- the document -------------------------------------------------------------------------------------------


def _originals(records) -> list[Decision]:
    return list({record.decision_id: original_of(record) for record in records}.values())


def _cited(original) -> str:
    document = original.document
    return f"Quyết định số {document.reference} ngày {wording.day(document.issued_on)} của {original.issuer}"


def _count(records) -> str:
    people = sum(1 for record in records if record.person_id)
    parts = [f"{people:02d} cá nhân" if people else "", f"{len(records) - people:02d} tập thể" if
             len(records) > people else ""]  # fmt: skip
    return " và ".join(part for part in parts if part)


def _articles(records, *, ground: str, conclusion: str, agency) -> list[dict]:
    originals = "; ".join(_cited(original) for original in _originals(records))
    total = sum(record.amount for record in records)
    money = (f" và số tiền thưởng đã nhận, tổng cộng {format_vnd(total)} (Bằng chữ: {in_words(total)})"
             if total else "")  # fmt: skip
    first = (
        f"Hủy bỏ quyết định khen thưởng đối với {_count(records)} có tên tại danh sách kèm theo, đã được "
        f"khen thưởng tại {originals}. Lý do: {GROUND_TEXT[ground]} (điểm {ground} khoản 2 Điều 93 {LAW}), "
        f"theo {conclusion.rstrip('.')}."
    )
    second = (
        f"Các cá nhân, tập thể có tên tại Điều 1 nộp lại hiện vật khen thưởng (nếu có){money} cho "
        f"{agency.name} trong thời hạn {RETURN_WORKING_DAYS} ngày làm việc kể từ ngày Quyết định này có hiệu "
        "lực; số tiền thu hồi được nộp vào Quỹ thi đua, khen thưởng theo quy định."
    )
    third = (
        "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng, Thủ trưởng các đơn vị trực thuộc và các "
        "cá nhân, tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."
    )
    return [item("Điều 1.", first), item("Điều 2.", second), item("Điều 3.", third)]


def _annex(records, *, object_due: dict) -> dict:
    rows = []
    for n, record in enumerate(records, start=1):
        original = original_of(record).document
        award = (
            f"Danh hiệu “{record.award.name}”" if record.award.kind == AwardKind.TITLE else record.award.name
        )
        award = f"{award} năm {record.year}"
        if object_due[record.pk]:
            award += " (nộp lại hiện vật)"
        decided = f"Số {original.reference} ngày {wording.day(original.issued_on)}"
        amount = wording.digits(record.amount) if record.amount else "—"
        rows.append([str(n), printed_name(record), award, decided, amount])
    total = [
        "",
        "Tổng cộng",
        "",
        f"{len(records)} trường hợp",
        wording.digits(sum(r.amount for r in records)),
    ]
    title = "DANH SÁCH CÁ NHÂN, TẬP THỂ BỊ HỦY BỎ QUYẾT ĐỊNH KHEN THƯỞNG"
    return {"title": title, "columns": COLUMNS, "rows": rows, "total": total}


def rule_set_on(day: dt.date):
    """The rule set in force on the day (its instruments are the decision's first legal bases)."""
    return RuleSet.objects.in_force_on(day) or RuleSet.objects.order_by("-effective_from").first()


def instrument_bases(day: dt.date) -> list[dict]:
    rule_set = rule_set_on(day)
    instruments = rule_set.instruments.split(";") if rule_set else []
    return [{"text": f"Căn cứ {text.strip()}"} for text in instruments if text.strip()]


def _bases(records, day: dt.date) -> list[dict]:
    cited = [{"cited": original.document} for original in _originals(records)]
    proposal = {"text": "Xét đề nghị của Thường trực Hội đồng Thi đua - Khen thưởng"}
    return [*instrument_bases(day), *cited, proposal]


# --- drafting -----------------------------------------------------------------------------------------------


def _clear_discarded(records) -> None:
    """Rows of discarded revocation drafts free their awards (the discarded document keeps its list)."""
    Revocation.objects.filter(record__in=records, decision__status=Status.DISCARDED).delete()


@transaction.atomic
def draft_revocation(*, actor, records, ground: str, conclusion: str, signer=None) -> Decision:
    """Draft the agency's decision annulling `records` (ledger rows of its own issued reward decisions) on
    `ground` (a–d of Điều 93 khoản 2), resting on `conclusion`; `signer` (a Person) signs it in his own
    name (another signature block is chosen on the document's page)."""
    records = _load(records)
    agencies = {_deciding_agency_id(record) for record in records}
    require(actor is None or all(can_manage_decisions(actor, pk) for pk in agencies))
    conclusion = (conclusion or "").strip()
    _check(records, ground, conclusion)
    original = original_of(records[0])
    agency = original.agency
    _clear_discarded(records)
    object_due = {record.pk: record.certificates.exists() for record in records}
    today = timezone.localdate()
    fields = {"subject": "Về việc hủy bỏ quyết định khen thưởng",
              "body": _articles(records, ground=ground, conclusion=conclusion, agency=agency),
              "recipients": ["Như Điều 3", "Lưu: VT, VP"], "archive_note": "VP"}  # fmt: skip
    if signer is not None:
        fields["signer"] = signer
    document = documents.create_draft(
        actor=actor, agency=agency, kind=DocumentKind.objects.get(code="quyet_dinh"), fields=fields,
        bases=_bases(records, today), annexes=[_annex(records, object_due=object_due)],
        issued_through="decisions",
    )  # fmt: skip
    years = {record.year for record in records}
    decision = Decision.objects.create(
        agency=agency, kind=Kind.REVOCATION, document=document, year=years.pop() if len(years) == 1 else None,
        issuer=original.issuer or f"Giám đốc {agency.name}", awards_count=len(records),
        created_by=actor if getattr(actor, "pk", None) else None,
    )  # fmt: skip
    for record in records:
        Revocation.objects.create(record=record, decision=decision, ground=ground, conclusion=conclusion,
                                  amount_due=record.amount, object_due=object_due[record.pk])  # fmt: skip
    log_action(actor=actor, action="decisions.revocation.drafted", target=decision, agency=agency,
               after={"records": [record.pk for record in records], "ground": ground})  # fmt: skip
    return decision


def discard_revocation(*, actor, decision) -> Decision:
    """A revocation draft not wanted: discarded (kept in the record), its awards free for another one."""

    def free(decision):
        if decision.kind != Kind.REVOCATION:
            raise ValidationError(_("This is not a revocation decision."), code="kind")
        decision.revocations.all().delete()

    return move(DECISIONS, decision, "discard", actor=actor, change=free)


# --- issuing ------------------------------------------------------------------------------------------------


def _revocations(decision) -> list[Revocation]:
    return list(
        decision.revocations.select_related(
            "record__award", "record__person", "record__unit", "record__decision", "record__decision_line"
        ).order_by("pk")
    )


def _check_issuable(decision, revocations, day: dt.date) -> None:
    if decision.kind != Kind.REVOCATION:
        raise ValidationError(_("This is not a revocation decision."), code="kind")
    if decision.document.status != DocumentStatus.APPROVED:
        raise ValidationError(_("The decision must be signed off by its signer before it is issued."),
                              code="unsigned")  # fmt: skip
    for revocation in revocations:
        record = lock(revocation.record)
        if record.revoked_on is not None:
            words = {"name": printed_name(record), "day": record.revoked_on.strftime("%d/%m/%Y")}
            raise ValidationError(_("“%(name)s” was already revoked on %(day)s.") % words, code="revoked")
        if record.decided_on and record.decided_on > day:
            message = _("A revocation cannot be dated before the decision it annuls (%(day)s).")
            raise ValidationError(message % {"day": record.decided_on.strftime("%d/%m/%Y")}, code="date")


def _revoke(actor, decision, revocations, day: dt.date) -> None:
    due = working_day_after(day, RETURN_WORKING_DAYS, agency=decision.agency)
    for revocation in revocations:
        record = revocation.record
        record.revoked_on = day
        record.save(update_fields=["revoked_on"])
        revocation.return_due = due
        revocation.save(update_fields=["return_due"])
        log_action(actor=actor, action="awards.record.revoked", target=record, agency=decision.agency,
                   after={"revoked_on": day.isoformat(), "decision": decision.document.reference,
                          "return_due": due.isoformat()})  # fmt: skip


def recipients(people, units) -> tuple[list, list]:
    """(the awardees with an account, the emulation officers and heads of their units)."""
    awardees = User.objects.filter(is_active=True, person_id__in=set(people))
    officers = User.objects.holding([Role.UNIT_OFFICER, Role.UNIT_HEAD], unit=set(units))
    return list(awardees), list(officers)


def _unit_id(record) -> int:
    line = getattr(record, "decision_line", None)
    return line.unit_id if line is not None else record.unit_id


def _notices(decision, revocations) -> list[Notice]:
    records = [revocation.record for revocation in revocations]
    awardees, officers = recipients(
        [r.person_id for r in records if r.person_id], [_unit_id(r) for r in records]
    )
    url = reverse("decisions:detail", args=[decision.pk])
    due = revocations[0].return_due if revocations else None
    with translation.override(settings.LANGUAGE_CODE):
        words = {"reference": decision.document.reference, "day": wording.day(due)}
        title = _("Decision %(reference)s annuls your award: return what it gave you by %(day)s")
        unit_title = _(
            "Decision %(reference)s annuls awards of your staff or unit: to be returned by %(day)s"
        )
        return [
            Notice(users=awardees, title=title % words, url=url, kind="decisions.revoked"),
            Notice(users=officers, title=unit_title % words, url=url, kind="decisions.revoked"),
        ]


def issue_revocation(*, actor, decision, issued_on: dt.date | None = None) -> Decision:
    """Number the signed-off revocation and, in the same transaction, revoke its awards (see the module)."""
    day = issued_on or timezone.localdate()
    done = {}

    def issue(decision):
        revocations = done["revocations"] = _revocations(decision)
        _check_issuable(decision, revocations, day)
        decision.document = documents.issue_document(
            actor=actor, document=decision.document, issued_on=day, through="decisions"
        )
        decision.decided_on = day
        _revoke(actor, decision, revocations, day)

    return move(
        DECISIONS, decision, "issue", actor=actor, change=issue, log="decisions.revocation.issued",
        after=lambda d: {"number": d.document.reference, "issued_on": day.isoformat(),
                         "records": [r.record_id for r in done["revocations"]]},
        notices=lambda d: _notices(d, done["revocations"]),
    )  # fmt: skip


# --- what comes back ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReturnState:
    settled: bool
    overdue: bool
    amount_left: int


def return_state(revocation, today: dt.date | None = None) -> ReturnState:
    """Settled once the money and the object due are back; overdue when not, after the day they were due."""
    today = today or timezone.localdate()
    left = max(revocation.amount_due - revocation.amount_returned, 0)
    settled = left == 0 and (revocation.object_returned or not revocation.object_due)
    due = revocation.return_due
    return ReturnState(
        settled=settled, overdue=not settled and due is not None and today > due, amount_left=left
    )


def _check_return(revocation, decision, amount: int, object_returned: bool, settled_on) -> None:
    if decision.status != Status.ISSUED:
        raise ValidationError(_("The revocation decision is not issued yet: nothing is due."), code="draft")
    if amount is None or amount < 0:
        raise ValidationError({"amount_returned": _("Enter the money returned, in đồng.")})
    if amount > revocation.amount_due:
        message = _("At most %(due)s is to be returned.") % {"due": format_vnd(revocation.amount_due)}
        raise ValidationError({"amount_returned": message})
    if object_returned and not revocation.object_due:
        raise ValidationError({"object_returned": _("No object is to be returned for this award.")})
    if settled_on is None or settled_on > timezone.localdate():
        raise ValidationError({"settled_on": _("Enter the day of the return (not a future day).")})
    if settled_on < decision.decided_on:
        message = _("The return cannot be dated before the revocation decision (%(day)s).")
        raise ValidationError({"settled_on": message % {"day": wording.day(decision.decided_on)}})


@transaction.atomic
def record_return(
    *, actor, revocation, amount_returned: int, object_returned: bool, settled_on: dt.date
) -> Revocation:
    """What has come back so far: `amount_returned` (the total returned, at most what is due), whether the
    object is back, and `settled_on`, the day of this return. Each recording is logged with its change."""
    require(actor is None or can_manage_decisions(actor, revocation.decision.agency_id))
    lock(revocation)
    decision = Decision.objects.select_related("agency").get(pk=revocation.decision_id)
    _check_return(revocation, decision, amount_returned, bool(object_returned), settled_on)
    names = ("amount_returned", "object_returned", "settled_on")
    before = {name: getattr(revocation, name) for name in names}
    revocation.amount_returned, revocation.object_returned = amount_returned, bool(object_returned)
    revocation.settled_on = settled_on
    revocation.save(update_fields=list(names))
    after = {name: getattr(revocation, name) for name in names}
    before["settled_on"] = before["settled_on"].isoformat() if before["settled_on"] else None
    after["settled_on"] = settled_on.isoformat()
    log_action(actor=actor, action="decisions.revocation.returned", target=revocation,
               agency=decision.agency, before=before, after=after)  # fmt: skip
    return revocation
