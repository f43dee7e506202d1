import datetime as dt

import pytest

from tests.factories import AgencyFactory, AssignmentFactory, PersonFactory, UnitFactory, staff_in


def ids(response):
    return [p["id"] for p in response.json()["items"]]


def test_people_list_shape(world, api_as):
    data = api_as(world.admin, "people", q="dang").json()
    assert data == {"count": 1, "items": [{
        "id": world.team_person.pk, "staff_code": world.team_person.staff_code, "family_name": "Đặng",
        "middle_name": "Thị", "given_name": "Hương", "full_name": "Đặng Thị Hương", "gender": "male",
        "date_of_birth": "1985-05-17", "ethnicity": "Kinh", "staff_category": "civil_servant",
        "agency": {"id": world.agency.pk, "name": "Sở Thử nghiệm"},
        "unit": {"id": world.team.pk, "name": "Tổ Kế hoạch"}, "position": "Chuyên viên",
    }]}  # fmt: skip


def test_people_ordered_by_given_name(world, api_as):
    # Hương < Lan < Minh < Nam, whatever the family names (Đặng, Trần, Lê, Phạm)
    expected = [world.team_person.pk, world.office_person.pk, world.division_person.pk, world.other_person.pk]
    assert ids(api_as(world.admin, "people")) == expected


def test_officer_sees_only_her_units_people(world, api_as):
    response = api_as(world.officer, "people")
    assert ids(response) == [world.team_person.pk, world.division_person.pk]
    assert response.json()["count"] == 2


def test_staff_sees_only_herself(world, api_as):
    assert ids(api_as(world.staff, "people")) == [world.office_person.pk]


def test_leader_sees_her_agency_only(world, api_as):
    assert world.other_person.pk not in ids(api_as(world.leader, "people"))
    assert api_as(world.leader, "people").json()["count"] == 3


def test_person_detail_and_other_agency_404(world, api_as):
    own = api_as(world.officer, f"people/{world.team_person.pk}")
    other = api_as(world.officer, f"people/{world.other_person.pk}")
    outside_units = api_as(world.officer, f"people/{world.office_person.pk}")
    assert own.json()["unit"] == {"id": world.team.pk, "name": "Tổ Kế hoạch"}
    assert other.status_code == 404
    assert other.json() == {"detail": "Không tìm thấy, hoặc bạn không có quyền xem."}
    assert outside_units.status_code == 404


def test_search_without_accents(world, api_as):
    person = staff_in(world.office, family_name="Nguyễn", middle_name="Văn", given_name="An")
    assert ids(api_as(world.admin, "people", q="nguyen van an")) == [person.pk]
    assert ids(api_as(world.admin, "people", q="NGUYỄN An")) == [person.pk]
    assert ids(api_as(world.admin, "people", q="dang")) == [world.team_person.pk]
    assert ids(api_as(world.admin, "people", q="Đặng huong")) == [world.team_person.pk]
    assert api_as(world.admin, "people", q="khong co ai").json() == {"items": [], "count": 0}


def test_search_stays_in_scope(world, api_as):
    assert api_as(world.officer, "people", q="pham van nam").json()["count"] == 0


def test_filter_by_unit_includes_sub_units(world, api_as):
    assert ids(api_as(world.admin, "people", unit=world.division.pk)) == [
        world.team_person.pk,
        world.division_person.pk,
    ]
    assert ids(api_as(world.admin, "people", unit=world.division.pk, subunits="false")) == [
        world.division_person.pk
    ]
    assert ids(api_as(world.admin, "people", unit=world.team.pk)) == [world.team_person.pk]


def test_filter_by_invisible_unit_is_empty(world, api_as):
    assert api_as(world.staff, "people", unit=world.other_unit.pk).json() == {"items": [], "count": 0}
    assert api_as(world.officer, "people", unit=world.office.pk).json()["count"] == 0


def test_filter_by_agency(world, api_as):
    assert ids(api_as(world.admin, "people", agency=world.other_agency.pk)) == [world.other_person.pk]
    assert api_as(world.leader, "people", agency=world.other_agency.pk).json()["count"] == 0


def test_unit_and_position_are_the_primary_current_assignment(world, api_as):
    person = world.office_person
    AssignmentFactory(person=person, unit=world.division, position="Kiêm nhiệm", is_primary=False)
    AssignmentFactory(
        person=person,
        unit=world.team,
        position="Cũ",
        start_date=dt.date(2010, 1, 1),
        end_date=dt.date(2016, 12, 31),
    )
    item = api_as(world.admin, f"people/{person.pk}").json()
    assert item["unit"] == {"id": world.office.pk, "name": "Văn phòng"}
    assert item["position"] == "Chuyên viên"


def test_person_without_assignment(world, api_as):
    person = PersonFactory(agency=world.agency, given_name="Yến")
    item = api_as(world.secretariat, f"people/{person.pk}").json()
    assert item["unit"] is None
    assert item["position"] == ""


@pytest.mark.parametrize("rows", [1, 3])
def test_people_list_query_count(rows, world, client, django_assert_num_queries):
    agency = AgencyFactory()
    units = [UnitFactory(agency=agency) for _ in range(rows)]
    for unit in units:
        staff_in(unit)
    client.force_login(world.admin)
    with django_assert_num_queries(5):  # session, user, role grants, count, page, current assignments
        data = client.get("/api/v1/people", {"agency": agency.pk}).json()
    assert data["count"] == rows
    assert {p["unit"]["id"] for p in data["items"]} == {u.pk for u in units}


@pytest.mark.parametrize("rows", [1, 3])
def test_people_list_query_count_for_an_officer(rows, world, client, django_assert_num_queries):
    for _ in range(rows):
        staff_in(world.team)
    client.force_login(world.officer)
    with django_assert_num_queries(7):  # session, user, grants, lineage, units; count, page, assignments
        data = client.get("/api/v1/people", {"unit": world.team.pk, "subunits": "false"}).json()
    assert data["count"] == rows + 1
