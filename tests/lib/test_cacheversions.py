"""Values kept in the cache until what they were computed from changes (lib/cacheversions.py)."""

import pytest
from django.core.cache import cache
from django.db import transaction

from lib.cacheversions import PREFIX, bump, may_keep, remember, tokens


class Counter:
    """A computation that counts how often it ran and answers its run number."""

    def __init__(self):
        self.runs = 0

    def __call__(self):
        self.runs += 1
        return self.runs


def test_a_value_is_computed_once_while_its_versions_hold(db):
    compute = Counter()

    first = remember("answer", ["a", "b"], compute)
    again = remember("answer", ["a", "b"], compute)

    assert (first, again, compute.runs) == (1, 1, 1)


def test_bumping_any_of_its_versions_computes_it_again(db):
    compute = Counter()
    remember("answer", ["a", "b"], compute)

    bump("b")
    second = remember("answer", ["a", "b"], compute)
    bump("unrelated")
    third = remember("answer", ["a", "b"], compute)

    assert (second, third, compute.runs) == (2, 2, 2)


def test_a_token_lost_from_the_cache_never_brings_an_old_value_back(db):
    compute = Counter()
    remember("answer", ["a"], compute)

    cache.delete(PREFIX + "a")  # evicted, as the file cache culls
    assert remember("answer", ["a"], compute) == 2
    cache.clear()
    assert remember("answer", ["a"], compute) == 3


def test_tokens_are_shared_and_stable_until_bumped(db):
    first = tokens("x", "y")

    assert tokens("x", "y") == first
    bump("x")
    assert tokens("x", "y")[0] != first[0]
    assert tokens("x", "y")[1] == first[1]


def test_none_is_kept_like_any_value(db):
    calls = []

    def nothing():
        calls.append(1)

    assert remember("nothing", ["a"], nothing) is None
    assert remember("nothing", ["a"], nothing) is None
    assert len(calls) == 1


def test_inside_a_transaction_values_are_computed_not_kept(db):
    """A value computed inside a transaction may read changes rolled back later: it is never kept."""
    compute = Counter()
    with transaction.atomic():
        assert not may_keep()
        assert remember("answer", ["a"], compute) == 1
        assert remember("answer", ["a"], compute) == 2  # nor read: it may be older than the transaction
    assert may_keep()
    assert remember("answer", ["a"], compute) == 3
    assert remember("answer", ["a"], compute) == 3


@pytest.mark.django_db(transaction=True)
def test_bump_forgets_again_after_the_commit():
    """A value computed between the change and its commit (by another request, from the data before the
    commit) is filed under a token the commit throws away."""
    compute = Counter()
    with transaction.atomic():
        bump("a")
        stale = cache.get_many([PREFIX + "a"])  # nothing: thrown away at once
        cache.set(PREFIX + "a", "drawn-before-the-commit", timeout=None)  # a concurrent reader draws one
    assert stale == {}
    assert tokens("a") != ("drawn-before-the-commit",)
    assert remember("answer", ["a"], compute) == 1
