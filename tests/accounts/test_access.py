import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from accounts.access import (
    accounts_for_user,
    can_manage_account,
    can_manage_accounts_in,
    get_account_for_user,
    require_account_manager,
)
from accounts.models import Role, RoleGrant
from tests.factories import UserFactory, account_with_role


@pytest.fixture
def agency_admin(world):
    return account_with_role(Role.SYSTEM_ADMIN, agency=world.agency, username="quantri")


def test_installation_admin_lists_every_account(world):
    assert set(accounts_for_user(world.admin)) == set(type(world.admin).objects.all())


def test_agency_admin_lists_accounts_with_a_role_or_a_person_in_its_agency(world, agency_admin):
    linked = UserFactory(person=world.division_person)
    elsewhere = UserFactory(person=world.other_person)
    other_role = account_with_role(Role.SECRETARIAT, agency=world.other_agency)
    listed = set(accounts_for_user(agency_admin))
    assert {
        world.secretariat,
        world.council,
        world.head,
        world.staff,
        world.editor,
        linked,
        agency_admin,
    } <= listed
    assert not {world.admin, elsewhere, other_role} & listed


def test_revoked_grant_no_longer_lists_the_account(world, agency_admin):
    RoleGrant.objects.filter(user=world.council).update(revoked_at=timezone.now())
    assert world.council not in set(accounts_for_user(agency_admin))


@pytest.mark.parametrize(
    "persona", ["secretariat", "council", "leader", "head", "officer", "staff", "editor"]
)
def test_other_roles_list_no_account(world, persona):
    assert list(accounts_for_user(getattr(world, persona))) == []


@pytest.mark.parametrize("persona", ["secretariat", "officer", "staff", "editor"])
def test_own_account_is_visible_but_not_editable(world, persona):
    user = getattr(world, persona)
    assert get_account_for_user(user, user.pk) == user
    assert get_account_for_user(user, str(user.pk)) == user
    with pytest.raises(PermissionDenied):
        get_account_for_user(user, user.pk, action="edit")
    with pytest.raises(Http404):
        get_account_for_user(user, world.admin.pk)


def test_inactive_account_does_not_see_itself(world):
    world.staff.is_active = False
    world.staff.save()
    with pytest.raises(Http404):
        get_account_for_user(world.staff, world.staff.pk)


def test_agency_admin_manages_an_account_of_its_agency(world, agency_admin):
    assert can_manage_account(agency_admin, world.secretariat)
    assert get_account_for_user(agency_admin, world.secretariat.pk, action="edit") == world.secretariat


def test_agency_admin_cannot_manage_an_account_with_a_role_elsewhere(world, agency_admin):
    """Otherwise it could reset the password of another agency's secretariat and act as it."""
    RoleGrant.objects.create(user=world.council, role=Role.SECRETARIAT, agency=world.other_agency)
    assert get_account_for_user(agency_admin, world.council.pk) == world.council
    with pytest.raises(PermissionDenied):
        get_account_for_user(agency_admin, world.council.pk, action="edit")


def test_agency_admin_cannot_manage_an_installation_admin_of_its_agency(world, agency_admin):
    RoleGrant.objects.create(user=world.admin, role=Role.COUNCIL_MEMBER, agency=world.agency)
    assert not can_manage_account(agency_admin, world.admin)
    superuser = UserFactory(is_superuser=True, person=world.division_person)
    assert not can_manage_account(agency_admin, superuser)


def test_agency_admin_cannot_manage_an_account_linked_to_another_agency(world, agency_admin):
    account = UserFactory(person=world.other_person)
    RoleGrant.objects.create(user=account, role=Role.COUNCIL_MEMBER, agency=world.agency)
    assert account in set(accounts_for_user(agency_admin))
    assert not can_manage_account(agency_admin, account)


def test_account_without_role_or_person_is_the_installation_admins_alone(world, agency_admin):
    loose = UserFactory()
    assert not can_manage_account(agency_admin, loose)
    assert can_manage_account(world.admin, loose)
    with pytest.raises(Http404):
        get_account_for_user(agency_admin, loose.pk)


def test_can_manage_accounts_in(world, agency_admin):
    assert can_manage_accounts_in(world.admin, world.other_agency.pk)
    assert can_manage_accounts_in(agency_admin, world.agency.pk)
    assert not can_manage_accounts_in(agency_admin, world.other_agency.pk)
    assert not can_manage_accounts_in(world.secretariat, world.agency.pk)
    assert can_manage_accounts_in(world.admin, None)  # None: the whole installation
    assert not can_manage_accounts_in(agency_admin, None)


def test_require_account_manager(world, agency_admin):
    require_account_manager(world.admin)
    require_account_manager(agency_admin)
    for user in (world.secretariat, world.staff, world.officer):
        with pytest.raises(PermissionDenied):
            require_account_manager(user)
