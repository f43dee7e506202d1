"""Screens of the documents: the registers (outgoing and incoming), a document's page with its status actions,
the draft form, the incoming register form, attachments and the PDF/DOCX files."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from activity.access import activity_for_object
from lib.counting import CappedPaginator
from lib.files import private_file
from lib.forms import add_model_errors
from lib.panels import panels_for

from . import domain
from .access import (
    EDIT,
    allowed_actions,
    can_manage_documents,
    can_register_incoming,
    documents_for_user,
    draftable_agencies,
    get_document_for_user,
    is_drafter,
)
from .files import docx_response, pdf_response
from .forms import (
    AttachmentForm,
    DocumentFilterForm,
    DraftForm,
    IncomingForm,
    IssueForm,
    ReplaceForm,
    ReturnForm,
    RevokeForm,
)
from .models import ISSUED_STATES, Direction
from .search import LATEST_FIRST, find_documents
from .widgets import picker_results
from .workflow import DOCUMENTS

PAGE_SIZE = 50
HISTORY_LIMIT = 100


def listed_page(documents, q: str, page_number):
    """(the page of the register, the search or None): the latest first, or the search's order; the count
    stops at settings.LIST_COUNT_CAP ("hơn 10.000 văn bản"), a search's at settings.SEARCH_RANK_LIMIT."""
    found = find_documents(documents, q) if q else None
    if found is None:
        return CappedPaginator(documents.order_by(*LATEST_FIRST), PAGE_SIZE).get_page(page_number), None
    paginator = CappedPaginator(found.documents, PAGE_SIZE, cap=found.cap, counted=found.counted)
    return paginator.get_page(page_number), found


@login_required
@require_GET
def document_list(request):
    form = DocumentFilterForm(request.GET)
    documents = form.filter(request.user).select_related("kind", "agency", "drafting_unit").for_list()
    page, found = listed_page(documents, form.cleaned_data.get("q"), request.GET.get("page"))
    table_only = request.htmx and not request.htmx.history_restore_request
    context = {
        "form": form,
        "page": page,
        "latest_first": found is not None and not found.ranked,
        "can_draft": draftable_agencies(request.user).exists(),
        "can_register": can_register_incoming(request.user),
    }
    response = render(request, "documents/list.html#table" if table_only else "documents/list.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_GET
def picker(request):
    """The document picker's matches (documents/widgets.py): an htmx partial, within the user's scope."""
    return render(request, "documents/_picker_results.html", picker_results(request.user, request.GET))


@login_required
@require_GET
def document_detail(request, pk):
    document = get_document_for_user(request.user, pk)
    context = {
        "document": document,
        "bases": document.bases.select_related("cited"),
        "attachments": document.attachments.all(),
        "replaced_by": documents_for_user(request.user).filter(replaces=document).first(),
        "actions": allowed_actions(request.user, document),
        "issued": document.status in ISSUED_STATES,
        "issue_form": IssueForm(),
        "attachment_form": AttachmentForm(),
        "history": activity_for_object(request.user, document)[:HISTORY_LIMIT],
        "panels": panels_for("document", request, document),
    }
    return render(request, "documents/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def document_create(request):
    if not draftable_agencies(request.user).exists():
        raise PermissionDenied
    form = DraftForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        create = partial(domain.create_draft, actor=request.user, agency=form.cleaned_data["agency"])
        document = _apply(form, create, kind=form.cleaned_data["kind"])
        if document is not None:
            messages.success(request, _("The draft was saved."))
            return redirect("documents:detail", document.pk)
    return render(request, "documents/form.html", {"form": form, "title": _("New draft")})


@login_required
@require_http_methods(["GET", "POST"])
def document_edit(request, pk):
    document = get_document_for_user(request.user, pk, action=EDIT)
    form = DraftForm(request.POST or None, user=request.user, document=document)
    update = partial(domain.update_draft, actor=request.user, document=document)
    if request.method == "POST" and form.is_valid() and _apply(form, update) is not None:
        messages.success(request, _("The draft was saved."))
        return redirect("documents:detail", document.pk)
    context = {"form": form, "title": _("Edit draft"), "document": document}
    return render(request, "documents/form.html", context)


def _apply(form, action, **arguments):
    """Call a domain function with the draft form's fields and bases; its errors go back on the form."""
    try:
        return action(fields=form.fields_value(), bases=form.bases_value(), **arguments)
    except ValidationError as exc:
        add_model_errors(form, exc)
        return None


STATUS_ACTIONS = {
    "submit": (domain.submit_for_signature, gettext_lazy("The document was submitted to its signer.")),
    "withdraw": (domain.withdraw_from_signature, gettext_lazy("The document was withdrawn from signature.")),
    "approve": (domain.approve_document, gettext_lazy("You signed off the document.")),
}  # publishing: the portal panel of the page (publishing/panels.py), which copies the public data too


@login_required
@require_POST
def change_status(request, pk, action):
    document = get_document_for_user(request.user, pk)
    if action not in STATUS_ACTIONS:
        raise Http404
    function, done = STATUS_ACTIONS[action]
    try:
        function(actor=request.user, document=document)
        messages.success(request, done)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("documents:detail", document.pk)


def require_move(user, document, action: str) -> None:
    """Permission before the form: the workflow's rule of who may make the move (the gate checks the
    state)."""
    if not DOCUMENTS.named(action).who(user, document):
        raise PermissionDenied


@login_required
@require_POST
def document_issue(request, pk):
    document = get_document_for_user(request.user, pk)
    require_move(request.user, document, "issue")
    form = IssueForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["issued_on"])
        domain.issue_document(actor=request.user, document=document, issued_on=form.cleaned_data["issued_on"])
        messages.success(request, _("The document was issued as %(ref)s.") % {"ref": document.reference})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("documents:detail", document.pk)


def _status_form_page(request, document, form, action, title, done=None):
    """A page with one form (reason, replacement) that changes the document's status on a valid POST."""
    if request.method == "POST" and form.is_valid():
        try:
            action(**form.cleaned_data)
            if done:
                messages.success(request, done)
            return redirect("documents:detail", document.pk)
        except ValidationError as exc:
            add_model_errors(form, exc)
    return render(request, "documents/status_form.html", {"form": form, "document": document, "title": title})


@login_required
@require_http_methods(["GET", "POST"])
def document_return(request, pk):
    document = get_document_for_user(request.user, pk)
    if "return" not in allowed_actions(request.user, document):
        raise PermissionDenied
    form = ReturnForm(request.POST or None)
    action = partial(domain.return_document, actor=request.user, document=document)
    done = _("The document was returned to its drafters with your reason.")
    return _status_form_page(request, document, form, action, _("Return the document"), done)


@login_required
@require_http_methods(["GET", "POST"])
def document_revoke(request, pk):
    document = get_document_for_user(request.user, pk)
    require_move(request.user, document, "revoke")
    form = RevokeForm(request.POST or None)
    action = partial(domain.revoke_document, actor=request.user, document=document)
    return _status_form_page(request, document, form, action, _("Revoke the document"))


@login_required
@require_http_methods(["GET", "POST"])
def document_replace(request, pk):
    document = get_document_for_user(request.user, pk)
    require_move(request.user, document, "replace")
    form = ReplaceForm(request.POST or None, user=request.user, document=document)
    action = partial(domain.replace_document, actor=request.user, document=document)
    return _status_form_page(request, document, form, action, _("Replace the document"))


@login_required
@require_http_methods(["GET", "POST"])
def incoming_create(request):
    form = IncomingForm(request.POST or None, request.FILES or None, user=request.user)
    if not form.fields["agency"].queryset.exists():
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                document = domain.register_incoming(
                    actor=request.user,
                    agency=form.cleaned_data["agency"],
                    kind=form.cleaned_data["kind"],
                    fields=form.fields_value(),
                )
                if upload := form.cleaned_data.get("file"):
                    domain.add_attachment(actor=request.user, document=document, upload=upload)
        except ValidationError as exc:
            add_model_errors(form, exc)
        else:
            message = _("Registered as incoming number %(n)s.") % {"n": document.arrival_number}
            messages.success(request, message)
            return redirect("documents:detail", document.pk)
    return render(request, "documents/incoming_form.html", {"form": form})


def require_attacher(user, document) -> None:
    """Permission before the form: the keepers of the incoming register, the drafters of an outgoing document
    (whether it can still change is the domain's to say)."""
    if document.direction == Direction.INCOMING:
        allowed = can_manage_documents(user, document.agency_id)
    else:
        allowed = is_drafter(user, document)
    if not allowed:
        raise PermissionDenied


@login_required
@require_POST
def attachment_add(request, pk):
    document = get_document_for_user(request.user, pk)
    require_attacher(request.user, document)
    form = AttachmentForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        domain.add_attachment(actor=request.user, document=document, upload=form.cleaned_data["file"])
        messages.success(request, _("The file was attached."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("documents:detail", document.pk)


@login_required
@require_GET
def attachment_download(request, pk, attachment_pk):
    document = get_document_for_user(request.user, pk)
    attachment = get_object_or_404(document.attachments, pk=attachment_pk)
    return private_file(attachment.file, filename=attachment.name, content_type=attachment.content_type)


@login_required
@require_GET
def document_pdf(request, pk):
    return pdf_response(get_document_for_user(request.user, pk))


@login_required
@require_GET
def document_docx(request, pk):
    return docx_response(get_document_for_user(request.user, pk))
