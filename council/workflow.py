"""The meeting's workflow and the council's moves of a proposal, both through the gate (workflows.gate).

Meeting: preparing → convened (the agenda and the documents sent to the members) → voting (the ballot opens,
only with the quorum) → closed (the tally written, final).
Proposal (nominations.workflow.PROPOSALS, the same table): ready → passed / not_passed, by the close.
"""

from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from nominations.models import Status as ProposalStatus
from nominations.workflow import PROPOSALS
from workflows.gate import Move, Who, Workflow, register, words

from .access import can_manage_council
from .models import Meeting, MeetingStatus

SECRETARIES = Who(
    lambda actor, meeting: can_manage_council(actor, meeting.council),
    words(
        _("%(secretariat)s of the agency, the council's standing members and secretary, %(admin)s"),
        secretariat=Role.SECRETARIAT.label,
        admin=Role.SYSTEM_ADMIN.label,
    ),
)
COUNCIL_SECRETARIES = Who(
    lambda actor, proposal: (
        hasattr(proposal.round.agency, "council") and can_manage_council(actor, proposal.round.agency.council)
    ),
    SECRETARIES.words,
)

MEETINGS = register(
    Workflow(
        name="council.meeting",
        model=Meeting,
        agency=lambda meeting: meeting.council.agency,
        moves=[
            Move(
                MeetingStatus.PREPARING,
                "convene",
                MeetingStatus.CONVENED,
                SECRETARIES,
                _("be convened"),
                log="council.meeting.convened",
            ),
            Move(
                MeetingStatus.CONVENED,
                "open",
                MeetingStatus.VOTING,
                SECRETARIES,
                _("open its ballot"),
                log="council.meeting.opened",
            ),
            Move(
                MeetingStatus.VOTING,
                "close",
                MeetingStatus.CLOSED,
                SECRETARIES,
                _("close its ballot"),
                log="council.meeting.closed",
            ),
        ],
    )
)

PROPOSALS.add(
    Move(
        ProposalStatus.READY,
        "pass",
        ProposalStatus.PASSED,
        COUNCIL_SECRETARIES,
        _("be passed by the council"),
        log="council.proposal.passed",
    ),
    Move(
        ProposalStatus.READY,
        "not_pass",
        ProposalStatus.NOT_PASSED,
        COUNCIL_SECRETARIES,
        _("be recorded as not passed by the council"),
        log="council.proposal.not_passed",
    ),
)
