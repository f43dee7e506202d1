"""State changes of the award ledger. Reward decisions (a later issue) will call `record_award`; today the
demo and imports of past records do. `actor=None` means the system."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.scope import scope_for
from activity.domain import log_action

from .models import AwardRecord, Subject, Track


def _check_subject(award, person, unit) -> None:
    if (person is None) == (unit is None):
        raise ValidationError(_("An award goes to one person or to one unit."), code="subject")
    expected = Subject.INDIVIDUAL if person is not None else Subject.COLLECTIVE
    if award.subject != expected:
        raise ValidationError(
            _("“%(award)s” is not awarded to this kind of subject.") % {"award": award.name},
            code="wrong_subject",
        )


def _check_initiative(initiative, person) -> None:
    if initiative is None:
        return
    if person is None or not initiative.authors.filter(person=person).exists():
        raise ValidationError(_("Only an author's award may rest on the initiative."), code="not_author")
    used = AwardRecord.objects.filter(initiative=initiative, person=person).select_related("award").first()
    if used is not None:
        message = _("This initiative was already the basis of “%(award)s”; an initiative is used once.")
        raise ValidationError(message % {"award": used.award.name}, code="initiative_used")


@transaction.atomic
def record_award(
    *,
    actor,
    agency,
    award,
    year: int,
    decision: str,
    decided_on: dt.date,
    person=None,
    unit=None,
    track: str = Track.MERIT,
    initiative=None,
    amount: int = 0,
) -> AwardRecord:
    if actor is not None and not scope_for(actor).can_manage_agency(agency.pk):
        raise PermissionDenied
    _check_subject(award, person, unit)
    _check_initiative(initiative, person)
    duplicate = AwardRecord.objects.filter(award=award, year=year, track=track, person=person, unit=unit)
    if duplicate.exists():
        message = _("“%(award)s” was already recorded for this achievement of %(year)s.")
        raise ValidationError(message % {"award": award.name, "year": year}, code="duplicate")
    record = AwardRecord.objects.create(
        agency=agency,
        award=award,
        person=person,
        unit=unit,
        year=year,
        track=track,
        decision=decision,
        decided_on=decided_on,
        initiative=initiative,
        amount=amount,
    )
    log_action(
        actor=actor,
        action="awards.record.created",
        target=record,
        agency=agency,
        after={"award": award.code, "year": year, "track": track, "decision": decision, "amount": amount},
    )
    return record
