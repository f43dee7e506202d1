"""GET /api/v1/due: who is due (ai đến hạn) — the groups of the screen /awards/due/, one item per award, group
and subject, paged like every list. Scoped like the screen (awards.access): the agency's secretariat, leaders,
council members and administrators read the whole agency, a unit head or officer her units; others get 403.

Read from the snapshot the task worker computes (awards.snapshots), paged in SQL: a constant number of
queries whatever the size of the agency. While the first list of an agency and year is being computed, the
answer is 202 with `Retry-After` and the progress; a list out of date is still answered (200), with
`computed_at` and `stale`, while the newer one is computed.
"""

from datetime import datetime
from typing import Annotated, Literal

from django.conf import settings
from django.db.models import Min
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from awards import snapshots
from awards.access import due_scope_of, due_units
from awards.due import is_forecast
from awards.models import Award, RuleSet
from organisations.access import agencies_for_user, units_for_user
from organisations.models import descendant_ids
from people.access import people_for_user

from .errors import FieldErrors
from .schemas import FIRST_RULE_YEAR, AwardCode, Error, Id, Offset, RuleYear, UpToNextYear

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
- The lists are computed in the background and stored (they judge every person of the agency): `computed_at`
  says when; `stale` is true when the record or the law has changed since and a newer list is being
  computed (ask again later for it). When no list of that agency and year has been computed yet, the answer
  is **202** with `Retry-After` (seconds) and `progress` (per cent): ask again then.
- 403 for an account that reads no list; 404 for an agency or unit outside her reach; 422 for a bad year or
  award code."""
RETRY_SECONDS = 5


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
    computed_at: datetime = Field(description="When the list was computed (the record as it stood then).")
    stale: bool = Field(description="The record or the law changed since: a newer list is being computed.")
    items: list[DueItemOut]
    count: int = Field(description="Number of matching items in all pages.")


class ComputingOut(Schema):
    detail: str
    progress: int = Field(description="How far the computation is, per cent.")


COMPUTING = {
    "responses": {
        202: {
            "description": "The list is being computed: ask again after the seconds of Retry-After.",
            "headers": {"Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}},
        }
    }
}


@router.get(
    "",
    response={200: DueOut, 202: ComputingOut, 403: Error, 404: Error},
    summary="Who is due for an award",
    description=DESCRIPTION,
    openapi_extra=COMPUTING,
)
def list_due(request, response: HttpResponse, filters: Query[DueFilters]):
    agency, allowed = due_scope_of(request.auth, filters.agency)
    year = _year(filters.year)
    award = None
    if filters.award is not None:
        award = Award.objects.filter(code=filters.award).first()
        if award is None:
            raise FieldErrors(
                {"award": f"Không có danh hiệu hay hình thức khen thưởng mã “{filters.award}”."}
            )
    unit_ids = _unit_ids(agency, allowed, filters.unit)
    state = snapshots.due_state(agency=agency, year=year)
    if state.shown is None:
        response["Retry-After"] = str(RETRY_SECONDS)
        progress = state.running.progress if state.running else 0
        return Status(
            202, {"detail": "Danh sách đang được tính, hãy hỏi lại sau ít giây.", "progress": progress}
        )
    entries = snapshots.entries_of(state.shown, unit_ids)
    if award is not None:
        entries = entries.filter(award=award)
    rows = snapshots.rows(entries.order_by("position")[filters.offset : filters.offset + filters.limit])
    awards = {a.pk: a for a in Award.objects.filter(pk__in={row.award_id for row in rows})}
    links = _Links(request.auth, rows)
    return Status(
        200,
        {
            "year": year,
            "forecast": is_forecast(year),
            "rule_set": {"code": state.shown.rule_set_code, "name": state.shown.rule_set_name},
            "agency": links.agency(agency),
            "computed_at": state.shown.computed_at,
            "stale": not state.fresh,
            "items": [_item(awards[row.award_id], row, links) for row in rows],
            "count": entries.count(),
        },
    )


def _year(year: int | None) -> int:
    this_year = timezone.localdate().year
    if year is None:
        return this_year
    first = RuleSet.objects.aggregate(first=Min("first_year"))["first"] or FIRST_RULE_YEAR
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

    def __init__(self, user, rows):
        self.user = user
        people = {row.person_id for row in rows if row.person_id}
        units = {row.unit_id for row in rows}
        self.people = set(people_for_user(user).filter(pk__in=people).values_list("pk", flat=True))
        self.units = set(units_for_user(user).filter(pk__in=units).values_list("pk", flat=True))

    def person(self, pk: int, name: str) -> dict:
        url = reverse("api:person_detail", args=[pk]) if pk in self.people else None
        return {"id": pk, "name": name, "url": url}

    def unit(self, pk: int, name: str) -> dict:
        url = reverse("api:unit_detail", args=[pk]) if pk in self.units else None
        return {"id": pk, "name": name, "url": url}

    def agency(self, agency) -> dict:
        visible = agencies_for_user(self.user).filter(pk=agency.pk).exists()
        url = reverse("api:agency_detail", args=[agency.pk]) if visible else None
        return {"id": agency.pk, "name": agency.name, "url": url}


def _item(award, row, links: _Links) -> dict:
    if row.person_id:
        described = links.person(row.person_id, row.name) | {
            "kind": "individual",
            "staff_code": row.staff_code,
        }
    else:
        described = links.unit(row.unit_id, row.name) | {"kind": "collective", "staff_code": ""}
    return {
        "award": {"code": award.code, "name": award.name, "subject": award.subject},
        "group": row.group,
        "subject": described,
        "unit": links.unit(row.unit_id, row.unit_name),
        "over_cap": row.over_cap,
        "missing": [{key: check[key] for key in MISSING_KEYS} for check in row.missing],
    }


MISSING_KEYS = ("code", "criterion", "message", "citation", "status", "deferred")
