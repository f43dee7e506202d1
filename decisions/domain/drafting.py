"""Drafting the agency head's reward decisions from a council meeting's passed list (issue 15 point 1).

The secretariat picks the passed proposals within the agency's authority (Giám đốc Sở: Lao động tiên tiến,
Tập thể lao động tiên tiến, Chiến sĩ thi đua cơ sở, Giấy khen — Luật TĐKT 2022 Điều 80 khoản 1) and groups
them as the agency prefers: one decision with an article per award, or one decision per award. Each is a
quyết định of the documents module (issued through this app: decisions.domain.issuing), with its legal
bases, articles, annexed list and amounts priced for the intended date; a draft is priced again when issued.
"""

import datetime as dt
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.domain import log_action
from awards.models import RuleSet
from documents import domain as documents
from documents.body import item
from documents.models import DocumentKind
from lib.access import require
from nominations.models import Proposal, UnitDossier
from nominations.models import Status as ProposalStatus
from workflows.gate import move

from .. import wording
from ..access import can_manage_decisions
from ..amounts import price_lines
from ..models import Decision, Line, Status
from ..workflow import DECISIONS

GROUPINGS = ("one", "per_award")


def _check_proposals(meeting, proposals) -> None:
    on_agenda = set(meeting.items.values_list("proposal_id", flat=True))
    for proposal in proposals:
        if proposal.pk not in on_agenda:
            message = _("“%(name)s” was not on the agenda of this meeting.")
        elif proposal.status == ProposalStatus.NOT_PASSED:
            message = _("“%(name)s” was not passed by the council: it cannot be awarded.")
        elif proposal.status != ProposalStatus.PASSED:
            message = _("“%(name)s” is not waiting for a decision (its status: %(status)s).")
        elif not proposal.award.within_agency_authority:
            message = _("“%(name)s”: %(award)s is decided by the competent authority; forward it instead.")
        elif Line.objects.filter(proposal=proposal).exclude(decision__status=Status.DISCARDED).exists():
            message = _("“%(name)s” is already on another decision.")
        else:
            continue
        words = {
            "name": proposal.subject_name,
            "status": proposal.get_status_display(),
            "award": proposal.award.name,
        }
        raise ValidationError({"proposals": ValidationError(message % words, code="proposal")})


def _ordered(proposals) -> list:
    """The annex's order: by award (the catalogue's), individuals before collectives, unit, given name."""
    return sorted(
        proposals,
        key=lambda p: (
            p.award.position,
            p.person_id is None,
            p.unit.name,
            p.person.sort_key if p.person_id else "",
        ),
    )


def _line(proposal, position: int, article: int) -> Line:
    person = proposal.person
    return Line(
        position=position,
        article=article,
        proposal=proposal,
        award=proposal.award,
        person=person,
        unit=proposal.unit,
        year=proposal.round.year,
        track=proposal.round.track if proposal.round.track != "don-gian" else "cong-trang",
        name=proposal.line_name or proposal.subject_name,
        position_title=proposal.line_position if person else "",
        unit_name=proposal.line_unit or proposal.unit.name,
    )


def _groups(proposals, grouping: str) -> list[list]:
    by_award = defaultdict(list)
    for proposal in _ordered(proposals):
        by_award[proposal.award_id].append(proposal)
    groups = list(by_award.values())
    return groups if grouping == "per_award" else [[p for group in groups for p in group]]


def _lines(group) -> list[Line]:
    lines, articles = [], {}
    for position, proposal in enumerate(group, start=1):
        article = articles.setdefault(proposal.award_id, len(articles) + 1)
        lines.append(_line(proposal, position, article))
    return lines


def document_fields(decision_lines, *, agency, year: int, signer=None, signing_authority: str = "") -> dict:
    awards = list(dict.fromkeys(line.award for line in decision_lines))
    body = [
        item(label, text)
        for label, text in wording.articles(decision_lines, agency_name=agency.name, year=year)
    ]
    fields = {
        "subject": wording.subject(awards, year),
        "body": body,
        "recipients": ["Như Điều cuối", "Lưu: VT, VP"],
        "archive_note": "VP",
    }
    if signer is not None:
        fields["signer"], fields["signing_authority"] = signer, signing_authority
    return fields


@transaction.atomic
def draft_decisions(
    *,
    actor,
    meeting,
    proposals,
    signer=None,
    signing_authority: str = "",
    grouping: str = "one",
    decided_on: dt.date | None = None,
) -> list[Decision]:
    """Draft the decision(s) awarding `proposals` (passed at `meeting`); amounts priced for `decided_on`
    (today by default) and priced again at issuance."""
    agency = meeting.council.agency
    require(actor is None or can_manage_decisions(actor, agency.pk))
    ids = [proposal.pk for proposal in proposals]  # as they stand now, not as the caller last read them
    proposals = list(
        Proposal.objects.filter(pk__in=ids)
        .select_related("award", "person", "unit", "round", "rule_set")
        .order_by("pk")
    )
    if not proposals:
        raise ValidationError({"proposals": _("Choose at least one passed proposal.")})
    if grouping not in GROUPINGS:
        raise ValidationError({"grouping": _("Choose how to group the awards.")})
    _check_proposals(meeting, proposals)
    day = decided_on or timezone.localdate()
    year = proposals[0].round.year
    dossiers = UnitDossier.objects.filter(
        round_id__in={p.round_id for p in proposals}, unit_id__in={p.unit_id for p in proposals}
    ).select_related("cover")
    made = [
        _draft_one(actor, agency, meeting, group, year, day, (signer, signing_authority), list(dossiers))
        for group in _groups(proposals, grouping)
    ]
    return made


def _draft_one(actor, agency, meeting, group, year, day, signature, dossiers) -> Decision:
    lines = _lines(group)
    base = price_lines(lines, agency=agency, day=day)
    rule_set = group[0].rule_set or RuleSet.objects.for_year(year)
    issuer = f"Giám đốc {agency.name}"
    signer, authority = signature
    fields = document_fields(lines, agency=agency, year=year, signer=signer, signing_authority=authority)
    document = documents.create_draft(
        actor=actor,
        agency=agency,
        kind=DocumentKind.objects.get(code="quyet_dinh"),
        fields=fields,
        bases=wording.bases(rule_set, meeting=meeting, dossiers=dossiers),
        annexes=wording.annexes(lines, reference="", issued_on=None, issuer=issuer),
        issued_through="decisions",
    )
    decision = Decision.objects.create(
        agency=agency,
        document=document,
        meeting=meeting,
        year=year,
        issuer=issuer,
        base_salary=base,
        total_amount=sum(line.amount for line in lines if line.paid),
        awards_count=len(lines),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    for line in lines:
        line.decision = decision
    Line.objects.bulk_create(lines)
    log_action(
        actor=actor,
        action="decisions.decision.drafted",
        target=decision,
        agency=agency,
        after={"awards": len(lines), "total": decision.total_amount, "meeting": meeting.pk},
    )
    return decision


def discard_decision(*, actor, decision) -> Decision:
    """A draft not wanted: it stays in the record as discarded, its proposals free for another draft."""
    return move(DECISIONS, decision, "discard", actor=actor)
