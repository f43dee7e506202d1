"""Staff screens for units: the tree of each agency, a unit's page, and the unit forms."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

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
from .models import Unit
from .trees import branch_rows, unit_sections
from .widgets import unit_picker_results


@login_required
def unit_tree(request):
    """The agencies in force and their units; `?closed=1` adds the merged and closed agencies (history). Past
    TREE_INLINE_LIMIT units, each agency's tree opens on demand: `?agency=<id>` (htmx: that tree alone)."""
    closed = request.GET.get("closed") == "1"
    agencies = agencies_for_user(request.user).select_related("successor")
    if not closed:
        agencies = agencies.not_closed()  # those not yet in force stay: units are prepared in them
    chosen = request.GET.get("agency", "")
    if chosen.isdigit() and len(chosen) < 19:
        agencies = agencies.filter(pk=int(chosen))
    agencies = sorted(agencies, key=lambda a: not a.is_active())
    units = units_for_user(request.user).filter(agency__in=[a.pk for a in agencies])
    sections = unit_sections(request.user, agencies, units)
    context = {"sections": sections, "can_import": any(s["can_add"] for s in sections), "show_closed": closed}
    if request.htmx and chosen and sections:
        return render(request, "organisations/tree.html#section-units", {**context, "section": sections[0]})
    return render(request, "organisations/tree.html", context)


@login_required
@require_GET
def unit_branch(request, pk):
    """The units below a unit, as rows of the units page's tree (htmx); the unit's page without htmx."""
    unit = get_unit_for_user(request.user, pk)
    if not request.htmx:
        return redirect("organisations:detail", unit.pk)
    # As on the units page: the units not closed (those not yet in force are prepared in the tree).
    in_force = units_for_user(request.user).filter(agency_id=unit.agency_id).not_closed()
    fields = ("pk", "parent_id", "name", "symbol", "kind", "position")
    rows = branch_rows(unit, list(in_force.only(*fields).order_by("position", "name")))
    return render(request, "organisations/tree.html#tree-rows", {"rows": rows})


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


@login_required
@require_GET
def unit_picker(request):
    """The unit picker's matches (organisations/widgets.py): an htmx partial, within the user's scope."""
    context = unit_picker_results(request.user, request.GET)
    return render(request, "organisations/_unit_picker_results.html", context)
