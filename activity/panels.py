"""The log's part of other apps' pages (lib/panels.py): the history of a unit."""

from lib.panels import Panel, panel

from .access import activity_for_object

HISTORY_LIMIT = 50


@panel("unit", order=90)
def unit_history(request, unit) -> Panel:
    """Whoever may see the unit (loaded through organisations.access) sees its history."""
    history = activity_for_object(request.user, unit).select_related("agency")[:HISTORY_LIMIT]
    return Panel("activity/_history_panel.html", {"entries": history})
