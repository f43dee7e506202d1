"""The payment list of a decision as an .xlsx download (decisions.payments): the agency's readers — its
finance office among them — download it for an issued decision; a draft's only those who draft it
(decisions.access hides drafts from everyone else)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.views.decorators.http import require_GET

from lib.xlsx import xlsx_response

from ..access import get_decision_for_user
from ..models import Kind, Status
from ..payments import file_name, payment_list


@login_required
@require_GET
def payment_list_view(request, pk):
    decision = get_decision_for_user(request.user, pk)
    if decision.kind != Kind.REWARD or decision.status == Status.DISCARDED:
        raise Http404
    return xlsx_response(payment_list(decision), file_name(decision))
