"""Agencies and units, scoped like the screens (organisations.access)."""

import datetime as dt
from typing import Annotated

from ninja import Query, Router, Schema

from organisations.access import agencies_for_user, get_agency_for_user, get_unit_for_user, units_for_user
from organisations.models import AgencyKind, UnitKind

from .paging import paged
from .schemas import Id, Ref

agencies = Router(tags=["agencies"])
units = Router(tags=["units"])


class AgencyOut(Schema):
    id: int
    name: str
    short_name: str
    kind: AgencyKind
    symbol: str
    code: str
    place_name: str
    parent: Ref | None
    successor: Ref | None
    valid_from: dt.date | None
    valid_to: dt.date | None


class UnitOut(Schema):
    id: int
    name: str
    symbol: str
    kind: UnitKind
    agency: Ref
    parent: Ref | None
    head: Ref | None
    position: int
    successor: Ref | None
    valid_from: dt.date | None
    valid_to: dt.date | None

    @staticmethod
    def resolve_head(unit):
        """The head is kept by the people app (people.UnitHead), beside the unit."""
        headship = getattr(unit, "headship", None)
        return headship.person if headship else None


@agencies.get("", response=list[AgencyOut], summary="List the agencies the caller can see")
@paged
def list_agencies(request):
    return agencies_for_user(request.auth).select_related("parent", "successor").order_by("name", "pk")


@agencies.get("/{int:agency_id}", response=AgencyOut, summary="One agency")
def agency_detail(request, agency_id: Id):
    return get_agency_for_user(request.auth, agency_id)


@units.get("", response=list[UnitOut], summary="List the units the caller can see")
@paged
def list_units(
    request, agency: Annotated[Id | None, Query(description="Only the units of this agency.")] = None
):
    qs = units_for_user(request.auth).select_related("agency", "parent", "successor", "headship__person")
    if agency is not None:
        qs = qs.filter(agency_id=agency)
    return qs.order_by("agency__name", "agency_id", "position", "name", "pk")


@units.get("/{int:unit_id}", response=UnitOut, summary="One unit")
def unit_detail(request, unit_id: Id):
    return get_unit_for_user(request.auth, unit_id)
