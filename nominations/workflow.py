"""The proposal's workflow, moved through the gate (workflows.gate) by nominations.domain. The state codes are
exact (the API and other systems read them); the council and decision apps add their moves to this table.

draft → submitted (by the unit) → returned (by the secretariat, with a reason and the fields to correct) →
submitted again → appraised (the secretariat's opinion) → posted (public posting, where required) → ready
(for the council); withdrawn by the unit before appraisal.
"""

from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from workflows.gate import Move, Who, Workflow, register, words

from .access import can_appraise, can_compile
from .models import Proposal, Status

COMPILERS = Who(
    lambda actor, proposal: can_compile(actor, proposal.unit),
    words(
        _("%(officer)s of the proposing unit, %(secretariat)s of the agency, %(admin)s"),
        officer=Role.UNIT_OFFICER.label,
        secretariat=Role.SECRETARIAT.label,
        admin=Role.SYSTEM_ADMIN.label,
    ),
)
APPRAISERS = Who(
    can_appraise,
    words(_("%(secretariat)s of the agency, %(admin)s"), secretariat=Role.SECRETARIAT.label,
          admin=Role.SYSTEM_ADMIN.label),
)  # fmt: skip

PROPOSALS = register(
    Workflow(
        name="nominations.proposal",
        model=Proposal,
        agency=lambda proposal: proposal.round.agency,
        moves=[
            Move((Status.DRAFT, Status.RETURNED), "submit", Status.SUBMITTED, COMPILERS, _("be submitted"),
                 log="nominations.proposal.submitted"),
            Move(Status.SUBMITTED, "return", Status.RETURNED, APPRAISERS, _("be returned"),
                 log="nominations.proposal.returned"),
            Move(Status.SUBMITTED, "appraise", Status.APPRAISED, APPRAISERS, _("be appraised"),
                 log="nominations.proposal.appraised"),
            Move(Status.APPRAISED, "post", Status.POSTED, APPRAISERS, _("be posted for comments"),
                 log="nominations.proposal.posted"),
            Move((Status.APPRAISED, Status.POSTED), "make_ready", Status.READY, APPRAISERS,
                 _("be sent to the council"), log="nominations.proposal.ready"),
            Move((Status.DRAFT, Status.SUBMITTED, Status.RETURNED), "withdraw", Status.WITHDRAWN, COMPILERS,
                 _("be withdrawn"), log="nominations.proposal.withdrawn"),
        ],
    )
)  # fmt: skip
