"""Screens of the registration (đăng ký thi đua): the rounds, a round's units and their registrations, a
unit's registration (pledges, titles, submission, review), the staff member's own titles, the secretariat's
review queue, and the consolidated table as .xlsx and as a PDF annex."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from activity.access import activity_for_object
from awards.due import verdicts_of_people
from lib.forms import submit
from lib.xlsx import xlsx_response
from organisations.scope import scope_for

from .access import (
    EDIT,
    REVIEW,
    can_add_own_title,
    can_compile,
    can_review,
    get_entry_for_user,
    get_registration_for_user,
    get_round_for_user,
    own_unit_ids,
    registrations_for_user,
    reviewable_registrations,
    rounds_for_user,
)
from .domain import registrations as domain
from .models import EDITABLE_REGISTRATION_STATES, RegistrationEntry, RegistrationStatus
from .registration_forms import (
    BulkEntryForm,
    CollectiveEntryForm,
    EntryForm,
    IndividualEntryForm,
    OpenRoundForm,
    OwnTitleForm,
    PledgesForm,
    QueueFilterForm,
    ReturnForm,
    RoundFilterForm,
    StaffSearchForm,
    StartForm,
    unit_staff,
)

PAGE_SIZE = 50
ROUND_PAGE_SIZE = 100
STAFF_PAGE_SIZE = 50
HISTORY_LIMIT = 100
BACK = {"queue": "registrations:queue", "mine": "registrations:mine"}


def _counts(queryset, prefix=""):
    """Annotate the number of registrations by state."""
    field = f"{prefix}registrations" if prefix else "registrations"
    return queryset.annotate(
        registered=Count(field, distinct=True),
        submitted=Count(field, filter=Q(**{f"{field}__status": RegistrationStatus.SUBMITTED}), distinct=True),
        approved=Count(field, filter=Q(**{f"{field}__status": RegistrationStatus.APPROVED}), distinct=True),
    )


# --- rounds ------------------------------------------------------------------------------------------------


@login_required
@require_GET
def round_list(request):
    form = RoundFilterForm(request.GET)
    rounds = form.filter(request.user, rounds_for_user(request.user), timezone.localdate())
    rounds = _counts(rounds.select_related("movement").order_by("-year", "movement__name"))
    scope = scope_for(request.user)
    context = {
        "filtered": form.described(),
        "page": Paginator(rounds, PAGE_SIZE).get_page(request.GET.get("page")),
        "can_open": scope.installation_admin or bool(scope.manage_agencies),
        "has_person": scope.person_id is not None,
    }
    return render(request, "registrations/index.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def round_open(request):
    form = OpenRoundForm(request.POST or None, user=request.user)
    if not form.fields["movement"].queryset.exists():
        raise PermissionDenied
    done = _("The registration was opened; the units' emulation officers were notified.")
    if registration_round := submit(request, form, partial(domain.open_round, actor=request.user), done):
        return redirect("registrations:round", registration_round.pk)
    return render(request, "registrations/open.html", {"form": form})


def _round_rows(request, registration_round) -> tuple:
    """(the page of units, one row per unit of the page the user may see, with its registration (or None)
    and whether she may start it): a province's round has hundreds of units, shown ROUND_PAGE_SIZE a page."""
    user, movement = request.user, registration_round.movement
    scope = scope_for(user)
    units = domain.round_units(registration_round).select_related("agency")
    if not scope.can_read_all_people(movement.agency_id):
        units = units.filter(pk__in=set(scope.read_units) | own_unit_ids(user))
    page = Paginator(units, ROUND_PAGE_SIZE).get_page(request.GET.get("page"))
    registrations = registrations_for_user(user).filter(
        round=registration_round, unit_id__in=[unit.pk for unit in page]
    )
    found = {r.unit_id: r for r in registrations.annotate(entry_count=Count("entries"))}
    is_open = registration_round.is_open(timezone.localdate())
    rows = [
        {
            "unit": unit,
            "registration": found.get(unit.pk),
            "can_start": is_open and unit.pk not in found and can_compile(user, unit),
        }
        for unit in page
    ]
    return page, rows


@login_required
@require_GET
def round_detail(request, pk):
    registration_round = get_round_for_user(request.user, pk)
    page, rows = _round_rows(request, registration_round)
    context = {
        "round": registration_round,
        "movement": registration_round.movement,
        "page": page,
        "rows": rows,
        "is_open": registration_round.is_open(timezone.localdate()),
    }
    return render(request, "registrations/round.html", context)


@login_required
@require_POST
def registration_start(request, pk):
    registration_round = get_round_for_user(request.user, pk)
    units = domain.round_units(registration_round)
    units = units.filter(pk__in=[unit.pk for unit in units if can_compile(request.user, unit)])
    if not units.exists():
        raise PermissionDenied  # before the form: she compiles the registration of none of its units
    form = StartForm(request.POST, units=units)
    if not form.is_valid():
        messages.error(request, _("Choose a unit of the movement."))
        return redirect("registrations:round", registration_round.pk)
    try:
        registration = domain.start_registration(
            actor=request.user, round=registration_round, unit=form.cleaned_data["unit"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("registrations:round", registration_round.pk)
    messages.success(request, _("The registration of %(unit)s was started.") % {"unit": registration.unit})
    return redirect("registrations:detail", registration.pk)


def _round_table(request, pk):
    from .spreadsheets import consolidated_rows

    registration_round = get_round_for_user(request.user, pk)
    registrations = registrations_for_user(request.user).filter(round=registration_round)
    return registration_round, consolidated_rows(registrations)


def _file_stem(registration_round) -> str:
    return f"dang-ky-thi-dua-{registration_round.year}-{registration_round.movement_id}"


@login_required
@require_GET
def round_export(request, pk):
    from .spreadsheets import export_registrations

    registration_round, rows = _round_table(request, pk)
    response = xlsx_response(
        export_registrations(registration_round, rows), f"{_file_stem(registration_round)}.xlsx"
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def round_annex(request, pk):
    from .annex import render_annex

    registration_round, rows = _round_table(request, pk)
    response = HttpResponse(render_annex(registration_round, rows), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_file_stem(registration_round)}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- a unit's registration ---------------------------------------------------------------------------------


def _judge_entries(registration, entries) -> None:
    """Put on each individual entry the engine's verdict for the round's year (`entry.verdict`, None when the
    engine cannot judge it)."""
    individual = [entry for entry in entries if not entry.is_collective]
    if not individual:
        return
    wanted = [(entry.person_id, entry.award.code) for entry in individual]
    year, agency = registration.round.year, registration.round.movement.agency
    verdicts = verdicts_of_people(agency=agency, year=year, wanted=wanted)
    for entry in individual:
        entry.verdict = verdicts[(entry.person_id, entry.award.code)]


def _detail_context(request, registration, **forms) -> dict:
    user = request.user
    entries = list(registration.entries.select_related("award", "person"))
    _judge_entries(registration, entries)
    editable = registration.is_editable and can_compile(user, registration)
    reviewing = registration.status == RegistrationStatus.SUBMITTED and can_review(user, registration)
    context = {
        "registration": registration,
        "round": registration.round,
        "collective_entries": [e for e in entries if e.is_collective],
        "individual_entries": [e for e in entries if not e.is_collective],
        "editable": editable,
        "can_add_own": registration.is_editable and can_add_own_title(user, registration),
        "return_form": forms.get("return_form") or (ReturnForm() if reviewing else None),
        "reviewing": reviewing,
        "history": activity_for_object(user, registration)[:HISTORY_LIMIT],
    }
    if editable:
        context["pledges_form"] = forms.get("pledges_form") or PledgesForm(
            initial={"pledges": registration.pledges}
        )
        context["collective_form"] = forms.get("collective_form") or CollectiveEntryForm()
        context["individual_form"] = forms.get("individual_form") or IndividualEntryForm(
            registration=registration
        )
    return context


@login_required
@require_GET
def registration_detail(request, pk):
    registration = get_registration_for_user(request.user, pk)
    return render(request, "registrations/detail.html", _detail_context(request, registration))


def _edit(request, pk, form_name, form_class, action, done):
    """A POST that changes the registration through a form; on errors the page shows the form again."""
    registration = get_registration_for_user(request.user, pk, action=EDIT)
    extra = {"registration": registration} if form_class is IndividualEntryForm else {}
    form = form_class(request.POST, **extra)
    change = partial(action, actor=request.user, registration=registration)
    if submit(request, form, change, done) is not None:
        return redirect("registrations:detail", registration.pk)
    if not registration.is_editable:  # submitted or approved meanwhile: the forms are gone from the page
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("registrations:detail", registration.pk)
    context = _detail_context(request, registration, **{form_name: form})
    return render(request, "registrations/detail.html", context)


@login_required
@require_POST
def pledges_update(request, pk):
    done = _("The pledges were saved.")
    return _edit(request, pk, "pledges_form", PledgesForm, domain.update_registration, done)


@login_required
@require_POST
def collective_add(request, pk):
    done = _("The title was registered.")
    return _edit(request, pk, "collective_form", CollectiveEntryForm, domain.add_entry, done)


@login_required
@require_POST
def individual_add(request, pk):
    done = _("The title was registered.")
    return _edit(request, pk, "individual_form", IndividualEntryForm, domain.add_entry, done)


# --- many staff at once, and editing an entry -------------------------------------------------------------


def _chosen(data) -> set[int]:
    """The people ticked so far (on this page and, kept as hidden values, on the others)."""
    return {int(value) for value in data.getlist("people") if value.isdigit()}


def _staff_context(request, registration, form) -> dict:
    data = request.POST if request.method == "POST" else request.GET
    search = StaffSearchForm(data)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    staff = (
        unit_staff(registration)
        .search(query)
        .prefetch_related(
            Prefetch(
                "registration_entries",
                queryset=RegistrationEntry.objects.filter(registration__round_id=registration.round_id)
                .select_related("award")
                .order_by("award__position"),
                to_attr="round_entries",
            )
        )
    )
    page = Paginator(staff, STAFF_PAGE_SIZE).get_page(data.get("goto") or data.get("page"))
    chosen = _chosen(data)
    elsewhere = sorted(chosen - {person.pk for person in page})
    context = {"registration": registration, "round": registration.round, "form": form, "search": search}
    return context | {"page": page, "chosen": chosen, "elsewhere": elsewhere}


def _added(entries) -> str:
    count = len(entries)
    message = ngettext(
        "“%(title)s” was registered for %(count)s staff member.",
        "“%(title)s” was registered for %(count)s staff members.",
        count,
    )
    return message % {"title": entries[0].award.name, "count": count}


@login_required
@require_http_methods(["GET", "POST"])
def entries_add(request, pk):
    """The officer ticks many staff in the unit's list (searched, paged) and registers one title for them."""
    registration = get_registration_for_user(request.user, pk, action=EDIT)
    if not registration.is_editable:
        messages.error(request, _("The registration can no longer be changed."))
        return redirect("registrations:detail", registration.pk)
    saving = "save" in request.POST
    kept = {"award": request.POST.get("award"), "pledges": request.POST.get("pledges", "")}
    form = BulkEntryForm(request.POST if saving else None, registration=registration, initial=kept)
    add = partial(domain.add_entries, actor=request.user, registration=registration)
    if saving and submit(request, form, add, _added) is not None:
        return redirect("registrations:detail", registration.pk)
    return render(request, "registrations/add_staff.html", _staff_context(request, registration, form))


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request, pk):
    """Change a registered entry's title and pledges."""
    entry = get_entry_for_user(request.user, pk, action=EDIT)
    registration = entry.registration
    if not registration.is_editable:
        messages.error(request, _("The registration can no longer be changed."))
        return redirect("registrations:detail", registration.pk)
    form = EntryForm(request.POST or None, entry=entry)
    change = partial(domain.update_entry, actor=request.user, entry=entry)
    if submit(request, form, change, _("The registered title was saved.")) is not None:
        return _back(request, registration)
    context = {"entry": entry, "registration": registration, "round": registration.round, "form": form}
    return render(request, "registrations/entry_form.html", context | {"back": request.GET.get("back", "")})


def _back(request, registration):
    name = BACK.get(request.POST.get("back", ""))
    return redirect(name) if name else redirect("registrations:detail", registration.pk)


def _act(request, registration, action, done, **arguments):
    try:
        action(actor=request.user, registration=registration, **arguments)
        messages.success(request, done)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return _back(request, registration)


@login_required
@require_POST
def entry_remove(request, pk):
    entry = get_entry_for_user(request.user, pk, action=EDIT)
    registration = entry.registration
    try:
        domain.remove_entry(actor=request.user, entry=entry)
        messages.success(request, _("The title was withdrawn."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return _back(request, registration)


@login_required
@require_POST
def registration_submit(request, pk):
    registration = get_registration_for_user(request.user, pk, action=EDIT)
    done = _("The registration was submitted to the secretariat.")
    return _act(request, registration, domain.submit_registration, done)


@login_required
@require_POST
def registration_approve(request, pk):
    registration = get_registration_for_user(request.user, pk, action=REVIEW)
    done = _("The registration of %(unit)s was approved.") % {"unit": registration.unit}
    return _act(request, registration, domain.approve_registration, done)


@login_required
@require_POST
def registration_return(request, pk):
    registration = get_registration_for_user(request.user, pk, action=REVIEW)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["reason"]))
        return _back(request, registration)
    done = _("The registration of %(unit)s was returned to the unit.") % {"unit": registration.unit}
    return _act(request, registration, domain.return_registration, done, reason=form.cleaned_data["reason"])


# --- the secretariat's queue and the staff member's own titles ---------------------------------------------


@login_required
@require_GET
def queue(request):
    scope = scope_for(request.user)
    if not (scope.installation_admin or scope.manage_agencies):
        raise PermissionDenied
    form = QueueFilterForm(request.GET or None, user=request.user)
    registrations = (
        form.filter(reviewable_registrations(request.user).filter(status=RegistrationStatus.SUBMITTED))
        .select_related("round__movement", "unit", "submitted_by")
        .annotate(entry_count=Count("entries"))
        .order_by("submitted_at", "pk")
    )
    page = Paginator(registrations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "registrations/queue.html", {"form": form, "page": page})


def _my_registrations(user):
    person_id = scope_for(user).person_id
    mine = RegistrationEntry.objects.filter(person_id=person_id).select_related("award")
    return (
        registrations_for_user(user)
        .filter(unit_id__in=own_unit_ids(user))
        .select_related("round__movement", "unit")
        .prefetch_related(Prefetch("entries", queryset=mine, to_attr="my_entries"))
        .order_by("-round__year", "round__movement__name", "unit__name", "pk")
    )


@login_required
@require_http_methods(["GET", "POST"])
def mine(request):
    """The staff member's own individual titles in her unit's registrations; she adds and withdraws them."""
    person = getattr(request.user, "person", None)
    if person is None:
        raise PermissionDenied
    registrations = list(_my_registrations(request.user))
    open_ones = [r for r in registrations if r.status in EDITABLE_REGISTRATION_STATES]
    form = OwnTitleForm(request.POST or None, registrations=open_ones)
    add = partial(domain.add_entry, actor=request.user, person=person)
    if submit(request, form, add, _("Your title was registered.")) is not None:
        return redirect("registrations:mine")
    context = {"registrations": registrations, "form": form if open_ones else None}
    return render(request, "registrations/mine.html", context)
