"""Excel import and export of units; `import_page` also serves the staff import (people.spreadsheet_views)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lib.xlsx import ImportFailed, UploadForm, xlsx_response

from . import spreadsheets
from .access import get_agency_for_user, units_for_user


def import_page(request, *, agencies, plan, apply, template, done, **context):
    """Upload → dry run (the plan) → the same file again with "apply" → one transaction, or nothing.

    `context` goes to the template: `columns` (the specification), `title`, `key_label`, `export_url`.
    """
    if not agencies.exists():
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None, agencies=agencies)
    context |= {"form": form, "agencies": agencies}
    if request.method == "POST" and form.is_valid():
        agency = form.cleaned_data["agency"]
        context["plan"] = result = plan(form.cleaned_data["content"], user=request.user, agency=agency)
        if "apply" in request.POST and not form.confirmed(result):
            messages.warning(request, _("This is not the file that was checked: check the changes below."))
        elif form.confirmed(result) and result.is_valid:
            try:
                counts = apply(result, user=request.user, agency=agency)
            except ImportFailed as exc:
                messages.error(request, str(exc))
            else:
                message = _("Imported: %(create)s created, %(update)s updated, %(unchanged)s unchanged.")
                messages.success(request, message % counts)
                return redirect(done)
        if result.is_valid:
            initial = {"agency": agency.pk, "checksum": result.checksum}
            context["confirm_form"] = UploadForm(agencies=agencies, initial=initial, confirm=True)
    return render(request, template, context)


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
        template="organisations/import.html",
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
