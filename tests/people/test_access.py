import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from organisations.scope import scope_for
from people.access import can_add_person_to_unit, can_edit_person, get_person_for_user, people_for_user
from people.models import Assignment
from tests.factories import AssignmentFactory, UnitFactory, staff_in


def test_person_who_left_the_unit_leaves_the_officers_view(world):
    Assignment.objects.filter(person=world.team_person).update(end_date=dt.date(2024, 12, 31))
    AssignmentFactory(person=world.team_person, unit=world.office, start_date=dt.date(2025, 1, 1))
    assert set(people_for_user(world.officer)) == {world.division_person}
    with pytest.raises(Http404):
        get_person_for_user(world.officer, world.team_person.pk)
    assert set(people_for_user(world.secretariat)) >= {world.team_person}


def test_person_arriving_in_the_unit_enters_the_officers_view(world):
    AssignmentFactory(
        person=world.office_person, unit=world.team, is_primary=False, start_date=dt.date(2024, 1, 1)
    )
    assert set(people_for_user(world.officer)) == {
        world.division_person,
        world.team_person,
        world.office_person,
    }
    assert get_person_for_user(world.officer, world.office_person.pk, action="edit") == world.office_person


def test_future_assignment_gives_no_access_yet(world):
    AssignmentFactory(person=world.office_person, unit=world.division, start_date=dt.date(2099, 1, 1))
    assert world.office_person not in set(people_for_user(world.head))
    assert not can_edit_person(world.officer, world.office_person)


def test_people_of_a_new_sub_unit_are_covered(world):
    sub_team = UnitFactory(agency=world.agency, parent=world.team, symbol="NHOM")
    newcomer = staff_in(sub_team)
    assert newcomer in set(people_for_user(world.head))
    assert can_edit_person(world.officer, newcomer)
    assert can_add_person_to_unit(world.officer, sub_team)


def test_staff_sees_only_herself(world):
    assert list(people_for_user(world.staff)) == [world.office_person]
    with pytest.raises(PermissionDenied):
        get_person_for_user(world.staff, world.office_person.pk, action="edit")


def test_anonymous_and_inactive_see_nobody(world):
    world.secretariat.is_active = False
    world.secretariat.save()
    for user in (AnonymousUser(), world.secretariat):
        assert list(people_for_user(user)) == []
        assert not can_edit_person(user, world.office_person)
        assert not can_add_person_to_unit(user, world.office)


@pytest.mark.parametrize("rows", [1, 3])
def test_people_list_query_count_does_not_grow(world, rows, django_assert_num_queries):
    for _ in range(rows - 1):
        staff_in(world.team)
    scope_for(world.officer)  # computed once per request, before the list
    with django_assert_num_queries(2):  # the people, then their current assignments
        people = list(people_for_user(world.officer).with_current_assignments())
    assert len(people) == rows + 1
    assert {p.current_assignment.unit for p in people} == {world.division, world.team}
