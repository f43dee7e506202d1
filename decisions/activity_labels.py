"""The decisions' words in the activity log (read by activity/registry.py)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "decisions.decision.drafted": _("Reward decision drafted"),
    "decisions.decision.registered": _("Decision of another body registered"),
    "decisions.decision.issued": _("Reward decision issued"),
    "decisions.decision.recorded": _("Registered decision recorded in the ledger"),
    "decisions.decision.discarded": _("Draft decision discarded"),
    "decisions.line.confirmed": _("Awardee matched to a proposal"),
    "decisions.proposal.decided": _("Proposal awarded by the agency's decision"),
    "decisions.proposal.forwarded": _("Proposal forwarded to the competent authority"),
    "decisions.proposal.awarded": _("Proposal awarded by the competent authority"),
    "decisions.proposal.refused": _("Proposal not awarded by the competent authority"),
    "decisions.package.drafted": _("Forward package prepared"),
    "decisions.package.sent": _("Forward package sent"),
    "decisions.package.answered": _("Forward package answered"),
    "decisions.certificate.printed": _("Certificates printed"),
    "decisions.certificate.reissued": _("Certificate re-issued"),
    "decisions.fund.set": _("Reward fund set"),
    "decisions.revocation.drafted": _("Revocation drafted"),
    "decisions.revocation.issued": _("Award revoked"),
    "decisions.revocation.returned": _("Return of money or object recorded"),
    "decisions.correction.drafted": _("Correcting decision drafted"),
}
MODELS = {"proposal": "nominations.Proposal", "package": "decisions.ForwardPackage", "line": "decisions.Line"}
FIELDS = {
    "awards": _("awards"),
    "total": _("total amount"),
    "number": _("number"),
    "issued_on": _("date of issue"),
    "meeting": _("council meeting"),
    "decision": _("decision"),
    "reason": _("reason"),
    "proposal": _("proposal"),
}
MONEY = {"total", "amount", "allocation", "amount_due", "amount_returned"}
REFERENCES = {"meeting": "council.Meeting", "proposal": "nominations.Proposal"}
