import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.models import Role
from organisations.access import agencies_for_user, get_agency_for_user, get_unit_for_user, units_for_user
from organisations.scope import scope_for
from tests.factories import AgencyFactory, UnitFactory, account_with_role


def test_agency_admin_edits_its_agency_only(world):
    user = account_with_role(Role.SYSTEM_ADMIN, agency=world.agency)
    assert get_agency_for_user(user, world.agency.pk, action="edit") == world.agency
    with pytest.raises(Http404):
        get_agency_for_user(user, world.other_agency.pk)


def test_secretariat_edits_units_but_not_the_agency(world):
    assert get_unit_for_user(world.secretariat, world.team.pk, action="edit") == world.team
    with pytest.raises(PermissionDenied):
        get_agency_for_user(world.secretariat, world.agency.pk, action="edit")


def test_closed_units_stay_visible_as_history(world):
    closed = UnitFactory(agency=world.agency, symbol="CU", valid_to=dt.date(2020, 1, 1))
    assert closed in set(units_for_user(world.staff))
    assert get_unit_for_user(world.head, closed.pk) == closed


def test_predecessor_units_are_visible_to_the_successor_only(world):
    old = AgencyFactory(name="Sở Cũ", symbol="SC", successor=world.agency)
    old_unit = UnitFactory(agency=old, symbol="VP")
    assert set(agencies_for_user(world.council)) == {world.agency, old}
    assert get_unit_for_user(world.secretariat, old_unit.pk, action="edit") == old_unit
    old_member = account_with_role(Role.SECRETARIAT, agency=old)
    assert set(units_for_user(old_member)) == {old_unit}
    with pytest.raises(Http404):
        get_unit_for_user(old_member, world.office.pk)


def test_unknown_pk_is_404(world):
    for getter in (get_agency_for_user, get_unit_for_user):
        with pytest.raises(Http404):
            getter(world.admin, 987654)


@pytest.mark.parametrize("rows", [1, 3])
def test_unit_list_query_count_does_not_grow(world, rows, django_assert_num_queries):
    for _ in range(rows - 1):
        UnitFactory(agency=world.agency, parent=world.team)
    scope_for(world.officer)
    with django_assert_num_queries(1):
        units = list(units_for_user(world.officer).select_related("parent", "successor"))
    assert len(units) == rows + 2  # office, division, team and the extra sub-units
    assert {u.agency_id for u in units} == {world.agency.pk}
