"""GET /api/v1/calendar/working-days: the N-th working day after a date on the caller's agency calendar, exact
fields, Vietnamese 422 per field."""

import datetime as dt

import pytest

from accounts.models import Role
from api.errors import MESSAGES
from tests.factories import account_with_role
from workdays import domain
from workdays.models import Kind

pytestmark = pytest.mark.django_db
PATH = "calendar/working-days"


def day_off(agency, day: dt.date):
    return domain.add_exception(
        actor=None, agency=agency, day=day, kind=Kind.OFF, reason="Nghỉ theo thông báo"
    )


def test_the_answer_has_exactly_start_days_and_end(world, api_as):
    response = api_as(world.staff, PATH, start="2026-02-13", days=1)

    assert response.status_code == 200
    assert response.json() == {"start": "2026-02-13", "days": 1, "end": "2026-02-23"}


@pytest.mark.parametrize(
    ("start", "days", "end"),
    [
        ("2026-04-24", 5, "2026-05-06"),  # skips the weekend, 27/04, 30/04 and 01/05
        ("2025-04-25", 1, "2025-04-26"),  # the swapped Saturday is worked
        ("2025-04-30", 1, "2025-05-05"),  # 01/05 and 02/05/2025 off, then the weekend
    ],
)
def test_the_national_calendar(world, api_as, start, days, end):
    assert api_as(world.staff, PATH, start=start, days=days).json()["end"] == end


def test_the_caller_agency_exceptions_count(world, api_as):
    day_off(world.agency, dt.date(2026, 2, 23))

    assert api_as(world.staff, PATH, start="2026-02-13", days=1).json()["end"] == "2026-02-24"
    outsider = account_with_role(Role.STAFF, person=world.other_person, username="nhanvien_khac")
    assert api_as(outsider, PATH, start="2026-02-13", days=1).json()["end"] == "2026-02-23"


def test_an_account_of_no_agency_counts_on_the_national_calendar(world, api_as):
    day_off(world.agency, dt.date(2026, 2, 23))

    assert api_as(world.admin, PATH, start="2026-02-13", days=1).json()["end"] == "2026-02-23"


def test_366_working_days(world, api_as):
    data = api_as(world.staff, PATH, start="2026-01-01", days=366).json()

    assert data == {"start": "2026-01-01", "days": 366, "end": "2027-06-25"}


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        (
            {"start": "2026-02-30", "days": 5},
            "start",
            "Không phải một ngày có thật theo định dạng YYYY-MM-DD (ví dụ 2026-04-30).",
        ),
        (
            {"start": "13/02/2026", "days": 5},
            "start",
            "Không phải một ngày có thật theo định dạng YYYY-MM-DD",
        ),
        ({"start": "1900-01-01", "days": 5}, "start", "Ngày phải thuộc các năm từ 1945 đến 2100."),
        (
            {"start": "2026-02-13", "days": 0},
            "days",
            "Giá trị nhỏ hơn mức tối thiểu cho phép: phải từ 1 trở lên.",
        ),
        (
            {"start": "2026-02-13", "days": 367},
            "days",
            "Giá trị lớn hơn mức tối đa cho phép: phải từ 366 trở xuống.",
        ),
        ({"start": "2026-02-13", "days": "năm"}, "days", "Phải là một số nguyên."),
        ({"days": 5}, "start", "Thiếu trường bắt buộc này."),
        ({"start": "2026-02-13"}, "days", "Thiếu trường bắt buộc này."),
    ],
)
def test_bad_input_is_refused_in_vietnamese_per_field(world, api_as, params, field, message):
    response = api_as(world.staff, PATH, **params)

    assert response.status_code == 422
    data = response.json()
    assert data["detail"] == MESSAGES[422]
    assert [(error["loc"], error["msg"][: len(message)]) for error in data["errors"]] == [
        (["query", field], message)
    ]


def test_both_bad_fields_are_named_at_once(world, api_as):
    data = api_as(world.staff, PATH, start="2026-02-30", days=367).json()

    assert sorted(error["loc"][-1] for error in data["errors"]) == ["days", "start"]


def test_without_a_token_the_answer_is_401(client, db):
    response = client.get(f"/api/v1/{PATH}", {"start": "2026-02-13", "days": 1})

    assert response.status_code == 401
    assert response.json() == {"detail": MESSAGES[401]}


@pytest.mark.parametrize("count", [1, 3])
def test_the_queries_do_not_grow_with_the_exceptions(world, client, bearer, django_assert_num_queries, count):
    for n in range(count):
        day_off(world.agency, dt.date(2026, 3, 2 + n))
    headers = bearer(world.staff)
    client.get(f"/api/v1/{PATH}", {"start": "2026-02-13", "days": 1}, **headers)  # the scope is cached

    # the token with its account, her agency, the agency's exceptions of the window
    with django_assert_num_queries(3):
        response = client.get(f"/api/v1/{PATH}", {"start": "2026-02-27", "days": 10}, **headers)

    assert response.json()["end"] == {1: "2026-03-16", 3: "2026-03-18"}[count]
