"""A unit's proposals: made from its approved registration, from "who is due" or blank; edited while a draft
(or, once returned, only in the fields the return named); submitted with a complete dossier; withdrawn
before appraisal. Each submission keeps a version of what was sent."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import Role, User
from activity.domain import log_action
from lib.access import require
from movements.domain.registrations import staff_during
from movements.models import RegistrationStatus
from people.models import Assignment
from workdays.calendar import working_day_after
from workflows.gate import lock, move

from .. import law
from ..access import can_appraise, can_compile
from ..dossier import missing_parts
from ..models import Proposal, ProposalVersion, Source, Status, Verdict
from ..notices import proposal_notice
from ..verdicts import FIELDS as VERDICT_FIELDS
from ..verdicts import judge
from ..workflow import PROPOSALS
from .rounds import check_open

EDITABLE = (
    "achievement",
    "justification",
    "report",
    "line_name",
    "line_birth",
    "line_position",
    "line_unit",
    "unit_votes",
)
FIELD_OF = {
    "line_name": "line",
    "line_birth": "line",
    "line_position": "line",
    "line_unit": "line",
    "unit_votes": "report",
}


def _date(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def _moment(on: dt.date | None) -> dt.datetime:
    if on is None or on == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(dt.datetime.combine(on, dt.time(9)))


# --- checks of a new proposal -------------------------------------------------------------------------------


def _check_round(actor, round_, award, on: dt.date, late_reason: str) -> None:
    check_open(actor, round_)
    if not round_.awards.filter(pk=award.pk).exists():
        message = _("The round does not admit “%(award)s”.") % {"award": award.name}
        raise ValidationError({"award": ValidationError(message, code="not_admitted")})
    if round_.is_past_deadline(on):
        if actor is not None and not can_appraise(actor, round_):
            message = _(
                "The deadline for units was %(deadline)s: ask the secretariat to accept a late proposal."
            )
            raise ValidationError(message % {"deadline": _date(round_.deadline)}, code="deadline_passed")
        if actor is not None and not late_reason.strip():
            message = _("The deadline was %(deadline)s: write why this proposal is accepted late.")
            raise ValidationError({"late_reason": message % {"deadline": _date(round_.deadline)}})


def _check_subject(round_, unit, award, person) -> None:
    if award.is_individual and person is None:
        raise ValidationError(
            {"person": _("“%(award)s” is awarded to a person: choose her.") % {"award": award.name}}
        )
    if not award.is_individual and person is not None:
        message = _("“%(award)s” is awarded to a collective: it is proposed for the unit.")
        raise ValidationError({"award": message % {"award": award.name}})
    if person is not None and not staff_during(unit, round_.year).filter(person=person).exists():
        message = _("%(person)s did not work in %(unit)s in %(year)s: the unit cannot propose her.")
        params = {"person": person.full_name, "unit": unit.name, "year": round_.year}
        raise ValidationError({"person": ValidationError(message % params, code="not_in_unit")})


def _check_duplicate(round_, unit, award, person) -> None:
    taken = (
        Proposal.objects.live()
        .filter(round=round_, award=award)
        .of_subject(person_id=person.pk if person else None, unit_id=unit.pk)
    )
    if taken.exists():
        name = person.full_name if person else unit.name
        message = _("%(name)s is already proposed for “%(award)s” in this round.")
        raise ValidationError(
            {"award": ValidationError(message % {"name": name, "award": award.name}, code="duplicate")}
        )


def _line(person, unit, year: int) -> dict:
    """The line printed on the decision, from the staff record: name, date of birth, position, unit."""
    if person is None:
        return {"line_name": unit.name, "line_unit": unit.agency.name}
    post = (
        Assignment.objects.filter(person=person, unit=unit, start_date__lte=dt.date(year, 12, 31))
        .order_by("-start_date")
        .first()
    )
    return {
        "line_name": person.full_name,
        "line_birth": person.date_of_birth,
        "line_position": post.position if post else "",
        "line_unit": f"{unit.name}, {unit.agency.name}",
    }


def _new(actor, round_, unit, award, person, *, source, entry, achievement, late_reason) -> Proposal:
    proposal = Proposal(
        round=round_,
        unit=unit,
        award=award,
        person=person,
        source=source,
        registration_entry=entry,
        achievement=achievement,
        late_reason=late_reason,
        created_by=actor,
        **_line(person, unit, round_.year),
    )
    return proposal


def _log_created(actor, proposals: list) -> None:
    for proposal in proposals:
        log_action(
            actor=actor,
            action="nominations.proposal.created",
            target=proposal,
            agency=proposal.round.agency,
            after={
                "award": proposal.award.name,
                "subject": proposal.subject_name,
                "source": proposal.source,
                "verdict": proposal.verdict,
            },
        )


@transaction.atomic
def propose(
    *,
    actor,
    round,
    unit,
    award,
    people=(),
    source: str = Source.BLANK,
    entries=None,
    achievement: str = "",
    late_reason: str = "",
    on: dt.date | None = None,
) -> list[Proposal]:
    """Propose `people` of `unit` (or, for a collective award, the unit itself) for `award` in the round, in
    one action: all or none. Returns the proposals, judged by the engine."""
    require(actor is None or can_compile(actor, unit))
    on = on or timezone.localdate()
    if unit.agency_id not in round.agency.lineage_ids():
        raise ValidationError({"unit": _("The unit does not belong to the round's agency.")})
    _check_round(actor, round, award, on, late_reason)
    subjects = list(people) or [None]
    if award.is_individual and subjects == [None]:
        raise ValidationError({"person": _("Choose at least one person to propose.")})
    made = []
    for person in subjects:
        _check_subject(round, unit, award, person)
        _check_duplicate(round, unit, award, person)
        entry = (entries or {}).get(person.pk if person else None)
        made.append(
            _new(
                actor,
                round,
                unit,
                award,
                person,
                source=source,
                entry=entry,
                achievement=achievement,
                late_reason=late_reason,
            )
        )
    judge(made, on=on)
    for proposal in made:
        proposal.save()
    _log_created(actor, made)
    return made


def propose_from_registration(*, actor, round, entries, on: dt.date | None = None) -> list[Proposal]:
    """One proposal per approved registration entry (a person's title, or the unit's own)."""
    made = []
    for entry in entries:
        registration = entry.registration
        if registration.status != RegistrationStatus.APPROVED:
            raise ValidationError(_("Only titles of an approved registration can be proposed from it."))
        people = [entry.person] if entry.person_id else []
        made += propose(
            actor=actor,
            round=round,
            unit=registration.unit,
            award=entry.award,
            people=people,
            source=Source.REGISTRATION,
            entries={entry.person_id: entry},
            on=on,
        )
    return made


# --- editing ------------------------------------------------------------------------------------------------


def _locked_error(field: str) -> ValidationError:
    message = _("This part is locked: the secretariat did not ask for it to be corrected.")
    return ValidationError({field: ValidationError(message, code="locked")})


@transaction.atomic
def update_proposal(*, actor, proposal, **values) -> Proposal:
    """Change the unit's fields of a draft, or of a returned proposal only those the return named."""
    require(actor is None or can_compile(actor, proposal.unit))
    check_open(actor, proposal.round)
    proposal = lock(proposal)
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ValueError(f"Not a field the unit edits: {sorted(unknown)}")
    if not proposal.is_editable:
        raise ValidationError(
            _("A submitted proposal can only change when the secretariat returns it."), code="locked"
        )
    changed = {name: value for name, value in values.items() if getattr(proposal, name) != value}
    for name in changed:
        if not proposal.may_change(FIELD_OF.get(name, name)):
            raise _locked_error(name)
    before = {name: _plain(getattr(proposal, name)) for name in changed}
    for name, value in changed.items():
        setattr(proposal, name, value)
    proposal.full_clean(exclude=["round", "unit", "award", "person", "posting", "rule_set"])
    proposal.save()
    if changed:
        log_action(
            actor=actor,
            action="nominations.proposal.updated",
            target=proposal,
            agency=proposal.round.agency,
            before=before,
            after={name: _plain(getattr(proposal, name)) for name in changed},
        )
    return proposal


def _plain(value):
    return value.isoformat() if isinstance(value, dt.date) else value


# --- submitting and withdrawing ---------------------------------------------------------------------------


def _check_submittable(proposal, on: dt.date) -> None:
    if proposal.status == Status.DRAFT and proposal.round.is_past_deadline(on) and not proposal.late_reason:
        message = _(
            "The deadline was %(deadline)s; the proposal can no longer be submitted. Contact the secretariat."
        )
        raise ValidationError(message % {"deadline": _date(proposal.round.deadline)}, code="deadline_passed")
    if proposal.verdict == Verdict.NOT_ELIGIBLE and not proposal.justification.strip():
        message = _("The record does not meet the award's conditions: write a justification for the council.")
        raise ValidationError({"justification": ValidationError(message, code="justification_required")})
    missing = missing_parts(proposal)
    if missing:
        names = "; ".join(part.name for part in missing)
        message = _("The dossier is not complete. Missing: %(parts)s.") % {"parts": names}
        raise ValidationError(message, code="incomplete")


def _snapshot(proposal) -> dict:
    data = {name: _plain(getattr(proposal, name)) for name in EDITABLE}
    data["evidence"] = list(proposal.evidence.order_by("pk").values_list("name", flat=True))
    data["verdict"] = proposal.verdict
    return data


def submit_proposal(*, actor, proposal, on: dt.date | None = None) -> Proposal:
    """The unit sends the proposal to the secretariat. The dossier must be complete; the first receipt starts
    the appraisal clock (working days on the agency's calendar). A second click finds it submitted already
    and is refused by the gate: one submission."""
    on = on or timezone.localdate()

    def change(proposal):
        check_open(actor, proposal.round)
        first = proposal.received_on is None
        if first:
            proposal.received_on = on
            judge([proposal], on=on)  # the rule set of the day of receipt
        _check_submittable(proposal, on)
        proposal.complete_on = on
        days, _citation = law.appraisal_days(proposal.rule_set_code, proposal.award, proposal.round.track)
        agency = proposal.round.agency
        proposal.appraisal_due_on = working_day_after(on, days, agency=agency) if days else None
        proposal.version += 1
        proposal.returned_fields, proposal.submitted_at = [], _moment(on)
        ProposalVersion.objects.create(
            proposal=proposal,
            number=proposal.version,
            submitted_at=_moment(on),
            submitted_by=actor,
            data=_snapshot(proposal),
        )

    def notices(proposal):
        secretariat = User.objects.holding(Role.SECRETARIAT, agency=proposal.round.agency_id)
        return [
            proposal_notice(
                secretariat,
                proposal,
                gettext_noop("Proposal to appraise: %(subject)s — %(award)s"),
                kind="nominations.submitted",
            )
        ]

    return move(
        PROPOSALS,
        proposal,
        "submit",
        actor=actor,
        change=change,
        notices=notices,
        after=lambda p: {"version": p.version, "appraisal_due_on": _plain(p.appraisal_due_on)},
    )


def withdraw_proposal(*, actor, proposal, reason: str = "") -> Proposal:
    """The unit withdraws its proposal before appraisal."""
    return move(
        PROPOSALS,
        proposal,
        "withdraw",
        actor=actor,
        change=lambda p: check_open(actor, p.round),
        fields=("updated_at",),
        after={"reason": reason},
    )


def recheck(*, proposal) -> Proposal:
    """Judge the proposal again on today's record (a draft) or its day of receipt, and save the verdict."""
    judge([proposal])
    Proposal.objects.filter(pk=proposal.pk).update(
        **{name: getattr(proposal, name) for name in VERDICT_FIELDS}
    )
    return proposal
