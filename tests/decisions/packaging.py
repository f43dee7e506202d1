"""Forward packages for the tests: drafted by the secretariat from the `dw` meeting, the tờ trình signed by
the director and issued by the clerk, sent (without building the ZIP unless the caller runs the commit's
callbacks); a second proposal beyond the agency's authority passed at the same meeting."""

from awards.models import Award
from council.models import Item
from decisions.domain.forwarding import draft_package, send_package
from documents import domain as documents
from nominations.models import Proposal
from tests.council.conftest import ready

RECIPIENT = "Chủ tịch Ủy ban nhân dân tỉnh Thử nghiệm"


def draft(dw, proposals=None, **options):
    options.setdefault("signer", dw.signers.director)
    return draft_package(actor=dw.world.secretariat, meeting=dw.meeting,
                         proposals=proposals if proposals is not None else [dw.provincial],
                         recipient=options.pop("recipient", RECIPIENT), **options)  # fmt: skip


def issue(dw, package):
    world = dw.world
    documents.submit_for_signature(actor=world.secretariat, document=package.document)
    documents.approve_document(actor=world.leader, document=package.document)
    documents.issue_document(actor=world.clerk, document=package.document)
    package.refresh_from_db()
    return package


def send(dw, package=None):
    """A sent package (the ZIP is built only if the caller runs the commit's callbacks)."""
    package = issue(dw, package or draft(dw))
    send_package(actor=dw.world.secretariat, package=package)
    package.refresh_from_db()
    return package


def passed_collective(dw, code="tap-the-lao-dong-xuat-sac") -> Proposal:
    """The division proposed for an award beyond the agency's authority, passed at the meeting (the council's
    tests cover how a vote passes it)."""
    award = Award.objects.get(code=code)
    dw.round.awards.add(award)
    proposal = ready(dw.round, award, unit=dw.world.division)
    position = dw.meeting.items.count() + 1
    Item.objects.create(meeting=dw.meeting, proposal=proposal, position=position, denominator=9, required=5,
                        votes_for=9, votes_against=0, abstentions=0, not_voting=0, passes=True)  # fmt: skip
    Proposal.objects.filter(pk=proposal.pk).update(status="passed")
    proposal.refresh_from_db()
    return proposal
