"""The council's part of the home page's to-do list (lib/todo.py).

- whoever manages a council (its agency's secretariat and administrators, its standing members and its
  secretary): the meetings to convene, those whose ballot is to open, those whose ballot is to close — one
  query for the three;
- a member (or the substitute the secretary recorded for her seat): the open ballots in which her seat still
  owes a vote on some item — one query.

Each links to the meeting when all its count are one meeting, else to the council's page. Nothing here reads
a choice: participation says that a seat has voted, never what.
"""

from django.db.models import Count, Exists, Max, Min, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lib.todo import Task, task_source
from organisations.scope import scope_for

from .models import (
    Attendance,
    BallotMode,
    Item,
    Meeting,
    MeetingStatus,
    Membership,
    Participation,
    Presence,
    Recusal,
)


def managed_meetings(scope, today):
    """The meetings of the councils the scope manages (council.access.can_manage_council, as a filter)."""
    if scope.installation_admin:
        return Meeting.objects.all()
    reach = Q(council__agency_id__in=scope.manage_agencies)
    if scope.person_id is not None:
        offices = Membership.objects.on(today).filter(person_id=scope.person_id)
        offices = offices.filter(Q(role__standing=True) | Q(role__secretary=True))
        reach |= Q(council_id__in=offices.values("term__council_id"))
    return Meeting.objects.filter(reach)


def _link(count, first, last, name) -> str:
    if count == 1 or (count and first == last):
        return reverse(name, args=[first])
    return reverse("council:home")


STEPS = [
    ("convene", MeetingStatus.PREPARING),
    ("open", MeetingStatus.CONVENED),
    ("close", MeetingStatus.VOTING),
]


def _secretary_tasks(scope, today):
    figures = {}
    for key, status in STEPS:
        where = Q(status=status)
        figures |= {
            key: Count("pk", filter=where),
            f"{key}_first": Min("pk", filter=where),
            f"{key}_last": Max("pk", filter=where),
            f"{key}_due": Min("date", filter=where),
        }
    row = managed_meetings(scope, today).aggregate(**figures)
    labels = {
        "convene": _("Council meetings to convene"),
        "open": _("Council meetings whose ballot is to open"),
        "close": _("Council ballots open, to close once everyone has voted"),
    }
    for key, _status in STEPS:
        url = _link(row[key], row[f"{key}_first"], row[f"{key}_last"], "council:meeting")
        due = row[f"{key}_due"]
        yield Task(
            labels[key], row[key], url, due=due, urgent=bool(row[key]) and due is not None and due <= today
        )


def owed_ballots(person_id):
    """The attendance rows through which the person votes at an open electronic ballot, on which her seat
    still owes a vote on some item (not voted, not marked as not voting, not recused)."""
    seat = OuterRef(OuterRef("membership_id"))
    owed = (
        Item.objects.filter(meeting_id=OuterRef("meeting_id"))
        .exclude(Exists(Participation.objects.filter(item_id=OuterRef("pk"), membership_id=seat)))
        .exclude(Exists(Recusal.objects.filter(item_id=OuterRef("pk"), membership_id=seat)))
    )
    voters = Q(membership__person_id=person_id, presence=Presence.PRESENT)
    voters |= Q(substitute_id=person_id, presence=Presence.SUBSTITUTE)
    return Attendance.objects.filter(
        voters, meeting__status=MeetingStatus.VOTING, meeting__ballot_mode=BallotMode.ELECTRONIC
    ).filter(Exists(owed))


def _member_task(person_id) -> Task:
    row = owed_ballots(person_id).aggregate(
        n=Count("meeting_id", distinct=True), first=Min("meeting_id"), last=Max("meeting_id")
    )
    url = _link(row["n"], row["first"], row["last"], "council:ballot")
    return Task(_("Council ballots waiting for your vote"), row["n"], url, urgent=bool(row["n"]))


@task_source(order=60)
def council_tasks(request):
    scope, today = scope_for(request.user), timezone.localdate()
    if scope.installation_admin or scope.manage_agencies or scope.person_id is not None:
        yield from _secretary_tasks(scope, today)
    if scope.person_id is not None:
        yield _member_task(scope.person_id)
