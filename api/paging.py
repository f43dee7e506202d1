"""Paging for every list endpoint: `?limit=` (default 50, at most API_PAGE_MAX) and `?offset=`.

Use it as

    @router.get("", response=list[ThingOut])
    @paged
    def list_things(request, ...):
        return things_for_user(request.auth).order_by(...)   # a queryset, in a stable order

and the endpoint answers {"items": [...], "count": N}, where count is the number of matching objects. An
offset at or past the end answers an empty page without asking the database for it (an offset near 2^63
would overflow OFFSET + LIMIT).

A list that may hold a province's hundred thousand rows (the documents) uses `@paged_capped` instead: its
count stops at settings.LIST_COUNT_CAP (lib.counting) and the answer says whether it is exact:
{"items": [...], "count": 10000, "count_exact": false} — more than 10 000 match, and the offset still walks
past them. The endpoint may return a lib.counting.Counted (its items and their count, known already).
With `@paged` it may return a Prepared(queryset, prepare): prepare(objects) is called with the page's objects.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from lib.counting import Counted, capped_count

from .schemas import MAX_BIGINT, Offset


@dataclass(frozen=True)
class Prepared:
    """A list endpoint's queryset and a function called with the objects of the page once read (one query
    for what they show: e.g. their rows of a related table read with values(), no model per row)."""

    items: object
    prepare: Callable[[list], None]


class Paging(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(
            settings.NINJA_PAGINATION_PER_PAGE,
            ge=1,
            le=settings.API_PAGE_MAX,
            description=f"Number of items per page (1–{settings.API_PAGE_MAX}).",
        )
        offset: Offset = Field(0, description="Number of items to skip.")

    class Output(Schema):
        items: list
        count: int = Field(description="Number of matching items in all pages.")

    def __init__(self, **kwargs):
        super().__init__(max_limit=settings.API_PAGE_MAX, **kwargs)

    def paginate_queryset(self, queryset, pagination, request, **params):
        queryset, prepare = (
            (queryset.items, queryset.prepare) if isinstance(queryset, Prepared) else (queryset, None)
        )
        count = queryset.count()
        if pagination.offset >= count:
            return {"items": [], "count": count}
        items = list(queryset[pagination.offset : pagination.offset + pagination.limit])
        if prepare is not None:
            prepare(items)
        return {"items": items, "count": count}


paged = paginate(Paging)


class CappedPaging(Paging):
    class Output(Schema):
        items: list
        count: int = Field(
            description="Number of matching items in all pages, counted up to a cap (10 000; 1 000 with q)."
        )
        count_exact: bool = Field(
            description="False when more items than `count` match (the count stops there); offsets go on."
        )

    def paginate_queryset(self, queryset, pagination, request, **params):
        if isinstance(queryset, Counted):
            queryset, counted, cap = queryset.items, queryset.counted, queryset.cap
        else:
            cap = settings.LIST_COUNT_CAP
            counted = capped_count(queryset, cap)
        count, exact = min(counted, cap), counted <= cap
        end = pagination.offset + pagination.limit
        if (exact and pagination.offset >= count) or end > MAX_BIGINT:
            return {"items": [], "count": count, "count_exact": exact}
        return {"items": list(queryset[pagination.offset : end]), "count": count, "count_exact": exact}


paged_capped = paginate(CappedPaging)
