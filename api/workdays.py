"""GET /api/v1/calendar/working-days: the N-th working day after a date, on the caller's agency calendar
(workdays.calendar: Vietnam's days off and swapped Saturdays, with the agency's own exceptions)."""

import datetime as dt
from typing import Annotated

from ninja import Field, Query, Router, Schema
from pydantic import AfterValidator, BeforeValidator
from pydantic_core import PydanticCustomError

from workdays.access import own_agency
from workdays.calendar import working_day_after

from .schemas import FIRST_YEAR, LAST_YEAR

router = Router(tags=["calendar"])

MAX_DAYS = 366
# The calendar's years (FIRST_YEAR–LAST_YEAR) in the schema itself: JSON Schema states no minimum of a date.
YEARS_PATTERN = r"^(194[5-9]|19[5-9][0-9]|20[0-9][0-9]|2100)-[0-9]{2}-[0-9]{2}$"
DESCRIPTION = f"""The `days`-th working day strictly after `start`: 1 is the next working day. Counted on the
calendar of the caller's agency: Vietnam's public holidays, the days off observed in their place and the
Saturdays the government swaps into working days (computed, not typed in), with the days off and working days
the agency's administrators added (an agency's exception wins). Saturday and Sunday are the weekend. An
account of no agency counts on the national calendar.

- `start`: a date `YYYY-MM-DD` of the years {FIRST_YEAR}–{LAST_YEAR}; `days`: 1 to {MAX_DAYS}.
- The answer repeats `start` and `days` and gives `end` (`YYYY-MM-DD`). Example: `start=2026-02-13&days=1`
  (the Friday before Tết) answers `end` 2026-02-23, the Monday after the Tết days off.
- 422 for a date that is not a real `YYYY-MM-DD` day (2026-02-30), a missing field, or `days` outside
  1–{MAX_DAYS}: one Vietnamese message per field."""


def _real_day(value):
    """A `YYYY-MM-DD` text must name a day that exists (2026-02-30 does not)."""
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            message = "Không phải một ngày có thật theo định dạng YYYY-MM-DD (ví dụ 2026-04-30)."
            raise PydanticCustomError("date_invalid", message) from None
    return value


def _in_years(day: dt.date) -> dt.date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        message = "Ngày phải thuộc các năm từ {first} đến {last}."
        raise PydanticCustomError("date_range", message, {"first": FIRST_YEAR, "last": LAST_YEAR})
    return day


Day = Annotated[dt.date, BeforeValidator(_real_day), AfterValidator(_in_years)]


class WorkingDaysQuery(Schema):
    start: Day = Field(
        description="The day counted from (not itself counted), YYYY-MM-DD.",
        json_schema_extra={"pattern": YEARS_PATTERN},
    )
    days: int = Field(ge=1, le=MAX_DAYS, description=f"How many working days, 1–{MAX_DAYS}.")


class WorkingDaysOut(Schema):
    start: dt.date
    days: int
    end: dt.date = Field(description="The `days`-th working day after `start`.")


@router.get(
    "/working-days",
    response=WorkingDaysOut,
    summary="The N-th working day after a date",
    description=DESCRIPTION,
)
def working_days(request, query: Query[WorkingDaysQuery]):
    end = working_day_after(query.start, query.days, agency=own_agency(request.auth))
    return {"start": query.start, "days": query.days, "end": end}
