"""The decisions' words in the activity log (read by activity/registry.py)."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _

from .models import Ground

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
    "decisions.correction.issued": _("Correcting decision issued"),
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
    "records": _("awards"),
    "ground": _("ground"),
    "corrects": _("decision corrected"),
    "return_due": _("to be returned by"),
    "revoked_on": _("revoked on"),
    "settled_on": _("settled on"),
    "object_returned": _("object returned"),
    "organising_share": _("share for organising work"),
    "allocation": _("allocation"),
    "year": _("year"),
    "note": _("note"),
    "proposals": _("proposals"),
    "sent_on": _("sent on"),
    "recipient": _("sent to"),
    "line": _("number in the decision"),
    "certificates": _("certificates"),
    "code": _("verification code"),
    "issue": _("issue"),
    "requested_on": _("requested on"),
    "due_on": _("to be settled by"),
    "stock": _("paper"),
    "printer": _("printer"),
    "amount_due": _("money to return"),
    "amount_returned": _("money returned"),
    "object_due": _("object to return"),
}
MONEY = {"total", "amount", "allocation", "amount_due", "amount_returned"}
REFERENCES = {
    "meeting": "council.Meeting",
    "proposal": "nominations.Proposal",
    "package": "decisions.ForwardPackage",
    "corrects": "decisions.Decision",
}


def _share(value) -> str:
    """0.20 → "20 %"."""
    try:
        return f"{Decimal(str(value)) * 100:g} %"
    except (InvalidOperation, ValueError):
        return str(value)


def _ground(value) -> str:
    return str(dict(Ground.choices).get(value, value))


VALUES = {"organising_share": _share, "ground": _ground}
