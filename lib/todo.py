"""The to-do list ("Việc cần làm") at the top of every home page.

Each app says, in its own `todo.py` (found when the list is first built, as the admin finds `admin.py`), what
work waits for the person looking: documents to read or to sign, registrations to review, deadlines this week.
A source is a function `(request) -> iterable of Task`; it counts with its own app's access helpers (one COUNT
query per task) and links to the page where the work is done, filtered to exactly those items. Tasks with a
count of 0 are not shown; the home page says "nothing waiting" when no task is left.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class Task:
    """`count` items wait at `url`; `label` says what they are ("Văn bản chờ ký duyệt"); `due` is the nearest
    deadline among them, when there is one; `urgent` marks a task whose deadline has passed or is today."""

    label: str
    count: int
    url: str
    due: dt.date | None = None
    urgent: bool = False


_sources: list[tuple[int, Callable]] = []
_discovered = False


def task_source(*, order: int = 100):
    """Register the decorated function as a source of to-do tasks; lower `order` comes first."""

    def register(function: Callable[..., Iterable[Task]]) -> Callable:
        _sources.append((order, function))
        _sources.sort(key=lambda item: item[0])
        return function

    return register


def tasks_for(request) -> list[Task]:
    """The tasks waiting for `request.user`, in the sources' order, without the empty ones."""
    if not request.user.is_authenticated:
        return []
    _discover()
    return [task for _order, source in _sources for task in (source(request) or ()) if task.count > 0]


def _discover() -> None:
    global _discovered
    if not _discovered:
        autodiscover_modules("todo")
        _discovered = True
