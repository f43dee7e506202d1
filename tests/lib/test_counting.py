"""lib.counting: a count that stops at a cap, and the paginator that shows "more than" it."""

import pytest

from lib.counting import CappedPaginator, capped_count
from organisations.models import Agency
from tests.factories import AgencyFactory


@pytest.fixture
def agencies(db):
    AgencyFactory.create_batch(7)
    return Agency.objects.order_by("pk")


def test_the_count_is_exact_up_to_the_cap_and_one_more_beyond(agencies, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert capped_count(agencies, 5) == 6
    assert capped_count(agencies, 7) == 7
    assert capped_count(agencies, 100) == 7
    assert capped_count(agencies.filter(pk__lt=0), 5) == 0


def test_below_the_cap_the_paginator_is_django_s(agencies):
    paginator = CappedPaginator(agencies, 3, cap=10)
    assert (paginator.count, paginator.is_capped, paginator.num_pages) == (7, False, 3)
    assert len(paginator.page(3)) == 1


def test_past_the_cap_the_pages_go_up_to_it_and_are_full(agencies, settings):
    settings.LIST_COUNT_CAP = 4
    paginator = CappedPaginator(agencies, 3)
    assert (paginator.count, paginator.is_capped, paginator.num_pages) == (4, True, 2)
    last = paginator.get_page(9)  # clamped to the last page
    assert last.number == 2 and not last.has_next()
    assert list(last) == list(agencies[3:6])  # full: the rows go on past the cap


def test_a_count_known_already_is_not_asked_again(agencies, django_assert_num_queries):
    paginator = CappedPaginator(agencies, 3, cap=5, counted=6)
    with django_assert_num_queries(1):  # the page only
        page = paginator.page(1)
        assert (paginator.count, paginator.is_capped, len(page)) == (5, True, 3)
