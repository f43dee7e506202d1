import pytest

from people.models import UnitHead
from tests.factories import AgencyFactory, UnitFactory, staff_in


def test_agencies_list_shape(world, api_as):
    world.agency.code = "000.00.01.H55"
    world.agency.parent = world.other_agency
    world.agency.save()
    data = api_as(world.admin, "agencies").json()
    assert data["count"] == 2
    first = next(a for a in data["items"] if a["id"] == world.agency.pk)
    assert first == {
        "id": world.agency.pk, "name": "Sở Thử nghiệm", "short_name": "SỞ THỬ NGHIỆM", "kind": "department",
        "symbol": "STN", "code": "000.00.01.H55", "place_name": "Sóc Trăng",
        "parent": {"id": world.other_agency.pk, "name": "Sở Khác"}, "successor": None,
        "valid_from": "2008-01-01", "valid_to": None,
    }  # fmt: skip


def test_agencies_are_scoped_like_the_screens(world, api_as):
    assert [a["id"] for a in api_as(world.officer, "agencies").json()["items"]] == [world.agency.pk]
    assert [a["id"] for a in api_as(world.staff, "agencies").json()["items"]] == [world.agency.pk]
    assert api_as(world.admin, "agencies").json()["count"] == 2


def test_agency_detail_and_other_agency_404(world, api_as):
    own = api_as(world.officer, f"agencies/{world.agency.pk}")
    other = api_as(world.officer, f"agencies/{world.other_agency.pk}")
    assert own.json()["symbol"] == "STN"
    assert other.status_code == 404
    assert "Không tìm thấy" in other.json()["detail"]


def test_units_list_shape(world, api_as):
    UnitHead.objects.update_or_create(unit=world.division, defaults={"person": world.division_person})
    data = api_as(world.leader, "units").json()
    assert data["count"] == 3
    team = next(u for u in data["items"] if u["id"] == world.team.pk)
    assert team == {
        "id": world.team.pk, "name": "Tổ Kế hoạch", "symbol": "TKH", "kind": "division",
        "agency": {"id": world.agency.pk, "name": "Sở Thử nghiệm"},
        "parent": {"id": world.division.pk, "name": "Phòng Kế hoạch"}, "head": None, "position": 0,
        "successor": None, "valid_from": "2008-01-01", "valid_to": None,
    }  # fmt: skip
    division = next(u for u in data["items"] if u["id"] == world.division.pk)
    assert division["head"] == {"id": world.division_person.pk, "name": "Lê Văn Minh"}


def test_units_filter_by_agency(world, api_as):
    mine = api_as(world.admin, "units", agency=world.other_agency.pk).json()
    hidden = api_as(world.officer, "units", agency=world.other_agency.pk).json()
    assert [u["id"] for u in mine["items"]] == [world.other_unit.pk]
    assert mine["count"] == 1
    assert hidden == {"items": [], "count": 0}


def test_unit_detail_scoped(world, api_as):
    own = api_as(world.staff, f"units/{world.team.pk}")
    other = api_as(world.staff, f"units/{world.other_unit.pk}")
    assert own.json()["parent"] == {"id": world.division.pk, "name": "Phòng Kế hoạch"}
    assert other.status_code == 404
    assert other.json()["detail"].startswith("Không")


@pytest.mark.parametrize("rows", [1, 3])
def test_agencies_list_query_count(rows, world, client, django_assert_num_queries):
    for _ in range(rows):
        AgencyFactory(parent=world.agency, successor=world.other_agency)
    client.force_login(world.admin)
    with django_assert_num_queries(4):  # session, user, role grants, count, page
        data = client.get("/api/v1/agencies").json()
    assert data["count"] == rows + 2


@pytest.mark.parametrize("rows", [1, 3])
def test_units_list_query_count(rows, world, client, django_assert_num_queries):
    agency = AgencyFactory()
    parent = UnitFactory(agency=agency)
    for _ in range(rows):
        unit = UnitFactory(agency=agency, parent=parent)
        UnitHead.objects.update_or_create(unit=unit, defaults={"person": staff_in(unit)})
    client.force_login(world.admin)
    with django_assert_num_queries(4):  # session, user, role grants, count, page
        data = client.get("/api/v1/units", {"agency": agency.pk}).json()
    assert data["count"] == rows + 1
