"""Excel import and export of the staff list and of the collectives' annual ratings."""

from django.contrib.auth.decorators import login_required
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lib.xlsx import xlsx_response
from lib.xlsx_views import import_page
from organisations.access import units_for_user
from organisations.spreadsheet_views import export_agency

from . import spreadsheets
from .access import people_for_user
from .forms import PersonFilterForm
from .models import UnitQualityRating


@login_required
@require_http_methods(["GET", "POST"])
def import_people(request):
    return import_page(
        request,
        agencies=spreadsheets.import_agencies(request.user),
        plan=spreadsheets.plan_people,
        apply=spreadsheets.apply_people,
        template="people/import.html",
        done="people:list",
        columns=spreadsheets.COLUMNS,
        title=_("Import staff from Excel"),
        key_label=_("Staff code"),
        export_url=reverse("people:export"),
    )


@login_required
@require_GET
def export_people(request):
    """The people the user sees, with the list's filters (?q=, ?unit=, …) and ?agency=."""
    if request.GET.get("blank"):
        content = spreadsheets.blank_template()
    else:
        people = PersonFilterForm(request.GET, user=request.user).filter(people_for_user(request.user))
        if agency := export_agency(request):
            people = people.filter(agency=agency)
        content = spreadsheets.export_people(people.with_current_assignments().alphabetical())
    return xlsx_response(content, f"danh-sach-can-bo-{timezone.localdate():%Y%m%d}.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def import_unit_ratings(request):
    return import_page(
        request,
        agencies=spreadsheets.unit_rating_agencies(request.user),
        plan=spreadsheets.plan_unit_ratings,
        apply=spreadsheets.apply_unit_ratings,
        template="people/import_unit_ratings.html",
        done="organisations:tree",
        columns=spreadsheets.RATING_COLUMNS,
        title=_("Import collective ratings from Excel"),
        key_label=_("Unit and year"),
        export_url=reverse("people:unit_ratings_export"),
    )


@login_required
@require_GET
def export_unit_ratings(request):
    """The ratings of the units the user sees (?agency= for one agency's units); ?blank=1: the template."""
    if request.GET.get("blank"):
        content = spreadsheets.blank_unit_ratings()
    else:
        units = units_for_user(request.user)
        if agency := export_agency(request):
            units = units.filter(agency=agency)
        ratings = UnitQualityRating.objects.filter(unit__in=units).select_related("unit")
        content = spreadsheets.export_unit_ratings(ratings.order_by("unit__position", "unit__name", "year"))
    return xlsx_response(content, f"xep-loai-tap-the-{timezone.localdate():%Y%m%d}.xlsx")
