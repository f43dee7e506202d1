"""People, scoped like the screens (people.access), in Vietnamese given-name order."""

import datetime as dt

from ninja import Field, Query, Router, Schema

from organisations.access import units_for_user
from organisations.models import descendant_ids
from people.access import get_person_for_user, people_for_user
from people.models import Gender, StaffCategory

from .paging import paged
from .schemas import Id, Ref, Text

router = Router(tags=["people"])


class PersonOut(Schema):
    id: int
    staff_code: str
    family_name: str
    middle_name: str
    given_name: str
    full_name: str
    gender: Gender
    date_of_birth: dt.date | None
    ethnicity: str
    staff_category: StaffCategory
    agency: Ref
    unit: Ref | None = None
    position: str = ""

    @staticmethod
    def resolve_unit(obj):
        assignment = _current_assignment(obj)
        return assignment.unit if assignment else None

    @staticmethod
    def resolve_position(obj) -> str:
        assignment = _current_assignment(obj)
        return assignment.position if assignment else ""


def _current_assignment(person):
    """The primary current assignment, loaded once (prefetched by with_current_assignments() in lists)."""
    if not hasattr(person, "current_assignments"):
        assignment = person.current_assignment
        person.current_assignments = [assignment] if assignment else []
    return person.current_assignment


def _unit_ids(user, unit_id: int, subunits: bool) -> set[int]:
    """The unit and, with `subunits`, every unit below it; empty when the unit is not visible."""
    if not subunits:
        return {unit_id}
    agency_units = units_for_user(user).filter(agency__units=unit_id).only("pk", "parent_id")
    units = list(agency_units)
    if not any(u.pk == unit_id for u in units):
        return set()
    return descendant_ids({unit_id}, units)


class PeopleFilters(Schema):
    q: Text = Field(
        "", description="Accent-insensitive search in names, staff code, e-mail: dang finds Đặng."
    )
    unit: Id | None = Field(None, description="People currently assigned to this unit.")
    subunits: bool = Field(True, description="With `unit`: also the people of the units below it.")
    agency: Id | None = Field(None, description="People of this agency.")


@router.get("", response=list[PersonOut], summary="List the people the caller can see")
@paged
def list_people(request, filters: Query[PeopleFilters]):
    """In Vietnamese order: given name, then family and middle names."""
    qs = people_for_user(request.auth).search(filters.q)
    if filters.unit is not None:
        qs = qs.in_units(_unit_ids(request.auth, filters.unit, filters.subunits))
    if filters.agency is not None:
        qs = qs.filter(agency_id=filters.agency)
    return qs.select_related("agency").with_current_assignments().alphabetical()


@router.get("/{int:person_id}", response=PersonOut, summary="One person")
def person_detail(request, person_id: Id):
    return get_person_for_user(request.auth, person_id)
