"""workdays.calendar: Vietnam's working days computed from the `holidays` package, an agency's exceptions on
top, and one query for the exceptions per call."""

import datetime as dt

import pytest

from workdays.calendar import days_off, is_working_day, working_day_after, working_days_between, year_days
from workdays.models import DayException, Kind

pytestmark = pytest.mark.django_db
D = dt.date


def span(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


# --- the national calendar -----------------------------------------------------------------------------


def test_tet_2026_is_five_days_off():
    assert [is_working_day(day) for day in span(D(2026, 2, 13), D(2026, 2, 23))] == [
        True,  # Friday 13/02
        False,  # Saturday
        False,  # Sunday
        *[False] * 5,  # Monday 16/02 to Friday 20/02: Tết
        False,  # Saturday 21/02
        False,  # Sunday 22/02
        True,  # Monday 23/02
    ]


@pytest.mark.parametrize("year", [2025, 2026])
def test_30_april_and_1_may_are_days_off(year):
    assert (is_working_day(D(year, 4, 30)), is_working_day(D(year, 5, 1))) == (False, False)


def test_2025_swaps_saturday_26_april_for_friday_2_may():
    assert (is_working_day(D(2025, 4, 26)), is_working_day(D(2025, 5, 2))) == (True, False)


def test_an_ordinary_week():
    assert [is_working_day(day) for day in span(D(2026, 3, 9), D(2026, 3, 15))] == [True] * 5 + [False] * 2


def test_the_first_working_day_after_the_friday_before_tet_is_the_monday_after_it():
    assert working_day_after(D(2026, 2, 13), 1) == D(2026, 2, 23)


def test_five_working_days_from_friday_24_april_2026_skip_the_weekend_and_the_holidays():
    # 27/04 (Giỗ Tổ, observed), 30/04 and 01/05 are off: 28, 29/04, 04, 05, 06/05 are counted
    assert working_day_after(D(2026, 4, 24), 5) == D(2026, 5, 6)
    assert [working_day_after(D(2026, 4, 24), n) for n in range(1, 6)] == [
        D(2026, 4, 28),
        D(2026, 4, 29),
        D(2026, 5, 4),
        D(2026, 5, 5),
        D(2026, 5, 6),
    ]


def test_the_swapped_saturday_counts_as_a_working_day():
    # Friday 25/04/2025 → Saturday 26/04 (worked) → Monday 28/04
    assert working_day_after(D(2025, 4, 25), 1) == D(2025, 4, 26)
    assert working_day_after(D(2025, 4, 25), 2) == D(2025, 4, 28)


def test_working_days_between_counts_the_days_after_start_up_to_end():
    assert working_days_between(D(2026, 2, 13), D(2026, 2, 23)) == 1
    assert working_days_between(D(2026, 4, 24), D(2026, 5, 6)) == 5
    assert working_days_between(D(2026, 4, 24), D(2026, 4, 24)) == 0
    assert working_days_between(D(2026, 5, 6), D(2026, 4, 24)) == 0


def test_working_day_after_needs_at_least_one_day():
    with pytest.raises(ValueError):
        working_day_after(D(2026, 1, 5), 0)


def test_a_year_of_working_days_agrees_with_counting_day_by_day(django_assert_num_queries):
    start = D(2026, 1, 1)

    with django_assert_num_queries(0):
        end = working_day_after(start, 366)

    days = span(start + dt.timedelta(days=1), end)
    assert sum(is_working_day(day) for day in days) == 366
    assert is_working_day(end)
    assert working_days_between(start, end) == 366


# --- an agency's exceptions ------------------------------------------------------------------------------


def test_a_day_off_of_the_agency_shifts_the_answer(world, exception_of):
    exception_of(world.agency, D(2026, 2, 23))

    assert working_day_after(D(2026, 2, 13), 1, agency=world.agency) == D(2026, 2, 24)
    assert working_day_after(D(2026, 2, 13), 1, agency=world.other_agency) == D(2026, 2, 23)
    assert working_day_after(D(2026, 2, 13), 1) == D(2026, 2, 23)
    assert working_days_between(D(2026, 2, 13), D(2026, 2, 24), agency=world.agency) == 1


def test_a_working_saturday_of_the_agency_counts(world, exception_of):
    exception_of(world.agency, D(2026, 2, 21), Kind.WORK, "Làm bù theo thông báo của UBND tỉnh")

    assert is_working_day(D(2026, 2, 21), agency=world.agency) is True
    assert working_day_after(D(2026, 2, 13), 1, agency=world.agency) == D(2026, 2, 21)
    assert working_day_after(D(2026, 2, 13), 2, agency=world.agency) == D(2026, 2, 23)


def test_the_agency_may_work_a_national_holiday_and_rest_on_a_swapped_saturday(world, exception_of):
    exception_of(world.agency, D(2026, 2, 20), Kind.WORK, "Trực Tết")
    exception_of(world.agency, D(2025, 4, 26), Kind.OFF, "Không làm bù")

    assert is_working_day(D(2026, 2, 20), agency=world.agency) is True
    assert is_working_day(D(2025, 4, 26), agency=world.agency) is False
    assert is_working_day(D(2026, 2, 20)) is False  # the national calendar is untouched
    assert is_working_day(D(2025, 4, 26)) is True


def test_the_agency_may_be_given_by_its_id(world, exception_of):
    exception_of(world.agency, D(2026, 2, 23))

    assert working_day_after(D(2026, 2, 13), 1, agency=world.agency.pk) == D(2026, 2, 24)


def test_each_call_reads_the_exceptions_in_one_query(world, exception_of, django_assert_num_queries):
    for day in (D(2026, 2, 23), D(2026, 3, 2), D(2026, 6, 1)):
        exception_of(world.agency, day)

    with django_assert_num_queries(1):
        end = working_day_after(D(2026, 1, 1), 366, agency=world.agency)
    with django_assert_num_queries(1):
        counted = working_days_between(D(2026, 1, 1), end, agency=world.agency)
    with django_assert_num_queries(1):
        is_working_day(D(2026, 2, 23), agency=world.agency)

    assert counted == 366
    assert end == working_day_after(D(2026, 1, 1), 369)  # three national working days taken off


def test_a_long_closure_beyond_the_first_window_is_still_counted(world):
    """Should the agency's days off outlast the window first read, the window widens: the answer is right."""
    closed = [day for day in span(D(2026, 3, 2), D(2026, 6, 30)) if is_working_day(day)]
    DayException.objects.bulk_create(
        DayException(agency=world.agency, day=day, kind=Kind.OFF, reason="Tạm ngừng hoạt động")
        for day in closed
    )

    assert working_day_after(D(2026, 2, 27), 1, agency=world.agency) == D(2026, 7, 1)


# --- the year's list -------------------------------------------------------------------------------------


def test_days_off_names_the_weekdays_off_and_marks_the_swapped_saturday():
    listed = dict(days_off(2025))

    assert listed[D(2025, 5, 2)] == "Ngày nghỉ (thay cho ngày 26/04/2025)"
    assert listed[D(2025, 1, 29)] == "Tết Nguyên Đán"
    assert "02/05/2025" in listed[D(2025, 4, 26)]  # worked in place of Friday 02/05
    assert D(2025, 2, 1) not in listed  # Mùng bốn Tết falls on a Saturday: a weekend day anyway
    assert list(listed) == sorted(listed)
    assert [entry.day for entry in year_days(2025) if entry.working] == [D(2025, 4, 26)]


def test_days_off_of_an_agency_add_its_days_and_drop_the_ones_it_works(
    world, exception_of, django_assert_num_queries
):
    exception_of(world.agency, D(2026, 3, 9), Kind.OFF, "Ngày thành lập tỉnh")
    exception_of(world.agency, D(2026, 2, 20), Kind.WORK, "Trực Tết")
    exception_of(world.agency, D(2026, 2, 21), Kind.WORK, "Làm bù")

    with django_assert_num_queries(1):
        listed = dict(days_off(2026, agency=world.agency))

    assert listed[D(2026, 3, 9)] == "Ngày thành lập tỉnh"
    assert D(2026, 2, 20) not in listed
    assert listed[D(2026, 2, 21)] == "Làm bù"
    assert D(2026, 2, 20) in dict(days_off(2026))
