"""Ids and offsets are positive 63-bit integers (issue 11, finding 1): one past the largest is refused with
422 in Vietnamese, not 500; the largest itself answers normally, without overflowing the database."""

import pytest

from api.errors import MESSAGES
from api.schemas import MAX_BIGINT

TOO_BIG = MAX_BIGINT + 1  # 9223372036854775808, the penetration test's number
LISTS = [
    "agencies",
    "units",
    "people",
    "documents",
    "movements",
    "registrations",
    "initiatives",
    "exemplary-models",
    "council-meetings",
]
ID_FILTERS = [
    ("units", "agency"), ("people", "unit"), ("people", "agency"), ("registrations", "movement"),
    ("registrations", "unit"), ("initiatives", "movement"), ("initiatives", "unit"),
    ("exemplary-models", "movement"), ("due", "agency"), ("due", "unit"),
]  # fmt: skip
DETAILS = [
    ("agencies/{}", "agency_id"), ("units/{}", "unit_id"), ("people/{}", "person_id"),
    ("documents/{}", "document_id"), ("documents/{}/pdf", "document_id"),
    ("documents/{}/docx", "document_id"),
    ("documents/1/attachments/{}", "attachment_id"), ("movements/{}", "movement_id"),
    ("registrations/{}", "registration_id"), ("initiatives/{}", "initiative_id"),
    ("exemplary-models/{}", "model_id"), ("council-meetings/{}", "meeting_id"),
]  # fmt: skip


def refused(response, *loc) -> bool:
    data = response.json()
    return (
        response.status_code == 422
        and data["detail"] == MESSAGES[422]
        and [error["loc"] for error in data["errors"]] == [list(loc)]
        and data["errors"][0]["msg"].startswith("Giá trị")
    )


@pytest.mark.parametrize("path", LISTS)
def test_an_offset_past_63_bits_is_422_in_vietnamese(world, api_as, path):
    response = api_as(world.admin, path, offset=TOO_BIG)
    assert refused(response, "query", "offset")
    assert response.json()["errors"][0]["msg"] == (
        "Giá trị lớn hơn mức tối đa cho phép: phải từ 9223372036854775807 trở xuống."
    )


@pytest.mark.parametrize("path", [*LISTS, "due"])
def test_the_largest_offset_is_an_empty_page(world, api_as, path):
    data = api_as(world.admin, path, offset=MAX_BIGINT).json()
    assert data["items"] == []
    assert data["count"] == api_as(world.admin, path).json()["count"]


@pytest.mark.parametrize(("path", "name"), ID_FILTERS)
def test_an_id_filter_past_63_bits_or_below_1_is_422(world, api_as, path, name):
    assert refused(api_as(world.admin, path, **{name: TOO_BIG}), "query", name)
    assert refused(api_as(world.admin, path, **{name: 0}), "query", name)


@pytest.mark.parametrize(("path", "name"), ID_FILTERS[:8])
def test_the_largest_id_filter_finds_nothing(world, api_as, path, name):
    assert api_as(world.admin, path, **{name: MAX_BIGINT}).json() == {"items": [], "count": 0}


@pytest.mark.parametrize(("path", "name"), DETAILS)
def test_a_path_id_past_63_bits_is_422_and_the_largest_is_404(world, api_as, path, name):
    assert refused(api_as(world.admin, path.format(TOO_BIG)), "path", name)
    response = api_as(world.admin, path.format(MAX_BIGINT))
    assert (response.status_code, response.json()) == (404, {"detail": MESSAGES[404]})
