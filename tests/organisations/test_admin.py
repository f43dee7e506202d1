from django.urls import reverse

from activity.models import ActivityLog
from organisations.models import Agency
from tests.factories import UserFactory


def test_agency_and_unit_admin_list_and_search(world, client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    agencies = client.get(reverse("admin:organisations_agency_changelist"), {"q": "STN"})
    units = client.get(reverse("admin:organisations_unit_changelist"), {"agency__id__exact": world.agency.pk})

    assert list(agencies.context["cl"].result_list) == [world.agency]
    assert set(units.context["cl"].result_list) == {world.office, world.division, world.team}


def test_agency_admin_creates_and_changes_through_the_domain(world, client):
    admin_user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    data = {
        "name": "Sở Mới",
        "short_name": "SỞ MỚI",
        "kind": "department",
        "symbol": "sm",
        "code": "",
        "parent": "",
        "place_name": "Cần Thơ",
        "valid_from": "01/07/2025",
        "valid_to": "",
    }

    added = client.post(reverse("admin:organisations_agency_add"), data)
    agency = Agency.objects.get(name="Sở Mới")
    changed = client.post(
        reverse("admin:organisations_agency_change", args=[agency.pk]), data | {"place_name": "Sóc Trăng"}
    )

    assert added.status_code == changed.status_code == 302
    agency.refresh_from_db()
    assert (agency.symbol, agency.place_name) == ("SM", "Sóc Trăng")
    logs = ActivityLog.objects.filter(target_id=agency.pk).order_by("pk")
    assert [(log.action, log.actor) for log in logs] == [
        ("organisations.agency.created", admin_user),
        ("organisations.agency.updated", admin_user),
    ]
    assert logs[1].changes == [("place_name", "Cần Thơ", "Sóc Trăng")]


def test_unit_admin_changes_through_the_domain_and_deletes_nothing(world, client):
    admin_user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    url = reverse("admin:organisations_unit_change", args=[world.team.pk])
    data = {
        "name": "Tổ Kế hoạch tổng hợp",
        "kind": "division",
        "symbol": "TKH",
        "parent": world.division.pk,
        "head": "",
        "position": "0",
        "valid_from": "01/01/2008",
        "valid_to": "",
    }

    response = client.post(url, data)
    deleting = client.post(reverse("admin:organisations_unit_delete", args=[world.team.pk]), {"post": "yes"})

    assert (response.status_code, deleting.status_code) == (302, 403)
    world.team.refresh_from_db()
    assert world.team.name == "Tổ Kế hoạch tổng hợp"
    log = ActivityLog.objects.get(action="organisations.unit.updated")
    assert (log.actor, log.changes) == (admin_user, [("name", "Tổ Kế hoạch", "Tổ Kế hoạch tổng hợp")])
