"""The nominations' and council's part of tests/test_permission_walk.py's cast (kept apart: that module is
long enough): the proposals the secretariat acts on, and a council with meetings in each state of its
workflow."""

import datetime as dt

from django.utils import timezone

from awards.models import Award, RuleSet
from council import models as council
from council.domain import meetings as council_meetings
from council.domain import terms as council_terms
from nominations import models as nominations
from people.models import Person


def secretariat_cast(agency, person) -> dict:
    """The nominations the secretariat acts on (the demo's current round): a proposal waiting for appraisal,
    an appraised or posted one, the open posting and its comment still to handle, the staff member's line to
    confirm."""
    proposals = nominations.Proposal.objects.filter(round__agency=agency).order_by("pk")
    waiting = proposals.filter(status="submitted").first()
    posting = nominations.Posting.objects.filter(round__agency=agency).order_by("-closes_on", "pk").first()
    return {
        "nomination_waiting": waiting,
        "nomination_appraised": proposals.filter(status__in=("appraised", "posted")).first(),
        "nomination_round": waiting.round,
        "nomination_posting": posting,
        "nomination_comment": posting.comments.filter(handling="pending").order_by("pk").first(),
        "nomination_line": proposals.filter(person=person, confirmation="pending")
        .exclude(status__in=("withdrawn", "ready"))
        .first(),
    }


def _council_meeting(council_, term, ready, *, state: str, paper: bool = False):
    """A meeting of today on one new ready proposal, brought to `state` through the domain functions."""
    meeting = council_meetings.prepare_meeting(
        actor=None, council=council_, title=f"Phiên họp {state}", date=timezone.localdate(),
        ballot_mode="paper" if paper else "electronic",
    )  # fmt: skip
    council_meetings.set_agenda(actor=None, meeting=meeting, proposals=[ready])
    if state == "preparing":
        return meeting
    council_meetings.convene(actor=None, meeting=meeting)
    if state == "convened":
        return meeting
    seats = list(council.Membership.objects.on(meeting.date).filter(term=term).order_by("pk"))
    for n, seat in enumerate(seats):  # every seat present, the last absent with a written vote
        presence = "written" if n == len(seats) - 1 else "present"
        council_meetings.record_attendance(actor=None, meeting=meeting, membership=seat, presence=presence)
    council_meetings.open_ballot(actor=None, meeting=meeting)
    return meeting


def council_cast(agency) -> dict:
    """The agency's council (the demo's, or one made here) with at least five seats today, and a meeting in
    each state where the secretariat acts: being prepared (agenda, convening), convened (attendance, guests,
    opening), voting (written votes, seats not voting, the close) and voting on paper (the counts)."""
    today = timezone.localdate()
    found = council.Council.objects.filter(agency=agency).first()
    council_ = found or council_terms.create_council(actor=None, agency=agency, name="Hội đồng Thi đua")
    term = council.Term.objects.on(today).filter(council=council_).first() or council_terms.start_term(
        actor=None, council=council_, starts_on=today - dt.timedelta(days=30)
    )
    held = list(council.Membership.objects.on(today).filter(term=term))
    staff = Person.objects.filter(agency=agency).exclude(pk__in=[s.person_id for s in held]).order_by("pk")
    role, needed = council.CouncilRole.objects.get(code="uy-vien"), max(5 - len(held), 0)
    held += [council_terms.add_member(actor=None, term=term, person=p, role=role) for p in staff[:needed]]
    round_ = nominations.Round.objects.filter(agency=agency).order_by("-year", "pk").first()
    award, unit = Award.objects.get(code="lao-dong-tien-tien"), round_.proposals.first().unit
    rule_set = RuleSet.objects.for_year(round_.year)
    proposed = nominations.Proposal.objects.filter(round=round_, award=award).values("person_id")
    subjects = staff.exclude(pk__in=proposed).exclude(pk__in=[s.person_id for s in held])[:4]
    proposals = [
        nominations.Proposal.objects.create(
            round=round_, unit=unit, award=award, person=person, status="ready", rule_set=rule_set
        )
        for person in subjects
    ]
    states = [("preparing", False), ("convened", False), ("voting", False), ("voting", True)]
    made = [
        _council_meeting(council_, term, proposal, state=state, paper=paper)
        for proposal, (state, paper) in zip(proposals, states, strict=True)
    ]
    names = ("council_preparing", "council_convened", "council_voting", "council_paper")
    return {
        "council": council_,
        "council_seat": held[0],
        "council_meeting": made[2],
        **dict(zip(names, made, strict=True)),
    }
