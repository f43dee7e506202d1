"""achievements.access: who sees initiatives and models, who records and edits them — through the helpers
and through the screens."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from accounts.models import Role
from achievements import access
from tests.achievements.helpers import make_initiative, make_model
from tests.factories import account_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def stranger(world):
    """The secretariat of the other agency."""
    return account_with_role(Role.SECRETARIAT, agency=world.other_agency, username="thuongtruc-khac")


def test_another_agency_sees_nothing(client, world, stranger):
    initiative, model = make_initiative(world), make_model(world)
    assert not access.initiatives_for_user(stranger).exists()
    assert not access.models_for_user(stranger).exists()
    with pytest.raises(Http404):
        access.get_initiative_for_user(stranger, initiative.pk)
    with pytest.raises(Http404):
        access.get_model_for_user(stranger, model.pk)
    client.force_login(stranger)
    for url in (
        reverse("achievements:initiative_detail", args=[initiative.pk]),
        reverse("achievements:initiative_edit", args=[initiative.pk]),
        reverse("achievements:model_detail", args=[model.pk]),
        reverse("achievements:model_edit", args=[model.pk]),
    ):
        assert client.get(url).status_code == 404
    listed = client.get(reverse("achievements:initiative_list")).context["page"].object_list
    assert list(listed) == []


def test_staff_sees_but_cannot_edit(client, world):
    initiative, model = make_initiative(world), make_model(world)
    assert access.get_initiative_for_user(world.staff, initiative.pk) == initiative
    with pytest.raises(PermissionDenied):
        access.get_initiative_for_user(world.staff, initiative.pk, action=access.EDIT)
    client.force_login(world.staff)
    page = client.get(reverse("achievements:initiative_detail", args=[initiative.pk]))
    assert page.context["can_edit"] is False
    assert reverse("achievements:initiative_edit", args=[initiative.pk]) not in page.content.decode()
    assert client.get(reverse("achievements:initiative_edit", args=[initiative.pk])).status_code == 403
    assert client.get(reverse("achievements:model_edit", args=[model.pk])).status_code == 403
    assert client.get(reverse("achievements:initiative_create")).status_code == 403
    assert client.get(reverse("achievements:model_create")).status_code == 403


def test_unit_officer_edits_her_units_initiatives_only(client, world):
    own, below, office = (make_initiative(world, unit=u) for u in (world.division, world.team, world.office))
    assert access.can_edit_initiative(world.officer, own) and access.can_edit_initiative(world.officer, below)
    assert not access.can_edit_initiative(world.officer, office)
    client.force_login(world.officer)
    assert client.get(reverse("achievements:initiative_edit", args=[own.pk])).status_code == 200
    assert client.get(reverse("achievements:initiative_edit", args=[office.pk])).status_code == 403


def test_unit_officer_edits_models_of_her_units_only(world):
    own, office = (
        make_model(world, units=[world.division, world.office]),
        make_model(world, units=[world.office]),
    )
    assert access.can_edit_model(world.officer, own)
    assert not access.can_edit_model(world.officer, office)
    assert access.can_edit_model(world.secretariat, office)


def test_what_each_may_record(world, stranger):
    assert set(access.recording_units(world.officer)) == {world.division, world.team}
    assert set(access.recording_units(world.secretariat)) == {world.office, world.division, world.team}
    assert not access.recording_units(world.staff).exists()
    assert not access.recording_units(world.head).exists()
    assert list(access.recording_agencies(world.officer)) == [world.agency]
    assert list(access.recording_agencies(stranger)) == [world.other_agency]
    assert not access.recording_agencies(world.staff).exists()
    assert access.can_record_model(world.officer, world.agency, [world.team])
    assert not access.can_record_model(world.officer, world.agency, [world.office])
    assert not access.can_record_model(world.officer, world.agency, [])
    assert access.can_record_model(world.secretariat, world.agency, [])
