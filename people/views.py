"""Staff screens for people: the list with live search, a person's page and the forms that change a person."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from activity.access import activity_for_object
from lib.forms import submit
from lib.panels import panels_for
from organisations.access import EDIT as UNIT_EDIT
from organisations.access import get_unit_for_user
from organisations.scope import scope_for

from . import domain
from .access import EDIT, can_edit_person, can_rate_unit, get_person_for_user, people_for_user
from .forms import (
    DisciplineRecordForm,
    LeaveRecordForm,
    PersonCreateForm,
    PersonFilterForm,
    PersonForm,
    ProceedingCloseForm,
    ProceedingOpenForm,
    RatingForm,
    TransferForm,
    UnitHeadForm,
    UnitRatingForm,
    units_open_to,
)
from .models import UnitHead
from .widgets import picker_results

PAGE_SIZE = 50
HISTORY_LIMIT = 100


def render_form(request, form, title, person=None):
    return render(request, "people/form.html", {"form": form, "title": title, "person": person})


@login_required
@require_GET
def person_list(request):
    scope = scope_for(request.user)
    form = PersonFilterForm(request.GET, user=request.user)
    people = form.filter(people_for_user(request.user)).with_current_assignments()
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    table_only = request.htmx and not request.htmx.history_restore_request
    response = render(
        request,
        "people/list.html#table" if table_only else "people/list.html",
        {
            "form": form,
            "page": page,
            "can_add": scope.installation_admin or bool(scope.manage_agencies or scope.edit_units),
        },
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_GET
def person_detail(request, pk):
    person = get_person_for_user(request.user, pk)
    assignments = person.assignments.select_related("unit__agency", "unit__successor")
    return render(
        request,
        "people/detail.html",
        {
            "person": person,
            "assignments": assignments,
            "ratings": person.ratings.all(),
            "disciplines": person.disciplines.all(),
            "proceedings": person.proceedings.all(),
            "leaves": person.leaves.all(),
            "panels": panels_for("person", request, person),
            "history": activity_for_object(request.user, person).select_related("agency")[:HISTORY_LIMIT],
            "can_edit": can_edit_person(request.user, person),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request):
    units = units_open_to(request.user)
    if not units.exists():
        raise PermissionDenied
    form = PersonCreateForm(request.POST or None, units=units, initial={"unit": request.GET.get("unit")})
    if person := submit(
        request, form, partial(domain.create_person, actor=request.user), _("The person was added.")
    ):
        return redirect("people:detail", person.pk)
    return render_form(request, form, _("New person"))


def change_person(request, pk, *, make_form, action, done, title):
    """The page of a form that changes a person the user may edit: `make_form(data, person)` builds the
    form, `action` is the domain function (called with actor, person and the form's arguments)."""
    person = get_person_for_user(request.user, pk, action=EDIT)
    form = make_form(request.POST or None, person)
    if submit(request, form, partial(action, actor=request.user, person=person), done):
        return redirect("people:detail", person.pk)
    return render_form(request, form, title, person)


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request, pk):
    return change_person(
        request,
        pk,
        make_form=lambda data, person: PersonForm(data, instance=person),
        action=domain.update_person,
        done=_("The personal data were saved."),
        title=_("Edit personal data"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_transfer(request, pk):
    return change_person(
        request,
        pk,
        make_form=lambda data, person: TransferForm(data, person=person, user=request.user),
        action=domain.transfer_person,
        done=_("The new assignment was recorded."),
        title=_("Transfer or assign"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_rating(request, pk):
    return change_person(
        request,
        pk,
        make_form=lambda data, _person: RatingForm(data),
        action=domain.record_rating,
        done=_("The annual rating was recorded."),
        title=_("Record annual rating"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_discipline(request, pk):
    return change_person(
        request,
        pk,
        make_form=lambda data, _person: DisciplineRecordForm(data),
        action=domain.record_discipline,
        done=_("The discipline was recorded."),
        title=_("Record discipline"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_proceeding(request, pk):
    return change_person(
        request,
        pk,
        make_form=lambda data, _person: ProceedingOpenForm(data),
        action=domain.open_proceeding,
        done=_("The matter under review was recorded; the person's awards are deferred while it is open."),
        title=_("Record a matter under review"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def proceeding_close(request, pk, proceeding_pk):
    person = get_person_for_user(request.user, pk, action=EDIT)
    proceeding = get_object_or_404(person.proceedings.filter(closed_on__isnull=True), pk=proceeding_pk)
    proceeding.person = person
    form = ProceedingCloseForm(request.POST or None)
    action = partial(domain.close_proceeding, actor=request.user, proceeding=proceeding)
    if submit(request, form, action, _("The matter under review was closed.")):
        return redirect("people:detail", person.pk)
    title = _("Close the matter opened on %(date)s") % {"date": proceeding.opened_on.strftime("%d/%m/%Y")}
    return render_form(request, form, title, person)


@login_required
@require_http_methods(["GET", "POST"])
def person_leave(request, pk):
    return change_person(
        request,
        pk,
        make_form=lambda data, _person: LeaveRecordForm(data),
        action=domain.record_leave,
        done=_("The leave was recorded."),
        title=_("Record leave"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_head(request, unit_pk):
    """Choose the head of a unit among the people working in it."""
    unit = get_unit_for_user(request.user, unit_pk, action=UNIT_EDIT)
    current = UnitHead.objects.filter(unit=unit).first()
    form = UnitHeadForm(
        request.POST or None, user=request.user, unit=unit, initial={"person": current and current.person_id}
    )
    action = partial(domain.set_unit_head, actor=request.user, unit=unit)
    if submit(request, form, action, _("The head of the unit was saved.")):
        return redirect("organisations:detail", unit.pk)
    return render(request, "people/unit_head.html", {"form": form, "unit": unit})


@login_required
@require_GET
def picker(request):
    """The people picker's matches (people/widgets.py): an htmx partial, within the user's scope."""
    return render(request, "people/_picker_results.html", picker_results(request.user, request.GET))


@login_required
@require_http_methods(["GET", "POST"])
def unit_rating(request, unit_pk):
    """Record or correct the annual rating of a collective (?year= opens a year already rated)."""
    unit = get_unit_for_user(request.user, unit_pk)
    if not can_rate_unit(request.user, unit):
        raise PermissionDenied
    year = request.GET.get("year", "")
    rated = int(year) if year.isdigit() and len(year) == 4 else None
    form = UnitRatingForm(request.POST or None, unit=unit, year=rated)
    action = partial(domain.record_unit_rating, actor=request.user, unit=unit)
    if submit(request, form, action, _("The collective rating was recorded.")):
        return redirect("organisations:detail", unit.pk)
    return render(request, "people/unit_rating.html", {"form": form, "unit": unit})
