"""The head of a unit (people.UnitHead): set through people.domain, chosen on the unit's page."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from activity.models import ActivityLog
from people.domain import set_unit_head
from people.models import UnitHead, unit_heads


def test_setting_replacing_and_clearing_the_head_is_logged_as_changes_of_the_unit(world):
    set_unit_head(actor=world.secretariat, unit=world.division, person=world.division_person)
    set_unit_head(actor=world.secretariat, unit=world.division, person=world.division_person)  # no change
    set_unit_head(actor=world.secretariat, unit=world.division, person=world.team_person)
    set_unit_head(actor=world.secretariat, unit=world.division, person=None)

    assert not UnitHead.objects.filter(unit=world.division).exists()
    logs = ActivityLog.objects.filter(action="people.unit.head_set").order_by("pk")
    assert [(log.target_id, log.changes) for log in logs] == [
        (str(world.division.pk), [("head", None, world.division_person.pk)]),
        (str(world.division.pk), [("head", world.division_person.pk, world.team_person.pk)]),
        (str(world.division.pk), [("head", world.team_person.pk, None)]),
    ]


def test_a_head_from_another_agency_is_refused_and_nothing_changes(world):
    with pytest.raises(ValidationError) as error:
        set_unit_head(actor=world.secretariat, unit=world.division, person=world.other_person)

    assert error.value.message_dict == {"person": ["Trưởng đơn vị phải thuộc cơ quan của đơn vị."]}
    assert not UnitHead.objects.exists() and not ActivityLog.objects.exists()


@pytest.mark.parametrize("persona", ["staff", "officer", "head", "council"])
def test_only_who_edits_the_unit_sets_its_head_checked_before_the_person(world, persona):
    with pytest.raises(PermissionDenied):  # even with a person of another agency: permission first
        set_unit_head(actor=getattr(world, persona), unit=world.division, person=world.other_person)
    assert not UnitHead.objects.exists()


def test_unit_heads_are_the_head_or_else_the_leaders(world):
    world.office_person.assignments.update(is_leadership=True)
    set_unit_head(actor=None, unit=world.division, person=world.division_person)

    heads = unit_heads([world.office, world.division, world.team])

    assert heads == {world.division.pk: [world.division_person], world.office.pk: [world.office_person]}


def test_the_unit_page_shows_the_head_and_the_secretariat_chooses_another(world, login):
    set_unit_head(actor=None, unit=world.division, person=world.division_person)
    client = login(world.secretariat)
    page = client.get(reverse("organisations:detail", args=[world.division.pk])).content.decode()
    assert 'data-testid="unit-head">Lê Văn Minh<' in page
    assert reverse("people:unit_head", args=[world.division.pk]) in page

    form = client.get(reverse("people:unit_head", args=[world.division.pk]))
    choices = [label for _value, label in form.context["form"].fields["person"].choices]
    response = client.post(reverse("people:unit_head", args=[world.division.pk]), {"person": ""})

    assert choices == ["Chưa có trưởng đơn vị", "Lê Văn Minh"]  # only the people working in the unit
    assert response.url == reverse("organisations:detail", args=[world.division.pk])
    assert not UnitHead.objects.filter(unit=world.division).exists()


def test_a_unit_officer_may_not_open_the_head_form(world, login):
    response = login(world.officer).get(reverse("people:unit_head", args=[world.division.pk]))
    page = login(world.officer).get(reverse("organisations:detail", args=[world.division.pk]))

    assert response.status_code == 403
    assert reverse("people:unit_head", args=[world.division.pk]) not in page.content.decode()
