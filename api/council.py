"""GET /api/v1/council-meetings and /api/v1/council-meetings/{id} (issue 14, point 9): the meetings of the
Emulation and Reward Council (Hội đồng Thi đua - Khen thưởng), scoped exactly as the screens
(council.access.meetings_for_user), with their quorum and, per agenda item, the totals of its ballot once it
is closed.

Totals only, by construction: the rows read here are the meeting and its agenda items (with their proposal,
award, person or unit); seats, attendance and recusals are only counted in SQL, and participations, ballots
and open votes are not read at all, so no member and no choice can appear in an answer, secret ballot or
not.

A page costs a constant number of queries: the count, the page, the quorum figures of its meetings, their
items. The detail answers the list's object for one meeting.
"""

import datetime as dt
from typing import Literal

from django.db.models import F, Func, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from ninja import Field, Query, Router, Schema

from awards.council import required_votes
from council.access import get_meeting_for_user, meetings_for_user
from council.models import Attendance, Format, Item, Meeting, MeetingStatus, Membership, Presence, Recusal
from council.quorum import Quorum, needed

from .paging import Prepared, paged
from .schemas import Id, Year, choices_enum

router = Router(tags=["council"])
CouncilMeetingStatus = choices_enum("MeetingStatus", MeetingStatus)

# The list's order: the latest meeting first — the index meeting_api (-date, -id).
ORDER = ("-date", "-id")

DESCRIPTION = """The meetings of the Emulation and Reward Council (Hội đồng Thi đua - Khen thưởng) the caller
may see, as the screens show them: the agency's secretariat, leaders, council-member accounts and
administrators see their agency's council; a member sees the council he sits on. Another agency's meetings
are never listed. Each meeting is the object `GET /api/v1/council-meetings/{id}` answers (its `url`).

- `year`: the year of the meeting's date. Meetings are ordered by date, the latest first (then by id).
- `status`: preparing (being prepared), convened, voting (ballot open), closed.
- `members_total`: the seats on the council on the meeting's date (the whole membership: the quorum and
  the thresholds are shares of it); `present`: the members attending (present or represented by a
  substitute; in a written consultation, also those answering in writing); `quorum_met`: whether they
  reach the quorum the agency set (a share of `members_total`, e.g. 2/3, or the higher attendance set for
  award sessions).
- `items`: the agenda in the order of the minutes (grouped by award). `nomination` is the proposal's id
  (`GET /api/v1/nominations/{id}`); `subject` is the person proposed (`kind` individual, `id` her person
  id, her full name) or the unit itself (`kind` collective, `id` the unit's id); `secret`: whether the item
  is decided by secret ballot.
- `votes_for`, `votes_against`, `not_voting` (the members who did not vote for or against: absent, not
  voting, recused or abstaining) and `passes` are **null until the meeting's ballot is closed**: no
  partial tally exists before. `required`: the votes for the item needs — the share its award's rule set
  sets (more than half where it sets none) of the members on the meeting's date, or of those entitled to
  vote on it where the agency counts on them (recusals are known once the ballot opens); before the close
  as things stand, final once closed.
- Totals only: no member, and no member's choice, is ever given, whether the ballot is secret or open.
- 422 for a bad year or offset, with a Vietnamese message per field."""
DETAIL_DESCRIPTION = """One meeting of the council, as the list gives it (see `GET /api/v1/council-meetings`):
its quorum and its agenda, each item's totals null until the ballot is closed.

404 for a meeting outside the caller's reach."""


class MeetingFilters(Schema):
    year: Year | None = Field(None, description="The year of the meeting's date.")


class CouncilAward(Schema):
    code: str
    name: str


class CouncilSubject(Schema):
    kind: Literal["individual", "collective"]
    id: int = Field(description="The person's id (individual) or the unit's id (collective).")
    name: str = Field(description="The full name with its diacritics, or the unit's name.")


class CouncilItemOut(Schema):
    nomination: int = Field(description="Id of the proposal (GET /api/v1/nominations/{id}).")
    award: CouncilAward
    subject: CouncilSubject
    secret: bool = Field(description="Decided by secret ballot.")
    votes_for: int | None = Field(description="Null until the ballot is closed.")
    votes_against: int | None = Field(description="Null until the ballot is closed.")
    not_voting: int | None = Field(
        description="Members who did not vote for or against (absent, not voting, recused, abstaining); "
        "null until the ballot is closed."
    )
    required: int = Field(description="Votes for needed; final once the ballot is closed.")
    passes: bool | None = Field(description="Null until the ballot is closed.")


class CouncilMeetingOut(Schema):
    id: int
    url: str = Field(description="API address of this meeting.")
    date: dt.date
    members_total: int = Field(description="Seats on the council on the meeting's date.")
    present: int = Field(description="Members attending (present, substitute; written in a consultation).")
    quorum_met: bool
    status: CouncilMeetingStatus
    items: list[CouncilItemOut] = Field(description="The agenda, in the order of the minutes.")

    @staticmethod
    def resolve_url(meeting) -> str:
        return reverse("api:council_meeting_detail", kwargs={"meeting_id": meeting.pk})

    @staticmethod
    def resolve_members_total(meeting) -> int:
        return meeting.quorum_figures.total

    @staticmethod
    def resolve_present(meeting) -> int:
        return meeting.quorum_figures.attending

    @staticmethod
    def resolve_quorum_met(meeting) -> bool:
        return meeting.quorum_figures.met

    @staticmethod
    def resolve_items(meeting) -> list[dict]:
        return meeting.agenda_rows


# --- the figures of a page of meetings, in two queries ---------------------------------------------------


def count_of(queryset) -> Coalesce:
    """The number of rows of `queryset` (correlated with OuterRef) as a subquery."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted), Value(0))


def quorum_figures(meetings: list) -> dict[int, Quorum]:
    """council.quorum.quorum_of for each meeting, in one query: the seats on its date, those attending."""
    seats = Membership.objects.on(OuterRef("date")).filter(term=OuterRef("term"))
    attends = Q(presence__in=(Presence.PRESENT, Presence.SUBSTITUTE))
    attends |= Q(presence=Presence.WRITTEN, meeting__format=Format.WRITTEN)  # a written consultation
    attending = Attendance.objects.filter(attends, meeting=OuterRef("pk"))
    rows = (
        Meeting.objects.filter(pk__in=[meeting.pk for meeting in meetings])
        .annotate(total=count_of(seats), attending=count_of(attending))
        .values_list("pk", "total", "attending", "quorum", "presence")
    )
    return {
        pk: Quorum(total, attending, needed(total, quorum, presence))
        for pk, total, attending, quorum, presence in rows
    }


# The columns an agenda row needs, read as values (no item, proposal, person, unit or award objects: a
# meeting may have hundreds of items, and a proposal row carries its texts and checks).
ITEM_COLUMNS = {
    "nomination": F("proposal_id"),
    "person_id": F("proposal__person_id"),
    "unit_id": F("proposal__unit_id"),
    "award_code": F("proposal__award__code"),
    "award_name": F("proposal__award__name"),
    "unit_name": F("proposal__unit__name"),
    "family_name": F("proposal__person__family_name"),
    "middle_name": F("proposal__person__middle_name"),
    "given_name": F("proposal__person__given_name"),
}
ITEM_FIELDS = ("meeting_id", "secret", "threshold", "votes_for", "votes_against", "not_voting", "passes")


def subject_of(item: dict) -> dict:
    if item["person_id"]:
        names = (item["family_name"], item["middle_name"], item["given_name"])
        return {"kind": "individual", "id": item["person_id"], "name": " ".join(n for n in names if n)}
    return {"kind": "collective", "id": item["unit_id"], "name": item["unit_name"]}


def item_row(item: dict, total: int, recusal_base: str) -> dict:
    """An agenda row from the item's values (see ITEM_COLUMNS), its totals null until the close."""
    counted = item["passes"] is not None  # Item.is_counted
    denominator = total - item["recused"] if recusal_base == "voting" else total
    return {
        "nomination": item["nomination"],
        "award": {"code": item["award_code"], "name": item["award_name"]},
        "subject": subject_of(item),
        "secret": item["secret"],
        "votes_for": item["votes_for"] if counted else None,
        "votes_against": item["votes_against"] if counted else None,
        "not_voting": item["not_voting"] if counted else None,
        "required": item["required"] if counted else required_votes(denominator, item["threshold"]),
        "passes": item["passes"] if counted else None,
    }


def attach(meetings: list) -> None:
    """Each meeting's quorum figures and agenda rows (two queries for the page)."""
    figures = quorum_figures(meetings)
    by_meeting = {meeting.pk: meeting for meeting in meetings}
    for meeting in meetings:
        meeting.quorum_figures, meeting.agenda_rows = figures[meeting.pk], []
    items = (
        Item.objects.filter(meeting_id__in=by_meeting)
        .annotate(recused=count_of(Recusal.objects.filter(item=OuterRef("pk"))))
        .order_by("meeting_id", "position")
        .values(*ITEM_FIELDS, "required", "recused", **ITEM_COLUMNS)
    )
    for item in items:
        meeting = by_meeting[item["meeting_id"]]
        meeting.agenda_rows.append(item_row(item, meeting.quorum_figures.total, meeting.recusal_base))


# --- the endpoints ---------------------------------------------------------------------------------------


@router.get(
    "",
    response=list[CouncilMeetingOut],
    summary="List the council's meetings the caller can see",
    description=DESCRIPTION,
)
@paged
def list_council_meetings(request, filters: Query[MeetingFilters]):
    meetings = meetings_for_user(request.auth)
    if filters.year is not None:
        meetings = meetings.of_year(filters.year)
    return Prepared(meetings.order_by(*ORDER), attach)


@router.get(
    "/{int:meeting_id}",
    response=CouncilMeetingOut,
    summary="One council meeting with its quorum and the totals of its ballot",
    description=DETAIL_DESCRIPTION,
    url_name="council_meeting_detail",
)
def council_meeting_detail(request, meeting_id: Id):
    meeting = get_meeting_for_user(request.auth, meeting_id)
    attach([meeting])
    return meeting
