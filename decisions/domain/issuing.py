"""Issuing a reward decision (issue 15 point 2): in one transaction, through the gate of the decision and of
its document — the number from the documents module's series, one ledger row per line (award, period, the
decision's document, amount, the số sổ vàng), the initiative a Chiến sĩ thi đua cơ sở rests on, the
certificates, the proposals to `decided`, the notices to the awardees and their units (in the inbox in the
same transaction, e-mailed after the commit). A refusal or a crash at any step leaves nothing behind;
an issued decision is final (the gate has no move out of `issued`).

The director signed the draft off with its amounts: the issuing date must give the same amounts (a base
salary that changed in between sends the draft back to be priced again), and the fund must hold them."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Role, User
from achievements.domain import free_initiative, serve_initiative
from awards.domain import write_ledger_row
from documents import domain as documents
from documents.models import Status as DocumentStatus
from nominations.models import Status as ProposalStatus
from nominations.workflow import PROPOSALS
from workflows.gate import Notice, move

from .. import wording
from ..amounts import price_lines
from ..certificates import create_certificates
from ..funds import overspend_message
from ..models import Kind, Line
from ..workflow import DECISIONS

INITIATIVE_AWARDS = {"chien-si-thi-dua-co-so"}  # rests on an initiative (Luật 2022 Điều 26 khoản 2)


def _lines(decision) -> list[Line]:
    return list(
        decision.lines.select_related("award", "person", "unit", "proposal__round__agency").order_by(
            "position"
        )
    )


def _check_proposals(lines) -> None:
    for line in lines:
        proposal = line.proposal
        if proposal is not None and proposal.status != ProposalStatus.PASSED:
            message = _(
                "“%(name)s” is no longer a proposal passed by the council (%(status)s): the decision "
                "cannot be issued with it."
            )
            words = {"name": line.name, "status": proposal.get_status_display()}
            raise ValidationError(message % words, code="proposal")


def _check_prices(decision, lines, day: dt.date) -> None:
    """The amounts the director signed off are those of the issuing date (else the draft is priced again)."""
    signed = [(line.amount, line.paid) for line in lines]
    price_lines(lines, agency=decision.agency, day=day, decision_id=decision.pk)
    if [(line.amount, line.paid) for line in lines] != signed:
        message = _(
            "On %(day)s the amounts differ from those signed off (the base salary changed): return the "
            "draft to be priced again."
        )
        raise ValidationError(message % {"day": day.strftime("%d/%m/%Y")}, code="prices")


def _number_annexes(decision, lines) -> None:
    """The annexes say "Kèm theo Quyết định số …" with dots until the number is known: filled in now, as the
    clerk fills the number on paper (the rest of what the signer signed off stays as it is)."""
    document = decision.document
    document.annexes = wording.annexes(
        lines, reference=document.reference, issued_on=document.issued_on, issuer=decision.issuer
    )
    document.save(update_fields=["annexes"])


def write_ledger(actor, decision, lines) -> None:
    """One ledger row per line of `decision` (dated and numbered: decided_on set), linked from the line: the
    decision's document, the amount paid, the số sổ vàng. The caller's gate checked who may."""
    for line in lines:
        line.record = write_ledger_row(
            actor=actor,
            agency=decision.agency,
            award=line.award,
            person=line.person,
            unit=None if line.person_id else line.unit,
            year=line.year,
            track=line.track,
            decision=decision.document,
            decided_on=decision.decided_on,
            amount=line.amount if line.paid else 0,
            certificate_number=line.position,
        )
        line.save(update_fields=["record"])


def _serve_initiatives(lines) -> None:
    """A Chiến sĩ thi đua cơ sở rests on an initiative: the holder's free one of the year serves it."""
    for line in lines:
        if line.person_id and line.award.code in INITIATIVE_AWARDS:
            initiative = free_initiative(line.person, line.year)
            if initiative is not None:
                serve_initiative(initiative=initiative, person=line.person, record=line.record)


def _decide_proposals(actor, decision, lines) -> None:
    reference = decision.document.reference
    for line in lines:
        if line.proposal is not None:
            move(PROPOSALS, line.proposal, "decide", actor=actor, after={"decision": reference})


def notices(decision, lines) -> list[Notice]:
    """The awardees with an account, and the emulation officers and heads of their units."""
    url = reverse("decisions:detail", args=[decision.pk])
    people = {line.person_id for line in lines if line.person_id}
    units = {line.unit_id for line in lines}
    awardees = User.objects.filter(is_active=True, person_id__in=people)
    officers = User.objects.holding([Role.UNIT_OFFICER, Role.UNIT_HEAD], unit=units)
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Decision %(reference)s awards you: %(subject)s")
        unit_title = _("Decision %(reference)s awards staff or units of yours: %(subject)s")
        words = {"reference": decision.document.reference, "subject": decision.document.subject}
        return [
            Notice(users=list(awardees), title=title % words, url=url, kind="decisions.awarded"),
            Notice(users=list(officers), title=unit_title % words, url=url, kind="decisions.awarded"),
        ]


def issue_decision(*, actor, decision, issued_on: dt.date | None = None):
    """Number the signed-off decision and write what it decides (see the module); returns it."""
    day = issued_on or timezone.localdate()
    done = {}

    def issue(decision):
        if decision.kind != Kind.REWARD:  # revocations, corrections: domain.revoking, domain.correcting
            raise ValidationError(_("Only a reward decision is issued here."), code="kind")
        if decision.document.status != DocumentStatus.APPROVED:
            raise ValidationError(
                _("The decision must be signed off by its signer before it is issued."), code="unsigned"
            )
        lines = done["lines"] = _lines(decision)
        _check_proposals(lines)
        _check_prices(decision, lines, day)
        if message := overspend_message(decision, on=day):
            raise ValidationError(message, code="fund")
        decision.document = documents.issue_document(
            actor=actor, document=decision.document, issued_on=day, through="decisions"
        )
        decision.decided_on = day
        _number_annexes(decision, lines)
        write_ledger(actor, decision, lines)
        _serve_initiatives(lines)
        create_certificates(decision)
        _decide_proposals(actor, decision, lines)

    return move(
        DECISIONS,
        decision,
        "issue",
        actor=actor,
        change=issue,
        after=lambda d: {
            "number": d.document.reference,
            "issued_on": day.isoformat(),
            "awards": d.awards_count,
            "total": d.total_amount,
        },
        notices=lambda d: notices(d, done["lines"]),
    )
