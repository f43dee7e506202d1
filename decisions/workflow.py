"""The decisions' workflows, through the one gate (workflows.gate); `manage.py workflows` prints them.

Decision: draft → issued (the agency's own: numbered by the documents module's series once its signer signed
it off; a registered one: recorded) — final; a draft may be discarded.
Forward package: draft → sent (the tờ trình issued, the archive built) → answered (the higher decision
recorded).
Proposal (nominations.workflow.PROPOSALS, the same table): passed → decided (the agency's decision issued);
passed → forwarded (in a package sent upward) → awarded / refused (the higher decision recorded).
"""

from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from documents.access import can_issue_documents
from nominations.models import Status as ProposalStatus
from nominations.workflow import PROPOSALS
from workflows.gate import Move, Who, Workflow, register, words

from .access import can_manage_decisions
from .models import Decision, ForwardPackage, PackageStatus, Status

MANAGERS = Who(
    lambda actor, obj: can_manage_decisions(actor, obj.agency_id),
    words(
        _("%(secretariat)s of the agency, %(admin)s"),
        secretariat=Role.SECRETARIAT.label,
        admin=Role.SYSTEM_ADMIN.label,
    ),
)
ISSUERS = Who(
    lambda actor, decision: can_issue_documents(actor, decision.agency_id),
    words(
        _("%(clerk)s, %(secretariat)s of the agency, %(admin)s"),
        clerk=Role.CLERK.label,
        secretariat=Role.SECRETARIAT.label,
        admin=Role.SYSTEM_ADMIN.label,
    ),
)
PROPOSAL_MANAGERS = Who(
    lambda actor, proposal: can_manage_decisions(actor, proposal.round.agency_id), MANAGERS.words
)
PROPOSAL_ISSUERS = Who(
    lambda actor, proposal: can_issue_documents(actor, proposal.round.agency_id), ISSUERS.words
)

DECISIONS = register(
    Workflow(
        name="decisions.decision",
        model=Decision,
        moves=[
            Move(
                Status.DRAFT, "issue", Status.ISSUED, ISSUERS, _("be issued"), log="decisions.decision.issued"
            ),
            Move(
                Status.DRAFT,
                "record",
                Status.ISSUED,
                MANAGERS,
                _("be recorded"),
                log="decisions.decision.recorded",
            ),
            Move(
                Status.DRAFT,
                "discard",
                Status.DISCARDED,
                MANAGERS,
                _("be discarded"),
                log="decisions.decision.discarded",
            ),
        ],
    )
)

PACKAGES = register(
    Workflow(
        name="decisions.package",
        model=ForwardPackage,
        moves=[
            Move(
                PackageStatus.DRAFT,
                "send",
                PackageStatus.SENT,
                MANAGERS,
                _("be sent"),
                log="decisions.package.sent",
            ),
            Move(
                PackageStatus.SENT,
                "answer",
                PackageStatus.ANSWERED,
                MANAGERS,
                _("be answered"),
                log="decisions.package.answered",
            ),
        ],
    )
)

PROPOSALS.add(
    Move(
        ProposalStatus.PASSED,
        "decide",
        ProposalStatus.DECIDED,
        PROPOSAL_ISSUERS,
        _("be awarded by the agency's decision"),
        log="decisions.proposal.decided",
    ),
    Move(
        ProposalStatus.PASSED,
        "forward",
        ProposalStatus.FORWARDED,
        PROPOSAL_MANAGERS,
        _("be forwarded to the competent authority"),
        log="decisions.proposal.forwarded",
    ),
    Move(
        ProposalStatus.FORWARDED,
        "award",
        ProposalStatus.AWARDED,
        PROPOSAL_MANAGERS,
        _("be recorded as awarded by the competent authority"),
        log="decisions.proposal.awarded",
    ),
    Move(
        ProposalStatus.FORWARDED,
        "refuse",
        ProposalStatus.REFUSED,
        PROPOSAL_MANAGERS,
        _("be recorded as not awarded by the competent authority"),
        log="decisions.proposal.refused",
    ),
)
