"""The calendar screen: everyone of the agency reads it; its system administrators add and remove exceptions
(permission before the form), with Vietnamese errors per field; the counter answers as an htmx partial."""

import datetime as dt

import pytest
from django.urls import reverse

from activity.models import ActivityLog
from workdays import domain
from workdays.models import DayException, Kind

pytestmark = pytest.mark.django_db
D = dt.date
CALENDAR = reverse("workdays:calendar")
ADD = reverse("workdays:exception_add")
COUNT = reverse("workdays:count")
REASON = "Nghỉ theo thông báo của UBND tỉnh"


def add_url(agency, year=2026) -> str:
    return f"{ADD}?agency={agency.pk}&year={year}"


def remove_url(exception) -> str:
    return reverse("workdays:exception_remove", args=[exception.pk])


MONDAY = D(2026, 3, 9)


def recorded(agency, day=MONDAY, kind=Kind.OFF, reason=REASON):
    return domain.add_exception(actor=None, agency=agency, day=day, kind=kind, reason=reason)


def rows():
    return list(DayException.objects.values_list("agency_id", "day", "kind", "reason"))


def form_errors(response) -> dict:
    return {name: list(errors) for name, errors in response.context["form"].errors.items()}


# --- reading ---------------------------------------------------------------------------------------------


def test_staff_read_the_year_of_their_agency(world, login):
    recorded(world.agency, D(2025, 3, 10), reason="Ngày thành lập tỉnh")

    response = login(world.staff).get(CALENDAR, {"year": 2025})

    html = response.content.decode()
    assert response.context["agency"] == world.agency
    assert [entry.day for entry in response.context["national"]][:2] == [D(2025, 1, 1), D(2025, 1, 27)]
    assert "Ngày nghỉ (thay cho ngày 26/04/2025)" in html
    assert "26/04/2025" in html and "02/05/2025" in html
    assert [exception.reason for exception in response.context["exceptions"]] == ["Ngày thành lập tỉnh"]
    assert 'data-testid="exception-form"' not in html
    assert f'href="?agency={world.agency.pk}&amp;year=2024"' in html
    assert f'href="?agency={world.agency.pk}&amp;year=2026"' in html


def test_the_year_switch_stops_at_2017_and_next_year(world, login):
    client = login(world.staff)

    first = client.get(CALENDAR, {"year": 2017}).context
    last = client.get(CALENDAR, {"year": domain.last_year()}).context
    outside = client.get(CALENDAR, {"year": 2016}).context

    assert (first["previous_year"], first["next_year"]) == (None, 2018)
    assert (last["previous_year"], last["next_year"]) == (domain.last_year() - 1, None)
    assert outside["year"] == domain.last_year() - 1  # a year out of range shows this year


def test_another_agency_calendar_is_not_found(world, login):
    response = login(world.staff).get(CALENDAR, {"agency": world.other_agency.pk})

    assert response.status_code == 404


def test_the_menu_links_to_the_calendar(world, login):
    html = login(world.staff).get(reverse("home")).content.decode()

    assert f'href="{CALENDAR}"' in html


def test_the_administrator_sees_the_form_and_the_remove_buttons(world, login, agency_admin):
    exception = recorded(world.agency)

    html = login(agency_admin).get(CALENDAR, {"year": 2026}).content.decode()

    assert 'data-testid="exception-form"' in html
    assert f'action="{add_url(world.agency)}"'.replace("&", "&amp;") in html
    assert f'action="{remove_url(exception)}"' in html


@pytest.mark.parametrize("count", [1, 3])
def test_the_page_queries_do_not_grow_with_the_exceptions(
    world, login, agency_admin, django_assert_num_queries, count
):
    for n in range(count):
        domain.add_exception(
            actor=agency_admin, agency=world.agency, day=D(2026, 3, 9 + n), kind=Kind.OFF, reason=REASON
        )
    client = login(agency_admin)
    client.get(CALENDAR)  # the session and the scope are kept from here on

    # account, agencies of the choice, her agency, the year's exceptions with who recorded them (the session
    # and the scope are cached)
    with django_assert_num_queries(4):
        response = client.get(CALENDAR, {"year": 2026})

    assert len(response.context["exceptions"]) == count


# --- adding and removing ---------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["staff", "secretariat", "leader", "officer"])
def test_others_may_not_add_and_nothing_is_saved(world, login, persona):
    response = login(getattr(world, persona)).post(
        add_url(world.agency), {"day": "09/03/2026", "kind": "off", "reason": REASON}
    )

    assert response.status_code == 403
    assert rows() == []


def test_an_empty_form_from_staff_is_refused_before_it_is_read(world, login):
    response = login(world.staff).post(add_url(world.agency), {})

    assert response.status_code == 403
    assert b"errorlist" not in response.content


def test_an_administrator_adds_an_exception(world, login, agency_admin):
    response = login(agency_admin).post(
        add_url(world.agency), {"day": "09/03/2026", "kind": "off", "reason": REASON}
    )

    assert response.status_code == 302
    assert response["Location"] == f"{CALENDAR}?agency={world.agency.pk}&year=2026"
    assert rows() == [(world.agency.pk, D(2026, 3, 9), "off", REASON)]
    log = ActivityLog.objects.get(action="workdays.exception.added")
    assert (log.actor, log.agency) == (agency_admin, world.agency)


def test_an_administrator_removes_an_exception(world, login, agency_admin):
    exception = recorded(world.agency)

    response = login(agency_admin).post(remove_url(exception))

    assert response.status_code == 302
    assert rows() == []
    log = ActivityLog.objects.get(action="workdays.exception.removed")
    assert (log.actor, log.agency, log.target_id) == (agency_admin, world.agency, str(exception.pk))


@pytest.mark.parametrize("persona", ["staff", "secretariat"])
def test_others_may_not_remove(world, login, persona):
    exception = recorded(world.agency)

    response = login(getattr(world, persona)).post(remove_url(exception))

    assert response.status_code == 403
    assert len(rows()) == 1
    assert not ActivityLog.objects.filter(action="workdays.exception.removed").exists()


def test_an_exception_of_another_agency_is_not_found(world, login, agency_admin):
    exception = recorded(world.other_agency)

    response = login(agency_admin).post(remove_url(exception))

    assert response.status_code == 404
    assert len(rows()) == 1


def test_a_second_exception_on_the_same_day_is_refused_in_vietnamese(world, login, agency_admin):
    recorded(world.agency)

    response = login(agency_admin).post(
        add_url(world.agency), {"day": "09/03/2026", "kind": "off", "reason": "Lý do khác"}
    )

    assert response.status_code == 200
    assert form_errors(response) == {
        "day": [
            "Cơ quan đã có ngoại lệ vào ngày 09/03/2026: hãy xoá ngoại lệ đó trước khi ghi ngoại lệ khác."
        ]
    }
    assert rows() == [(world.agency.pk, D(2026, 3, 9), "off", REASON)]
    assert ActivityLog.objects.filter(action="workdays.exception.added").count() == 1  # the first one's


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (
            {"day": "30/02/2026", "kind": "off", "reason": REASON},
            {"day": ["Hãy nhập một ngày có thật theo dạng dd/mm/yyyy, ví dụ 30/04/2026."]},
        ),
        (
            {"day": "09/03/2026", "kind": "off", "reason": ""},
            {"reason": ["Hãy nhập lý do: thông báo hoặc ngày nghỉ của địa phương làm căn cứ cho ngoại lệ."]},
        ),
        (
            {"day": "", "kind": "off", "reason": REASON},
            {"day": ["Hãy nhập ngày."]},
        ),
    ],
)
def test_bad_input_is_refused_per_field_in_vietnamese(world, login, agency_admin, data, errors):
    response = login(agency_admin).post(add_url(world.agency), data)

    assert response.status_code == 200
    assert form_errors(response) == errors
    assert rows() == []


# --- the counter -----------------------------------------------------------------------------------------


def test_the_counter_answers_an_htmx_partial(world, login):
    response = login(world.staff).get(
        COUNT, {"agency": world.agency.pk, "start": "13/02/2026", "days": 1}, HTTP_HX_REQUEST="true"
    )

    html = response.content.decode()
    assert "<strong>Thứ 2 23/02/2026</strong>" in html
    assert "<html" not in html and 'id="count-result"' in html


def test_the_counter_uses_the_agency_calendar(world, login):
    recorded(world.agency, D(2026, 2, 23))

    response = login(world.staff).get(COUNT, {"start": "13/02/2026", "days": 1}, HTTP_HX_REQUEST="true")

    assert "<strong>Thứ 3 24/02/2026</strong>" in response.content.decode()


def test_the_counter_without_htmx_shows_the_whole_page(world, login):
    response = login(world.staff).get(CALENDAR, {"start": "24/04/2026", "days": 5})

    assert response.context["counted"] == D(2026, 5, 6)
    assert "06/05/2026" in response.content.decode()
    assert "<html" in response.content.decode()


def test_the_counter_refuses_a_bad_number_in_vietnamese(world, login):
    response = login(world.staff).get(COUNT, {"start": "13/02/2026", "days": 0}, HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert "Phải tính ít nhất 1 ngày làm việc." in html
    assert "<strong>" not in html
