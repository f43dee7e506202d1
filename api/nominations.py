"""GET /api/v1/nominations: the proposals (đề nghị khen thưởng) of the rounds, scoped exactly as the screens
(nominations.access.proposals_for_user): the agency's secretariat, leaders, council members and
administrators read every proposal of the agency, a unit's head and emulation officer those of her units, a
nominee her own. One proposal with its dossier, its status history and its public posting.

The list is paged like the documents' (a province holds thousands of proposals a year): `count` stops at
settings.LIST_COUNT_CAP (lib.counting) with `count_exact`. A page costs a constant number of queries: the
page with its round, award, person and unit, then which of its people and units the caller may open.
"""

import datetime as dt
from dataclasses import dataclass
from functools import partial
from typing import Literal

from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from activity.models import ActivityLog
from awards.models import Award
from nominations.access import get_proposal_for_user, proposals_for_user
from nominations.dossier import parts
from nominations.models import Handling, Status, Track, Verdict
from nominations.workflow import PROPOSALS
from organisations.access import units_for_user
from organisations.models import descendant_ids
from people.access import people_for_user

from .errors import FieldErrors
from .paging import CappedPaging
from .schemas import AwardCode, Id, Year, choices_enum

router = Router(tags=["nominations"])
# Named after what they belong to: one schema namespace holds every app's enums (api.openapi).
ProposalStatus = choices_enum("ProposalStatus", Status)
ProposalVerdict = choices_enum("ProposalVerdict", Verdict)
RoundTrack = choices_enum("RoundTrack", Track)
CommentHandling = choices_enum("CommentHandling", Handling)

# The list's order: the latest round first, then unit, award and id — the index proposal_api.
ORDER = ("-round_id", "unit_id", "award_id", "id")
# The log actions of the gate's moves, by the name of the move (submit, return, appraise…).
MOVE_OF_LOG = {move.log: move.action for move in PROPOSALS.moves}

DESCRIPTION = """The proposals the caller may read, as the screens show them: the agency's secretariat,
leaders, council members and administrators read every proposal of the agency; a unit's head and
emulation officer those of her units; a nominee her own. Another agency's proposals are never listed.

- `year`: the round's achievement year; `round`: one round's id; `status`: one state code
  (draft, submitted, returned, appraised, posted, ready, withdrawn, and after the council's vote
  passed, not_passed); `award`: one award code of
  `GET /api/v1/awards`; `unit`: **that unit and the units below it** (a division with its teams).
- Items are ordered by round (the latest opened first), then unit, award and id.
- `subject` is the person proposed (`kind` individual, `id` her person id, her full name) or the unit
  itself (`kind` collective, `id` the unit's id). `verdict` is the engine's (eligible, not_eligible,
  deferred, unjudged). `submitted_on` is the day of the latest submission (null for a draft never sent);
  `appraisal_due_on` the day the appraisal is due (working days from the complete dossier), null before.
- `url` fields are API addresses the caller may fetch with the same token (null for a person or unit no
  longer within her reach, e.g. a person who has since left her unit).
- `count` stops at 10 000 (`count_exact` false beyond it); offsets go on.
- 422 for a bad year, status, award code or id, with a Vietnamese message per field."""
DETAIL_DESCRIPTION = """One proposal, with what the list gives and
- `dossier`: each component its rule set requires (`code`, `name`, `required`) and whether it is `present`;
- `history`: its status moves in order, each `from` and `to` (state codes), `on` (the day) and `action`
  (submit, return, appraise, post, make_ready, withdraw…);
- `posting`: null, or the public posting it was put on (`opens_on`, `closes_on`) with the `comments`
  received on this proposal and how each was handled (pending, accepted, rejected, with the reason).

404 for a proposal outside the caller's reach."""


class NominationFilters(Schema):
    year: Year | None = Field(None, description="The round's achievement year.")
    status: ProposalStatus | None = Field(None, description="One state code.")
    unit: Id | None = Field(None, description="Only this unit and the units below it.")
    award: AwardCode | None = Field(None, description="Only this award code, e.g. lao-dong-tien-tien.")
    round: Id | None = Field(None, description="Only this round (đợt xét khen thưởng).")


class NominationRound(Schema):
    id: int
    name: str


class NominationAward(Schema):
    code: str
    name: str


class NominationSubject(Schema):
    kind: Literal["individual", "collective"]
    id: int = Field(description="The person's id (individual) or the unit's id (collective).")
    name: str = Field(description="The full name with its diacritics, or the unit's name.")
    url: str | None = Field(description="API address of the person or unit; null when out of reach.")


class NominationUnit(Schema):
    id: int
    name: str
    url: str | None = Field(description="API address of the unit; null when out of reach.")


class NominationOut(Schema):
    id: int
    url: str = Field(description="API address of this proposal.")
    round: NominationRound
    year: int = Field(description="The round's achievement year.")
    track: RoundTrack = Field(description="The round's track (loại hình khen thưởng).")
    award: NominationAward
    subject: NominationSubject
    unit: NominationUnit = Field(description="The proposing unit.")
    status: ProposalStatus
    verdict: ProposalVerdict = Field(description="The engine's verdict on the record.")
    submitted_on: dt.date | None = Field(description="Day of the latest submission.")
    appraisal_due_on: dt.date | None


class DossierPartOut(Schema):
    code: str
    name: str
    required: bool
    present: bool


class StatusMoveOut(Schema):
    from_: ProposalStatus = Field(alias="from")
    to: ProposalStatus
    on: dt.date
    action: str = Field(description="The move: submit, return, appraise, post, make_ready, withdraw…")


class CommentOut(Schema):
    received_on: dt.date
    text: str
    handling: CommentHandling
    handling_reason: str


class PostingOut(Schema):
    opens_on: dt.date
    closes_on: dt.date = Field(description="The last day, counted in working days on the agency's calendar.")
    comments: list[CommentOut] = Field(description="The comments on this proposal, in order of receipt.")


class NominationDetailOut(NominationOut):
    dossier: list[DossierPartOut]
    history: list[StatusMoveOut] = Field(description="The status moves, oldest first.")
    posting: PostingOut | None


# --- paging: the page's rows built once for the page ------------------------------------------------------


@dataclass(frozen=True)
class Rows:
    """A list's queryset and rows(objects) -> the items answered, called with the page's objects."""

    items: object
    rows: object


class RowsPaging(CappedPaging):
    """CappedPaging (a count capped by lib.counting) for an endpoint returning Rows."""

    def paginate_queryset(self, queryset, pagination, request, **params):
        page = super().paginate_queryset(queryset.items, pagination, request, **params)
        return {**page, "items": queryset.rows(page["items"]) if page["items"] else []}


class Links:
    """The API addresses of a page's people and units, for those the caller can read (two queries)."""

    def __init__(self, user, proposals):
        people = {p.person_id for p in proposals if p.person_id}
        units = {p.unit_id for p in proposals}
        self.people = set(people_for_user(user).filter(pk__in=people).values_list("pk", flat=True))
        self.units = set(units_for_user(user).filter(pk__in=units).values_list("pk", flat=True))

    def person(self, pk: int) -> str | None:
        return reverse("api:person_detail", args=[pk]) if pk in self.people else None

    def unit(self, pk: int) -> str | None:
        return reverse("api:unit_detail", args=[pk]) if pk in self.units else None


def item(proposal, links: Links) -> dict:
    if proposal.person_id:
        subject = {"kind": "individual", "id": proposal.person_id, "name": proposal.person.full_name}
        subject["url"] = links.person(proposal.person_id)
    else:
        subject = {"kind": "collective", "id": proposal.unit_id, "name": proposal.unit.name}
        subject["url"] = links.unit(proposal.unit_id)
    round_, submitted = proposal.round, proposal.submitted_at
    return {
        "id": proposal.pk,
        "url": reverse("api:nomination_detail", kwargs={"proposal_id": proposal.pk}),
        "round": {"id": round_.pk, "name": round_.name},
        "year": round_.year,
        "track": round_.track,
        "award": {"code": proposal.award.code, "name": proposal.award.name},
        "subject": subject,
        "unit": {"id": proposal.unit_id, "name": proposal.unit.name, "url": links.unit(proposal.unit_id)},
        "status": proposal.status,
        "verdict": proposal.verdict,
        "submitted_on": timezone.localdate(submitted) if submitted else None,
        "appraisal_due_on": proposal.appraisal_due_on,
    }


def items(user, proposals: list) -> list[dict]:
    links = Links(user, proposals)
    return [item(proposal, links) for proposal in proposals]


# --- the endpoints ---------------------------------------------------------------------------------------


@router.get(
    "",
    response=list[NominationOut],
    summary="List the proposals the caller can see",
    description=DESCRIPTION,
)
@paginate(RowsPaging)
def list_nominations(request, filters: Query[NominationFilters]):
    qs = proposals_for_user(request.auth).select_related("round", "award", "person", "unit")
    status = filters.status.value if filters.status is not None else None
    for name, value in (("round__year", filters.year), ("status", status), ("round_id", filters.round)):
        if value is not None:
            qs = qs.filter(**{name: value})
    if filters.award is not None:
        qs = qs.filter(award=_award(filters.award))
    if filters.unit is not None:
        qs = qs.filter(unit_id__in=_unit_ids(request.auth, filters.unit))
    return Rows(qs.order_by(*ORDER), partial(items, request.auth))


@router.get(
    "/{int:proposal_id}",
    response=NominationDetailOut,
    summary="One proposal with its dossier, history and posting",
    description=DETAIL_DESCRIPTION,
    url_name="nomination_detail",
    by_alias=True,
)
def nomination_detail(request, proposal_id: Id):
    proposal = get_proposal_for_user(request.auth, proposal_id)
    return item(proposal, Links(request.auth, [proposal])) | {
        "dossier": [
            {"code": p.code, "name": p.name, "required": p.required, "present": p.present}
            for p in parts(proposal)
        ],
        "history": history(proposal),
        "posting": posting(proposal),
    }


def _award(code: str) -> Award:
    award = Award.objects.filter(code=code).first()
    if award is None:
        raise FieldErrors({"award": f"Không có danh hiệu hay hình thức khen thưởng mã “{code}”."})
    return award


def _unit_ids(user, unit_id: int) -> set[int]:
    """The unit and every unit below it, among the units the caller may read (none: an empty list)."""
    units = list(units_for_user(user).filter(agency__units=unit_id).only("pk", "parent_id"))
    if not any(unit.pk == unit_id for unit in units):
        return set()
    return descendant_ids({unit_id}, units)


def history(proposal) -> list[dict]:
    """The status moves of the proposal, oldest first, from the gate's activity log rows (one query)."""
    rows = (
        ActivityLog.objects.for_object(proposal)
        .filter(data__before__has_key="status", data__after__has_key="status")
        .order_by("created_at", "id")
        .values_list("action", "data", "created_at")
    )
    return [
        {
            "from": data["before"]["status"],
            "to": data["after"]["status"],
            "on": timezone.localdate(created_at),
            "action": MOVE_OF_LOG.get(action, action),
        }
        for action, data, created_at in rows
    ]


def posting(proposal) -> dict | None:
    """The posting the proposal is on, with the comments received on it (one query)."""
    if proposal.posting is None:
        return None
    comments = (
        proposal.comments.filter(posting=proposal.posting)
        .order_by("received_on", "id")
        .values("received_on", "text", "handling", "handling_reason")
    )
    return {
        "opens_on": proposal.posting.opens_on,
        "closes_on": proposal.posting.closes_on,
        "comments": list(comments),
    }
