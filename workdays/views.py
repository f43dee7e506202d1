"""The working-day calendar screen: a year of the national days off and swapped working days with the agency's
exceptions, the administrators' form to add and remove exceptions, and a working-day counter (htmx)."""

import datetime as dt
from functools import partial
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lib.forms import submit
from organisations.models import Agency

from . import domain
from .access import (
    EDIT,
    VIEW,
    calendar_agencies_for_user,
    can_edit_calendar,
    get_calendar_agency_for_user,
    get_exception_for_user,
)
from .calendar import working_day_after, year_days
from .forms import CountForm, ExceptionForm, ViewForm
from .models import DayException


def _shown(request, *, action=VIEW) -> tuple[ViewForm, Agency]:
    """The `?agency=&year=` form and the agency whose calendar it asks for (404 for one out of reach; 403 for
    a change by someone who may not make it)."""
    view = ViewForm(request.GET or None, agencies=calendar_agencies_for_user(request.user))
    if view.asks_unknown_agency:
        raise Http404
    return view, get_calendar_agency_for_user(request.user, view.chosen_agency_id(), action=action)


def _calendar_url(agency, year: int) -> str:
    return f"{reverse('workdays:calendar')}?{urlencode({'agency': agency.pk, 'year': year})}"


def _counted(form: CountForm | None, agency) -> dt.date | None:
    if form is None or not form.is_bound or not form.is_valid():
        return None
    return working_day_after(form.cleaned_data["start"], form.cleaned_data["days"], agency=agency)


def _page(request, view: ViewForm, agency, *, form=None, count=None):
    year = view.chosen_year()
    can_edit = can_edit_calendar(request.user, agency)
    exceptions = DayException.objects.of_agency(agency).between(dt.date(year, 1, 1), dt.date(year, 12, 31))
    exceptions = list(exceptions.select_related("created_by"))
    counter = count or CountForm()
    context = {
        "agency": agency,
        "view_form": view,
        "year": year,
        "previous_year": year - 1 if year > domain.FIRST_YEAR else None,
        "next_year": year + 1 if year < domain.last_year() else None,
        "national": year_days(year),
        "exceptions": exceptions,
        "excepted": {exception.day for exception in exceptions},
        "can_edit": can_edit,
        "form": form or (ExceptionForm() if can_edit else None),
        "counter": counter,
        "counted": _counted(counter, agency),
    }
    return render(request, "workdays/calendar.html", context)


@login_required
@require_GET
def calendar(request):
    view, agency = _shown(request)
    return _page(request, view, agency, count=CountForm(request.GET) if "start" in request.GET else None)


@login_required
@require_GET
def count(request):
    """The counter's answer: the partial for htmx, the whole page otherwise."""
    view, agency = _shown(request)
    form = CountForm(request.GET)
    if not request.htmx:
        return _page(request, view, agency, count=form)
    context = {"agency": agency, "counter": form, "counted": _counted(form, agency)}
    return render(request, "workdays/calendar.html#count", context)


@login_required
@require_POST
def exception_add(request):
    view, agency = _shown(request, action=EDIT)
    form = ExceptionForm(request.POST)
    add = partial(domain.add_exception, actor=request.user, agency=agency)
    if exception := submit(request, form, add, _("The exception was recorded.")):
        return redirect(_calendar_url(agency, exception.day.year))
    return _page(request, view, agency, form=form)


@login_required
@require_POST
def exception_remove(request, pk):
    exception = get_exception_for_user(request.user, pk, action=EDIT)
    domain.remove_exception(actor=request.user, exception=exception)
    message = _("The exception of %(day)s was removed: the day follows the national calendar again.")
    messages.success(request, message % {"day": f"{exception.day:%d/%m/%Y}"})
    return redirect(_calendar_url(exception.agency, exception.day.year))
