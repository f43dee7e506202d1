"""The Excel import page the apps share (units, staff): upload, dry run, apply. The rows are the app's own
(its `plan` and `apply` functions, lib.xlsx); the page, its forms and its template (includes/import.html) are
the same for every list."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .xlsx import ImportFailed, UploadForm

TEMPLATE = "includes/import.html"


def import_page(request, *, agencies, plan, apply, done, template=TEMPLATE, **context):
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
