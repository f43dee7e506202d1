"""The council's parts of other apps' pages (lib/panels.py): on a proposal's page, the council's vote on it
(totals only, once the ballot is closed); on the home page, the meetings the user sits in or runs that are
coming or open."""

from django.utils import timezone

from lib.panels import Panel, panel
from organisations.scope import scope_for

from .access import can_manage_council, meetings_for_user
from .models import Item, MeetingStatus, Membership

HOME_MEETINGS = 5


@panel("proposal", order=50)
def council_vote(request, proposal) -> Panel | None:
    """The meetings whose agenda held the proposal, with the result where the ballot is closed."""
    items = (
        Item.objects.filter(proposal=proposal, meeting__in=meetings_for_user(request.user))
        .select_related("meeting")
        .order_by("-meeting__date", "-meeting_id")
    )
    items = list(items[:HOME_MEETINGS])
    return Panel("council/_proposal_panel.html", {"items": items}) if items else None


@panel("home", order=60)
def council_meetings(request, _obj) -> Panel | None:
    """The meetings coming or with an open ballot of the councils the user sits on or runs."""
    scope = scope_for(request.user)
    if not scope.is_authenticated:
        return None
    today = timezone.localdate()
    waiting = (
        meetings_for_user(request.user)
        .filter(status__in=(MeetingStatus.CONVENED, MeetingStatus.VOTING), date__gte=today.replace(day=1))
        .select_related("council")
        .order_by("date", "pk")
    )
    seated = Membership.objects.on(today).filter(person_id=scope.person_id).values("term__council_id")
    if not scope.manage_agencies and not scope.installation_admin:
        waiting = waiting.filter(council_id__in=seated)
    meetings = list(waiting[:HOME_MEETINGS])
    if not meetings:
        return None
    runs = {m.council_id for m in meetings if can_manage_council(request.user, m.council)}
    return Panel("council/_home_panel.html", {"meetings": meetings, "runs": runs})
