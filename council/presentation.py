"""The council in words, for every screen: a meeting's status and a seat's attendance as badges (never their
codes), the meeting's rules (quorum, attendance for award sessions, recusals, the share's base), the quorum
box ("Có mặt 8/9, cần 6 — đủ"), an item's threshold and outcome. Never a member's choice on a secret item:
the only choices said here are the counted ballots of the published box, without a name."""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .models import Choice, Format, MeetingStatus, Presence
from .quorum import Quorum, fraction

STATUS_CSS = {
    MeetingStatus.PREPARING: "status-draft",
    MeetingStatus.CONVENED: "status-submitted",
    MeetingStatus.VOTING: "pending",
    MeetingStatus.CLOSED: "done",
}
PRESENCE_CSS = {
    Presence.PRESENT: "done",
    Presence.SUBSTITUTE: "done",
    Presence.WRITTEN: "pending",
    Presence.ABSENT: "closed",
}
CHOICE_CSS = {Choice.FOR: "done", Choice.AGAINST: "closed", Choice.ABSTAIN: "pending"}


@dataclass(frozen=True)
class Badge:
    label: str
    css: str


def status_badge(status: str) -> Badge:
    return Badge(str(MeetingStatus(status).label), STATUS_CSS.get(status, ""))


def presence_badge(presence: str | None) -> Badge:
    if not presence:
        return Badge(_("Not recorded"), "")
    return Badge(str(Presence(presence).label), PRESENCE_CSS.get(presence, ""))


def choice_badge(choice: str) -> Badge:
    return Badge(str(Choice(choice).label), CHOICE_CSS.get(choice, ""))


def format_words(meeting) -> str:
    """The format and the place: "Meeting in person — Phòng họp số 1"."""
    words = str(Format(meeting.format).label)
    return f"{words} — {meeting.place}" if meeting.place else words


def percent(value) -> str:
    """0.9 → "90%"; 0.6667 → "66,67%" (the Vietnamese decimal comma)."""
    share = Decimal(str(value)) * 100
    shown = number_format(
        share.normalize() if share == share.to_integral() else share.quantize(Decimal("0.01"))
    )
    return f"{shown}%"


def share_words(value) -> str:
    """A share as the agency wrote it: "2/3" stays a fraction, a decimal is a percentage."""
    text = str(value).strip()
    if "/" in text:
        share = fraction(text)
        return f"{share.numerator}/{share.denominator}" if share != Fraction(1) else "100%"
    return percent(value)


def quorum_words(meeting) -> str:
    return _("%(share)s of all members") % {"share": share_words(meeting.quorum)}


def presence_words(meeting) -> str:
    if meeting.presence is None:
        return _("no higher attendance required")
    return _("%(share)s of all members") % {"share": percent(meeting.presence)}


def recusal_base_words(meeting) -> str:
    if meeting.recusal_base == "voting":
        return _("the members entitled to vote on the item (recused members are left out of the base)")
    return _("the whole membership (recused members stay in the base, as the law counts them)")


def recusal_rule_words(meeting) -> str:
    rules = [_("a member never votes on a proposal for himself")]
    if meeting.recuse_unit:
        rules.append(_("nor on a proposal of his own unit"))
    if meeting.recuse_relatives:
        rules.append(_("nor on a proposal for a relative he declared"))
    return ", ".join(rules)


def yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def rules_of(meeting) -> list[tuple[str, str]]:
    """(rule, words) of the meeting's rules, copied from the agency's settings when it was prepared."""
    return [
        (_("Quorum"), quorum_words(meeting)),
        (_("Attendance for award sessions"), presence_words(meeting)),
        (_("Recusal"), recusal_rule_words(meeting)),
        (_("Share of votes counted on"), recusal_base_words(meeting)),
        (_("Substitutes may vote"), yes_no(meeting.substitutes)),
        (_("Abstention allowed"), yes_no(meeting.abstain)),
    ]


def quorum_line(quorum: Quorum) -> Badge:
    """ "Present 8/9, 6 needed — quorum met" or "… — 2 more members needed"."""
    figures = {"attending": quorum.attending, "total": quorum.total, "needed": quorum.needed}
    if quorum.met:
        return Badge(_("Present %(attending)s/%(total)s, %(needed)s needed — quorum met") % figures, "done")
    figures["more"] = quorum.more_needed
    return Badge(
        _("Present %(attending)s/%(total)s, %(needed)s needed — %(more)s more members needed") % figures,
        "closed",
    )


def threshold_words(item) -> str:
    if item.threshold is None:
        return _("no threshold in the rule set")
    return _("%(share)s of the members") % {"share": percent(item.threshold)}


def ballot_words(item) -> Badge:
    return Badge(_("Secret ballot"), "status-closed") if item.secret else Badge(_("Open vote"), "")


def outcome_badge(item) -> Badge | None:
    if item.passes is None:
        return None
    return Badge(_("Passed"), "done") if item.passes else Badge(_("Not passed"), "closed")
