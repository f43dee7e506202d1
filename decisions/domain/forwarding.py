"""Forwarding upward (issue 15 point 6; law-nominations.md §7): the awards a council passed beyond the
agency's authority (Chiến sĩ thi đua cấp tỉnh, Bằng khen tỉnh, Tập thể lao động xuất sắc, Cờ thi đua…) go to
the competent authority as a package — the agency's tờ trình listing them (a document of the documents
module, numbered and issued there like any other tờ trình), every proposal's dossier, the council's minutes
with the ballot results and the posting report where there was one.

`draft_package` drafts the tờ trình and the package; once the tờ trình is issued, `send_package` sends it
through the gate: the proposals move to `forwarded` and the task worker builds the ZIP with its manifest
(decisions.packages). The answer — the higher decision — is registered and recorded by
decisions.domain.registering, which settles the package.

The tờ trình's words are fixed Vietnamese of an administrative document (not interface text); the
secretariat edits the draft before it goes to its signer.
"""

import datetime as dt
from collections import defaultdict
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.domain import log_action
from awards.models import AwardKind, RuleSet
from council.minutes import subject_words
from documents import domain as documents
from documents.body import item, paragraph, run
from documents.models import DocumentKind
from documents.models import Status as DocumentStatus
from lib.access import require
from nominations import law
from nominations.models import Proposal
from nominations.models import Status as ProposalStatus
from nominations.workflow import PROPOSALS
from workflows.gate import move

from ..access import can_manage_decisions
from ..models import ForwardPackage, PackageItem
from ..workflow import PACKAGES

DOTS = ".........."
SENT_STATES = (DocumentStatus.ISSUED, DocumentStatus.PUBLISHED)
ARCHIVE = "VP"
DOSSIER_BASIS = (  # the certified report and the council's minute of the submitting level (ND 98/2023)
    "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ, Điều 43 khoản 1 (báo cáo "
    "thành tích có xác nhận của cấp trình khen thưởng; biên bản xét khen thưởng của Hội đồng Thi đua - "
    "Khen thưởng cấp trình khen thưởng)"
)
COLUMNS = [
    {"label": "STT", "width": 12, "align": "center"},
    {"label": "Họ và tên", "width": 48, "align": "left"},
    {"label": "Chức vụ", "width": 36, "align": "left"},
    {"label": "Đơn vị", "width": 48, "align": "left"},
    {"label": "Hình thức khen thưởng", "width": 42, "align": "left"},
]


def day(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else DOTS


# --- the checks ---------------------------------------------------------------------------------------------


def _refusal(proposal, on_agenda: set, packaged: set) -> str:
    if proposal.pk not in on_agenda:
        return _("“%(name)s” was not on the agenda of this meeting.")
    if proposal.status == ProposalStatus.NOT_PASSED:
        return _("“%(name)s” was not passed by the council: it cannot be forwarded.")
    if proposal.pk in packaged:
        return _("“%(name)s” is already in another forward package.")
    if proposal.status != ProposalStatus.PASSED:
        return _("“%(name)s” is not waiting for a decision (its status: %(status)s).")
    if proposal.award.within_agency_authority:
        return _("“%(name)s”: %(award)s is within the agency's authority: draft a decision instead.")
    return ""


def _check_proposals(meeting, proposals) -> None:
    on_agenda = set(meeting.items.values_list("proposal_id", flat=True))
    packaged = set(PackageItem.objects.filter(proposal__in=proposals).values_list("proposal_id", flat=True))
    for proposal in proposals:
        if message := _refusal(proposal, on_agenda, packaged):
            words = {"name": proposal.subject_name, "status": proposal.get_status_display(),
                     "award": proposal.award.name}  # fmt: skip
            raise ValidationError({"proposals": ValidationError(message % words, code="proposal")})


def _locked(proposals) -> list:
    """The proposals read again under a lock (two packages never take the same proposal), in the list's
    order: by award, individuals before collectives, unit, given name."""
    ids = [getattr(p, "pk", p) for p in proposals]
    found = (
        Proposal.objects.select_for_update(of=("self",))
        .filter(pk__in=ids)
        .select_related("award", "person", "unit", "round", "rule_set")
    )
    return sorted(found, key=_order)


def _order(p) -> tuple:
    return (
        p.award.position,
        p.person_id is None,
        p.unit.name,
        p.person.sort_key if p.person_id else "",
        p.pk,
    )


# --- the tờ trình -------------------------------------------------------------------------------------------


def award_phrase(award) -> str:
    if award.kind == AwardKind.TITLE:
        return f"danh hiệu “{award.name}”"
    return f"“{award.name}”"


def subject(awards, year: int) -> str:
    if len(awards) == 1:
        return f"Về việc đề nghị khen thưởng {award_phrase(awards[0])} năm {year}"
    return f"Về việc đề nghị khen thưởng thành tích năm {year}"


def _counts(proposals) -> str:
    people = sum(1 for p in proposals if p.person_id)
    units = len(proposals) - people
    parts = [f"{people:02d} cá nhân" if people else "", f"{units:02d} tập thể" if units else ""]
    return " và ".join(part for part in parts if part)


def _votes(item_of) -> str:
    if item_of is None or item_of.votes_for is None:
        return ""
    return f" — đạt {item_of.votes_for}/{item_of.denominator} phiếu đồng ý (tối thiểu {item_of.required})"


def by_award(proposals) -> list[tuple]:
    groups = defaultdict(list)
    for proposal in proposals:
        groups[proposal.award_id].append(proposal)
    return [(group[0].award, group) for group in groups.values()]


def body(meeting, proposals, *, recipient: str, year: int, posted: bool) -> list[dict]:
    council, agency = meeting.council, meeting.council.agency
    items = {i.proposal_id: i for i in meeting.items.filter(proposal__in=proposals)}
    blocks = [
        paragraph(
            f"Căn cứ kết quả xét, biểu quyết của {council.name} tại phiên họp ngày {day(meeting.date)}, "
            f"{agency.name} kính trình {recipient} xem xét, khen thưởng cho {_counts(proposals)} đã có "
            f"thành tích xuất sắc năm {year}, cụ thể như sau:"
        )
    ]
    for n, (award, group) in enumerate(by_award(proposals), start=1):
        blocks.append(item(f"{n}.", run(f"Tặng {award_phrase(award)}", bold=True), f": {_counts(group)}."))
        blocks += [item("-", f"{subject_words(p)}{_votes(items.get(p.pk))}.") for p in group]
    posting = "; báo cáo kết quả công khai, lấy ý kiến" if posted else ""
    blocks += [
        paragraph(
            f"Hồ sơ kèm theo gồm: danh sách đề nghị khen thưởng; báo cáo thành tích của từng cá nhân, "
            f"tập thể có xác nhận của {agency.name}; biên bản họp và kết quả biểu quyết của {council.name}; "
            f"biên bản họp bình xét của các đơn vị{posting}; giấy chứng nhận sáng kiến hoặc thành tích "
            "(nếu có)."
        ),
        paragraph(f"{agency.name} kính trình {recipient} xem xét, quyết định./."),
    ]
    return blocks


def bases(rule_set, meeting) -> list[dict]:
    """Căn cứ: the law and decree of the period, the council's minutes (the system's document once issued),
    and from 2024 the article of NĐ 98/2023 on the certified report and the council's minute."""
    found = []
    if rule_set is not None:
        found = [
            {"text": f"Căn cứ {text.strip()}"} for text in rule_set.instruments.split(";") if text.strip()
        ]
    minutes = meeting.minutes
    if minutes is not None and minutes.reference:
        found.append({"cited": minutes})
    else:
        found.append({"text": f"Căn cứ Biên bản họp {meeting.council.name} ngày {day(meeting.date)}"})
    if rule_set is None or law.era(rule_set.code) != "2017":
        found.append({"text": DOSSIER_BASIS})
    return found


def annex(proposals) -> dict:
    """The list annexed to the tờ trình (its "(Kèm theo Tờ trình số …)" line is printed by the documents
    module, with the number once issued)."""
    rows = [
        [str(n), p.line_name or p.subject_name, p.line_position if p.person_id else "",
         p.line_unit or p.unit.name, p.award.name]
        for n, p in enumerate(proposals, start=1)
    ]  # fmt: skip
    return {"title": "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG", "subtitle": "", "columns": COLUMNS, "rows": rows,
            "total": ["", "Tổng cộng", "", "", _counts(proposals)]}  # fmt: skip


def _fields(meeting, proposals, *, recipient, year, signer, signing_authority) -> tuple:
    """(the document kind, the draft's fields)."""
    awards = list(dict.fromkeys(p.award for p in proposals))
    kind = DocumentKind.objects.get(code="to_trinh")
    posted = any(p.posting_id for p in proposals)
    fields = {
        "subject": subject(awards, year),
        "body": body(meeting, proposals, recipient=recipient, year=year, posted=posted),
        "addressees": [recipient] if kind.uses_addressees else [],
        "recipients": ["Như trên"],
        "archive_note": ARCHIVE,
    }
    if signer is not None:
        fields |= {"signer": signer, "signing_authority": signing_authority}
    return kind, fields


# --- drafting and sending -----------------------------------------------------------------------------------


@transaction.atomic
def draft_package(
    *, actor, meeting, proposals, recipient: str, signer=None, signing_authority: str = ""
) -> ForwardPackage:
    """Draft the tờ trình forwarding `proposals` (passed at `meeting`, beyond the agency's authority) to
    `recipient`, and the package holding them; `signer` (a person who may sign for the agency) signs it."""
    agency = meeting.council.agency
    require(actor is None or can_manage_decisions(actor, agency.pk))
    recipient = " ".join((recipient or "").split())
    if not recipient:
        raise ValidationError({"recipient": _("Say to whom the tờ trình is addressed.")})
    proposals = list(proposals)
    if not proposals:
        raise ValidationError({"proposals": _("Choose at least one passed proposal to forward.")})
    proposals = _locked(proposals)
    _check_proposals(meeting, proposals)
    year = proposals[0].round.year
    rule_set = proposals[0].rule_set or RuleSet.objects.for_year(year)
    kind, fields = _fields(meeting, proposals, recipient=recipient, year=year, signer=signer,
                           signing_authority=signing_authority)  # fmt: skip
    document = documents.create_draft(actor=actor, agency=agency, kind=kind, fields=fields,
                                      bases=bases(rule_set, meeting), annexes=[annex(proposals)])  # fmt: skip
    package = ForwardPackage.objects.create(
        agency=agency, meeting=meeting, document=document, recipient=recipient, year=year,
        created_by=actor if getattr(actor, "pk", None) else None,
    )  # fmt: skip
    PackageItem.objects.bulk_create(
        PackageItem(package=package, position=n, proposal=p) for n, p in enumerate(proposals, start=1)
    )
    after = {"recipient": recipient, "proposals": [p.pk for p in proposals], "meeting": meeting.pk}
    log_action(actor=actor, action="decisions.package.drafted", target=package, agency=agency, after=after)
    return package


def _check_sendable(package, on: dt.date) -> None:
    document = package.document
    if document.status not in SENT_STATES:
        message = _("The tờ trình must be signed and issued (numbered) before the package is sent.")
        raise ValidationError(message, code="not_issued")
    if on > timezone.localdate():
        raise ValidationError(_("The package cannot be sent on a future date."), code="future")
    if document.issued_on and on < document.issued_on:
        message = _("The package cannot be sent before its tờ trình was issued (%(day)s).")
        raise ValidationError(message % {"day": day(document.issued_on)}, code="before_issue")


def _forward(actor, package) -> int:
    items = list(package.items.select_related("proposal__round__agency").order_by("position"))
    for entry in items:
        move(PROPOSALS, entry.proposal, "forward", actor=actor, after={"package": package.pk})
    return len(items)


@transaction.atomic
def send_package(*, actor, package, sent_on: dt.date | None = None) -> ForwardPackage:
    """Send the package whose tờ trình is issued: its proposals move to `forwarded`, and the ZIP with its
    manifest is built by the task worker once the transaction commits (decisions.tasks)."""
    on = sent_on or timezone.localdate()
    done = {}

    def send(package):
        _check_sendable(package, on)
        package.sent_on = on
        done["count"] = _forward(actor, package)

    def after(package) -> dict:
        return {"number": package.document.reference, "sent_on": on.isoformat(), "proposals": done["count"]}

    move(PACKAGES, package, "send", actor=actor, change=send, after=after)
    transaction.on_commit(partial(queue_archive, package.pk))
    return package


def queue_archive(package_id: int) -> None:
    """Ask the task worker for the package's ZIP (run at once by an immediate backend)."""
    from ..tasks import build_package_archive

    build_package_archive.enqueue(package_id=package_id)
