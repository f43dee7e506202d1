"""The council's parts of other apps' pages (lib/panels.py): on a proposal's page, the council's vote on it
(totals only, once the ballot is closed); on the home page, the meetings the user sits in or runs that are
coming or open."""

from django.utils import timezone

from lib.panels import Panel, panel
from organisations.scope import scope_for

from .access import meetings_for_user
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
    """The coming meetings and open ballots of the councils the user runs (the secretariat) or sits on: one
    query, none for whoever neither runs a council nor is a person of the staff."""
    scope = scope_for(request.user)
    runs = scope.installation_admin or bool(scope.manage_agencies)
    if not scope.is_authenticated or not (runs or scope.person_id):
        return None
    today = timezone.localdate()
    waiting = meetings_for_user(request.user).filter(
        status__in=(MeetingStatus.CONVENED, MeetingStatus.VOTING), date__gte=today.replace(day=1)
    )
    if not runs:
        seated = Membership.objects.on(today).filter(person_id=scope.person_id).values("term__council_id")
        waiting = waiting.filter(council_id__in=seated)
    meetings = list(waiting.order_by("date", "pk")[:HOME_MEETINGS])
    return Panel("council/_home_panel.html", {"meetings": meetings, "runs": runs}) if meetings else None
