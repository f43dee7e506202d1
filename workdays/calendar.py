"""Working days in Vietnam, for an agency: what the other apps call to count deadlines in working days.

The national calendar is computed by the `holidays` package (`country_holidays("VN", language="vi")`): the
public holidays, the days off observed in their place, and the Saturdays the government swaps into working
days (`weekend_workdays`); the weekend is Saturday and Sunday. An agency's calendar is the national one with
its exceptions on top (workdays.models.DayException: a day off or a working day); an exception wins. An agency
that succeeded others has its own exceptions only.

Each call works on a private copy of the national calendar with the years it needs computed (each year is
computed once per process), and reads the agency's exceptions of the dates it needs in one query; the
package's own working-day functions (`is_working_day`, `get_nth_working_day`, `get_working_days_count`) then
count on that copy. `agency` may be an Agency, its id, or None for the national calendar alone.
"""

import copy
import datetime as dt
import threading
from dataclasses import dataclass

import holidays
from django.utils.translation import gettext as _

from .models import DayException, Kind

COUNTRY, LANGUAGE = "VN", "vi"
ONE_DAY = dt.timedelta(days=1)
# The first guess of the calendar days N working days need: twice N plus the longest national break (Tết with
# its weekends). Should an agency's days off push the answer beyond it, the window doubles (one more query).
SPAN_MARGIN = 30

_lock = threading.Lock()
_national = None


def _national_calendar(first_year: int, last_year: int) -> holidays.HolidayBase:
    """A copy of the national calendar with the years `first_year`..`last_year` computed, that its owner may
    change (the exceptions) and that computes nothing more: a date of another year is not known to it."""
    global _national
    years = range(first_year, last_year + 1)
    with _lock:
        if _national is None:
            _national = holidays.country_holidays(COUNTRY, years=years, language=LANGUAGE)
        for year in years:
            if year not in _national.years:
                _national.get(dt.date(year, 1, 1))  # the package computes a year on its first look-up
        calendar = copy.copy(_national)
    calendar.years = set(calendar.years)
    calendar.weekend_workdays = set(calendar.weekend_workdays)
    calendar.expand = False
    return calendar


def _agency_id(agency) -> int | None:
    return getattr(agency, "pk", agency)


def _exceptions(agency, first: dt.date, last: dt.date) -> list[DayException]:
    """The agency's exceptions from `first` to `last` (one query; none for the national calendar)."""
    agency_id = _agency_id(agency)
    if agency_id is None:
        return []
    rows = DayException.objects.filter(agency_id=agency_id).between(first, last)
    return list(rows.only("pk", "day", "kind", "reason").order_by("day"))


def _apply(calendar: holidays.HolidayBase, exceptions) -> None:
    """Put the agency's exceptions on the calendar: a day off becomes a holiday (and a swapped Saturday a day
    off again), a working day stops being a holiday (or, on a weekend, is worked)."""
    for exception in exceptions:
        day = exception.day
        if exception.kind == Kind.OFF:
            calendar.weekend_workdays.discard(day)
            calendar[day] = exception.reason
        else:
            if day in calendar:
                calendar.pop(day)
            if calendar.is_weekend(day):
                calendar.weekend_workdays.add(day)


def _calendar(first: dt.date, last: dt.date, agency) -> holidays.HolidayBase:
    """The agency's calendar, known from `first` to `last` (the national one beyond its exceptions)."""
    calendar = _national_calendar(first.year, last.year)
    _apply(calendar, _exceptions(agency, first, last))
    return calendar


def is_working_day(day: dt.date, *, agency=None) -> bool:
    return _calendar(day, day, agency).is_working_day(day)


def working_day_after(start: dt.date, days: int, *, agency=None) -> dt.date:
    """The `days`-th working day strictly after `start` (days ≥ 1): 1 is the next working day."""
    if days < 1:
        raise ValueError("working_day_after counts at least one working day")
    span = days * 2 + SPAN_MARGIN
    while True:
        last = start + dt.timedelta(days=span)
        end = _calendar(start + ONE_DAY, last, agency).get_nth_working_day(start, days)
        if end <= last:  # every day up to it was known, the agency's exceptions included
            return end
        span *= 2


def working_days_between(start: dt.date, end: dt.date, *, agency=None) -> int:
    """The working days after `start` up to `end` included, (start, end]; 0 when `end` is not after it."""
    if end <= start:
        return 0
    return _calendar(start + ONE_DAY, end, agency).get_working_days_count(start + ONE_DAY, end)


@dataclass(frozen=True)
class Day:
    """A day that is not what its weekday says: a weekday off, or a weekend day worked."""

    day: dt.date
    name: str
    working: bool
    agency_exception: bool = False


def year_days(year: int, *, agency=None) -> list[Day]:
    """The year's weekdays off and worked weekend days, in date order, each with its name (Vietnamese, as the
    package names them; a swapped Saturday names the day off it makes up for)."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    exceptions = _exceptions(agency, first, last)
    calendar = _national_calendar(year, year)
    national_names = {day: name for day, name in calendar.items() if day.year == year}
    _apply(calendar, exceptions)
    own = {exception.day for exception in exceptions}
    found = [
        Day(day, name, working=False, agency_exception=day in own)
        for day, name in calendar.items()
        if first <= day <= last and not calendar.is_weekend(day) and not calendar.is_working_day(day)
    ]
    reasons = {exception.day: exception.reason for exception in exceptions}
    found += [
        Day(day, reasons.get(day) or _made_up(day, national_names), working=True, agency_exception=day in own)
        for day in calendar.weekend_workdays
        if first <= day <= last
    ]
    return sorted(found, key=lambda entry: entry.day)


def _made_up(saturday: dt.date, names: dict) -> str:
    """A swapped Saturday's name: the day off it is worked for (the package names that day "… (thay cho ngày
    <the Saturday>)")."""
    said = f"{saturday:%d/%m/%Y}"
    for day, name in sorted(names.items()):
        if said in name:
            return _("Working day, in place of the day off %(day)s") % {"day": f"{day:%d/%m/%Y}"}
    return _("Working day in place of a day off")


def days_off(year: int, *, agency=None) -> list[tuple[dt.date, str]]:
    """The year's weekdays off with their names, and its worked weekend days, named as such, in date order."""
    return [(entry.day, entry.name) for entry in year_days(year, agency=agency)]
