import datetime as dt

import pytest
from django.urls import reverse

from activity.models import ActivityLog
from organisations import domain
from organisations.models import Unit
from people.domain import set_unit_head
from tests.factories import AgencyFactory, UnitFactory, staff_in


def panel(response, template) -> dict:
    """The context of the panel that `template` renders on the page (lib/panels.py)."""
    return next(p.context for p in response.context["panels"] if p.template == template)


def unit_form(**overrides):
    data = {
        "name": "Phòng Tổ chức",
        "symbol": "ptc",
        "kind": "division",
        "parent": "",
        "position": "3",
        "valid_from": "01/07/2025",
        "valid_to": "",
    }
    return data | overrides


# --- tree ---------------------------------------------------------------------------------------------


def test_tree_nests_units_with_counts_for_secretariat(world, login):
    response = login(world.secretariat).get(reverse("organisations:tree"))

    section = next(s for s in response.context["sections"] if s["agency"] == world.agency)
    roots = {node["unit"].symbol: node for node in section["tree"]}
    assert set(roots) == {"VP", "PKH"}
    assert [child["unit"] for child in roots["PKH"]["children"]] == [world.team]
    assert roots["PKH"]["unit"].people_count == 1
    assert section["can_add"] is True
    assert reverse("organisations:create", args=[world.agency.pk]) in response.content.decode()
    assert world.other_unit.name not in response.content.decode()


def test_tree_for_staff_has_no_add_button(world, login):
    response = login(world.staff).get(reverse("organisations:tree"))

    assert [s["agency"] for s in response.context["sections"]] == [world.agency]
    assert response.context["sections"][0]["can_add"] is False
    assert reverse("organisations:create", args=[world.agency.pk]) not in response.content.decode()


def test_tree_shows_closed_unit_apart_with_its_successor(world, login):
    closed = UnitFactory(
        agency=world.agency,
        name="Phòng Cũ",
        symbol="PC",
        valid_to=dt.date(2020, 12, 31),
        successor=world.division,
    )

    response = login(world.leader).get(reverse("organisations:tree"))

    section = next(s for s in response.context["sections"] if s["agency"] == world.agency)
    assert section["closed"] == [closed]
    assert closed not in [node["unit"] for node in section["tree"]]
    html = response.content.decode()
    assert "31/12/2020" in html
    assert reverse("organisations:detail", args=[world.division.pk]) in html


@pytest.mark.usefixtures("english")
def test_tree_adds_units_to_agencies_not_yet_in_force_but_not_to_closed_ones(world, login):
    closed = AgencyFactory(name="Sở Đã Đóng", valid_to=dt.date(2020, 12, 31))
    future = AgencyFactory(name="Sở Sắp Lập", valid_from=dt.date(2099, 7, 1))

    response = login(world.admin).get(reverse("organisations:tree") + "?closed=1")

    sections = {s["agency"]: s for s in response.context["sections"]}
    assert (sections[closed]["can_add"], sections[future]["can_add"]) == (False, True)
    html = response.content.decode()
    assert '<span class="badge">from 01/07/2099</span>' in html
    assert html.count('<span class="badge closed">closed</span>') == 1
    assert reverse("organisations:create", args=[closed.pk]) not in html


@pytest.mark.usefixtures("english")
def test_tree_hides_merged_agencies_until_asked(world, login):
    merged = AgencyFactory(name="Sở Đã Sáp Nhập", valid_to=dt.date(2020, 12, 31), successor=world.agency)
    old_unit = UnitFactory(
        agency=merged, name="Phòng Của Sở Cũ", symbol="PSC", valid_to=dt.date(2020, 12, 31)
    )
    client = login(world.admin)

    hidden = client.get(reverse("organisations:tree"))
    shown = client.get(reverse("organisations:tree") + "?closed=1")

    assert merged not in [s["agency"] for s in hidden.context["sections"]]
    assert old_unit.name not in hidden.content.decode()
    assert "Also show dissolved and merged agencies" in hidden.content.decode()
    assert merged in [s["agency"] for s in shown.context["sections"]]
    assert old_unit.name in shown.content.decode()


def test_tree_requires_login(client, world):
    response = client.get(reverse("organisations:tree"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("count", [1, 200])
def test_tree_query_count_does_not_grow_with_units(world, login, django_assert_num_queries, count):
    for n in range(count):
        staff_in(UnitFactory(agency=world.agency, parent=world.office, symbol=f"X{n}"))
    client = login(world.leader)
    client.get(reverse("organisations:tree"))  # the scope, the unread count and the people counts kept

    # the session (in the cache) and the account, the agencies, their units counted, the units
    with django_assert_num_queries(4):
        response = client.get(reverse("organisations:tree"))

    section = next(s for s in response.context["sections"] if s["agency"] == world.agency)
    office = next(node for node in section["tree"] if node["unit"] == world.office)
    assert [child["unit"].people_count for child in office["children"]] == [1] * count


def test_many_agencies_with_many_units_open_one_by_one(world, login, monkeypatch):
    monkeypatch.setattr("organisations.trees.TREE_INLINE_LIMIT", 3)
    client = login(world.admin)

    page = client.get(reverse("organisations:tree"))

    sections = {s["agency"]: s for s in page.context["sections"]}
    assert (sections[world.agency]["loaded"], sections[world.agency]["units_count"]) == (False, 3)
    html = page.content.decode()
    assert world.office.name not in html  # not listed before its agency is opened
    opened = f'hx-get="{reverse("organisations:tree")}?agency={world.agency.pk}"'
    assert opened in html and 'hx-trigger="toggle once"' in html
    one = client.get(
        reverse("organisations:tree"), {"agency": world.agency.pk}, headers={"HX-Request": "true"}
    )
    assert one.content.decode().lstrip().startswith('<div class="agency-units"')
    assert world.office.name in one.content.decode() and world.other_unit.name not in one.content.decode()


def test_a_large_agency_shows_its_top_level_units_and_their_branches_on_demand(world, login, monkeypatch):
    monkeypatch.setattr("organisations.trees.TREE_INLINE_LIMIT", 2)
    client = login(world.secretariat)

    page = client.get(reverse("organisations:tree"))

    [section] = page.context["sections"]
    assert [(row["unit"], row["branch"]) for row in section["rows"]] == [
        (world.division, 1),
        (world.office, 0),
    ]
    html = page.content.decode()
    branch = reverse("organisations:branch", args=[world.division.pk])
    assert f'hx-get="{branch}"' in html and world.team.name not in html
    opened = client.get(branch, headers={"HX-Request": "true"}).content.decode()
    assert opened.lstrip().startswith(f'<li data-testid="unit-{world.team.symbol}">')
    assert world.team.name in opened and "1 cán bộ" in opened and world.division.name not in opened
    without_script = client.get(branch)
    assert without_script.url == reverse("organisations:detail", args=[world.division.pk])
    assert client.get(reverse("organisations:branch", args=[world.other_unit.pk])).status_code == 404


# --- detail -------------------------------------------------------------------------------------------


def test_detail_shows_facts_people_children_and_history(world, login):
    domain.update_unit(
        actor=world.secretariat, unit=world.division, fields={"name": "Phòng Kế hoạch - Tài chính"}
    )

    response = login(world.officer).get(reverse("organisations:detail", args=[world.division.pk]))

    assert response.context["unit"] == world.division
    assert list(panel(response, "people/_unit_people.html")["people"]) == [world.division_person]
    assert list(response.context["children"]) == [world.team]
    assert [e.action for e in panel(response, "activity/_history_panel.html")["entries"]] == [
        "organisations.unit.updated"
    ]
    assert response.context["can_edit"] is False
    assert "Phòng Kế hoạch - Tài chính" in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_detail_query_count_does_not_grow_with_people_children_and_history(
    world, login, django_assert_num_queries, count
):
    for n in range(count):
        staff_in(world.office)
        child = UnitFactory(agency=world.agency, parent=world.office, symbol=f"X{n}")
        UnitFactory(agency=world.agency, successor=world.office, valid_to=dt.date(2020, 1, 1), symbol=f"O{n}")
        set_unit_head(actor=world.secretariat, unit=child, person=staff_in(child))
        domain.update_unit(actor=world.secretariat, unit=world.office, fields={"position": n + 1})
    client = login(world.secretariat)
    client.get(reverse("organisations:detail", args=[world.office.pk]))  # caches content types first

    # the session (in the cache) and the account, the unit, the head and the collective ratings (people
    # panels), sub-units, predecessors, the people and their posts in the unit, the history
    with django_assert_num_queries(9):
        response = client.get(reverse("organisations:detail", args=[world.office.pk]))

    assert len(panel(response, "people/_unit_people.html")["people"]) == count + 1
    assert len(response.context["children"]) == len(response.context["predecessors"]) == count
    assert len(panel(response, "activity/_history_panel.html")["entries"]) == count
    assert response.content.decode().count(world.office_person.full_name) == 1


def test_detail_lists_only_the_people_the_user_may_see(world, login):
    response = login(world.officer).get(reverse("organisations:detail", args=[world.office.pk]))

    assert list(panel(response, "people/_unit_people.html")["people"]) == []
    assert world.office_person.full_name not in response.content.decode()


def test_detail_shows_predecessors_and_successor(world, login):
    old = UnitFactory(
        agency=world.agency,
        name="Phòng Cũ",
        symbol="PC",
        valid_to=dt.date(2020, 12, 31),
        successor=world.division,
    )

    new_page = login(world.leader).get(reverse("organisations:detail", args=[world.division.pk]))
    old_page = login(world.leader).get(reverse("organisations:detail", args=[old.pk]))

    assert list(new_page.context["predecessors"]) == [old]
    assert old_page.context["unit"].successor == world.division
    assert reverse("organisations:detail", args=[world.division.pk]) in old_page.content.decode()


def test_detail_of_another_agency_unit_is_404(world, login):
    response = login(world.officer).get(reverse("organisations:detail", args=[world.other_unit.pk]))

    assert response.status_code == 404


# --- create and edit ----------------------------------------------------------------------------------


def test_secretariat_creates_unit_through_domain(world, login):
    url = reverse("organisations:create", args=[world.agency.pk])

    response = login(world.secretariat).post(url, unit_form(parent=world.division.pk))

    unit = Unit.objects.get(agency=world.agency, symbol="PTC")
    assert response.status_code == 302
    assert response.url == reverse("organisations:detail", args=[unit.pk])
    assert (unit.parent, unit.valid_from) == (world.division, dt.date(2025, 7, 1))
    log = ActivityLog.objects.get(action="organisations.unit.created")
    assert (log.actor, log.target_id) == (world.secretariat, str(unit.pk))


def test_create_form_preselects_parent(world, login):
    url = reverse("organisations:create", args=[world.agency.pk]) + f"?parent={world.division.pk}"

    response = login(world.secretariat).get(url)

    assert response.context["form"]["parent"].value() == str(world.division.pk)


def test_create_refuses_a_parent_of_another_agency(world, login):
    url = reverse("organisations:create", args=[world.agency.pk])

    response = login(world.secretariat).post(url, unit_form(parent=world.other_unit.pk))

    assert set(response.context["form"].errors) == {"parent"}
    assert not Unit.objects.filter(symbol="PTC").exists()


def test_create_refuses_duplicate_symbol_and_saves_nothing(world, login):
    url = reverse("organisations:create", args=[world.agency.pk])

    response = login(world.secretariat).post(url, unit_form(symbol="pkh"))

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert Unit.objects.filter(agency=world.agency, symbol="PKH").count() == 1
    assert not ActivityLog.objects.filter(action="organisations.unit.created").exists()


def test_create_refuses_bad_dates(world, login):
    url = reverse("organisations:create", args=[world.agency.pk])

    response = login(world.secretariat).post(url, unit_form(valid_from="31/02/2025", valid_to="2025-13-01"))

    assert set(response.context["form"].errors) == {"valid_from", "valid_to"}
    assert not Unit.objects.filter(symbol="PTC").exists()


def test_create_refuses_end_before_start_with_model_message(world, login):
    url = reverse("organisations:create", args=[world.agency.pk])

    response = login(world.secretariat).post(url, unit_form(valid_from="01/07/2025", valid_to="30/06/2025"))

    assert list(response.context["form"].errors) == ["valid_to"]
    assert not Unit.objects.filter(symbol="PTC").exists()


@pytest.mark.parametrize("persona", ["officer", "head", "leader", "staff"])
def test_create_is_403_without_manage_role(world, login, persona):
    url = reverse("organisations:create", args=[world.agency.pk])

    response = login(getattr(world, persona)).post(url, unit_form())

    assert response.status_code == 403
    assert not Unit.objects.filter(symbol="PTC").exists()


def test_create_in_another_agency_is_404(world, login):
    url = reverse("organisations:create", args=[world.other_agency.pk])

    response = login(world.secretariat).get(url)

    assert response.status_code == 404


def test_secretariat_edits_unit_and_history_records_it(world, login):
    url = reverse("organisations:edit", args=[world.team.pk])
    data = unit_form(
        name="Tổ Kế hoạch tổng hợp", symbol="TKH", parent=world.division.pk, valid_from="01/01/2008"
    )

    response = login(world.secretariat).post(url, data)

    world.team.refresh_from_db()
    assert response.url == reverse("organisations:detail", args=[world.team.pk])
    assert world.team.name == "Tổ Kế hoạch tổng hợp"
    log = ActivityLog.objects.get(action="organisations.unit.updated")
    assert log.data["before"]["name"] == "Tổ Kế hoạch"
    assert log.data["after"]["name"] == "Tổ Kế hoạch tổng hợp"


def test_edit_refuses_a_cycle_with_the_model_message(world, login):
    url = reverse("organisations:edit", args=[world.division.pk])

    response = login(world.secretariat).post(url, unit_form(symbol="PKH", parent=world.team.pk))

    world.division.refresh_from_db()
    assert list(response.context["form"].errors) == ["parent"]
    assert world.division.parent is None
    assert not ActivityLog.objects.filter(action="organisations.unit.updated").exists()


def test_edit_form_does_not_offer_the_unit_itself_as_parent(world, login):
    response = login(world.secretariat).get(reverse("organisations:edit", args=[world.division.pk]))

    parents = set(response.context["form"].fields["parent"].queryset)
    assert parents == {world.office, world.team}


def test_officer_cannot_edit_unit(world, login):
    response = login(world.officer).post(reverse("organisations:edit", args=[world.division.pk]), unit_form())

    world.division.refresh_from_db()
    assert response.status_code == 403
    assert world.division.name == "Phòng Kế hoạch"


def test_edit_of_another_agency_unit_is_404(world, login):
    response = login(world.secretariat).get(reverse("organisations:edit", args=[world.other_unit.pk]))

    assert response.status_code == 404
