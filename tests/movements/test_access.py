"""Who sees and changes movements and reviews: the agency's members see them, its secretariat changes them;
another agency's people get 404, members without the right get 403."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from accounts.models import Role
from movements import access
from movements.domain import reviews
from movements.models import Movement, Review, UnitReport
from tests.factories import MovementFactory, account_with_role


@pytest.fixture
def setup(world):
    world.movement = MovementFactory(agency=world.agency, status="preparing")
    world.review = reviews.open_review(
        actor=None,
        movement=MovementFactory(agency=world.agency),
        kind="interim",
        title="Sơ kết",
        reports_due=dt.date(2021, 7, 1),
    )
    world.report = UnitReport.objects.create(review=world.review, unit=world.division, results="Tốt")
    world.outsider = account_with_role(Role.SECRETARIAT, agency=world.other_agency, username="ngoai")
    world.outside_staff = account_with_role(Role.STAFF, person=world.other_person, username="nvngoai")
    return world


def test_members_of_the_agency_see_its_movements(setup):
    w = setup
    for user in (w.secretariat, w.officer, w.staff, w.leader, w.head, w.admin):
        assert w.movement in access.movements_for_user(user)
    for user in (w.outsider, w.outside_staff):
        assert not access.movements_for_user(user).exists()
        with pytest.raises(Http404):
            access.get_movement_for_user(user, w.movement.pk)


def test_only_managers_edit(setup):
    w = setup
    assert access.get_movement_for_user(w.secretariat, w.movement.pk, action=access.EDIT) == w.movement
    for user in (w.officer, w.staff, w.leader, w.council):
        with pytest.raises(PermissionDenied):
            access.get_movement_for_user(user, w.movement.pk, action=access.EDIT)
        with pytest.raises(PermissionDenied):
            access.get_review_for_user(user, w.review.pk, action=access.EDIT)


def test_unit_reports_are_seen_with_the_movement(setup):
    w = setup
    assert access.get_unit_report_for_user(w.officer, w.report.pk) == w.report
    with pytest.raises(Http404):
        access.get_unit_report_for_user(w.outsider, w.report.pk)


def urls(w):
    m, r = w.movement.pk, w.review.pk
    return {
        "get": [
            reverse("movements:detail", args=[m]),
            reverse("movements:edit", args=[m]),
            reverse("movements:link_document", args=[m]),
            reverse("movements:review_open", args=[m]),
            reverse("movements:review", args=[r]),
            reverse("movements:report_file", args=[w.report.pk]),
        ],
        "post": [
            (reverse("movements:move", args=[m]), {"to": "launched"}),
            (reverse("movements:relay", args=[m]), {}),
            (reverse("movements:edit", args=[m]), {"name": "Đổi tên"}),
            (
                reverse("movements:review_open", args=[m]),
                {"kind": "final", "title": "T", "reports_due": "01/12/2021"},
            ),
            (reverse("movements:review_results", args=[r]), {"results": "Đổi"}),
            (reverse("movements:review_summary", args=[r]), {}),
        ],
    }


def assert_unchanged(w):
    w.movement.refresh_from_db()
    w.review.refresh_from_db()
    assert w.movement.status == "preparing" and w.movement.name != "Đổi tên"
    assert w.review.results == "" and w.review.summary_document is None
    assert Review.objects.count() == 1 and Movement.objects.count() == 2


def test_another_agency_gets_404_everywhere(client, setup):
    w = setup
    client.force_login(w.outsider)
    pages = urls(w)
    assert {client.get(url).status_code for url in pages["get"]} == {404}
    assert {client.post(url, data).status_code for url, data in pages["post"]} == {404}
    assert client.get(reverse("movements:list")).context["page"].paginator.count == 0
    assert_unchanged(w)


@pytest.mark.parametrize("persona", ["officer", "staff", "leader"])
def test_members_without_the_right_get_403(client, setup, persona):
    w = setup
    client.force_login(getattr(w, persona))
    pages = urls(w)
    assert client.get(pages["get"][0]).status_code == 200
    assert {client.get(url).status_code for url in pages["get"][1:4]} == {403}
    assert {client.post(url, data).status_code for url, data in pages["post"]} == {403}
    assert client.get(reverse("movements:create")).status_code == 403
    assert_unchanged(w)


def test_staff_cannot_send_a_unit_report(client, setup):
    w = setup
    client.force_login(w.staff)
    page = client.get(reverse("movements:review", args=[w.review.pk]))
    assert page.context["report_form"] is None
    response = client.post(
        reverse("movements:review_report", args=[w.review.pk]), {"unit": w.office.pk, "results": "Tốt"}
    )
    assert response.status_code == 403 and UnitReport.objects.count() == 1


def test_an_officer_reports_only_for_her_units(client, setup):
    w = setup
    client.force_login(w.officer)
    response = client.post(
        reverse("movements:review_report", args=[w.review.pk]), {"unit": w.office.pk, "results": "Tốt"}
    )
    assert response.status_code == 200 and "unit" in response.context["report_form"].errors
    assert UnitReport.objects.count() == 1
