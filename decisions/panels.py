"""The decisions' parts of other apps' pages (lib/panels.py): on a proposal's page, the decision that awarded
it (the agency's own, or the higher authority's registered one) and the forward package that carried it."""

from lib.panels import Panel, panel

from .access import can_manage_decisions, decisions_for_user, packages_for_user
from .models import Line, PackageItem, Status

SHOWN = 5


@panel("proposal", order=60)
def proposal_decision(request, proposal) -> Panel | None:
    lines = list(
        Line.objects.filter(proposal=proposal, decision__in=decisions_for_user(request.user))
        .exclude(decision__status=Status.DISCARDED)
        .select_related("decision__document")
        .order_by("-decision_id")[:SHOWN]
    )
    items = list(
        PackageItem.objects.filter(proposal=proposal, package__in=packages_for_user(request.user))
        .select_related("package__document")
        .order_by("-package_id")[:SHOWN]
    )
    if not lines and not items:
        return None
    return Panel("decisions/_proposal_panel.html", {"lines": lines, "items": items})


@panel("meeting", order=50)
def meeting_decisions(request, meeting) -> Panel | None:
    """On a closed meeting's page: the decisions and forward packages drafted from it, and (for those who
    draft them) the way to draft them."""
    manager = can_manage_decisions(request.user, meeting.council.agency_id)
    decisions = list(
        decisions_for_user(request.user)
        .filter(meeting=meeting)
        .exclude(status=Status.DISCARDED)
        .select_related("document")
        .order_by("pk")[:SHOWN]
    )
    packages = list(
        packages_for_user(request.user).filter(meeting=meeting).select_related("document")[:SHOWN]
    )
    if not (manager or decisions or packages):
        return None
    context = {"meeting": meeting, "decisions": decisions, "packages": packages, "manager": manager}
    return Panel("decisions/_meeting_panel.html", context)
