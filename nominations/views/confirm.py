"""The nominee's confirmation (xác nhận thông tin), made for a phone: her own proposals with the line printed
on the decision and the certificate — full name, date of birth, position, unit — each confirmed or reported
wrong with a note."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lib.forms import submit
from organisations.scope import scope_for

from ..access import CONFIRM, get_proposal_for_user, proposals_for_user
from ..appraisal_forms import ConfirmForm
from ..domain.appraisal import confirm_line
from ..models import Confirmation, Status

PAGE_SIZE = 20
CLOSED_STATES = (Status.WITHDRAWN, Status.READY)  # the line can no longer be confirmed (confirm_line)


def _answered(proposal) -> str:
    if proposal.confirmation == Confirmation.CONFIRMED:
        return _("Thank you: your line is confirmed.")
    return _("Thank you: the error you reported was sent with the proposal.")


@login_required
@require_GET
def my_proposals(request):
    """The staff member's own proposals, newest round first, each with its printed line and two answers."""
    person_id = scope_for(request.user).person_id
    if person_id is None:
        raise PermissionDenied
    proposals = (
        proposals_for_user(request.user)
        .filter(person_id=person_id)
        .exclude(status=Status.WITHDRAWN)
        .select_related("round", "award")
        .order_by("-round__year", "-pk")
    )
    page = Paginator(proposals, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "nominations/mine.html", {"page": page, "closed_states": CLOSED_STATES})


@login_required
@require_http_methods(["GET", "POST"])
def proposal_confirm(request, pk):
    proposal = get_proposal_for_user(request.user, pk, action=CONFIRM)
    form = ConfirmForm(request.POST or None)
    if submit(request, form, partial(confirm_line, actor=request.user, proposal=proposal), _answered):
        return redirect("nominations:mine")
    context = {"proposal": proposal, "form": form, "closed_states": CLOSED_STATES}
    return render(request, "nominations/confirm.html", context)
