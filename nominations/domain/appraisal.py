"""The secretariat's appraisal (thẩm định): return a proposal for correction (a reason, and the fields the
unit must correct), appraise it with an opinion — one by one or a page at once, each logged — after the
duplicates and overlaps are flagged; and the nominee's confirmation of the line printed on the decision."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from activity.domain import log_action
from awards.eligibility import settings_of
from lib.access import require
from lib.vntext import fold, nfc
from movements.domain.registrations import unit_officer_accounts
from movements.models import nfc_lines
from people.models import Assignment
from workdays.calendar import working_day_after
from workflows.gate import lock, move

from ..access import can_confirm
from ..law import CERTIFICATE_AWARDS
from ..models import FIELDS, Confirmation, Proposal
from ..notices import proposal_notice
from ..workflow import PROPOSALS
from .rounds import check_open

HEAD_WITH_COLLECTIVE = "head-with-collective"


RETURN_DAYS = 5  # working days the unit has to correct a returned proposal (set by the secretariat)


def return_proposal(
    *, actor, proposal, reason: str, fields=(), days: int = RETURN_DAYS, on: dt.date | None = None
) -> Proposal:
    """Send a submitted proposal back to the unit, to be corrected within `days` working days; only `fields`
    (codes of models.FIELDS) may then change, or every field when none is named."""
    reason, fields = nfc_lines(reason), list(dict.fromkeys(fields))
    on = on or timezone.localdate()

    def change(proposal):
        check_open(actor, proposal.round)
        if not reason:
            message = _(
                "Write the reason for returning the proposal, so that the unit knows what to correct."
            )
            raise ValidationError({"reason": ValidationError(message, code="reason_required")})
        unknown = [f for f in fields if f not in FIELDS]
        if unknown:
            raise ValidationError({"fields": _("Choose the parts to correct from the list.")})
        if not 1 <= days <= 60:
            raise ValidationError({"days": _("The unit has from 1 to 60 working days to correct it.")})
        proposal.return_reason, proposal.returned_fields = reason, fields
        proposal.correct_by = working_day_after(on, days, agency=proposal.round.agency)

    def notices(proposal):
        title = gettext_noop("Proposal returned for correction: %(subject)s — %(award)s")
        return [
            proposal_notice(
                unit_officer_accounts(proposal.unit),
                proposal,
                title,
                kind="nominations.returned",
                body=reason,
            )
        ]

    return move(
        PROPOSALS,
        proposal,
        "return",
        actor=actor,
        change=change,
        notices=notices,
        fields=("return_reason", "returned_fields", "correct_by", "updated_at"),
        after=lambda p: {
            "return_reason": reason,
            "returned_fields": fields,
            "correct_by": p.correct_by.isoformat(),
        },
    )


# --- duplicates and overlaps ------------------------------------------------------------------------------


def _same_year(proposal):
    lineage = proposal.round.agency.lineage_ids()
    return (
        Proposal.objects.live()
        .filter(round__agency_id__in=lineage, round__year=proposal.round.year)
        .exclude(pk=proposal.pk)
        .select_related("award", "unit", "round")
    )


def _flag(code: str, message: str) -> dict:
    return {"code": code, "message": message}


def _subject_flags(proposal, others) -> list[dict]:
    flags = []
    for other in others.of_subject(person_id=proposal.person_id, unit_id=proposal.unit_id):
        where = {"award": other.award.name, "unit": other.unit.name, "round": other.round.name}
        if other.unit_id != proposal.unit_id:
            message = _("Also proposed for “%(award)s” by %(unit)s (%(round)s).") % where
            flags.append(_flag("other-unit", message))
        else:
            flags.append(_flag("twice", _("Also proposed for “%(award)s” in %(round)s.") % where))
        if proposal.award.code in CERTIFICATE_AWARDS and other.award.code in CERTIFICATE_AWARDS:
            message = _("The same initiatives would support both “%(award)s” and “%(other)s”.")
            flags.append(
                _flag("initiative", message % {"award": proposal.award.name, "other": other.award.name})
            )
    return flags


def _head_flags(proposal, others) -> list[dict]:
    if settings_of(proposal.round.agency).get(HEAD_WITH_COLLECTIVE, "yes") != "no":
        return []
    if proposal.person_id is None:
        heads = Assignment.objects.current().filter(unit_id=proposal.unit_id, is_leadership=True)
        clash = others.filter(person_id__in=heads.values("person_id"))
    else:
        led = Assignment.objects.current().filter(person_id=proposal.person_id, is_leadership=True)
        clash = others.filter(person__isnull=True, unit_id__in=led.values("unit_id"))
    message = _("The agency does not propose a collective and its head in the same year: %(other)s.")
    return [
        _flag("head", message % {"other": other.subject_name}) for other in clash.select_related("person")
    ]


def _name_flags(proposal) -> list[dict]:
    if proposal.person_id is None:
        return []
    record, line = proposal.person.full_name, proposal.line_name
    if nfc(line) != record and fold(line).replace(" ", "") == fold(record).replace(" ", ""):
        message = _(
            "The printed name “%(line)s” differs from the staff record “%(record)s” only by accents or "
            "spaces."
        )
        return [_flag("name", message % {"line": line, "record": record})]
    return []


def overlaps(proposal) -> list[dict]:
    """What the appraisal must look at: the subject proposed twice in the year (by the unit or by another,
    after a transfer), one initiative for two awards, a collective with its head (where the agency forbids
    it), a printed name that differs from the record only by accents or spaces."""
    others = _same_year(proposal)
    return _subject_flags(proposal, others) + _head_flags(proposal, others) + _name_flags(proposal)


# --- appraisal ---------------------------------------------------------------------------------------------


def appraise_proposal(*, actor, proposal, opinion: str, on: dt.date | None = None) -> Proposal:
    """Record the secretariat's opinion: the appraisal is done."""
    opinion = nfc_lines(opinion)

    def change(proposal):
        check_open(actor, proposal.round)
        if not opinion:
            raise ValidationError({"opinion": _("Write the appraisal opinion.")})
        proposal.opinion, proposal.flags = opinion, overlaps(proposal)

    def notices(proposal):
        title = gettext_noop("Proposal appraised: %(subject)s — %(award)s")
        return [
            proposal_notice(
                unit_officer_accounts(proposal.unit), proposal, title, kind="nominations.appraised"
            )
        ]

    return move(
        PROPOSALS,
        proposal,
        "appraise",
        actor=actor,
        change=change,
        notices=notices,
        fields=("opinion", "flags", "updated_at"),
        after={"opinion": opinion},
    )


def appraise_many(*, actor, proposals, opinion: str) -> tuple[list[Proposal], list[tuple[Proposal, str]]]:
    """Appraise a page of complete proposals at once; each moves through the gate and is logged on its own.
    Returns those appraised, and those refused (moved meanwhile) with the reason."""
    done, refused = [], []
    for proposal in proposals:
        try:
            done.append(appraise_proposal(actor=actor, proposal=proposal, opinion=opinion))
        except ValidationError as error:
            refused.append((proposal, " ".join(error.messages)))
    return done, refused


# --- the nominee's confirmation ---------------------------------------------------------------------------


@transaction.atomic
def confirm_line(*, actor, proposal, correct: bool, note: str = "") -> Proposal:
    """The nominee confirms the line printed on the decision and the certificate, or reports an error."""
    require(actor is not None and can_confirm(actor, proposal))
    note = nfc_lines(note)
    if not correct and not note:
        raise ValidationError({"note": _("Say what is wrong in the line, so that the unit can correct it.")})
    proposal = lock(proposal)
    if proposal.status in ("withdrawn", "ready"):
        raise ValidationError(_("The line can no longer be confirmed: the appraisal is closed."))
    proposal.confirmation = Confirmation.CONFIRMED if correct else Confirmation.DISPUTED
    proposal.confirmation_note, proposal.confirmed_at = ("" if correct else note), timezone.now()
    proposal.save(update_fields=["confirmation", "confirmation_note", "confirmed_at", "updated_at"])
    log_action(
        actor=actor,
        action="nominations.proposal.confirmed",
        target=proposal,
        agency=proposal.round.agency,
        after={"confirmation": proposal.confirmation, "note": proposal.confirmation_note},
    )
    return proposal
