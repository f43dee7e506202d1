"""Panels: the parts of a page that apps above the page's own app contribute.

A page of a lower app — the home page, a unit's page, a person's page, a document's page — names a slot. Apps
above it register panels for that slot in their own `panels.py`, found when a slot is first rendered (as the
admin finds `admin.py`). The lower app never imports them: the unit page shows its people, the person page her
awards, the document page its movements, the home page each app's cards, and each panel loads what it shows
through its own app's access helpers.

A panel is a function `(request, obj) -> Panel | None`; None means the user has nothing to see there. The
view passes `panels_for(slot, request, obj)` to its template, which includes each panel's template.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict = field(default_factory=dict)


_registry: dict[str, list[tuple[int, Callable]]] = defaultdict(list)
_discovered = False


def panel(slot: str, *, order: int = 100):
    """Register the decorated function as a panel of `slot`; lower `order` comes first."""

    def register(function: Callable) -> Callable:
        _registry[slot].append((order, function))
        _registry[slot].sort(key=lambda item: item[0])
        return function

    return register


def panels_for(slot: str, request, obj=None) -> list[Panel]:
    """The panels of `slot` that have something to show `request.user` about `obj`, in order."""
    _discover()
    found = (function(request, obj) for _order, function in _registry.get(slot, ()))
    return [p for p in found if p is not None]


def _discover() -> None:
    global _discovered
    if not _discovered:
        autodiscover_modules("panels")
        _discovered = True
