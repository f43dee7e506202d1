"""Values computed from the database and kept in Django's cache until what they were computed from changes.

A *version* names what a kept value depends on — "organisations" (agencies and units), "grants:12" (the role
grants of account 12), "inbox:12" (her notifications). Its token lives in the cache; `bump(name)` throws the
token away whenever that data changes, and the next reader draws a new random one. A value is kept under the
tokens read *before* it was computed (`remember`), so no value is ever filed under a token newer than its
data:

- `bump` throws the token away at once (the next request of the same process sees the change even before
  the commit, as tests do) and again after the commit: a value computed by a concurrent request from the data
  as it was before the commit is filed under a token nobody reads any more;
- a token evicted from the cache (the file cache culls) is replaced by a new random one: the values filed
  under the old one are not read again — eviction costs a recomputation, never a stale value.

Invalidation holds across processes as far as the cache is shared: the file cache (the default) is shared by
the processes of one machine; several application servers must share one cache (THIDUA_CACHE_URL).
"""

import uuid
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db import connection, transaction

PREFIX = "thidua:version:"
_MISSING = object()


def _keys(names: Iterable[str]) -> list[str]:
    return [PREFIX + name for name in names]


def tokens(*names: str) -> tuple[str, ...] | None:
    """The current tokens of `names` (drawing new ones for those not in the cache); None when a token could
    not be read back (the cache refuses or culls at once): the caller then computes without keeping."""
    keys = _keys(names)
    found = cache.get_many(keys)
    for key in keys:
        if found.get(key) is None:
            cache.add(key, uuid.uuid4().hex[:16], timeout=None)
            found[key] = cache.get(key)  # another process may have drawn first: read the winner's
            if found[key] is None:
                return None
    return tuple(found[key] for key in keys)


def bump(*names: str) -> None:
    """`names` changed: their kept values are not read again — now, and again after the commit."""
    keys = _keys(names)
    if not keys:
        return
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def may_keep() -> bool:
    """Values may be kept only when computed outside a transaction: one computed inside may read changes that
    are rolled back later, after the immediate bump made its token current (the test case's own transaction
    does not count: tests roll back everything at the end and start with an empty cache)."""
    return not any(not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


def remember(key: str, names: Iterable[str], compute: Callable, *, timeout: int | None = 3600):
    """`compute()`, kept in the cache under `key` and the current tokens of `names` for `timeout` seconds
    (None: until evicted or the versions change); inside a transaction it is computed and not kept."""
    stamp = tokens(*names) if may_keep() else None
    if stamp is None:
        return compute()
    full_key = f"thidua:{key}:{':'.join(stamp)}"
    value = cache.get(full_key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(full_key, value, timeout)
    return value
