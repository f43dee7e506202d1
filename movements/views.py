"""Screens of the movements: the list, a movement's page with its status buttons, documents, registration
rounds and reviews, the movement form, the relay, and the interim and final reviews with the units'
reports."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from activity.access import activity_for_object
from documents.access import documents_for_user
from lib.files import private_file
from lib.forms import submit
from lib.panels import panels_for

from .access import (
    EDIT,
    can_manage_movements,
    get_movement_for_user,
    get_review_for_user,
    get_unit_report_for_user,
    movements_for_user,
)
from .domain import movements as domain
from .domain import reviews
from .forms import (
    LinkDocumentForm,
    MoveForm,
    MovementFilterForm,
    MovementForm,
    ReviewForm,
    ReviewResultsForm,
    UnitReportForm,
    managed_agencies,
    reportable_units,
)
from .models import DocumentRole, Movement, RegistrationStatus, UnitReport

PAGE_SIZE = 50
HISTORY_LIMIT = 50
MOVE_LABELS = {
    "launched": gettext_lazy("Launch the movement"),
    "in_progress": gettext_lazy("Start implementing"),
    "interim_review": gettext_lazy("Start the interim review"),
    "final_review": gettext_lazy("Start the final review"),
    "closed": gettext_lazy("Close the movement"),
}


# --- the list and a movement's page ---------------------------------------------------------------------


@login_required
@require_GET
def movement_list(request):
    form = MovementFilterForm(request.GET, user=request.user)
    movements = form.filter(movements_for_user(request.user)).select_related("agency")
    page = Paginator(movements, PAGE_SIZE).get_page(request.GET.get("page"))
    table_only = request.htmx and not request.htmx.history_restore_request
    context = {"form": form, "page": page, "can_create": managed_agencies(request.user).exists()}
    response = render(request, "movements/list.html#table" if table_only else "movements/list.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def documents_by_role(user, movement) -> list[tuple[str, list]]:
    """(role label, links) for each role with documents the user can see, in the order of the roles."""
    links = movement.document_links.filter(document__in=documents_for_user(user)).select_related(
        "document__kind"
    )
    grouped = {role: [] for role in DocumentRole.values}
    for link in links:
        grouped[link.role].append(link)
    return [(DocumentRole(role).label, found) for role, found in grouped.items() if found]


def registration_rounds(movement):
    """The movement's rounds with the number of registrations in each status (one query)."""
    counts = {
        f"n_{status}": Count("registrations", filter=Q(registrations__status=status))
        for status in RegistrationStatus.values
    }
    return movement.rounds.annotate(n_total=Count("registrations"), **counts).order_by("-year")


def movement_actions(user, movement) -> dict:
    manage = can_manage_movements(user, movement.agency_id)
    relayed = movement.document_links.filter(role=DocumentRole.IMPLEMENTING).exists() if manage else True
    return {
        "manage": manage,
        "moves": [(status, MOVE_LABELS[status]) for status in domain.allowed_moves(movement)]
        if manage
        else [],
        "relay": manage and movement.is_higher_level and not relayed,
    }


@login_required
@require_GET
def movement_detail(request, pk):
    movement = get_movement_for_user(request.user, pk)
    report_units = Prefetch("unit_reports", queryset=UnitReport.objects.select_related("unit"))
    context = {
        "movement": movement,
        "actions": movement_actions(request.user, movement),
        "documents": documents_by_role(request.user, movement),
        "units": movement.units.order_by("position", "name"),
        "rounds": registration_rounds(movement),
        "initiatives": movement.initiatives.order_by("-year", "title"),
        "exemplary_models": movement.exemplary_models.order_by("-year", "title"),
        "reviews": movement.reviews.select_related("summary_document").prefetch_related(report_units),
        "history": activity_for_object(request.user, movement)[:HISTORY_LIMIT],
        "panels": panels_for("movement", request, movement),
    }
    return render(request, "movements/detail.html", context)


# --- recording and editing ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def movement_create(request):
    if not managed_agencies(request.user).exists():
        raise PermissionDenied
    form = MovementForm(request.POST or None, user=request.user, instance=Movement())
    action = partial(domain.create_movement, actor=request.user)
    if movement := submit(request, form, action, _("The movement was recorded.")):
        return redirect("movements:detail", movement.pk)
    return render(request, "movements/form.html", {"form": form, "title": _("New movement")})


@login_required
@require_http_methods(["GET", "POST"])
def movement_edit(request, pk):
    movement = get_movement_for_user(request.user, pk, action=EDIT)
    form = MovementForm(request.POST or None, user=request.user, instance=movement)
    action = partial(domain.update_movement, actor=request.user, movement=movement)
    if submit(request, form, action, _("The movement was saved.")):
        return redirect("movements:detail", movement.pk)
    context = {"form": form, "title": _("Edit the movement"), "movement": movement}
    return render(request, "movements/form.html", context)


@login_required
@require_POST
def movement_move(request, pk):
    movement = get_movement_for_user(request.user, pk, action=EDIT)
    form = MoveForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose one of the statuses offered."))
        domain.move_movement(actor=request.user, movement=movement, to=form.cleaned_data["to"])
        messages.success(
            request, _("The movement is now “%(status)s”.") % {"status": movement.get_status_display()}
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("movements:detail", movement.pk)


@login_required
@require_POST
def movement_relay(request, pk):
    movement = get_movement_for_user(request.user, pk, action=EDIT)
    try:
        document = domain.relay_movement(actor=request.user, movement=movement)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("movements:detail", movement.pk)
    messages.success(
        request, _("The implementing dispatch was drafted: check it and submit it for signature.")
    )
    return redirect("documents:detail", document.pk)


# --- documents ------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def document_link(request, pk):
    movement = get_movement_for_user(request.user, pk, action=EDIT)
    form = LinkDocumentForm(request.POST or None, user=request.user, movement=movement)
    action = partial(domain.link_document, actor=request.user, movement=movement)
    if submit(request, form, action, _("The document was linked to the movement.")):
        return redirect("movements:detail", movement.pk)
    context = {"form": form, "movement": movement, "title": _("Link a document")}
    return render(request, "movements/action_form.html", context)


@login_required
@require_POST
def document_unlink(request, pk, link_pk):
    movement = get_movement_for_user(request.user, pk, action=EDIT)
    link = get_object_or_404(
        movement.document_links.select_related("movement__agency", "document"), pk=link_pk
    )
    domain.unlink_document(actor=request.user, link=link)
    messages.success(request, _("The document was unlinked from the movement."))
    return redirect("movements:detail", movement.pk)


# --- reviews --------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def review_open(request, pk):
    movement = get_movement_for_user(request.user, pk, action=EDIT)
    form = ReviewForm(request.POST or None)
    action = partial(reviews.open_review, actor=request.user, movement=movement)
    if review := submit(request, form, action, _("The review was opened; the units have been notified.")):
        return redirect("movements:review", review.pk)
    context = {"form": form, "movement": movement, "title": _("Open a review")}
    return render(request, "movements/action_form.html", context)


def _review_page(request, review, *, report_form=None, results_form=None):
    manage = can_manage_movements(request.user, review.movement.agency_id)
    units = reportable_units(request.user, review.movement)
    context = {
        "review": review,
        "movement": review.movement,
        "reports": review.unit_reports.select_related("unit"),
        "manage": manage,
        "report_form": report_form or (UnitReportForm(user=request.user, review=review) if units else None),
        "results_form": results_form
        or (ReviewResultsForm(initial={"results": review.results}) if manage else None),
        "history": activity_for_object(request.user, review)[:HISTORY_LIMIT],
    }
    return render(request, "movements/review.html", context)


@login_required
@require_GET
def review_detail(request, pk):
    return _review_page(request, get_review_for_user(request.user, pk))


@login_required
@require_POST
def review_report(request, pk):
    review = get_review_for_user(request.user, pk)
    form = UnitReportForm(request.POST, request.FILES, user=request.user, review=review)
    if not form.fields["unit"].queryset.exists():
        raise PermissionDenied
    action = partial(reviews.submit_unit_report, actor=request.user, review=review)
    if submit(request, form, action, _("The unit's report was sent.")):
        return redirect("movements:review", review.pk)
    return _review_page(request, review, report_form=form)


@login_required
@require_POST
def review_results(request, pk):
    review = get_review_for_user(request.user, pk, action=EDIT)
    form = ReviewResultsForm(request.POST)
    action = partial(reviews.record_review_results, actor=request.user, review=review)
    if submit(request, form, action, _("The results were recorded.")):
        return redirect("movements:review", review.pk)
    return _review_page(request, review, results_form=form)


@login_required
@require_POST
def review_summary(request, pk):
    review = get_review_for_user(request.user, pk, action=EDIT)
    try:
        document = reviews.draft_summary_report(actor=request.user, review=review)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("movements:review", review.pk)
    messages.success(request, _("The summary report was drafted from the units' reports."))
    return redirect("documents:detail", document.pk)


@login_required
@require_GET
def report_file(request, pk):
    report = get_unit_report_for_user(request.user, pk)
    if not report.file:
        raise Http404
    return private_file(report.file, filename=report.file_name or "bao-cao")
