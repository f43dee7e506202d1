"""Changes of an agency's working-day calendar: adding and removing its exceptions, each checked
(workdays.access), validated, saved atomically and written to the activity log; `actor=None` is the system
(the demo loader, commands).

An exception must change the day: a day off on a day the nation already works, a working day on a day the
nation rests. One exception per agency and day: to change one, remove it and add another.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.domain import log_action, snapshot
from lib.access import require

from . import access
from .calendar import is_working_day
from .models import DayException, Kind

FIRST_YEAR = 2017  # the first year of the system's rules: the calendar reaches no further back
FIELDS = ("day", "kind", "reason")


def last_year() -> int:
    """Exceptions and the calendar screen reach next year: the government announces its days off ahead."""
    return timezone.localdate().year + 1


def _said(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def _taken(day: dt.date) -> str:
    return _("The agency already has an exception on %(day)s: remove it first to record another.") % {
        "day": _said(day)
    }


def _day_problem(exception: DayException) -> str | None:
    """Why the exception cannot be recorded on its day, or None."""
    day = exception.day
    if not FIRST_YEAR <= day.year <= last_year():
        return _("The date must fall between %(first)s and %(last)s.") % {
            "first": FIRST_YEAR,
            "last": last_year(),
        }
    if DayException.objects.filter(agency=exception.agency, day=day).exists():
        return _taken(day)
    working = is_working_day(day)
    if exception.kind == Kind.OFF and not working:
        return _("%(day)s is already a day off in the national calendar.") % {"day": _said(day)}
    if exception.kind == Kind.WORK and working:
        return _("%(day)s is already a working day in the national calendar.") % {"day": _said(day)}
    return None


def _check(exception: DayException) -> None:
    errors = {}
    if not exception.reason:
        errors["reason"] = _("Give the reason: the announcement or the local holiday behind the exception.")
    if exception.day is not None and (problem := _day_problem(exception)):
        errors["day"] = problem
    if errors:
        raise ValidationError(errors)
    exception.full_clean(validate_constraints=False)  # the one exception a day: checked above


@transaction.atomic
def add_exception(*, actor, agency, day: dt.date, kind: str, reason: str) -> DayException:
    """Record a day the agency handles unlike the national calendar."""
    require(actor is None or access.can_edit_calendar(actor, agency))
    exception = DayException(
        agency=agency,
        day=day,
        kind=kind,
        reason=reason,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    exception.normalise()
    _check(exception)
    try:
        with transaction.atomic():
            exception.save()
    except IntegrityError as exc:  # recorded by someone else in the meantime
        raise ValidationError({"day": _taken(day)}) from exc
    log_action(
        actor=actor,
        action="workdays.exception.added",
        target=exception,
        agency=agency,
        after=snapshot(exception, FIELDS),
    )
    return exception


@transaction.atomic
def remove_exception(*, actor, exception: DayException) -> None:
    """Remove an exception: the day follows the national calendar again."""
    require(actor is None or access.can_edit_calendar(actor, exception.agency))
    log_action(
        actor=actor,
        action="workdays.exception.removed",
        target=exception,
        agency=exception.agency,
        before=snapshot(exception, FIELDS),
    )
    exception.delete()
