from django.urls import reverse

from tests.factories import UserFactory


def test_agency_and_unit_admin_list_and_search(world, client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    agencies = client.get(reverse("admin:organisations_agency_changelist"), {"q": "STN"})
    units = client.get(reverse("admin:organisations_unit_changelist"), {"agency__id__exact": world.agency.pk})

    assert list(agencies.context["cl"].result_list) == [world.agency]
    assert set(units.context["cl"].result_list) == {world.office, world.division, world.team}
