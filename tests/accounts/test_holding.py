"""accounts.models: User.objects.holding — the active accounts holding a role in an agency or a unit."""

from accounts.models import Role, RoleGrant, User
from tests.factories import account_with_role


def test_holding_a_role_in_an_agency(world):
    second = account_with_role(Role.SECRETARIAT, agency=world.agency, username="thuongtruc2")
    account_with_role(Role.SECRETARIAT, agency=world.other_agency, username="elsewhere")
    gone = account_with_role(Role.SECRETARIAT, agency=world.agency, username="gone")
    gone.is_active = False
    gone.save()
    revoked = account_with_role(Role.SECRETARIAT, agency=world.agency, username="revoked")
    RoleGrant.objects.filter(user=revoked).update(revoked_at="2025-01-01T00:00Z")
    found = list(User.objects.holding(Role.SECRETARIAT, agency=world.agency))
    assert found == [world.secretariat, second]


def test_holding_one_of_several_roles_in_a_unit_or_several_units(world):
    team_officer = account_with_role(Role.UNIT_OFFICER, unit=world.team, username="totruong")
    roles = [Role.UNIT_OFFICER, Role.UNIT_HEAD]
    assert list(User.objects.holding(roles, unit=world.division)) == [world.head, world.officer]
    assert list(User.objects.holding(Role.UNIT_OFFICER, unit=world.division)) == [world.officer]
    units = [world.division, world.team]
    assert list(User.objects.holding(roles, unit=units)) == [world.head, world.officer, team_officer]
    assert list(User.objects.holding(Role.UNIT_HEAD, unit=world.team)) == []


def test_the_conditions_hold_for_one_and_the_same_grant(world):
    """A secretary of another agency who is also a unit officer here is not a secretary here."""
    account = account_with_role(Role.SECRETARIAT, agency=world.other_agency, username="both")
    RoleGrant.objects.create(user=account, role=Role.UNIT_OFFICER, agency=world.agency, unit=world.office)
    assert list(User.objects.holding(Role.SECRETARIAT, agency=world.agency)) == [world.secretariat]
    assert list(User.objects.holding(Role.UNIT_OFFICER, agency=world.agency)) == [world.officer, account]
