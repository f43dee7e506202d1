"""GET /api/v1/due: the groups of the "who is due" screen, paged, scoped like the screen, as an integrator
reads them with a Bearer token — and every address in the answer answers too."""

import datetime as dt

import pytest
from django.utils import timezone

from awards.checks import describe_criterion
from awards.due import who_is_due
from awards.models import DueSnapshot
from people import domain as people
from people.models import Assignment, Person, QualityRating, Rating
from tests.factories import AgencyFactory, staff_in

pytestmark = pytest.mark.django_db
THIS_YEAR = timezone.localdate().year
D = dt.date
LDTT, TTLDTT = "lao-dong-tien-tien", "tap-the-lao-dong-tien-tien"


def rate(person, year=2025, rating=Rating.GOOD):
    QualityRating.objects.create(person=person, year=year, rating=rating)


@pytest.fixture
def rated(world):
    for person in (world.office_person, world.division_person, world.team_person):
        rate(person)
    people.record_unit_rating(actor=None, unit=world.division, year=2025, rating=Rating.GOOD)
    return world


def urls_in(value) -> list[str]:
    """Every address of an answer (keys ending in "url"), wherever it sits."""
    if isinstance(value, dict):
        found = [v for k, v in value.items() if k.endswith("url") and v]
        return found + [u for v in value.values() for u in urls_in(v)]
    if isinstance(value, list):
        return [u for v in value for u in urls_in(v)]
    return []


def test_the_answer_gives_the_screens_groups(rated, api_as):
    data = api_as(rated.secretariat, "due", year=2025).json()

    expected = [
        (due.award.code, group, row.subject.pk)
        for due in who_is_due(agency=rated.agency, year=2025)
        for group in ("eligible", "one_step", "deferred")
        for row in getattr(due, group)
    ]
    got = [(i["award"]["code"], i["group"], i["subject"]["id"]) for i in data["items"]]
    assert got == expected[:50] and data["count"] == len(expected)
    assert (data["year"], data["forecast"], data["rule_set"]["code"]) == (2025, False, "2025-07")
    assert data["agency"]["id"] == rated.agency.pk
    collective = next(i for i in data["items"] if i["award"]["code"] == TTLDTT)
    assert collective == {
        "award": {"code": TTLDTT, "name": "Tập thể lao động tiên tiến", "subject": "collective"},
        "group": "eligible",
        "subject": {
            "id": rated.division.pk,
            "name": "Phòng Kế hoạch",
            "url": f"/api/v1/units/{rated.division.pk}",
            "kind": "collective",
            "staff_code": "",
        },
        "unit": {
            "id": rated.division.pk,
            "name": "Phòng Kế hoạch",
            "url": f"/api/v1/units/{rated.division.pk}",
        },
        "over_cap": False,
        "missing": [],
    }


def test_one_step_says_what_is_missing_in_words(world, api_as):
    data = api_as(world.secretariat, "due", year=2025, award=TTLDTT).json()

    assert {i["award"]["code"] for i in data["items"]} == {TTLDTT}
    item = next(i for i in data["items"] if i["subject"]["id"] == world.division.pk)
    assert item["group"] == "one_step"
    assert {m["code"] for m in item["missing"]} == {"rating-at-least", "members-share"}
    rating = next(m for m in item["missing"] if m["code"] == "rating-at-least")
    assert rating["criterion"] == describe_criterion("rating-at-least", {"rating": "HTTNV"})
    assert rating["message"].startswith("Tập thể chưa có kết quả xếp loại chất lượng năm 2025")
    assert rating["citation"] and rating["deferred"] is False


def test_pages_follow_limit_and_offset(rated, api_as):
    whole = api_as(rated.secretariat, "due", year=2025).json()
    first = api_as(rated.secretariat, "due", year=2025, limit=2).json()
    second = api_as(rated.secretariat, "due", year=2025, limit=2, offset=2).json()

    assert first["items"] + second["items"] == whole["items"][:4]
    assert first["count"] == second["count"] == whole["count"]


def test_a_unit_narrows_the_list_to_it_and_below(rated, api_as):
    data = api_as(rated.secretariat, "due", year=2025, unit=rated.division.pk, award=LDTT).json()

    assert {i["subject"]["id"] for i in data["items"]} == {rated.division_person.pk, rated.team_person.pk}


def test_an_officer_reads_her_units_only(rated, api_as):
    data = api_as(rated.officer, "due", year=2025).json()

    people = {i["subject"]["id"] for i in data["items"] if i["subject"]["kind"] == "individual"}
    assert people and rated.office_person.pk not in people  # a unit's id may equal a person's: kinds apart
    assert {i["unit"]["id"] for i in data["items"]} <= {rated.division.pk, rated.team.pk}
    assert api_as(rated.officer, "due", year=2025, unit=rated.office.pk).status_code == 404


def test_next_year_is_a_forecast(world, api_as):
    data = api_as(world.secretariat, "due", year=THIS_YEAR + 1, award=LDTT).json()

    assert data["forecast"] is True and data["year"] == THIS_YEAR + 1
    assert data["count"] == 3 and {i["group"] for i in data["items"]} == {"one_step"}


def test_every_url_in_the_answer_answers(rated, client, bearer):
    headers = bearer(rated.officer)
    data = client.get("/api/v1/due", {"year": 2025}, **headers).json()
    urls = urls_in(data)
    assert urls and any("/units/" in u for u in urls) and any("/people/" in u for u in urls)

    for url in set(urls):
        response = client.get(url, **headers)
        assert response.status_code == 200, url
        assert response.json()["id"] == int(url.rsplit("/", 1)[1])


def test_a_person_no_longer_within_reach_has_no_url(world, api_as):
    """A person who has since left the officer's unit is listed for the year she was there, without an address
    the officer could not open."""
    leaver = staff_in(world.division, given_name="Vân")
    rate(leaver)
    leaver.assignments.update(end_date=timezone.datetime(2025, 12, 31).date())

    data = api_as(world.officer, "due", year=2025, award=LDTT).json()

    item = next(i for i in data["items"] if i["subject"]["id"] == leaver.pk)
    assert item["subject"]["url"] is None
    assert item["unit"]["url"] == f"/api/v1/units/{world.division.pk}"


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"year": 2010}, "year", f"Năm phải từ 2017 đến {THIS_YEAR + 1}"),
        ({"year": THIS_YEAR + 2}, "year", f"Năm phải từ 2017 đến {THIS_YEAR + 1}"),
        ({"award": "khong-co"}, "award", "Không có danh hiệu hay hình thức khen thưởng mã “khong-co”."),
    ],
)
def test_bad_parameters_are_explained(world, api_as, params, field, message):
    response = api_as(world.secretariat, "due", **params)

    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert error["loc"][-1] == field and error["msg"].startswith(message)


def test_staff_without_a_unit_role_is_refused(world, api_as):
    response = api_as(world.staff, "due")

    assert response.status_code == 403
    assert response.json() == {"detail": "Không có quyền thực hiện thao tác này."}


def test_another_agency_is_out_of_reach_but_the_administrator_may_choose_it(world, api_as):
    rate(world.other_person)

    refused = api_as(world.secretariat, "due", year=2025, agency=world.other_agency.pk)
    chosen = api_as(world.admin, "due", year=2025, agency=world.other_agency.pk, award=LDTT).json()

    assert refused.status_code == 404
    assert chosen["agency"]["id"] == world.other_agency.pk
    assert [i["subject"]["id"] for i in chosen["items"]] == [world.other_person.pk]


def test_a_merged_agency_is_read_through_its_successor(world, api_as):
    successor = AgencyFactory(name="Sở Kế Thừa")
    world.agency.successor = successor
    world.agency.save()

    response = api_as(world.admin, "due", year=2025, agency=world.agency.pk)

    assert response.status_code == 404


@pytest.mark.parametrize("count", [1, 200])
def test_the_query_count_does_not_grow(world, client, bearer, django_assert_num_queries, count):
    headers = bearer(world.secretariat)
    people = Person.objects.bulk_create(
        Person(
            agency=world.agency,
            staff_code=f"NV{n:04d}",
            family_name="Ngô",
            given_name=f"Tên{n:04d}",
            gender="female",
        )
        for n in range(count)
    )
    Assignment.objects.bulk_create(
        Assignment(person=p, unit=world.office, start_date=D(2015, 1, 1)) for p in people
    )
    QualityRating.objects.bulk_create(QualityRating(person=p, year=2025, rating=Rating.GOOD) for p in people)
    client.get(
        "/api/v1/due", {"year": 2025}, **headers
    )  # the list is computed (at once in the tests), stored

    # token, agency (scope; the grants and lineage are cached with the token's scope); the first year of the
    # rules, the award; the versions, the agency's recent lists; the page of rows, their awards, the people,
    # units and agency within reach; the number of rows
    with django_assert_num_queries(12):
        data = client.get("/api/v1/due", {"year": 2025, "award": LDTT, "limit": 100}, **headers).json()

    assert data["count"] == count + 3 and len(data["items"]) == min(count + 3, 100)  # with the world's three
    assert data["stale"] is False and data["computed_at"]


def test_while_the_first_list_is_computed_the_answer_is_202(world, api_as, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # queued for the worker

    response = api_as(world.secretariat, "due", year=2025)

    assert response.status_code == 202 and response["Retry-After"] == "5"
    assert response.json() == {"detail": "Danh sách đang được tính, hãy hỏi lại sau ít giây.", "progress": 0}
    assert DueSnapshot.objects.get().status == "building"


def test_a_list_out_of_date_is_answered_and_said_so(
    world, api_as, settings, django_capture_on_commit_callbacks
):
    first = api_as(world.secretariat, "due", year=2025, award=LDTT).json()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        rate(world.office_person)

    data = api_as(world.secretariat, "due", year=2025, award=LDTT).json()

    assert data["stale"] is True and data["computed_at"] == first["computed_at"]
    assert data["items"] == first["items"]  # the last list, while the new one is computed


def test_the_schema_lists_the_endpoint(openapi):
    schema = openapi

    operation = schema["paths"]["/api/v1/due"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"year", "agency", "unit", "award", "limit", "offset"} <= names
    assert "forecast" in operation["description"]
