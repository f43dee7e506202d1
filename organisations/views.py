"""Staff screens for units: the tree of each agency, a unit's page, and the unit forms."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lib.forms import submit
from lib.panels import panels_for

from . import domain
from .access import (
    EDIT,
    agencies_for_user,
    can_add_unit,
    can_edit_unit,
    get_agency_for_user,
    get_unit_for_user,
    units_for_user,
)
from .forms import UnitForm
from .models import Unit, build_tree


def agency_trees(user, agencies, units) -> list[dict]:
    """For each agency: the tree of its units in force and the list of its closed units."""
    today = timezone.localdate()
    sections = []
    for agency in agencies:
        own = [u for u in units if u.agency_id == agency.pk]
        sections.append(
            {
                "agency": agency,
                "tree": build_tree([u for u in own if not u.valid_to or u.valid_to >= today]),
                "closed": [u for u in own if u.valid_to and u.valid_to < today],
                "can_add": can_add_unit(user, agency),
            }
        )
    return sections


@login_required
def unit_tree(request):
    """The agencies in force and their units; `?closed=1` adds the merged and closed agencies (history)."""
    closed = request.GET.get("closed") == "1"
    agencies = agencies_for_user(request.user).select_related("successor")
    if not closed:
        agencies = agencies.not_closed()  # those not yet in force stay: units are prepared in them
    agencies = sorted(agencies, key=lambda a: not a.is_active())
    units = units_for_user(request.user).filter(agency__in=[a.pk for a in agencies])
    units = units.select_related("successor").order_by("position", "name")
    sections = agency_trees(request.user, agencies, list(units.with_people_count()))
    can_import = any(section["can_add"] for section in sections)
    context = {"sections": sections, "can_import": can_import, "show_closed": closed}
    return render(request, "organisations/tree.html", context)


@login_required
def unit_detail(request, pk):
    """A unit's facts and sub-units; its people and history are panels of the apps that own them."""
    unit = get_unit_for_user(request.user, pk)
    visible_units = units_for_user(request.user)
    context = {
        "unit": unit,
        "children": visible_units.filter(parent=unit).with_people_count(),
        "predecessors": visible_units.filter(successor=unit),
        "can_edit": can_edit_unit(request.user, unit),
        "panels": panels_for("unit", request, unit),
    }
    return render(request, "organisations/detail.html", context)


@login_required
def unit_create(request, agency_pk):
    agency = get_agency_for_user(request.user, agency_pk)
    if not can_add_unit(request.user, agency):
        raise PermissionDenied
    initial = {"parent": request.GET["parent"]} if request.GET.get("parent", "").isdigit() else {}
    form = UnitForm(
        request.POST or None, user=request.user, agency=agency, instance=Unit(agency=agency), initial=initial
    )
    action = partial(domain.create_unit, actor=request.user, agency=agency)
    if unit := submit(request, form, action, _("The unit was created.")):
        return redirect("organisations:detail", unit.pk)
    return render(request, "organisations/form.html", {"form": form, "agency": agency, "unit": None})


@login_required
def unit_edit(request, pk):
    unit = get_unit_for_user(request.user, pk, action=EDIT)
    form = UnitForm(request.POST or None, user=request.user, agency=unit.agency, instance=unit)
    action = partial(domain.update_unit, actor=request.user, unit=unit)
    if submit(request, form, action, _("The unit was saved.")):
        return redirect("organisations:detail", unit.pk)
    return render(request, "organisations/form.html", {"form": form, "agency": unit.agency, "unit": unit})
