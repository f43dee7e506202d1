import pytest
from django.core.exceptions import PermissionDenied

from accounts.models import Role
from activity.access import activity_for_object, activity_for_user, require_activity_reader
from activity.domain import log_action
from tests.factories import account_with_role


@pytest.fixture
def logs(world):
    return {
        "agency": log_action(actor=None, action="a", target=world.office_person, agency=world.agency),
        "other": log_action(actor=None, action="b", target=world.other_person, agency=world.other_agency),
        "none": log_action(actor=None, action="c", target=world.admin),
    }


def test_installation_admin_sees_every_row(world, logs):
    assert set(activity_for_user(world.admin)) == set(logs.values())


@pytest.mark.parametrize("role", [Role.SECRETARIAT, Role.SYSTEM_ADMIN])
def test_agency_managers_see_their_agency_rows(world, logs, role):
    user = account_with_role(role, agency=world.other_agency)
    assert list(activity_for_user(user)) == [logs["other"]]


@pytest.mark.parametrize("persona", ["council", "leader", "head", "officer", "staff", "editor"])
def test_other_roles_see_no_row(world, logs, persona):
    assert list(activity_for_user(getattr(world, persona))) == []


def test_activity_for_object_is_the_objects_history(world, logs):
    later = log_action(actor=world.secretariat, action="d", target=world.office_person, agency=world.agency)
    assert list(activity_for_object(world.staff, world.office_person)) == [later, logs["agency"]]
    assert list(activity_for_object(world.staff, world.team_person)) == []


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [("admin", True), ("secretariat", True), ("council", False), ("leader", False), ("staff", False)],
)
def test_require_activity_reader(world, persona, allowed):
    user = getattr(world, persona)
    if allowed:
        require_activity_reader(user)
    else:
        with pytest.raises(PermissionDenied):
            require_activity_reader(user)


def test_activity_for_object_loads_actor_and_agency_in_one_query(world, logs, django_assert_num_queries):
    log_action(actor=world.secretariat, action="d", target=world.office_person, agency=world.agency)
    with django_assert_num_queries(1):  # the rows with their actor and agency (content types are cached)
        rows = list(activity_for_object(world.staff, world.office_person))
        names = [(row.actor and row.actor.username, row.agency.name) for row in rows]
    assert names == [("thuongtruc", "Sở Thử nghiệm"), (None, "Sở Thử nghiệm")]
