import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from accounts.models import Role, RoleGrant
from accounts.scope import compute_scope
from activity.access import activity_for_user
from activity.domain import log_action
from organisations.access import agencies_for_user, get_unit_for_user, units_for_user
from organisations.domain import merge_agency
from organisations.scope import ANONYMOUS, forget_scope, scope_for
from people.access import can_edit_person, get_person_for_user, people_for_user
from tests.factories import AgencyFactory, UnitFactory, UserFactory, account_with_role, staff_in


def test_anonymous_and_none_have_the_empty_scope():
    assert scope_for(AnonymousUser()) == ANONYMOUS
    assert scope_for(None) == ANONYMOUS
    assert not ANONYMOUS.is_authenticated


def test_inactive_account_has_the_empty_scope_whatever_its_grants(world):
    world.secretariat.is_active = False
    world.secretariat.save()
    assert compute_scope(world.secretariat) == ANONYMOUS


def test_superuser_is_installation_admin(db):
    user = UserFactory(is_superuser=True)
    scope = scope_for(user)
    assert scope.installation_admin
    assert scope.has_role(Role.UNIT_OFFICER)
    assert scope.can_edit_agency(12345)


def test_installation_admin_has_every_capability(world):
    scope = scope_for(world.admin)
    assert scope.installation_admin
    assert all(
        check(world.other_agency.pk)
        for check in (
            scope.can_view_agency,
            scope.can_edit_agency,
            scope.can_manage_agency,
            scope.can_read_all_people,
        )
    )


def test_agency_system_admin_administers_only_its_agency(world):
    user = account_with_role(Role.SYSTEM_ADMIN, agency=world.agency)
    scope = scope_for(user)
    assert not scope.installation_admin
    assert scope.admin_agencies == scope.manage_agencies == scope.read_agencies == {world.agency.pk}
    assert not scope.can_view_agency(world.other_agency.pk)


@pytest.mark.parametrize(
    ("persona", "admin", "manage", "read"),
    [
        ("secretariat", False, True, True),
        ("council", False, False, True),
        ("leader", False, False, True),
        ("head", False, False, False),
        ("officer", False, False, False),
        ("editor", False, False, False),
        ("staff", False, False, False),
    ],
)
def test_agency_capabilities_by_role(world, persona, admin, manage, read):
    scope = scope_for(getattr(world, persona))
    agency = world.agency.pk
    assert scope.can_view_agency(agency)
    assert (scope.can_edit_agency(agency), scope.can_manage_agency(agency)) == (admin, manage)
    assert scope.can_read_all_people(agency) is read
    assert not scope.can_view_agency(world.other_agency.pk)


def test_unit_roles_cover_the_unit_and_its_sub_units(world):
    head, officer = scope_for(world.head), scope_for(world.officer)
    assert head.read_units == {world.division.pk, world.team.pk}
    assert head.edit_units == frozenset()
    assert officer.read_units == officer.edit_units == {world.division.pk, world.team.pk}


def test_staff_role_comes_from_the_linked_person(world):
    scope = scope_for(world.staff)
    assert scope.roles == {Role.STAFF}
    assert scope.person_id == world.office_person.pk
    assert scope.member_agencies == {world.agency.pk}


def test_revoked_grants_give_nothing(world):
    RoleGrant.objects.filter(user=world.secretariat).update(revoked_at=timezone.now())
    user = world.secretariat
    forget_scope(user)
    scope = scope_for(user)
    assert scope.roles == frozenset()
    assert scope.member_agencies == frozenset()
    assert list(people_for_user(user)) == []
    assert list(units_for_user(user)) == []
    assert list(agencies_for_user(user)) == []


def test_scope_is_computed_once_per_user_object(world, django_assert_num_queries):
    first = scope_for(world.officer)
    with django_assert_num_queries(0):
        assert scope_for(world.officer) is first


def test_forget_scope_drops_the_cached_scope(world):
    user = world.editor
    assert not scope_for(user).can_manage_agency(world.agency.pk)
    RoleGrant.objects.create(user=user, role=Role.SECRETARIAT, agency=world.agency)
    assert not scope_for(user).can_manage_agency(world.agency.pk)  # still the cached scope
    forget_scope(user)
    assert scope_for(user).can_manage_agency(world.agency.pk)
    forget_scope(user)
    forget_scope(user)  # forgetting twice is harmless


@pytest.fixture
def merger(db):
    """Agency "old" succeeded by agency "new", each with a unit, a person, a secretariat and a log row."""
    old = AgencyFactory(name="Sở Cũ", symbol="SC")
    new = AgencyFactory(name="Sở Mới", symbol="SM")
    old.successor = new
    old.save()
    old_unit, new_unit = UnitFactory(agency=old, symbol="VP"), UnitFactory(agency=new, symbol="VP")
    return {
        "old": old,
        "new": new,
        "old_unit": old_unit,
        "new_unit": new_unit,
        "old_person": staff_in(old_unit, given_name="Cũ"),
        "new_person": staff_in(new_unit, given_name="Mới"),
        "old_secretariat": account_with_role(Role.SECRETARIAT, agency=old),
        "new_secretariat": account_with_role(Role.SECRETARIAT, agency=new),
        "old_log": log_action(actor=None, action="test.old", agency=old),
        "new_log": log_action(actor=None, action="test.new", agency=new),
    }


def test_successor_secretariat_sees_and_edits_the_predecessor_data(merger):
    user = merger["new_secretariat"]
    assert scope_for(user).manage_agencies == {merger["old"].pk, merger["new"].pk}
    assert set(people_for_user(user)) == {merger["old_person"], merger["new_person"]}
    assert set(units_for_user(user)) == {merger["old_unit"], merger["new_unit"]}
    assert set(agencies_for_user(user)) == {merger["old"], merger["new"]}
    assert set(activity_for_user(user)) == {merger["old_log"], merger["new_log"]}
    assert get_person_for_user(user, merger["old_person"].pk, action="edit") == merger["old_person"]
    assert get_unit_for_user(user, merger["old_unit"].pk, action="edit") == merger["old_unit"]


def test_predecessor_secretariat_does_not_see_the_successor_data(merger):
    user = merger["old_secretariat"]
    assert scope_for(user).member_agencies == {merger["old"].pk}
    assert set(people_for_user(user)) == {merger["old_person"]}
    assert set(units_for_user(user)) == {merger["old_unit"]}
    assert set(activity_for_user(user)) == {merger["old_log"]}
    assert not can_edit_person(user, merger["new_person"])


def test_lineage_follows_a_chain_of_mergers(merger):
    newest = AgencyFactory(name="Sở Hợp nhất", symbol="SHN")
    merger["new"].successor = newest
    merger["new"].save()
    user = account_with_role(Role.COUNCIL_MEMBER, agency=newest)
    assert scope_for(user).read_agencies == {merger["old"].pk, merger["new"].pk, newest.pk}
    assert set(people_for_user(user)) == {merger["old_person"], merger["new_person"]}


def test_after_merge_agency_the_people_move_to_the_successor_scope(merger):
    old, new = merger["old"], merger["new"]
    old.successor = None
    old.save()
    merge_agency(
        actor=None,
        agency=old,
        into=new,
        on=dt.date(2025, 7, 1),
        unit_map={merger["old_unit"].pk: merger["new_unit"]},
    )
    old_user, new_user = merger["old_secretariat"], merger["new_secretariat"]
    assert set(people_for_user(new_user)) == {merger["old_person"], merger["new_person"]}
    assert set(people_for_user(old_user)) == set()
    assert set(units_for_user(new_user)) == {merger["old_unit"], merger["new_unit"]}
    assert set(units_for_user(old_user)) == {merger["old_unit"]}


@pytest.mark.parametrize(
    ("persona", "accounts", "activity"),
    [
        ("admin", True, True),
        ("secretariat", False, True),
        ("council", False, False),
        ("leader", False, False),
        ("officer", False, False),
        ("staff", False, False),
    ],
)
def test_screens_open_to_each_role(world, persona, accounts, activity):
    scope = scope_for(getattr(world, persona))
    assert (scope.manages_accounts, scope.reads_activity) == (accounts, activity)


def test_agency_system_admin_manages_accounts_and_reads_the_log(world):
    scope = scope_for(account_with_role(Role.SYSTEM_ADMIN, agency=world.agency))
    assert scope.manages_accounts and scope.reads_activity
    assert not ANONYMOUS.manages_accounts and not ANONYMOUS.reads_activity
