import pytest

from tests.factories import PersonFactory


@pytest.fixture
def many(world):
    """55 more people in the test agency (59 visible to the administrator)."""
    return PersonFactory.create_batch(55, agency=world.agency)


def test_default_page_is_50_and_count_is_the_total(world, many, api_as):
    data = api_as(world.admin, "people").json()
    assert len(data["items"]) == 50
    assert data["count"] == 59


def test_limit_and_offset_walk_the_whole_list(world, many, api_as):
    everyone = [p["id"] for p in api_as(world.admin, "people", limit=200).json()["items"]]
    pages = [api_as(world.admin, "people", limit=20, offset=offset).json() for offset in (0, 20, 40)]
    assert [len(p["items"]) for p in pages] == [20, 20, 19]
    assert {p["count"] for p in pages} == {59}
    assert [item["id"] for page in pages for item in page["items"]] == everyone
    assert len(set(everyone)) == 59


def test_offset_past_the_end_is_an_empty_page(world, api_as):
    assert api_as(world.admin, "agencies", offset=10).json() == {"items": [], "count": 2}


@pytest.mark.parametrize("params", [{"limit": 201}, {"limit": 0}, {"offset": -1}, {"limit": "many"}])
def test_invalid_paging_is_422_in_vietnamese(world, api_as, params):
    response = api_as(world.admin, "units", **params)
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Không chấp nhận")
    assert response.json()["errors"][0]["loc"] == ["query", next(iter(params))]


def test_limit_at_the_maximum_is_accepted(world, settings, api_as):
    response = api_as(world.admin, "units", limit=settings.API_PAGE_MAX)
    assert response.json()["count"] == 4
