"""Screens of initiatives and exemplary models: the two lists, each one's page, the forms that record and edit
them, evidence files and photos — served only through these access-checked views, never from a public URL."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from activity.access import activity_for_object
from lib.files import private_file
from lib.forms import add_model_errors
from lib.panels import panels_for

from . import domain
from .access import (
    EDIT,
    can_edit_initiative,
    can_edit_model,
    get_initiative_for_user,
    get_model_for_user,
    initiatives_for_user,
    models_for_user,
    recording_agencies,
    recording_units,
)
from .forms import (
    AuthorFormSet,
    EvidenceForm,
    ExemplaryModelForm,
    InitiativeFilterForm,
    InitiativeForm,
    ModelFilterForm,
    PhotoForm,
)
from .models import InitiativeAuthor

PAGE_SIZE = 50
HISTORY_LIMIT = 100


def _list_response(request, template, context):
    """The whole page, or only its table for an htmx search request."""
    table_only = request.htmx and not request.htmx.history_restore_request
    response = render(request, f"{template}#table" if table_only else template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _error_message(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


@login_required
@require_GET
def index(request):
    return redirect("achievements:initiative_list")


# --- initiatives --------------------------------------------------------------------------------------


@login_required
@require_GET
def initiative_list(request):
    form = InitiativeFilterForm(request.GET, user=request.user)
    authors = InitiativeAuthor.objects.select_related("person")
    initiatives = (
        form.filter(initiatives_for_user(request.user))
        .select_related("unit", "movement")
        .prefetch_related(Prefetch("authors", queryset=authors))
    )
    page = Paginator(initiatives, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "can_record": recording_units(request.user).exists()}
    return _list_response(request, "achievements/initiative_list.html", context)


@login_required
@require_GET
def initiative_detail(request, pk):
    initiative = get_initiative_for_user(request.user, pk)
    context = {
        "initiative": initiative,
        "authors": initiative.authors.select_related("person"),
        "evidence": initiative.evidence.all(),
        "can_edit": can_edit_initiative(request.user, initiative),
        "evidence_form": EvidenceForm(),
        "history": activity_for_object(request.user, initiative)[:HISTORY_LIMIT],
    }
    return render(request, "achievements/initiative_detail.html", context)


def _save_initiative(request, form, authors, action):
    """Call the domain `action` with the form's fields and the authors; its errors go back on the form."""
    if request.method != "POST" or not (form.is_valid() and authors.is_valid()):
        return None
    try:
        return action(fields=form.domain_arguments()["fields"], authors=authors.authors_value())
    except ValidationError as exc:
        add_model_errors(form, exc)
        return None


def _initiative_form_page(request, form, authors, title, initiative=None):
    context = {"form": form, "authors": authors, "title": title, "initiative": initiative}
    return render(request, "achievements/initiative_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def initiative_create(request):
    if not recording_units(request.user).exists():
        raise PermissionDenied
    form = InitiativeForm(request.POST or None, user=request.user)
    authors = AuthorFormSet(request.POST or None, user=request.user)

    def record(**arguments):
        unit = form.cleaned_data["unit"]
        return domain.record_initiative(actor=request.user, agency=unit.agency, unit=unit, **arguments)

    if initiative := _save_initiative(request, form, authors, record):
        messages.success(request, _("The initiative was recorded."))
        return redirect("achievements:initiative_detail", initiative.pk)
    return _initiative_form_page(request, form, authors, _("Record an initiative"))


@login_required
@require_http_methods(["GET", "POST"])
def initiative_edit(request, pk):
    initiative = get_initiative_for_user(request.user, pk, action=EDIT)
    form = InitiativeForm(request.POST or None, user=request.user, instance=initiative)
    authors = AuthorFormSet(request.POST or None, user=request.user, initiative=initiative)

    def update(**arguments):
        return domain.update_initiative(actor=request.user, initiative=initiative, **arguments)

    if _save_initiative(request, form, authors, update):
        messages.success(request, _("The initiative was saved."))
        return redirect("achievements:initiative_detail", initiative.pk)
    return _initiative_form_page(request, form, authors, _("Edit the initiative"), initiative)


@login_required
@require_POST
def evidence_add(request, pk):
    initiative = get_initiative_for_user(request.user, pk, action=EDIT)
    form = EvidenceForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        domain.add_evidence(actor=request.user, initiative=initiative, upload=form.cleaned_data["file"])
        messages.success(request, _("The evidence file was added."))
    except ValidationError as exc:
        _error_message(request, exc)
    return redirect("achievements:initiative_detail", initiative.pk)


@login_required
@require_GET
def evidence_download(request, pk, evidence_pk):
    initiative = get_initiative_for_user(request.user, pk)
    evidence = get_object_or_404(initiative.evidence, pk=evidence_pk)
    return private_file(evidence.file, filename=evidence.name, content_type=evidence.content_type)


# --- exemplary models ---------------------------------------------------------------------------------


@login_required
@require_GET
def model_list(request):
    form = ModelFilterForm(request.GET, user=request.user)
    models = form.filter(models_for_user(request.user)).select_related("movement")
    page = Paginator(models, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "can_record": recording_agencies(request.user).exists()}
    return _list_response(request, "achievements/model_list.html", context)


@login_required
@require_GET
def model_detail(request, pk):
    model = get_model_for_user(request.user, pk)
    context = {
        "model": model,
        "people": model.people.all(),
        "units": model.units.all(),
        "photos": model.photos.all(),
        "can_edit": can_edit_model(request.user, model),
        "photo_form": PhotoForm(),
        "history": activity_for_object(request.user, model)[:HISTORY_LIMIT],
        "panels": panels_for("exemplary_model", request, model),
    }
    return render(request, "achievements/model_detail.html", context)


def _save_model(request, form, action):
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return action(**form.domain_arguments())
    except ValidationError as exc:
        add_model_errors(form, exc)
        return None


def _model_form_page(request, form, title, model=None):
    return render(request, "achievements/model_form.html", {"form": form, "title": title, "model": model})


@login_required
@require_http_methods(["GET", "POST"])
def model_create(request):
    if not recording_agencies(request.user).exists():
        raise PermissionDenied
    form = ExemplaryModelForm(request.POST or None, user=request.user)

    def record(**arguments):
        return domain.record_model(actor=request.user, agency=form.cleaned_data["agency"], **arguments)

    if model := _save_model(request, form, record):
        messages.success(request, _("The exemplary model was recorded."))
        return redirect("achievements:model_detail", model.pk)
    return _model_form_page(request, form, _("Record an exemplary model or new factor"))


@login_required
@require_http_methods(["GET", "POST"])
def model_edit(request, pk):
    model = get_model_for_user(request.user, pk, action=EDIT)
    form = ExemplaryModelForm(request.POST or None, user=request.user, instance=model)

    def update(**arguments):
        return domain.update_model(actor=request.user, model=model, **arguments)

    if _save_model(request, form, update):
        messages.success(request, _("The exemplary model was saved."))
        return redirect("achievements:model_detail", model.pk)
    return _model_form_page(request, form, _("Edit the exemplary model"), model)


@login_required
@require_POST
def photo_add(request, pk):
    model = get_model_for_user(request.user, pk, action=EDIT)
    form = PhotoForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        data = form.cleaned_data
        domain.add_photo(actor=request.user, model=model, upload=data["file"], caption=data["caption"])
        messages.success(request, _("The photo was added."))
    except ValidationError as exc:
        _error_message(request, exc)
    return redirect("achievements:model_detail", model.pk)


@login_required
@require_GET
def photo_file(request, pk, photo_pk):
    """The picture itself, for the gallery (inline) — only for those who see the model."""
    model = get_model_for_user(request.user, pk)
    photo = get_object_or_404(model.photos, pk=photo_pk)
    return private_file(photo.file, content_type=photo.content_type, inline=True)
