"""The secretariat's appraisal screens: the queue (filters, counters by status, the processing clock, the
dossier's missing parts and the flags of each row, bulk actions on a page), returning a proposal with the
parts the unit must correct, appraising it with an opinion, and sending it to the council ("ready")."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, Count, F, Func, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lib.forms import submit
from organisations.scope import scope_for

from ..access import APPRAISE, appraisable_proposals, get_proposal_for_user
from ..appraisal_forms import (
    BulkAppraiseForm,
    ChosenForm,
    OpinionForm,
    QueueFilterForm,
    ReturnForm,
    soon_limit,
)
from ..domain import appraisal, posting
from ..dossier import missing_parts, parts
from ..models import LIVE_STATES, Confirmation, Proposal, Status, UnitDossier

PAGE_SIZE = 50
READY_STATES = (Status.APPRAISED, Status.POSTED)


def _require_appraiser(user) -> None:
    """The queue and its bulk actions: the secretariat and administrators of an agency, before any input."""
    scope = scope_for(user)
    if not (scope.installation_admin or scope.manage_agencies):
        raise PermissionDenied


def _count(queryset):
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_same_subject(proposals):
    """`same_subject`: the other live proposals of the row's subject (the person, or the unit itself) in the
    same achievement year — what the appraisal flags as proposed twice — in the row's own query."""
    others = Proposal.objects.live().filter(round__year=OuterRef("round__year")).exclude(pk=OuterRef("pk"))
    by_person = others.filter(person_id=OuterRef("person_id"))
    by_unit = others.filter(person__isnull=True, unit_id=OuterRef("unit_id"))
    return proposals.annotate(
        same_subject=Case(When(person__isnull=True, then=_count(by_unit)), default=_count(by_person))
    )


def _calendar_agency(user, form):
    """The agency whose calendar counts "near due": the round's, else the only agency the user appraises."""
    if (chosen := form.value("round")) is not None:
        return chosen.agency_id
    manages = scope_for(user).manage_agencies
    return next(iter(manages)) if len(manages) == 1 else None


def _attach_dossiers(rows) -> list:
    """Put on each proposal its unit's dossier for the round (nominations.dossier reads it): one query."""
    rows = list(rows)
    dossiers = UnitDossier.objects.filter(
        round_id__in={p.round_id for p in rows}, unit_id__in={p.unit_id for p in rows}
    )
    found = {(d.round_id, d.unit_id): d for d in dossiers}
    for proposal in rows:
        proposal._unit_dossier = found.get((proposal.round_id, proposal.unit_id))
    return rows


def _dress(rows, today, soon) -> None:
    """Each row's missing dossier parts, flags and due-date highlight."""
    for proposal in _attach_dossiers(rows):
        proposal.missing_count = len(missing_parts(proposal))
        proposal.flag_count = len(proposal.flags) if proposal.flags else proposal.same_subject
        due, waiting = proposal.appraisal_due_on, proposal.status == Status.SUBMITTED
        proposal.due_class = ""
        if waiting and due is not None:
            proposal.due_class = "due-overdue" if due < today else ("due-soon" if due <= soon else "")


def _queue_page(request, form, today):
    proposals = form.filter(appraisable_proposals(request.user), today)
    proposals = (
        with_same_subject(proposals)
        .select_related("round__agency", "unit", "award", "person", "rule_set", "posting")
        .prefetch_related("evidence")
        .order_by(F("appraisal_due_on").asc(nulls_last=True), "pk")
    )
    return Paginator(proposals, PAGE_SIZE).get_page(request.GET.get("page"))


def _counters(request, form, today) -> list[dict]:
    """Proposals by status under the other filters (one query), each linking to the queue so filtered."""
    rows = form.filter(appraisable_proposals(request.user), today, status=False)
    counts = dict(rows.order_by().values_list("status").annotate(n=Count("pk")))
    base, chosen = form.query_without_status(), form.value("status") or ""
    shown = [(code, label) for code, label in Status.choices if code in LIVE_STATES or counts.get(code)]
    return [
        {
            "label": label,
            "count": sum(counts.values()) if code == "" else counts.get(code, 0),
            "query": f"{base}&status={code}".lstrip("&"),
            "current": code == chosen,
        }
        for code, label in [("", _("All")), *shown]
    ]


@login_required
@require_GET
def queue(request):
    _require_appraiser(request.user)
    today = timezone.localdate()
    form = QueueFilterForm(request.GET, user=request.user)
    page = _queue_page(request, form, today)
    counters = _counters(request, form, today)
    _dress(page.object_list, today, soon_limit(today, _calendar_agency(request.user, form)))
    context = {
        "form": form,
        "page": page,
        "counters": counters,
        "back": request.get_full_path(),
        "posting_round": form.value("round"),
        "ready_states": READY_STATES,
        "pending": Confirmation.PENDING,
    }
    return render(request, "nominations/queue.html", context)


def _back(request, default: str) -> str:
    """Back to the queue as it was filtered (a path of the queue only), else `default`."""
    back = request.POST.get("back", "")
    queue_path = reverse("nominations:queue")
    if back.startswith(queue_path) and url_has_allowed_host_and_scheme(back, allowed_hosts=None):
        return back
    return default


def _report(request, done, refused, done_message) -> None:
    if done:
        messages.success(request, done_message % {"count": len(done)})
    for proposal, reason in refused:
        what = f"{proposal.subject_name} — {proposal.award.name}"
        messages.error(request, _("%(proposal)s: %(reason)s") % {"proposal": what, "reason": reason})


def _form_errors(request, form) -> None:
    messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))


@login_required
@require_POST
def appraise_page(request):
    """Appraise the ticked proposals of a page with one opinion; those whose dossier misses a part, or that
    moved meanwhile, are refused and named."""
    _require_appraiser(request.user)
    waiting = appraisable_proposals(request.user)  # one moved meanwhile is named, not a form error
    waiting = waiting.select_related("round__agency", "unit", "award", "person", "rule_set")
    form = BulkAppraiseForm(request.POST, proposals=waiting.prefetch_related("evidence"))
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(_back(request, reverse("nominations:queue")))
    complete, refused = [], []
    for proposal in _attach_dossiers(form.cleaned_data["proposals"]):
        if missing := missing_parts(proposal):
            names = "; ".join(part.name for part in missing)
            refused.append(
                (proposal, _("The dossier is not complete. Missing: %(parts)s.") % {"parts": names})
            )
        else:
            complete.append(proposal)
    done, failed = appraisal.appraise_many(
        actor=request.user, proposals=complete, opinion=form.cleaned_data["opinion"]
    )
    message = ngettext("%(count)s proposal was appraised.", "%(count)s proposals were appraised.", len(done))
    _report(request, done, refused + failed, message)
    return redirect(_back(request, reverse("nominations:queue")))


@login_required
@require_POST
def ready_page(request):
    """Send the ticked appraised (or posted) proposals to the council; those not ready are named with why."""
    _require_appraiser(request.user)
    candidates = appraisable_proposals(request.user)  # one not ready is named with why
    candidates = candidates.select_related("round__agency", "unit", "award", "person", "rule_set", "posting")
    form = ChosenForm(request.POST, proposals=candidates)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(_back(request, reverse("nominations:queue")))
    done, refused = posting.make_ready_many(
        actor=request.user, proposals=form.cleaned_data["proposals"], on=timezone.localdate()
    )
    message = ngettext(
        "%(count)s proposal was sent to the council.",
        "%(count)s proposals were sent to the council.",
        len(done),
    )
    _report(request, done, refused, message)
    return redirect(_back(request, reverse("nominations:queue")))


# --- one proposal ------------------------------------------------------------------------------------------


def _not_waiting(request, proposal):
    message = _("This proposal is not waiting for appraisal: it is “%(status)s”.")
    messages.error(request, message % {"status": proposal.get_status_display()})
    return redirect("nominations:proposal", proposal.pk)


@login_required
@require_http_methods(["GET", "POST"])
def proposal_return(request, pk):
    proposal = get_proposal_for_user(request.user, pk, action=APPRAISE)
    if request.method == "GET" and proposal.status != Status.SUBMITTED:
        return _not_waiting(request, proposal)
    form = ReturnForm(request.POST or None)
    change = partial(
        appraisal.return_proposal, actor=request.user, proposal=proposal, on=timezone.localdate()
    )
    if submit(request, form, change, _("The proposal was returned to the unit for correction.")):
        return redirect("nominations:proposal", proposal.pk)
    return render(request, "nominations/return.html", {"proposal": proposal, "form": form})


def _appraise_context(proposal, form) -> dict:
    return {
        "proposal": proposal,
        "form": form,
        "flags": appraisal.overlaps(proposal),
        "parts": parts(proposal),
        "confirmed": proposal.confirmation == Confirmation.CONFIRMED,
    }


@login_required
@require_http_methods(["GET", "POST"])
def proposal_appraise(request, pk):
    """The opinion, once the secretariat has seen the flags, the dossier and the nominee's confirmation."""
    proposal = get_proposal_for_user(request.user, pk, action=APPRAISE)
    if request.method == "GET" and proposal.status != Status.SUBMITTED:
        return _not_waiting(request, proposal)
    form = OpinionForm(request.POST or None)
    change = partial(
        appraisal.appraise_proposal, actor=request.user, proposal=proposal, on=timezone.localdate()
    )
    if submit(request, form, change, _("The appraisal was recorded.")):
        return redirect("nominations:proposal", proposal.pk)
    return render(request, "nominations/appraise.html", _appraise_context(proposal, form))


@login_required
@require_POST
def proposal_ready(request, pk):
    proposal = get_proposal_for_user(request.user, pk, action=APPRAISE)
    try:
        posting.make_ready(actor=request.user, proposal=proposal, on=timezone.localdate())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The proposal was sent to the council."))
    return redirect(_back(request, reverse("nominations:proposal", args=[proposal.pk])))
