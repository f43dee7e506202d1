"""Staff screens for people: the list with live search, a person's page and the forms that change a person."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from accounts.scope import scope_for
from activity.access import activity_for_object
from lib.forms import submit

from . import domain
from .access import EDIT, can_edit_person, get_person_for_user, people_for_user
from .forms import (
    DisciplineRecordForm,
    PersonCreateForm,
    PersonFilterForm,
    PersonForm,
    RatingForm,
    TransferForm,
    units_open_to,
)

PAGE_SIZE = 50
HISTORY_LIMIT = 100


def render_form(request, form, title, person=None):
    return render(request, "people/form.html", {"form": form, "title": title, "person": person})


@login_required
def person_list(request):
    scope = scope_for(request.user)
    form = PersonFilterForm(request.GET, user=request.user)
    people = form.filter(people_for_user(request.user)).with_current_assignments()
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    partial = request.htmx and not request.htmx.history_restore_request
    response = render(
        request,
        "people/list.html#table" if partial else "people/list.html",
        {
            "form": form,
            "page": page,
            "can_add": scope.installation_admin or bool(scope.manage_agencies or scope.edit_units),
        },
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
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
            "history": activity_for_object(request.user, person).select_related("agency")[:HISTORY_LIMIT],
            "can_edit": can_edit_person(request.user, person),
        },
    )


@login_required
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


@login_required
def person_edit(request, pk):
    person = get_person_for_user(request.user, pk, action=EDIT)
    form = PersonForm(request.POST or None, instance=person)
    action = partial(domain.update_person, actor=request.user, person=person)
    if submit(request, form, action, _("The personal data were saved.")):
        return redirect("people:detail", person.pk)
    return render_form(request, form, _("Edit personal data"), person)


@login_required
def person_transfer(request, pk):
    person = get_person_for_user(request.user, pk, action=EDIT)
    form = TransferForm(request.POST or None, person=person, user=request.user)
    action = partial(domain.transfer_person, actor=request.user, person=person)
    if submit(request, form, action, _("The new assignment was recorded.")):
        return redirect("people:detail", person.pk)
    return render_form(request, form, _("Transfer or assign"), person)


@login_required
def person_rating(request, pk):
    person = get_person_for_user(request.user, pk, action=EDIT)
    form = RatingForm(request.POST or None)
    action = partial(domain.record_rating, actor=request.user, person=person)
    if submit(request, form, action, _("The annual rating was recorded.")):
        return redirect("people:detail", person.pk)
    return render_form(request, form, _("Record annual rating"), person)


@login_required
def person_discipline(request, pk):
    person = get_person_for_user(request.user, pk, action=EDIT)
    form = DisciplineRecordForm(request.POST or None)
    action = partial(domain.record_discipline, actor=request.user, person=person)
    if submit(request, form, action, _("The discipline was recorded.")):
        return redirect("people:detail", person.pk)
    return render_form(request, form, _("Record discipline"), person)
