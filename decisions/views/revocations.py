"""The revocations (issue 15 points 7 and 9): the list of awards revoked or being revoked with what is due,
what came back and the overdue ones (`/decisions/revocations/`); the secretariat's form drafting a
revocation from a ledger row (`new/<record>/`), which leads to the revocation decision's page to be signed
and issued; a revocation's page with the return form (`<pk>/`). Whoever reads the agency's decisions reads
its revocations; drafts only those who draft them (decisions.access)."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lib.forms import submit

from ..access import can_manage_decisions, get_record_for_user, revocations_for_user
from ..domain.revoking import (
    draft_revocation,
    original_of,
    printed_name,
    record_return,
    refusal,
    return_state,
)
from ..models import Status
from ..revocation_forms import OUTSTANDING, OVERDUE, ReturnForm, RevocationFilterForm, RevocationForm

PAGE_SIZE = 50
ROW = ("record__award", "record__person", "record__unit", "record__decision", "record__decision_line",
       "decision__document")  # fmt: skip


def _unsettled() -> Q:
    return Q(amount_returned__lt=F("amount_due")) | Q(object_due=True, object_returned=False)


def _shown(revocations, show: str, today):
    if show == OUTSTANDING:
        return revocations.filter(_unsettled(), decision__status=Status.ISSUED)
    if show == OVERDUE:
        return revocations.filter(_unsettled(), decision__status=Status.ISSUED, return_due__lt=today)
    return revocations


def _decorate(revocation, today):
    revocation.name = printed_name(revocation.record)
    revocation.state = return_state(revocation, today)
    return revocation


@login_required
@require_GET
def revocation_list(request):
    today = timezone.localdate()
    chooser = RevocationFilterForm(request.GET or None)
    revocations = _shown(revocations_for_user(request.user), chooser.value(), today)
    revocations = revocations.select_related(*ROW).order_by(F("return_due").desc(nulls_first=True), "-id")
    page = Paginator(revocations, PAGE_SIZE).get_page(request.GET.get("page"))
    for revocation in page:
        _decorate(revocation, today)
    return render(request, "decisions/revocations.html", {"page": page, "chooser": chooser})


@login_required
@require_http_methods(["GET", "POST"])
def revocation_new(request, record_pk):
    record = get_record_for_user(request.user, record_pk)
    original = original_of(record)
    agency = original.agency if original is not None else record.agency
    if not can_manage_decisions(request.user, agency.pk):
        raise PermissionDenied  # before the form
    form = RevocationForm(request.POST or None, agency=agency)
    action = partial(draft_revocation, actor=request.user, records=[record])
    message = _("The revocation decision was drafted: have it signed, then issue it.")
    if drafted := submit(request, form, action, message):
        return redirect("decisions:detail", drafted.pk)
    context = {"record": record, "original": original, "name": printed_name(record), "form": form,
               "refusal": refusal(record)}  # fmt: skip
    return render(request, "decisions/revocation_new.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def revocation_detail(request, pk):
    revocation = (
        revocations_for_user(request.user).select_related(*ROW, "decision__agency").filter(pk=pk).first()
    )
    if revocation is None:
        raise Http404
    manager = can_manage_decisions(request.user, revocation.decision.agency_id)
    if request.method == "POST" and not manager:
        raise PermissionDenied  # before the form
    issued = revocation.decision.status == Status.ISSUED
    form = ReturnForm(request.POST or None, revocation=revocation) if manager and issued else None
    action = partial(record_return, actor=request.user, revocation=revocation)
    if form is not None and submit(request, form, action, _("The return was recorded.")):
        return redirect("decisions:revocation", revocation.pk)
    if request.method == "POST" and form is None:  # a page left open while the decision is still a draft
        messages.error(request, _("The revocation decision is not issued yet: nothing is due."))
        return redirect("decisions:revocation", revocation.pk)
    _decorate(revocation, timezone.localdate())
    context = {"revocation": revocation, "original": original_of(revocation.record), "form": form}
    return render(request, "decisions/revocation.html", context)
