"""Opening a round (đợt xét khen thưởng)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from activity.domain import log_action
from lib.access import require

from ..access import can_manage_rounds
from ..models import Round, Track


def check_open(actor, round_) -> None:
    """A round of a past year is history: nobody changes it (the system — the demo, imports — still may)."""
    if actor is not None and round_.is_history:
        message = _("This round belongs to a past year: it is kept as history and cannot change.")
        raise ValidationError(message, code="history")


def _check_period(year: int, track: str, movement, period_start, period_end) -> None:
    errors = {}
    if not 2017 <= year <= dt.date.today().year + 1:
        errors["year"] = _("The achievement year must be between 2017 and next year.")
    if track == Track.THEMATIC and movement is None:
        errors["movement"] = _("A round for a movement or theme names the movement.")
    if period_start and period_end and period_end < period_start:
        errors["period_end"] = _("The period ends before it starts.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def open_round(
    *,
    actor,
    agency,
    name: str,
    year: int,
    deadline: dt.date,
    awards,
    track: str = Track.MERIT,
    movement=None,
    period_start=None,
    period_end=None,
    note: str = "",
) -> Round:
    """The secretariat opens a round for its agency: its track, achievement year or period, the units'
    deadline and the awards it admits."""
    require(actor is None or can_manage_rounds(actor, agency.pk))
    awards = list(awards)
    _check_period(year, track, movement, period_start, period_end)
    if not awards:
        raise ValidationError({"awards": _("Choose at least one award the round admits.")})
    if movement is not None and movement.agency_id != agency.pk:
        raise ValidationError({"movement": _("The movement belongs to another agency.")})
    created = Round(
        agency=agency,
        name=name,
        year=year,
        deadline=deadline,
        track=track,
        movement=movement,
        period_start=period_start,
        period_end=period_end,
        note=note,
        created_by=actor,
    )
    created.full_clean(exclude=["awards"])
    created.save()
    created.awards.set(awards)
    log_action(
        actor=actor,
        action="nominations.round.opened",
        target=created,
        agency=agency,
        after={
            "name": created.name,
            "year": year,
            "track": track,
            "deadline": deadline.isoformat(),
            "awards": [award.name for award in awards],
        },
    )
    return created
