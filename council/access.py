"""Loading councils, meetings and seats for a user, and what she may do with them: every view and API endpoint
goes through these.

- see the council and its meetings: the agency's secretariat, administrators, leaders and council-member
  accounts (their agency's reach), and whoever holds a seat on it;
- manage (terms, members, meetings, attendance, written votes, closing): the agency's secretariat and
  administrators, and the members whose seat is standing (thường trực) or keeps the minutes (thư ký);
- vote: the person holding a seat on the meeting's date who attends, or the substitute the secretary recorded
  for a seat (where the agency allows substitutes).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from organisations.scope import scope_for

from .models import Attendance, Council, Format, Meeting, Membership, Presence

VIEW, MANAGE, VOTE = "view", "manage", "vote"


def councils_for_user(user):
    scope = scope_for(user)
    if not scope.is_authenticated:
        return Council.objects.none()
    if scope.installation_admin:
        return Council.objects.all()
    reach = scope.agency_filter("agency_id")
    if scope.person_id is not None:
        seats = Membership.objects.filter(person_id=scope.person_id).values("term__council_id")
        reach |= Q(pk__in=seats)
    return Council.objects.filter(reach)


def _holds_office(person_id, council_id, day) -> bool:
    """Whether the person holds a standing or secretary seat on the council on `day`."""
    return (
        person_id is not None
        and Membership.objects.on(day)
        .filter(term__council_id=council_id, person_id=person_id)
        .filter(Q(role__standing=True) | Q(role__secretary=True))
        .exists()
    )


def can_manage_council(user, council) -> bool:
    scope = scope_for(user)
    if scope.can_manage_agency(council.agency_id):
        return True
    return _holds_office(scope.person_id, council.pk, timezone.localdate())


def get_council_for_user(user, pk, *, action=VIEW) -> Council:
    council = councils_for_user(user).select_related("agency").filter(pk=pk).first()
    if council is None:
        raise Http404
    if action == MANAGE and not can_manage_council(user, council):
        raise PermissionDenied
    return council


def meetings_for_user(user):
    return Meeting.objects.filter(council__in=councils_for_user(user))


def get_meeting_for_user(user, pk, *, action=VIEW) -> Meeting:
    meeting = meetings_for_user(user).select_related("council__agency", "term").filter(pk=pk).first()
    if meeting is None:
        raise Http404
    if action == MANAGE and not can_manage_council(user, meeting.council):
        raise PermissionDenied
    if action == VOTE and not seats_of(user, meeting):
        raise PermissionDenied
    return meeting


def seats_of(user, meeting) -> list[Membership]:
    """The seats the user votes for at the meeting: her own if she attends (or takes part in a written
    consultation), and those she substitutes for."""
    person_id = scope_for(user).person_id
    if person_id is None:
        return []
    taking_part = [Presence.PRESENT]
    if meeting.format == Format.WRITTEN:  # a written consultation: each member answers himself, online
        taking_part.append(Presence.WRITTEN)
    own = Attendance.objects.filter(
        meeting=meeting, membership__person_id=person_id, presence__in=taking_part
    )
    substituted = Attendance.objects.filter(
        meeting=meeting, substitute_id=person_id, presence=Presence.SUBSTITUTE
    )
    found = (own | substituted).select_related("membership__person", "membership__role")
    return [attendance.membership for attendance in found]
