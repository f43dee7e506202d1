"""Decisions another body made, registered here (issue 15 points 6 and 8): the Province's decision on what the
agency forwarded, and the agency's own decisions from before thidua. Each is an incoming document of the
documents module (registered with its arrival number) and a Decision whose lines the secretariat enters or
the demo loads; recording it writes the ledger rows from it, as issuing does for the agency's own.

A higher decision answering a forward package is matched to the package's proposals: the same person (or
unit), award and period is a match; the same name (accents and spaces aside) with another award or without
the person is doubtful, for the secretary to confirm; a line matching nothing is refused — the decision
names someone the agency did not propose. Recording it moves the matched proposals to `awarded` and the
others of the package to `refused`, each with the reason the secretary gives."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from activity.domain import log_action
from documents import domain as documents
from documents.models import DocumentKind
from lib.access import require
from lib.vntext import fold
from nominations.workflow import PROPOSALS
from workflows.gate import lock, move

from ..access import can_manage_decisions
from ..amounts import price_lines
from ..models import Decision, Line, Match, Origin, Outcome, PackageItem, PackageStatus
from ..workflow import DECISIONS, PACKAGES
from .issuing import write_ledger

LINE_FIELDS = (
    "award",
    "person",
    "unit",
    "name",
    "position_title",
    "unit_name",
    "achievement",
    "amount",
    "year",
    "track",
    "proposal",
)


def _same_name(a: str, b: str) -> bool:
    return " ".join(fold(a).split()) == " ".join(fold(b).split())


def _match(line: Line, items) -> tuple[object, str]:
    """(the proposal, how it matches) among the package's items; (None, "") when nothing matches."""
    for item in items:
        proposal = item.proposal
        same_subject = (
            (proposal.person_id == line.person_id)
            if line.person_id
            else (proposal.person_id is None and proposal.unit_id == line.unit_id)
        )
        if same_subject and proposal.award_id == line.award_id and proposal.round.year == line.year:
            return proposal, Match.EXACT
    for item in items:
        proposal = item.proposal
        if _same_name(proposal.line_name or proposal.subject_name, line.name):
            return proposal, Match.DOUBTFUL
    return None, ""


def _build_lines(decision, rows: list[dict], items) -> list[Line]:
    lines = []
    for position, row in enumerate(rows, start=1):
        values = {k: v for k, v in row.items() if k in LINE_FIELDS}
        values.setdefault("year", decision.year)
        line = Line(
            decision=decision, position=row.get("position", position), article=row.get("article", 1), **values
        )
        if items is not None and line.proposal is None:
            line.proposal, line.match = _match(line, items)
            if line.proposal is None:
                message = _("“%(name)s” (%(award)s) was not proposed in the package this decision answers.")
                raise ValidationError({"lines": message % {"name": line.name, "award": line.award.name}})
        if line.unit_id is None:  # a line typed by name takes the unit of the proposal it matches
            if line.proposal is None:
                raise ValidationError({"lines": _("Choose the unit of “%(name)s”.") % {"name": line.name}})
            line.unit = line.proposal.unit
        line.unit_name = line.unit_name or line.unit.name
        lines.append(line)
    return lines


@transaction.atomic
def register_decision(
    *,
    actor,
    agency,
    fields: dict,
    lines: list[dict],
    issuer: str,
    year: int,
    package=None,
    kind_code: str = "quyet_dinh",
) -> Decision:
    """Register another body's (or a past) decision with its awardees; recorded later by record_decision."""
    require(actor is None or can_manage_decisions(actor, agency.pk))
    if package is not None and (package.agency_id != agency.pk or package.status != PackageStatus.SENT):
        message = _("A higher decision answers a package the agency sent and is waiting for an answer.")
        raise ValidationError(message, code="package")
    if not lines:
        raise ValidationError({"lines": _("Enter at least one awardee of the decision.")})
    kind = DocumentKind.objects.get(code=kind_code)
    document = documents.register_incoming(actor=actor, agency=agency, kind=kind, fields=fields)
    decision = Decision.objects.create(
        agency=agency,
        origin=Origin.REGISTERED,
        document=document,
        package=package,
        year=year,
        issuer=issuer,
        decided_on=document.issued_on,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    items = None
    if package is not None:
        items = list(package.items.select_related("proposal__round", "proposal__person", "proposal__unit"))
    built = _build_lines(decision, lines, items)
    unpriced = [line for line in built if line.amount is None]
    if unpriced and document.issued_on:
        decision.base_salary = price_lines(unpriced, agency=agency, day=document.issued_on)
    Line.objects.bulk_create(built)
    decision.total_amount = sum(line.amount for line in built if line.paid)
    decision.awards_count = len(built)
    decision.save(update_fields=["total_amount", "awards_count", "base_salary"])
    log_action(
        actor=actor,
        action="decisions.decision.registered",
        target=decision,
        agency=agency,
        after={"number": document.reference, "awards": len(built)},
    )
    return decision


@transaction.atomic
def confirm_match(*, actor, line, proposal=None) -> Line:
    """The secretary settles a doubtful line: it is `proposal`'s award (confirmed), or no proposal's."""
    require(actor is None or can_manage_decisions(actor, line.decision.agency_id))
    lock(line)
    if line.match != Match.DOUBTFUL:
        raise ValidationError(_("Only a doubtful match is confirmed."), code="not_doubtful")
    if proposal is None:
        raise ValidationError(
            _(
                "“%(name)s” was not proposed in the package: the decision names someone the agency did not "
                "propose."
            )
            % {"name": line.name},
            code="not_proposed",
        )
    line.proposal, line.match = proposal, Match.CONFIRMED
    line.person = line.person or proposal.person
    line.save(update_fields=["proposal", "match", "person"])
    log_action(
        actor=actor,
        action="decisions.line.confirmed",
        target=line.decision,
        agency=line.decision.agency,
        after={"line": line.position, "proposal": proposal.pk},
    )
    return line


def _settle_package(actor, decision, lines, refusals: dict) -> None:
    awarded = {line.proposal_id for line in lines if line.proposal_id}
    for item in PackageItem.objects.filter(package=decision.package, outcome=Outcome.PENDING).select_related(
        "proposal__round__agency"
    ):
        if item.proposal_id in awarded:
            after = {"decision": decision.document.reference}
            move(PROPOSALS, item.proposal, "award", actor=actor, after=after)
            item.outcome = Outcome.AWARDED
        else:
            reason = (refusals.get(item.proposal_id) or "").strip()
            if not reason:
                message = _("Give the reason why “%(name)s” was not awarded.")
                raise ValidationError({"refusals": message % {"name": item.proposal.subject_name}})
            move(PROPOSALS, item.proposal, "refuse", actor=actor, after={"reason": reason})
            item.outcome, item.reason = Outcome.REFUSED, reason
        item.save(update_fields=["outcome", "reason"])
    move(PACKAGES, decision.package, "answer", actor=actor, after={"decision": decision.document.reference})


def record_decision(*, actor, decision, refusals: dict | None = None) -> Decision:
    """Write the ledger rows of a registered decision (one per line); a higher decision also settles its
    package: matched proposals awarded, the others refused with `refusals[proposal id]`."""

    def record(decision):
        lines = list(decision.lines.select_related("award", "person", "unit", "proposal__round__agency"))
        if any(line.match == Match.DOUBTFUL for line in lines):
            raise ValidationError(_("Confirm the doubtful matches first."), code="doubtful")
        write_ledger(actor, decision, lines)
        if decision.package_id:
            _settle_package(actor, decision, lines, refusals or {})

    return move(
        DECISIONS,
        decision,
        "record",
        actor=actor,
        change=record,
        after=lambda d: {"number": d.document.reference, "awards": d.awards_count},
    )
