"""Excel import and export of units (the import page is lib.xlsx_views.import_page)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lib.xlsx import xlsx_response
from lib.xlsx_views import import_page

from . import spreadsheets
from .access import get_agency_for_user, units_for_user


def export_agency(request):
    """The agency of ?agency= (404 unless visible), or None for every agency the user sees."""
    value = request.GET.get("agency", "")
    if not value:
        return None
    if not value.isdigit():
        raise Http404
    return get_agency_for_user(request.user, int(value))


@login_required
@require_http_methods(["GET", "POST"])
def import_units(request):
    return import_page(
        request,
        agencies=spreadsheets.import_agencies(request.user),
        plan=spreadsheets.plan_units,
        apply=spreadsheets.apply_units,
        done="organisations:tree",
        columns=spreadsheets.COLUMNS,
        title=_("Import units from Excel"),
        key_label=_("Symbol"),
        export_url=reverse("organisations:export"),
    )


@login_required
@require_GET
def export_units(request):
    if request.GET.get("blank"):
        content = spreadsheets.blank_template()
    else:
        units = units_for_user(request.user).order_by("agency__name", "position", "name")
        if agency := export_agency(request):
            units = units.filter(agency=agency)
        content = spreadsheets.export_units(units)
    return xlsx_response(content, f"danh-sach-don-vi-{timezone.localdate():%Y%m%d}.xlsx")
