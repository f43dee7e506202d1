"""What the public portal may read of the nominations, and the one thing it may write: the consultations
(lấy ý kiến nhân dân) of the postings on the portal channel.

Only the list posted is public (law-nominations.md §3: the proposer publishes "the list"): for each proposal
the nominee's name as it is to be printed (a person's full name, or the collective's name), the position, the
unit and the award proposed — never a birth date, an id, the achievements or anything the unit wrote. Every
function returns plain dicts, never a model instance.
"""

import datetime as dt

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from .domain.posting import receive_public_comment
from .models import Channel, Posting, Proposal, Status

PROPOSALS_PER_PAGE = 50


def _portal_postings(agency_ids):
    return Posting.objects.filter(channel=Channel.PORTAL, round__agency_id__in=list(agency_ids))


def _posting_facts(posting: Posting, day: dt.date) -> dict:
    return {
        "id": posting.pk,
        "title": posting.round.name,
        "year": posting.round.year,
        "opens_on": posting.opens_on,
        "closes_on": posting.closes_on,
        "working_days": posting.working_days,
        "citation": posting.citation,
        "proposals": posting.posted,
        "is_open": posting.opens_on <= day <= posting.closes_on,
    }


def _with_counts(postings):
    posted = Count("proposals", filter=~Q(proposals__status=Status.WITHDRAWN))
    return postings.select_related("round").annotate(posted=posted)


def public_postings(*, agency_ids, day: dt.date | None = None) -> list[dict]:
    """The portal postings of these agencies open on `day` (today), the one closing first first: id, title
    (the round's name), opens_on, closes_on, working_days, citation, proposals (how many are posted)."""
    day = day or timezone.localdate()
    postings = _portal_postings(agency_ids).filter(opens_on__lte=day, closes_on__gte=day)
    return [_posting_facts(p, day) for p in _with_counts(postings).order_by("closes_on", "pk")]


def _proposal_facts(row: Proposal) -> dict:
    collective = row.person_id is None
    name = row.line_name or (row.unit.name if collective else row.person.full_name)
    unit = row.unit.name if collective else (row.line_unit or row.unit.name)
    return {
        "id": row.pk,
        "name": name,
        "collective": collective,
        "position": "" if collective else row.line_position,
        "unit": unit,
        "award": row.award.name,
    }


def _opened(agency_ids, posting_id: int, day: dt.date) -> Posting:
    posting = _with_counts(_portal_postings(agency_ids).filter(opens_on__lte=day, pk=posting_id)).first()
    if posting is None:
        raise Http404
    return posting


def get_public_posting(*, agency_ids, posting_id: int, page=1, per_page: int = PROPOSALS_PER_PAGE) -> dict:
    """A portal posting of these agencies that has opened (Http404 otherwise, a closed one included: its page
    says it is closed), with one page of its proposals as public dicts (`proposals`, a Paginator page whose
    object_list is the dicts)."""
    day = timezone.localdate()
    posting = _opened(agency_ids, posting_id, day)
    rows = (
        Proposal.objects.filter(posting=posting)
        .exclude(status=Status.WITHDRAWN)
        .select_related("person", "unit", "award")
        .only(
            "pk",
            "person_id",
            "person__family_name",
            "person__middle_name",
            "person__given_name",
            "unit__name",
            "award__name",
            "line_name",
            "line_position",
            "line_unit",
        )
        .order_by("award__position", "award_id", "unit__name", "pk")
    )
    proposals = Paginator(rows, per_page).get_page(page)
    proposals.object_list = [_proposal_facts(row) for row in proposals.object_list]
    return _posting_facts(posting, day) | {"proposals": proposals}


def get_public_proposal(*, agency_ids, posting_id: int, proposal_id: int) -> dict:
    """One proposal of a public posting, as the comment form names it (Http404 when not posted there)."""
    day = timezone.localdate()
    posting = _opened(agency_ids, posting_id, day)
    row = (
        Proposal.objects.filter(posting=posting, pk=proposal_id)
        .exclude(status=Status.WITHDRAWN)
        .select_related("person", "unit", "award")
        .first()
    )
    if row is None:
        raise Http404
    return _posting_facts(posting, day) | {"proposal": _proposal_facts(row)}


def submit_public_comment(
    *,
    posting_id: int,
    proposal_id: int,
    name: str,
    contact: str,
    text: str,
    client: str = "",
    agency_ids=None,
) -> str:
    """A visitor's comment on a posted proposal (nominations.domain.posting.receive_public_comment); returns
    its reference number. Refused (ValidationError) outside the posting's window, for a proposal not in it,
    and for an empty or oversized text, name or contact. With `agency_ids`: only a posting of these
    agencies (Http404 otherwise)."""
    postings = Posting.objects.filter(channel=Channel.PORTAL).select_related("round__agency")
    if agency_ids is not None:
        postings = postings.filter(round__agency_id__in=list(agency_ids))
    posting = postings.filter(pk=posting_id).first()
    proposal = Proposal.objects.select_related("person", "unit", "award").filter(pk=proposal_id).first()
    if posting is None or proposal is None:
        raise Http404
    comment = receive_public_comment(
        posting=posting, proposal=proposal, name=name, contact=contact, text=text, client=client
    )
    return comment.reference
