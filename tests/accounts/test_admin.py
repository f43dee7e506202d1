import pytest
from django.urls import reverse

from accounts import domain
from accounts.models import Role, RoleGrant
from activity.models import ActivityLog
from tests.factories import UserFactory


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client


def test_user_admin_shows_linked_person_and_roles(world, superuser_client):
    response = superuser_client.get(reverse("admin:accounts_user_change", args=[world.officer.pk]))

    assert "person" in response.context["adminform"].form.fields
    inline = response.context["inline_admin_formsets"][0]
    assert [form.original for form in inline] == [RoleGrant.objects.get(user=world.officer)]


def test_user_admin_list_and_search(world, superuser_client):
    response = superuser_client.get(reverse("admin:accounts_user_changelist"), {"q": "nhanvien"})

    assert list(response.context["cl"].result_list) == [world.staff]


def test_role_grant_added_in_admin_goes_through_the_domain(world, superuser, superuser_client):
    response = superuser_client.post(
        reverse("admin:accounts_rolegrant_add"),
        {"user": world.staff.pk, "role": Role.SECRETARIAT, "agency": world.agency.pk, "unit": ""},
    )

    grant = RoleGrant.objects.active().get(user=world.staff)
    assert response.status_code == 302
    assert (grant.role, grant.agency, grant.granted_by) == (Role.SECRETARIAT, world.agency, superuser)
    assert ActivityLog.objects.filter(action="accounts.role.granted", actor=superuser).count() == 1


def test_role_grant_admin_applies_the_model_rules(world, superuser_client):
    response = superuser_client.post(
        reverse("admin:accounts_rolegrant_add"),
        {"user": world.staff.pk, "role": Role.UNIT_HEAD, "agency": world.agency.pk, "unit": ""},
    )

    assert response.status_code == 200
    assert "unit" in response.context["adminform"].form.errors
    assert not RoleGrant.objects.filter(user=world.staff).exists()


def test_role_grant_admin_action_revokes_through_the_domain(world, superuser_client):
    grant = RoleGrant.objects.get(user=world.officer)

    superuser_client.post(
        reverse("admin:accounts_rolegrant_changelist"), {"action": "revoke", "_selected_action": [grant.pk]}
    )

    grant.refresh_from_db()
    assert grant.revoked_at is not None
    assert ActivityLog.objects.filter(action="accounts.role.revoked").count() == 1


def test_api_token_admin_never_shows_the_hash_and_cannot_add(world, superuser_client):
    token, _raw = domain.issue_api_token(actor=None, user=world.staff, name="HRM")

    changelist = superuser_client.get(reverse("admin:accounts_apitoken_changelist")).content.decode()
    page = superuser_client.get(reverse("admin:accounts_apitoken_change", args=[token.pk])).content.decode()

    assert token.hint in changelist
    assert token.key_hash not in changelist + page
    assert superuser_client.get(reverse("admin:accounts_apitoken_add")).status_code == 403


def test_api_token_admin_action_revokes(world, superuser_client):
    token, _raw = domain.issue_api_token(actor=None, user=world.staff, name="HRM")

    superuser_client.post(
        reverse("admin:accounts_apitoken_changelist"), {"action": "revoke", "_selected_action": [token.pk]}
    )

    token.refresh_from_db()
    assert token.revoked_at is not None
