import datetime as dt
import pickle
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.domain import grant_role, revoke_role, update_account
from accounts.models import Role, RoleGrant
from accounts.scope import cached_scope, compute_scope
from activity.access import activity_for_user
from activity.domain import log_action
from notifications.domain import notify
from organisations.access import agencies_for_user, get_unit_for_user, units_for_user
from organisations.domain import merge_agency, update_unit
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


# --- kept across requests (accounts.scope.cached_scope) ------------------------------------------------


def tables(queries) -> list[str]:
    """The table each captured query reads first (FROM ...) or writes."""
    found = []
    for query in queries:
        match = re.search(r'(?:FROM|INTO|UPDATE) "(\w+)"', query["sql"])
        found.append(match.group(1) if match else query["sql"][:40])
    return found


def second_request(client, url):
    """The response and the queries of the second request to `url` (the first computes and keeps)."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, list(captured.captured_queries)


@pytest.mark.parametrize("persona", ["secretariat", "officer", "staff", "admin"])
def test_a_plain_page_pays_one_fixed_query_after_the_first_request(world, login, persona):
    """The session (cached_db), the scope (grants, the lineage of every merger generation, the person), the
    unread count: all read from the cache; the account itself is loaded fresh, so that a closed account is
    refused at once. Only the inbox's own two queries are the page's."""
    AgencyFactory(successor=AgencyFactory(successor=world.agency))  # two merger generations: a lineage
    user = getattr(world, persona)
    notify(users=[user], title="Có văn bản mới")

    response, queries = second_request(login(user), reverse("notifications:inbox"))

    assert response.status_code == 200
    fixed = [table for table in tables(queries) if table != "notifications_notification"]
    assert fixed == ["accounts_user"]
    assert len(queries) - len(fixed) == 2  # the inbox: its count and its page


def test_the_kept_scope_is_the_computed_one_and_pickles(world):
    for persona in ("admin", "secretariat", "officer", "staff"):
        user = getattr(world, persona)
        kept = cached_scope(user)
        assert kept == compute_scope(user)
        assert pickle.loads(pickle.dumps(kept)) == kept
        assert cached_scope(type(user).objects.get(pk=user.pk)) == kept  # another request's account object


def test_the_scope_is_computed_once_then_read_from_the_cache(world, django_assert_num_queries):
    User = type(world.secretariat)
    scope_for(User.objects.get(pk=world.secretariat.pk))

    fresh = User.objects.get(pk=world.secretariat.pk)
    with django_assert_num_queries(0):
        scope = scope_for(fresh)
    assert scope.can_manage_agency(world.agency.pk)


def test_a_revoked_grant_takes_effect_on_the_next_request(world, login):
    client = login(world.secretariat)
    page = reverse("people:detail", args=[world.office_person.pk])
    assert client.get(page).status_code == 200
    assert "Trần Thị Lan" in client.get(reverse("people:list")).content.decode()

    grant = world.secretariat.role_grants.active().get()
    revoke_role(actor=world.admin, grant=grant)

    assert client.get(page).status_code == 404
    assert "Trần Thị Lan" not in client.get(reverse("people:list")).content.decode()


def test_a_grant_changed_without_its_domain_function_takes_effect_once_forgotten(world, login):
    client = login(world.secretariat)
    page = reverse("people:detail", args=[world.office_person.pk])
    assert client.get(page).status_code == 200

    RoleGrant.objects.filter(user=world.secretariat).update(revoked_at=timezone.now())  # no signal
    forget_scope(world.secretariat)

    assert client.get(page).status_code == 404


def test_a_new_grant_takes_effect_on_the_next_request(world, login):
    client = login(world.staff)
    page = reverse("people:detail", args=[world.team_person.pk])
    assert client.get(page).status_code == 404

    grant_role(actor=world.admin, user=world.staff, role=Role.COUNCIL_MEMBER, agency=world.agency)

    assert client.get(page).status_code == 200


def test_a_closed_account_is_refused_on_the_next_request(world, login):
    client = login(world.secretariat)
    assert client.get(reverse("people:list")).status_code == 200

    update_account(actor=world.admin, account=world.secretariat, fields={"is_active": False})

    response = client.get(reverse("people:list"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_a_unit_moved_under_an_officers_unit_is_hers_on_the_next_request(world, login):
    client = login(world.officer)
    page = reverse("people:detail", args=[world.office_person.pk])
    assert client.get(page).status_code == 404

    update_unit(actor=world.secretariat, unit=world.office, fields={"parent": world.division})

    assert client.get(page).status_code == 200
    assert "Trần Thị Lan" in client.get(reverse("people:list")).content.decode()


def test_a_merger_brings_the_predecessor_on_the_next_request(merger, login):
    old, new = merger["old"], merger["new"]
    old.successor = None
    old.save()
    client = login(merger["new_secretariat"])
    page = reverse("people:detail", args=[merger["old_person"].pk])
    assert client.get(page).status_code == 404

    merge_agency(
        actor=None, agency=old, into=new, on=dt.date(2025, 7, 1), unit_map={merger["old_unit"].pk: None}
    )

    assert client.get(page).status_code == 200
    assert merger["old_unit"].name in client.get(reverse("organisations:tree") + "?closed=1").content.decode()


def test_a_person_moved_to_another_agency_takes_her_account_along(world, login):
    client = login(world.staff)
    assert client.get(reverse("organisations:tree")).context["sections"][0]["agency"] == world.agency

    world.office_person.agency = world.other_agency
    world.office_person.save()

    sections = client.get(reverse("organisations:tree")).context["sections"]
    assert [s["agency"] for s in sections] == [world.other_agency]


def test_with_two_step_verification_the_device_is_the_second_and_last_fixed_query(world, login, settings):
    """In production every reader of other people's records confirms a code: django_otp loads the session's
    device on every request. Fixed: the account and its device."""
    settings.THIDUA_REQUIRE_2FA = True
    device = TOTPDevice.objects.create(user=world.secretariat, name="thidua", confirmed=True)
    client = login(world.secretariat)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    notify(users=[world.secretariat], title="Có văn bản mới")

    response, queries = second_request(client, reverse("notifications:inbox"))

    assert response.status_code == 200 and response.context["user"].is_verified()
    fixed = [table for table in tables(queries) if table != "notifications_notification"]
    assert fixed == ["accounts_user", "otp_totp_totpdevice"]
