"""The decisions' world: the council of tests/council/conftest.py (`cw`) met on five proposals — Lao động
tiên tiến for Minh (a member, recused on himself) and Lan, Chiến sĩ thi đua cơ sở for Hương, Tập thể lao
động tiên tiến for the division, and Chiến sĩ thi đua cấp tỉnh for Hương (beyond the agency's authority) —
and passed all but the division's; the world's signers (a director, a clerk: tests/documents/signers.py).

`dw.draft()` drafts the agency's decision on the passed proposals within its authority (one decision, an
article per award), `dw.signed()` the same signed off by the director, `dw.issued()` the same issued by the
clerk. `dw.proposal(name, award code)` finds a proposal."""

from types import SimpleNamespace

import pytest

from awards.models import Award
from council.domain import ballot, meetings
from council.models import Recusal
from decisions.domain.drafting import draft_decisions
from decisions.domain.issuing import issue_decision
from documents import domain as documents
from nominations.models import Proposal
from tests.council.conftest import cw, ready  # noqa: F401 — `cw` is the fixture dw stands on
from tests.council.helpers_domain import remake
from tests.documents.signers import add_signers

PROVINCIAL = "chien-si-thi-dua-tinh"


def _meet(cw):  # noqa: F811
    provincial = Award.objects.get(code=PROVINCIAL)
    cw.round.awards.add(provincial)
    extra = ready(cw.round, provincial, unit=cw.world.team, person=cw.world.team_person)
    remake(cw, proposals=[*cw.proposals, extra])
    meetings.open_ballot(actor=cw.secretary, meeting=cw.meeting)
    vote_all(cw, against={cw.world.division.pk})
    meetings.close_ballot(actor=cw.secretary, meeting=cw.meeting)
    return extra


def vote_all(cw, *, against=()):  # noqa: F811
    """Every seat votes for every item it may (the last one in writing), against the collectives of the units
    in `against`."""
    recused = set(Recusal.objects.filter(item__meeting=cw.meeting).values_list("item_id", "membership_id"))
    items = list(cw.meeting.items.select_related("proposal"))
    for n, (membership, user) in enumerate(cw.members):
        choices = {
            item.pk: "against"
            if item.proposal.person_id is None and item.proposal.unit_id in against
            else "for"
            for item in items
            if (item.pk, membership.pk) not in recused
        }
        if n == len(cw.members) - 1:
            ballot.record_written(
                actor=cw.secretary, meeting=cw.meeting, membership=membership, choices=choices
            )
        else:
            ballot.cast(actor=user, meeting=cw.meeting, choices=choices)


@pytest.fixture
def dw(cw):  # noqa: F811
    world = cw.world
    signers = add_signers(world)
    provincial = _meet(cw)
    within = [
        p
        for p in Proposal.objects.filter(round=cw.round, status="passed").select_related("award")
        if p.award.within_agency_authority
    ]

    def draft(**options):
        options.setdefault("signer", signers.director)
        return draft_decisions(actor=world.secretariat, meeting=cw.meeting, proposals=within, **options)[0]

    def signed(**options):
        decision = draft(**options)
        documents.submit_for_signature(actor=world.secretariat, document=decision.document)
        documents.approve_document(actor=world.leader, document=decision.document)
        decision.refresh_from_db()
        return decision

    def issued(**options):
        return issue_decision(actor=world.clerk, decision=signed(**options))

    def proposal(name, code):
        return Proposal.objects.get(round=cw.round, award__code=code, person__given_name=name)

    return SimpleNamespace(
        cw=cw,
        world=world,
        signers=signers,
        meeting=cw.meeting,
        round=cw.round,
        within=within,
        provincial=provincial,
        draft=draft,
        signed=signed,
        issued=issued,
        proposal=proposal,
    )
