"""The decisions' staff screens: the list (by date, newest first, with a year filter), a decision's page (its
document and status, the meeting, the legal bases, the annexed lines with their amounts, ledger rows and
certificates, the totals in words, the fund's check; discarding a draft, issuing a signed-off one, the
payment list and the certificates), and the drafter — from a closed meeting's passed list, the awards within
the agency's authority ticked, grouped, priced for the intended date against the fund, and drafted; those
beyond its authority are sent to the forward package."""

import datetime as dt
from dataclasses import dataclass
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import BooleanField, ExpressionWrapper, Prefetch, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from awards.authorities import WITHIN_AGENCY
from council.access import get_meeting_for_user
from council.models import MeetingStatus
from documents.access import can_issue_documents
from lib.forms import submit
from lib.panels import panels_for
from lib.vnmoney import format_vnd, in_words
from nominations.models import Proposal
from nominations.models import Status as ProposalStatus
from organisations.scope import scope_for

from ..access import (
    MANAGE,
    can_issue_decision,
    can_manage_decisions,
    decisions_for_user,
    get_decision_for_user,
)
from ..amounts import price_lines
from ..domain.correcting import issue_correction
from ..domain.drafting import discard_decision, draft_decisions
from ..domain.issuing import issue_decision
from ..domain.revoking import discard_revocation, issue_revocation
from ..forms import DiscardForm, DraftForm, IssueForm, YearForm
from ..funds import FundReport, fund_report, overspend_message
from ..models import Certificate, Kind, Line, Status

PAGE_SIZE = 50
LINES_PAGE_SIZE = 100  # lines of a decision's annex shown at a time
# The domain function that issues, and that discards, a decision of each kind.
ISSUING = {Kind.REWARD: issue_decision, Kind.REVOCATION: issue_revocation, Kind.CORRECTION: issue_correction}
DISCARDING = {
    Kind.REWARD: discard_decision,
    Kind.REVOCATION: discard_revocation,
    Kind.CORRECTION: discard_decision,
}
STATUS_CSS = {Status.DRAFT: "status-draft", Status.ISSUED: "status-issued", Status.DISCARDED: "status-closed"}


@dataclass(frozen=True)
class Badge:
    label: str
    css: str


def decision_badge(decision) -> Badge:
    """The decision's status in words; a draft says where its document stands (drafted, with its signer…)."""
    if decision.status == Status.DRAFT:
        label = _("Being drafted — %(step)s") % {"step": decision.document.get_status_display()}
        return Badge(label, STATUS_CSS[Status.DRAFT])
    return Badge(str(decision.get_status_display()), STATUS_CSS.get(decision.status, ""))


def document_badge(document) -> Badge:
    return Badge(str(document.get_status_display()), f"status-{document.status}")


# --- the list ----------------------------------------------------------------------------------------------


@login_required
@require_GET
def decision_list(request):
    """Newest first (index decision_list); three queries whatever the number of decisions."""
    decisions = decisions_for_user(request.user)
    years = [day.year for day in decisions.dates("decided_on", "year", order="DESC")]
    form = YearForm(request.GET or None, years=years)
    if (year := form.value()) is not None:
        decisions = decisions.of_year(year)
    decisions = decisions.select_related("document").order_by("-decided_on", "-id")
    page = Paginator(decisions, PAGE_SIZE).get_page(request.GET.get("page"))
    for decision in page:
        decision.badge, decision.total_words = decision_badge(decision), format_vnd(decision.total_amount)
    scope = scope_for(request.user)
    reader = scope.installation_admin or bool(scope.read_agencies or scope.manage_agencies)
    return render(request, "decisions/list.html", {"page": page, "form": form, "reader": reader})


# --- a decision's page -------------------------------------------------------------------------------------


def _lines(decision, page_number):
    certificates = Certificate.objects.order_by("id")
    lines = (
        decision.lines.select_related("award", "record")
        .prefetch_related(Prefetch("certificates", queryset=certificates, to_attr="certificate_list"))
        .order_by("position")
    )
    page = Paginator(lines, LINES_PAGE_SIZE).get_page(page_number)
    for line in page:
        line.amount_words = format_vnd(line.amount) if line.paid else ""
    return page


def _actions(user, decision) -> dict:
    draft = decision.status == Status.DRAFT
    manager = can_manage_decisions(user, decision.agency_id)
    issued = decision.status == Status.ISSUED
    return {
        "manager": manager,
        "can_discard": draft and manager,
        "can_issue": can_issue_decision(user, decision),
        "awaits_signature": draft and not can_issue_decision(user, decision),
        "can_print": issued and manager and decision.kind == Kind.REWARD,
        "has_payment_list": decision.kind == Kind.REWARD and decision.status != Status.DISCARDED,
    }


def decision_context(request, decision) -> dict:
    document = decision.document
    fund_check = overspend_message(decision) if decision.status == Status.DRAFT else ""
    return {
        "decision": decision,
        "document": document,
        "badge": decision_badge(decision),
        "document_badge": document_badge(document),
        "bases": list(document.bases.select_related("cited")),
        "lines": _lines(decision, request.GET.get("page")),
        "revocations": list(
            decision.revocations.select_related("record__award", "record__person", "record__unit").order_by(
                "pk"
            )
        ),
        "corrections": list(decision.corrections.select_related("document").order_by("pk")),
        "total_words": format_vnd(decision.total_amount),
        "base_salary_words": format_vnd(decision.base_salary) if decision.base_salary else "",
        "total_in_words": in_words(decision.total_amount),
        "fund_check": fund_check,
        "issue_form": IssueForm(initial={"issued_on": timezone.localdate()}),
        **_actions(request.user, decision),
    }


@login_required
@require_GET
def decision_detail(request, pk):
    decision = get_decision_for_user(request.user, pk)
    context = {**decision_context(request, decision), "panels": panels_for("decision", request, decision)}
    return render(request, "decisions/detail.html", context)


# --- discarding and issuing ---------------------------------------------------------------------------------


@login_required
@require_POST
def discard(request, pk):
    decision = get_decision_for_user(request.user, pk, action=MANAGE)
    if decision.status != Status.DRAFT:
        messages.error(request, _("Only a draft can be discarded: this decision is “%(status)s”.")
                       % {"status": decision.get_status_display()})  # fmt: skip
        return redirect("decisions:detail", decision.pk)
    action = partial(DISCARDING[decision.kind], actor=request.user, decision=decision)
    form = DiscardForm(request.POST)
    if submit(
        request, form, action, _("The draft decision was discarded; its proposals may be drafted again.")
    ):
        return redirect("decisions:detail", decision.pk)
    messages.error(request, " ".join(str(e) for e in form.non_field_errors()))
    return redirect("decisions:detail", decision.pk)


@login_required
@require_http_methods(["GET", "POST"])
def issue(request, pk):
    """Number the signed-off decision and write its ledger rows (decisions.domain.issuing), on a date."""
    decision = get_decision_for_user(request.user, pk)
    if not can_issue_documents(request.user, decision.agency_id):
        raise PermissionDenied  # before the form: those who number the agency's documents
    if not can_issue_decision(request.user, decision):
        message = _("This decision cannot be issued now: it must be a draft signed off by its signer (it is "
                    "“%(status)s”, its document “%(document)s”).")  # fmt: skip
        words = {"status": decision.get_status_display(), "document": decision.document.get_status_display()}
        messages.error(request, message % words)
        return redirect("decisions:detail", decision.pk)
    form = IssueForm(request.POST or None, initial={"issued_on": timezone.localdate()})
    action = partial(ISSUING[decision.kind], actor=request.user, decision=decision)
    if done := submit(request, form, action, _issued_message):
        return redirect("decisions:detail", done.pk)
    decision = get_decision_for_user(request.user, pk)  # as stored: a refused issuance changed nothing
    return render(
        request, "decisions/detail.html", decision_context(request, decision) | {"issue_form": form}
    )


def _issued_message(decision) -> str:
    if decision.kind != Kind.REWARD:
        return _("Decision %(number)s was issued.") % {"number": decision.document.reference}
    return ngettext(
        "Decision %(number)s was issued: %(count)s award was written in the ledger.",
        "Decision %(number)s was issued: %(count)s awards were written in the ledger.",
        decision.awards_count,
    ) % {"number": decision.document.reference, "count": decision.awards_count}


# --- the drafter -------------------------------------------------------------------------------------------


def agenda_of(meeting):
    """Every proposal on the meeting's agenda (the form accepts any: the domain says which may be drafted)."""
    return Proposal.objects.filter(pk__in=meeting.items.values("proposal_id"))


def _on_decisions():
    return Line.objects.exclude(decision__status=Status.DISCARDED).values("proposal_id")


def _ordered(proposals):
    """The annex's order: by award, individuals before collectives, unit, given name (as drafting sorts)."""
    collective = ExpressionWrapper(Q(person__isnull=True), output_field=BooleanField())
    related = proposals.select_related("award", "unit", "person", "round").annotate(collective=collective)
    return related.order_by(
        "award__position", "award_id", "collective", "unit__name", "person__sort_key", "pk"
    )


def draftable(meeting):
    """The passed proposals within the agency's authority not yet on a (live) decision."""
    passed = agenda_of(meeting).filter(status=ProposalStatus.PASSED, award__authority_code__in=WITHIN_AGENCY)
    return passed.exclude(pk__in=_on_decisions())


def _chosen(request, candidates) -> set[int]:
    if request.method != "POST":
        return set(candidates.values_list("pk", flat=True))
    return {int(v) for v in request.POST.getlist("proposals") if v.isdigit() and len(v) < 19}


@dataclass
class Preview:
    """The chosen proposals priced for the intended date, and the fund of its year."""

    day: dt.date
    lines: list
    total: int
    error: str
    report: FundReport | None

    @property
    def total_words(self) -> str:
        return format_vnd(self.total)

    @property
    def in_words(self) -> str:
        return in_words(self.total)

    @property
    def remaining(self) -> int | None:
        """What would remain of the fund once the drafts and these are issued."""
        if self.report is None or self.report.remaining_after_drafts is None:
            return None
        return self.report.remaining_after_drafts - self.total

    @property
    def remaining_words(self) -> str:
        remaining = self.remaining
        return "" if remaining is None else format_vnd(abs(remaining))


def _preview_line(proposal) -> Line:
    return Line(proposal=proposal, award=proposal.award, person=proposal.person, unit=proposal.unit,
                year=proposal.round.year, name=proposal.line_name or proposal.subject_name,
                unit_name=proposal.line_unit or proposal.unit.name)  # fmt: skip


def preview(agency, proposals, day: dt.date) -> Preview:
    """Amounts per line (decisions.amounts on unsaved lines) and the fund (decisions.funds)."""
    lines = [_preview_line(proposal) for proposal in proposals]
    error = ""
    try:
        price_lines(lines, agency=agency, day=day)
    except ValidationError as refused:
        error = " ".join(refused.messages)
    for line in lines:
        line.amount_words = format_vnd(line.amount) if line.paid and not error else ""
    total = 0 if error else sum(line.amount for line in lines if line.paid)
    return Preview(day=day, lines=lines, total=total, error=error, report=fund_report(agency, day.year))


def _intended_day(data) -> dt.date:
    try:
        day = DraftForm.base_fields["decided_on"].clean(data.get("decided_on", ""))
    except ValidationError:
        day = None
    return day or timezone.localdate()


def _drafter_context(request, meeting, form, chosen) -> dict:
    agency, data = meeting.council.agency, request.POST if request.method == "POST" else request.GET
    candidates = _ordered(draftable(meeting))
    page = Paginator(candidates, PAGE_SIZE).get_page(data.get("goto") or data.get("page"))
    passed = agenda_of(meeting).filter(status=ProposalStatus.PASSED)
    return {
        "meeting": meeting, "agency": agency, "form": form, "page": page, "chosen": chosen,
        "elsewhere": sorted(chosen - {proposal.pk for proposal in page}),
        "preview": preview(agency, _ordered(candidates.filter(pk__in=chosen)), _intended_day(data)),
        "beyond": list(_ordered(passed.exclude(award__authority_code__in=WITHIN_AGENCY))),
        "not_passed": list(_ordered(agenda_of(meeting).filter(status=ProposalStatus.NOT_PASSED))),
        "drafted": list(decisions_for_user(request.user).filter(meeting=meeting)
                        .exclude(status=Status.DISCARDED).select_related("document").order_by("pk")),
    }  # fmt: skip


def _drafted_message(made) -> str:
    count = len(made)
    return ngettext(
        "%(count)s draft decision was made: check it, then submit it to its signer.",
        "%(count)s draft decisions were made: check them, then submit each to its signer.",
        count,
    ) % {"count": count}


@login_required
@require_http_methods(["GET", "POST"])
def drafter(request, meeting_pk):
    """Tick the passed proposals of a closed meeting (kept across pages), choose the grouping, the signer and
    the intended date; the amounts and the fund follow the choice (htmx `?preview=1`)."""
    meeting = get_meeting_for_user(request.user, meeting_pk)
    agency = meeting.council.agency
    if not can_manage_decisions(request.user, agency.pk):
        raise PermissionDenied  # before the form
    if meeting.status != MeetingStatus.CLOSED:
        messages.error(request, _("Decisions are drafted from a closed meeting: this one is “%(status)s”.")
                       % {"status": meeting.get_status_display()})  # fmt: skip
        return redirect("council:meeting", meeting.pk)
    saving = "save" in request.POST
    form = DraftForm(request.POST if saving else None, agenda=agenda_of(meeting), agency=agency,
                     initial={"decided_on": timezone.localdate()})  # fmt: skip
    action = partial(draft_decisions, actor=request.user, meeting=meeting)
    if saving and (made := submit(request, form, action, _drafted_message)):
        return redirect("decisions:detail", made[0].pk)
    chosen = _chosen(request, draftable(meeting))
    if request.htmx and "preview" in request.GET:  # the amounts and the fund, as the ticks change
        proposals = _ordered(draftable(meeting).filter(pk__in=chosen))
        context = {"preview": preview(agency, proposals, _intended_day(request.POST)), "meeting": meeting}
        return render(request, "decisions/drafter.html#preview", context)
    return render(request, "decisions/drafter.html", _drafter_context(request, meeting, form, chosen))
