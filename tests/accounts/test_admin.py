import pytest
from django.urls import reverse

from accounts import domain
from accounts.models import Role, RoleGrant, User
from activity.models import ActivityLog
from awards.models import AwardRule
from tests.factories import UserFactory, account_with_role


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


# --- who may open the Django admin: the system administrators of the whole installation ---------------------


def test_the_installation_administrator_opens_the_admin_and_edits_the_law_data(world, login):
    """The demo's `admin` holds the system administrator role of the whole installation, no Django flag."""
    assert not (world.admin.is_staff or world.admin.is_superuser)
    client = login(world.admin)

    index = client.get(reverse("admin:index"))
    rule = AwardRule.objects.filter(rule_set__code="2025-07").first()
    change = client.get(reverse("admin:awards_awardrule_change", args=[rule.pk]))

    assert index.status_code == 200
    assert {"awards", "accounts", "organisations"} <= {app["app_label"] for app in index.context["app_list"]}
    assert change.status_code == 200 and change.context["has_change_permission"] is True
    assert world.admin.has_perm("awards.change_awardrule")


@pytest.mark.parametrize("who", ["secretariat", "leader", "officer", "staff", "agency_admin"])
def test_no_other_role_opens_the_admin(world, login, who):
    """An agency's own administrator is refused too: the admin's lists are not scoped to an agency."""
    user = (
        account_with_role(Role.SYSTEM_ADMIN, agency=world.agency, username="quantri")
        if who == "agency_admin"
        else getattr(world, who)
    )
    client = login(user)
    rule = AwardRule.objects.first()

    index = client.get(reverse("admin:index"))
    change = client.get(reverse("admin:awards_awardrule_change", args=[rule.pk]))

    assert index.status_code == 302 and index.url.startswith(reverse("admin:login"))
    assert change.status_code == 302
    assert not user.has_perm("awards.change_awardrule")


def test_a_revoked_or_inactive_administrator_no_longer_opens_the_admin(world, login):
    other = account_with_role(Role.SYSTEM_ADMIN, username="quantri2")
    domain.revoke_role(actor=None, grant=RoleGrant.objects.get(user=world.admin))
    other.is_active = False
    other.save()

    assert login(world.admin).get(reverse("admin:index")).status_code == 302
    assert not User.objects.get(pk=other.pk).has_perm("awards.change_awardrule")
