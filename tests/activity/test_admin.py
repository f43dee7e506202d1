import pytest
from django.contrib import admin
from django.urls import reverse

from activity.domain import log_action
from activity.models import ActivityLog
from tests.factories import UserFactory


@pytest.fixture
def superuser_client(client, db):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def test_activity_admin_is_read_only(rf, db):
    model_admin = admin.site._registry[ActivityLog]
    request = rf.get("/")
    request.user = UserFactory(is_staff=True, is_superuser=True)

    assert (
        model_admin.has_add_permission(request),
        model_admin.has_change_permission(request),
        model_admin.has_delete_permission(request),
    ) == (False, False, False)
    assert model_admin.has_view_permission(request) is True


def test_activity_admin_filters_by_action_and_agency(world, superuser_client):
    kept = log_action(
        actor=world.admin, action="people.person.updated", target=world.office_person, agency=world.agency
    )
    log_action(
        actor=world.admin, action="accounts.role.granted", target=world.staff, agency=world.other_agency
    )

    response = superuser_client.get(
        reverse("admin:activity_activitylog_changelist"),
        {"action": "people.person.updated", "agency__id__exact": world.agency.pk},
    )

    assert list(response.context["cl"].result_list) == [kept]
    fields = [ActivityLog._meta.get_field(name).verbose_name for name in ("action", "agency", "created_at")]
    assert {spec.title for spec in response.context["cl"].filter_specs} >= {str(f) for f in fields}


def test_activity_admin_search(world, superuser_client):
    kept = log_action(
        actor=world.admin, action="people.person.updated", target=world.office_person, agency=world.agency
    )
    log_action(
        actor=world.admin,
        action="people.person.updated",
        target=world.other_person,
        agency=world.other_agency,
    )

    response = superuser_client.get(reverse("admin:activity_activitylog_changelist"), {"q": "Lan"})

    assert list(response.context["cl"].result_list) == [kept]


def test_activity_entry_page_has_no_save_button(world, superuser_client):
    entry = log_action(actor=world.admin, action="people.person.updated", target=world.office_person)

    response = superuser_client.get(reverse("admin:activity_activitylog_change", args=[entry.pk]))

    assert response.context["has_change_permission"] is False
    assert 'name="_save"' not in response.content.decode()
    assert (
        superuser_client.post(reverse("admin:activity_activitylog_delete", args=[entry.pk])).status_code
        == 403
    )
    assert ActivityLog.objects.filter(pk=entry.pk).exists()
