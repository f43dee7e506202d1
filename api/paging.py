"""Paging for every list endpoint: `?limit=` (default 50, at most API_PAGE_MAX) and `?offset=`.

Use it as

    @router.get("", response=list[ThingOut])
    @paged
    def list_things(request, ...):
        return things_for_user(request.auth).order_by(...)   # a queryset, in a stable order

and the endpoint answers {"items": [...], "count": N}, where count is the number of matching objects. An
offset at or past the end answers an empty page without asking the database for it (an offset near 2^63
would overflow OFFSET + LIMIT).
"""

from django.conf import settings
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from .schemas import Offset


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
        count = queryset.count()
        if pagination.offset >= count:
            return {"items": [], "count": count}
        window = queryset[pagination.offset : pagination.offset + pagination.limit]
        return {"items": list(window), "count": count}


paged = paginate(Paging)
