"""Nominations in words, for every screen: a proposal's status and the engine's verdict as badges (never
their codes), a check of the verdict (met / not met / waiting), the appraisal clock (overdue, due soon), the
parts a return names, and what changed between two submitted versions, field by field."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import FIELDS, Proposal, Status, Verdict

NEAR_DAYS = 3  # an appraisal due within this many days is "due soon"

STATUS_CSS = {
    Status.DRAFT: "status-draft",
    Status.SUBMITTED: "status-submitted",
    Status.RETURNED: "status-returned",
    Status.APPRAISED: "done",
    Status.POSTED: "done",
    Status.READY: "done",
    Status.WITHDRAWN: "status-closed",
    Status.PASSED: "done",
    Status.NOT_PASSED: "status-closed",
}
VERDICT_CSS = {
    Verdict.ELIGIBLE: "done",
    Verdict.NOT_ELIGIBLE: "closed",
    Verdict.DEFERRED: "pending",
    Verdict.UNJUDGED: "",
}
# The fields a version keeps (nominations.domain.proposals._snapshot), in the order they are shown.
VERSION_FIELDS = {
    "achievement": gettext_lazy("achievement summary"),
    "justification": gettext_lazy("justification"),
    "report": gettext_lazy("achievement report"),
    "line_name": gettext_lazy("full name printed"),
    "line_birth": gettext_lazy("date of birth printed"),
    "line_position": gettext_lazy("position printed"),
    "line_unit": gettext_lazy("unit printed"),
    "unit_votes": gettext_lazy("votes for at the unit's meeting"),
    "evidence": gettext_lazy("evidence files"),
    "verdict": gettext_lazy("verdict"),
}


@dataclass(frozen=True)
class Badge:
    label: str
    css: str


def status_badge(status: str) -> Badge:
    return Badge(str(Status(status).label), STATUS_CSS.get(status, ""))


def verdict_badge(verdict: str) -> Badge:
    return Badge(str(Verdict(verdict).label), VERDICT_CSS.get(verdict, ""))


def check_words(check: dict) -> Badge:
    """One check of the verdict (proposal.checks): met, not met, or waiting for a review."""
    if check.get("passed") is None:
        return Badge(_("Waiting"), "pending")
    return Badge(_("Met"), "done") if check["passed"] else Badge(_("Not met"), "closed")


def _day(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def clock_badge(proposal: Proposal, today: dt.date | None = None) -> Badge | None:
    """The appraisal clock of a submitted proposal: overdue, or due within NEAR_DAYS days (None otherwise)."""
    due = proposal.appraisal_due_on
    if due is None or proposal.status != Status.SUBMITTED:
        return None
    today = today or timezone.localdate()
    if due < today:
        return Badge(_("Appraisal overdue since %(day)s") % {"day": _day(due)}, "closed")
    if (due - today).days <= NEAR_DAYS:
        return Badge(_("Appraisal due on %(day)s") % {"day": _day(due)}, "pending")
    return None


def returned_parts(proposal: Proposal) -> list[str]:
    """The parts a return asks the unit to correct, in words (every part when it named none)."""
    return [str(FIELDS[code]) for code in proposal.returned_fields if code in FIELDS]


# --- versions ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


def value_words(name: str, value) -> str:
    """A kept value in words: dates dd/mm/yyyy, lists joined, the verdict's label, "—" for nothing."""
    if value in (None, "", []):
        return "—"
    if name == "verdict":
        return str(Verdict(value).label) if value in Verdict.values else str(value)
    if name == "line_birth":
        try:
            return _day(dt.date.fromisoformat(value))
        except (TypeError, ValueError):
            return str(value)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def changes_between(older: dict, newer: dict) -> list[Change]:
    """What changed from one submitted version to the next, field by field, in words."""
    return [
        Change(str(label), value_words(name, older.get(name)), value_words(name, newer.get(name)))
        for name, label in VERSION_FIELDS.items()
        if older.get(name) != newer.get(name)
    ]


@dataclass(frozen=True)
class VersionRow:
    version: object
    changes: list  # from the version before (empty for the first)
    first: bool


def version_rows(versions) -> list[VersionRow]:
    """Each submitted version with what changed since the one before it."""
    rows, previous = [], None
    for version in versions:
        changes = changes_between(previous.data, version.data) if previous is not None else []
        rows.append(VersionRow(version, changes, previous is None))
        previous = version
    return rows
