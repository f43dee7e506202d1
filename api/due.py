"""GET /api/v1/due: who is due (ai đến hạn) — the groups of the screen /awards/due/, one item per award, group
and subject, paged like every list. Scoped like the screen (awards.access): the agency's secretariat, leaders,
council members and administrators read the whole agency, a unit head or officer her units; others get 403.
"""

from typing import Annotated, Literal

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from awards.access import due_scope_of, due_units
from awards.due import is_forecast, who_is_due
from awards.eligibility import Engine
from organisations.access import agencies_for_user, units_for_user
from organisations.models import descendant_ids
from people.access import people_for_user
from people.models import Person

from .errors import FieldErrors
from .schemas import AwardCode, Error, Id, Offset, RuleYear, UpToNextYear

router = Router(tags=["awards"])

GROUPS = ("eligible", "one_step", "deferred")
DESCRIPTION = """The same lists as the screen “Ai đến hạn khen thưởng”: for each award, the people and
collectives **eligible** (every condition met on the record), **one step away** (one or two conditions
missing that can still be met: the year's rating, an initiative, a title, the last link of a chain, members'
ratings still to come), and **deferred** (a matter under review holds the proposal back).

- `year`: the achievement year, from the first year of the system's rules (2017) to next year; the current
  year by default. Next year's list is a forecast (`forecast` true): nobody has a rating or a title of that
  year yet.
- `agency`: an agency in force whose whole list the caller reads (default: hers); `unit`: that unit and the
  units below it; `award`: one award code of `GET /api/v1/awards`.
- Items are ordered by award, then group (eligible, one_step, deferred), then name. `missing` holds the
  conditions still missing (one_step) or those that defer the proposal (deferred), each with `criterion`, the
  condition in words, and `message`, what was found. `url` fields are API addresses the caller may fetch
  (null when the person or unit is no longer within her reach, e.g. a person who has since left her unit).
- 403 for an account that reads no list; 404 for an agency or unit outside her reach; 422 for a bad year or
  award code."""


class DueFilters(Schema):
    year: Annotated[RuleYear, UpToNextYear] | None = Field(
        None, description="Achievement year; default the current year."
    )
    agency: Id | None = Field(None, description="Id of an agency in force (default: the caller's).")
    unit: Id | None = Field(None, description="Only this unit and the units below it.")
    award: AwardCode | None = Field(
        None, description="Only this award code, e.g. tap-the-lao-dong-tien-tien."
    )
    limit: int = Field(
        settings.NINJA_PAGINATION_PER_PAGE,
        ge=1,
        le=settings.API_PAGE_MAX,
        description=f"Number of items per page (1–{settings.API_PAGE_MAX}).",
    )
    offset: Offset = Field(0, description="Number of items to skip.")


class Link(Schema):
    id: int
    name: str
    url: str | None = Field(description="API address of the object; null when the caller cannot read it.")


class AwardRef(Schema):
    code: str
    name: str
    subject: Literal["individual", "collective"]


class RuleSetRef(Schema):
    code: str
    name: str


class SubjectOut(Link):
    kind: Literal["individual", "collective"]
    staff_code: str = Field(description="A person's staff code; empty for a collective.")


class MissingOut(Schema):
    code: str
    criterion: str = Field(description="The condition in words, as the award's page says it.")
    message: str = Field(description="What the record shows for this subject.")
    citation: str
    status: str = Field(description="Reference status: V1/V2 verified, R reported, U unverified.")
    deferred: bool = Field(description="True for a check that defers the proposal.")


class DueItemOut(Schema):
    award: AwardRef
    group: Literal["eligible", "one_step", "deferred"]
    subject: SubjectOut
    unit: Link = Field(description="The unit of the person's last post of the year (the collective itself).")
    over_cap: bool = Field(description="Beyond the rule set's ratio cap (women first in line).")
    missing: list[MissingOut]


class DueOut(Schema):
    year: int
    forecast: bool = Field(description="The year has not begun: the list says who will be due if …")
    rule_set: RuleSetRef
    agency: Link
    items: list[DueItemOut]
    count: int = Field(description="Number of matching items in all pages.")


@router.get(
    "",
    response={200: DueOut, 403: Error, 404: Error},
    summary="Who is due for an award",
    description=DESCRIPTION,
)
def list_due(request, filters: Query[DueFilters]):
    agency, allowed = due_scope_of(request.auth, filters.agency)
    engine = Engine(agency)
    year = _year(engine, filters.year)
    if filters.award is not None and filters.award not in engine.awards:
        raise FieldErrors({"award": f"Không có danh hiệu hay hình thức khen thưởng mã “{filters.award}”."})
    unit_ids = _unit_ids(agency, allowed, filters.unit)
    result = who_is_due(agency=agency, year=year, unit_ids=unit_ids, engine=engine)
    rows = [
        (award_due, group, row)
        for award_due in result
        if filters.award in (None, award_due.award.code)
        for group in GROUPS
        for row in getattr(award_due, group)
    ]
    page = rows[filters.offset : filters.offset + filters.limit]
    links = _Links(request.auth, page)
    rule_set = engine.rule_set_for(year)
    return {
        "year": year,
        "forecast": is_forecast(year),
        "rule_set": {"code": rule_set.code, "name": rule_set.name},
        "agency": links.agency(agency),
        "items": [_item(award_due, group, row, links) for award_due, group, row in page],
        "count": len(rows),
    }


def _year(engine: Engine, year: int | None) -> int:
    this_year = timezone.localdate().year
    if year is None:
        return this_year
    first = min(rule_set.first_year for rule_set in engine.rule_sets)
    if not first <= year <= this_year + 1:
        message = f"Năm phải từ {first} đến {this_year + 1}: dự báo chỉ xét trước tối đa một năm."
        raise FieldErrors({"year": message})
    return year


def _unit_ids(agency, allowed: set[int] | None, unit_id: int | None) -> set[int] | None:
    """The units to list: the asked unit and those below it, within what the caller may read."""
    if unit_id is None:
        return allowed
    units = list(due_units(agency, allowed).select_related(None).only("pk", "parent_id"))
    if not any(unit.pk == unit_id for unit in units):
        raise Http404
    below = descendant_ids({unit_id}, units)
    return below if allowed is None else below & allowed


class _Links:
    """API addresses of the people and units of a page, for those the caller can read (two queries)."""

    def __init__(self, user, page):
        self.user = user
        people = {row.subject.pk for _due, _group, row in page if isinstance(row.subject, Person)}
        units = {row.unit.pk for _due, _group, row in page}
        self.people = set(people_for_user(user).filter(pk__in=people).values_list("pk", flat=True))
        self.units = set(units_for_user(user).filter(pk__in=units).values_list("pk", flat=True))

    def person(self, person) -> dict:
        url = reverse("api:person_detail", args=[person.pk]) if person.pk in self.people else None
        return {"id": person.pk, "name": person.full_name, "url": url}

    def unit(self, unit) -> dict:
        url = reverse("api:unit_detail", args=[unit.pk]) if unit.pk in self.units else None
        return {"id": unit.pk, "name": unit.name, "url": url}

    def agency(self, agency) -> dict:
        visible = agencies_for_user(self.user).filter(pk=agency.pk).exists()
        url = reverse("api:agency_detail", args=[agency.pk]) if visible else None
        return {"id": agency.pk, "name": agency.name, "url": url}


def _item(award_due, group: str, row, links: _Links) -> dict:
    subject = row.subject
    if isinstance(subject, Person):
        described = links.person(subject) | {"kind": "individual", "staff_code": subject.staff_code}
    else:
        described = links.unit(subject) | {"kind": "collective", "staff_code": ""}
    checks = [c for c in row.verdict.checks if c.passed is None] if group == "deferred" else row.missing
    award = award_due.award
    return {
        "award": {"code": award.code, "name": award.name, "subject": award.subject},
        "group": group,
        "subject": described,
        "unit": links.unit(row.unit),
        "over_cap": row.over_cap,
        "missing": [
            {
                "code": c.code,
                "criterion": c.criterion,
                "message": c.message,
                "citation": c.citation,
                "status": c.status,
                "deferred": c.passed is None,
            }
            for c in checks
        ],
    }
