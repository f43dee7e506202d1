"""Counting a long list only as far as a person reads it (issue 12): "hơn 10.000 văn bản" instead of a
COUNT(*) over every row of a province's tables.

- capped_count(queryset, cap): one query, COUNT(*) over a subquery LIMIT cap + 1 — its cost is bounded by
  the cap, whatever the size of the table; the answer is exact up to `cap`, and `cap + 1` means "more".
- CappedPaginator: a Django Paginator whose count is capped that way (settings.LIST_COUNT_CAP by default).
  Past the cap, `is_capped` is True, `count` is the cap and the pages go up to the cap: "Trang 3 / hơn 200".
  A count known already (a search counts its matches to choose its order) is given as `counted`, or
  carried with its list as a Counted.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.utils.functional import cached_property


@dataclass(frozen=True)
class Counted:
    """A list (a queryset in its order) with its count up to `cap`, known already (cap + 1: more)."""

    items: object
    counted: int
    cap: int


def capped_count(queryset, cap: int) -> int:
    """The number of rows of `queryset`, exact up to `cap`; `cap + 1` when there are more."""
    return queryset.order_by()[: cap + 1].count()


class CappedPaginator(Paginator):
    """A Paginator counting no further than `cap` rows (settings.LIST_COUNT_CAP when not given)."""

    def __init__(
        self, object_list, per_page, *, cap: int | None = None, counted: int | None = None, **kwargs
    ):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = settings.LIST_COUNT_CAP if cap is None else cap
        self._counted = counted

    @cached_property
    def counted(self) -> int:
        """The capped count: exact up to the cap, cap + 1 beyond it."""
        if self._counted is not None:
            return min(self._counted, self.cap + 1)
        return capped_count(self.object_list, self.cap)

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.cap)

    @property
    def is_capped(self) -> bool:
        """More rows than the cap: `count` is the cap, "more than" it."""
        return self.counted > self.cap

    def page(self, number):
        """Past the cap the last page is full too: the rows go on beyond the count."""
        if not self.is_capped:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(self.object_list[bottom : bottom + self.per_page], number, self)
