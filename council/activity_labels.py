"""The council's words in the activity log (read by activity/registry.py). The log of a ballot says that a
member cast it, or that the secretary entered a written vote, and on how many items — never a choice; the
key "choice" is hidden should it ever be logged."""

from django.utils.translation import gettext_lazy as _

from .models import Presence, RecusalReason

ACTIONS = {
    "council.council.created": _("Council created"),
    "council.term.started": _("Council term started"),
    "council.member.added": _("Council member added"),
    "council.member.ended": _("Council seat ended"),
    "council.relative.declared": _("Council member's relative declared"),
    "council.meeting.prepared": _("Council meeting prepared"),
    "council.meeting.agenda": _("Council meeting's agenda set"),
    "council.meeting.convened": _("Council meeting convened"),
    "council.meeting.opened": _("Council ballot opened"),
    "council.meeting.closed": _("Council ballot closed"),
    "council.attendance.recorded": _("Council attendance recorded"),
    "council.guest.added": _("Council meeting guest added"),
    "council.recusal": _("Council member recused from an item"),
    "council.ballot.cast": _("Council ballot cast"),
    "council.ballot.written": _("Written vote entered"),
    "council.ballot.not_voting": _("Council member marked as not voting"),
    "council.paper.counted": _("Paper ballot totals entered"),
    "council.proposal.passed": _("Proposal passed by the council"),
    "council.proposal.not_passed": _("Proposal not passed by the council"),
    "council.minutes.drafted": _("Council minutes drafted"),
}
MODELS = {
    "member": "council.Membership",
    "proposal": "nominations.Proposal",
    "paper": "council.PaperCount",
    "ballot": "council.Participation",  # who voted, never what: no key of a ballot's choice is ever named
}
FIELDS = {
    "name": _("name"),
    "member": _("council member"),
    "role": _("role"),
    "from": _("from"),
    "until": _("until"),
    "decision": _("decision forming the council"),
    "relative": _("relative"),
    "title": _("title"),
    "date": _("date"),
    "items": _("agenda items"),
    "attendance": _("attendance"),
    "guest": _("guest"),
    "proposal": _("proposal"),
    "reason": _("reason"),
    "passed": _("proposals passed"),
    "meeting": _("council meeting"),
    "votes_for": _("votes for"),
    "required": _("votes required"),
    "item": _("agenda item no."),
    "ballots": _("ballots in the box"),
    "minutes": _("minutes"),
    "count_minutes": _("vote-counting minutes"),
}
HIDDEN = {"choice", "choices", "seal", "receipt"}


def _presence(value) -> str:
    return str(dict(Presence.choices).get(value, value))


def _reason(value) -> str:
    return str(dict(RecusalReason.choices).get(value, value))


def _number(value) -> str:
    return str(value)


# the item is logged by its position on the agenda (a number, not an id): shown as the number
VALUES = {"attendance": _presence, "reason": _reason, "item": _number}
