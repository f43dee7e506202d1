"""Drafting the decision that corrects an issued one (decisions.domain.correcting): the original stays as it
was issued; the correction is a decision of its own, linked to it, signed and issued like any other."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lib.forms import submit

from ..access import MANAGE, get_decision_for_user
from ..domain.correcting import draft_correction
from ..forms import CorrectionForm


@login_required
@require_http_methods(["GET", "POST"])
def correction_new(request, pk):
    decision = get_decision_for_user(request.user, pk, action=MANAGE)
    form = CorrectionForm(request.POST or None)
    action = partial(draft_correction, actor=request.user, decision=decision)
    done = _("The correcting decision was drafted: choose its signer and submit it.")
    made = submit(request, form, action, done)
    if made is not None:
        return redirect("decisions:detail", made.pk)
    return render(request, "decisions/correction_new.html", {"decision": decision, "form": form})
