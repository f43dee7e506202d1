"""Who may read the catalogue and "who is due", and which agency and units each reader sees."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from accounts.models import Role
from awards.access import awards_for_user, can_see_due, due_scope, due_units, get_award_for_user
from organisations.models import Agency
from tests.factories import AgencyFactory, account_with_role

pytestmark = pytest.mark.django_db

DUE_READERS = {
    "admin": True,
    "secretariat": True,
    "council": True,
    "leader": True,
    "head": True,
    "officer": True,
    "staff": False,
    "editor": False,
}


@pytest.mark.parametrize(("persona", "expected"), DUE_READERS.items())
def test_who_may_see_the_due_list(world, persona, expected):
    assert can_see_due(getattr(world, persona)) is expected


def test_the_secretariat_sees_its_whole_agency(world):
    assert due_scope(world.secretariat) == (world.agency, None)
    assert due_scope(world.leader) == (world.agency, None)


def test_a_unit_head_sees_her_unit_and_the_units_below(world):
    agency, unit_ids = due_scope(world.head)

    assert agency == world.agency
    assert unit_ids == {world.division.pk, world.team.pk}
    assert set(due_units(agency, unit_ids)) == {world.division, world.team}


def test_staff_without_a_unit_role_is_refused(world):
    with pytest.raises(PermissionDenied):
        due_scope(world.staff)
    with pytest.raises(PermissionDenied):
        due_scope(AnonymousUser())


def test_after_a_merger_the_reader_sees_the_current_agency_with_its_history(world):
    merged = AgencyFactory(name="Sở Hợp nhất", symbol="SHN")
    Agency.objects.filter(pk=world.agency.pk).update(successor=merged, valid_to=dt.date(2025, 6, 30))
    reader = account_with_role(Role.SECRETARIAT, agency=merged, username="thuongtruc-moi")

    agency, unit_ids = due_scope(reader)

    assert (agency, unit_ids) == (merged, None)
    assert {world.office, world.division, world.team} <= set(due_units(agency, None))
    assert world.other_unit not in set(due_units(agency, None))


def test_the_catalogue_is_read_by_every_account_and_nobody_else(world):
    assert awards_for_user(world.staff).filter(code="lao-dong-tien-tien").exists()
    assert not awards_for_user(AnonymousUser()).exists()
    assert get_award_for_user(world.editor, "chien-si-thi-dua-tinh").name == "Chiến sĩ thi đua cấp tỉnh"
    with pytest.raises(Http404):
        get_award_for_user(world.staff, "khong-co-danh-hieu-nay")


@pytest.mark.parametrize(
    "url",
    [
        reverse("awards:catalogue"),
        reverse("awards:detail", args=["lao-dong-tien-tien"]),
        reverse("awards:due"),
        reverse("awards:due_export"),
    ],
)
def test_anonymous_visitors_are_sent_to_the_login_page(world, client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", ["awards:due", "awards:due_export"])
def test_staff_without_a_unit_role_gets_403_on_the_due_pages(world, login, name):
    response = login(world.staff).get(reverse(name))

    assert response.status_code == 403
    assert "awards/due.html" not in [t.name for t in response.templates]


def test_an_unknown_award_is_404(world, login):
    response = login(world.staff).get(reverse("awards:detail", args=["khong-co-danh-hieu-nay"]))

    assert response.status_code == 404


def test_a_unit_head_cannot_widen_her_list_to_another_unit(world, login):
    response = login(world.head).get(reverse("awards:due"), {"year": 2025, "unit": world.office.pk})

    assert response.status_code == 200
    assert response.context["dues"] is None
    assert "unit" in response.context["form"].errors
