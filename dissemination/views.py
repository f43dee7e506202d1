"""Screens: a document's dissemination (form and completion), the staff member's documents to read, the
confirmations (htmx), the head's forwarding and the .xlsx export of the acknowledgements."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lib.forms import add_model_errors, submit
from lib.xlsx import xlsx_response
from organisations.scope import scope_for

from . import domain
from .access import (
    CONFIRM,
    can_disseminate,
    get_issued_document_for_user,
    get_receipt_for_user,
    my_receipts,
    receipts_for_user,
    recipient_agency,
)
from .forms import DisseminateForm, ImplementedForm
from .spreadsheets import export_receipts
from .summary import receipt_rows, unit_completion
from .todo import SHOWN, pending

PAGE_SIZE = 50


def panel_context(request, document, form=None) -> dict:
    """What templates/dissemination/_panel.html needs; the document page adds it to its own context."""
    receipts = receipts_for_user(request.user).filter(dissemination__document=document)
    allowed = can_disseminate(request.user, document)
    if allowed and form is None:
        form = DisseminateForm(user=request.user, document=document)
    return {
        "document": document,
        "recipient_agency": recipient_agency(document),
        "disseminate_form": form if allowed else None,
        "unit_completion": unit_completion(receipts),
        "receipts": receipt_rows(receipts),
        "my_person_id": scope_for(request.user).person_id,
        "implemented_form": ImplementedForm(),
    }


@login_required
@require_GET
def document_page(request, document_pk):
    document = get_issued_document_for_user(request.user, document_pk)
    return render(request, "dissemination/document.html", panel_context(request, document))


@login_required
@require_POST
def disseminate(request, document_pk):
    document = get_issued_document_for_user(request.user, document_pk)
    if not can_disseminate(request.user, document):
        raise PermissionDenied
    form = DisseminateForm(request.POST, user=request.user, document=document)
    action = partial(domain.disseminate, actor=request.user, document=document)
    if submit(request, form, action, _("The document was sent.")):
        return redirect("dissemination:document", document.pk)
    return render(request, "dissemination/document.html", panel_context(request, document, form))


@login_required
@require_GET
def mine(request):
    """The staff member's documents, unread first; `show` narrows them as the to-do list's links do."""
    show = request.GET.get("show", "")
    show = show if show in dict(SHOWN) else ""
    receipts = pending(my_receipts(request.user), show, timezone.localdate())
    receipts = receipts.select_related("dissemination__document", "via_unit")
    receipts = receipts.order_by(F("read_at").asc(nulls_first=True), "-created_at", "-pk")  # unread first
    page = Paginator(receipts, PAGE_SIZE).get_page(request.GET.get("page"))
    table_only = request.htmx and not request.htmx.history_restore_request
    response = render(
        request,
        "dissemination/mine.html#table" if table_only else "dissemination/mine.html",
        {"page": page, "show": show, "shown": SHOWN},
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


def _after_confirmation(request, receipt, form=None):
    if request.htmx:
        context = {"receipt": receipt, "implemented_form": form or ImplementedForm()}
        return render(request, "dissemination/_receipt_actions.html", context)
    if form is not None and form.errors:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("dissemination:mine")


@login_required
@require_POST
def confirm_read(request, pk):
    receipt = get_receipt_for_user(request.user, pk, action=CONFIRM)
    domain.confirm_read(actor=request.user, receipt=receipt)
    return _after_confirmation(request, receipt)


@login_required
@require_POST
def confirm_implemented(request, pk):
    receipt = get_receipt_for_user(request.user, pk, action=CONFIRM)
    form = ImplementedForm(request.POST)
    if form.is_valid():
        try:
            domain.confirm_implemented(actor=request.user, receipt=receipt, **form.domain_arguments())
        except ValidationError as exc:
            add_model_errors(form, exc)
    return _after_confirmation(request, receipt, form)


@login_required
@require_POST
def forward(request, pk):
    receipt = get_receipt_for_user(request.user, pk, action=CONFIRM)
    try:
        created = domain.forward_to_unit_staff(actor=request.user, receipt=receipt)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Forwarded to %(count)d more people.") % {"count": len(created)})
    return redirect("dissemination:document", receipt.dissemination.document_id)


@login_required
@require_GET
def export(request, document_pk):
    document = get_issued_document_for_user(request.user, document_pk)
    receipts = receipt_rows(receipts_for_user(request.user).filter(dissemination__document=document))
    name = (document.reference or str(document.pk)).replace("/", "-")
    return xlsx_response(export_receipts(receipts), f"xac-nhan-{name}.xlsx")
