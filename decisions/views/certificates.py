"""The certificates of an issued decision: printed as one PDF (the whole decision, or one certificate) on
plain paper or pre-printed stock with a printer's offset, every print logged (decisions.domain.certificates);
and a certificate replaced (cấp đổi) or re-issued (cấp lại) as a new one linked to the original. The
agency's secretariat and administrators print and re-issue (decisions.access.can_manage_decisions)."""

from functools import partial

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lib.forms import add_model_errors, submit

from ..access import MANAGE, get_certificate_for_user, get_decision_for_user
from ..domain.certificates import print_certificates, reissue_certificate
from ..forms import PrintForm, ReissueForm
from ..models import Certificate, Status


def current_certificates(decision) -> list[Certificate]:
    """The certificate of each line of the decision that stands: its latest (a re-issue replaces the one
    before), the revoked awards left out. One query."""
    found = Certificate.objects.filter(line__decision=decision, record__revoked_on__isnull=True)
    latest = {}
    for certificate in found.select_related("line").order_by("line__position", "id"):
        latest[certificate.line_id] = certificate
    return list(latest.values())


def _site_url(request) -> str | None:
    """The address the QR codes carry: the setting, else this site's."""
    return None if settings.THIDUA_SITE_URL else request.build_absolute_uri("/")


def _print(request, form, certificates, file_name):
    """The PDF on a valid POST (no message: the answer is the file), else None, the refusal on the form."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        pdf = print_certificates(actor=request.user, certificates=certificates, site_url=_site_url(request),
                                 **form.domain_arguments())  # fmt: skip
    except ValidationError as refused:
        add_model_errors(form, refused)
        return None
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


def _file_name(decision) -> str:
    number = decision.document.number or decision.pk
    return f"giay-chung-nhan-qd-{number}-{decision.decided_on:%Y}.pdf"


@login_required
@require_http_methods(["GET", "POST"])
def certificates_pdf(request, pk):
    """The whole decision's certificates as one PDF: GET shows the paper and printer form, POST prints."""
    decision = get_decision_for_user(request.user, pk, action=MANAGE)
    if decision.status != Status.ISSUED:
        messages.error(request, _("Certificates are printed once their decision is issued."))
        return redirect("decisions:detail", decision.pk)
    certificates = current_certificates(decision)
    form = PrintForm(request.POST or None, agency=decision.agency)
    if response := _print(request, form, certificates, _file_name(decision)):
        return response
    context = {"decision": decision, "form": form, "certificates": certificates, "certificate": None}
    return render(request, "decisions/certificates.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def certificate_pdf(request, pk):
    """One certificate (a re-issue, a single reprint) as a PDF."""
    certificate = get_certificate_for_user(request.user, pk)
    decision = certificate.line.decision
    form = PrintForm(request.POST or None, agency=decision.agency)
    if response := _print(request, form, [certificate], f"giay-chung-nhan-{certificate.code}.pdf"):
        return response
    context = {"decision": decision, "form": form, "certificates": [certificate], "certificate": certificate}
    return render(request, "decisions/certificates.html", context)


def _reissued_message(certificate) -> str:
    message = _("%(kind)s number %(number)s was recorded for %(name)s, to be handed over by %(due)s.")
    return message % {"kind": certificate.get_issue_display(), "number": certificate.number,
                      "name": certificate.name, "due": certificate.due_on.strftime("%d/%m/%Y")}  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def certificate_reissue(request, pk):
    """Replace or re-issue a certificate (htmx: the form in the certificate's row of the decision's page)."""
    certificate = get_certificate_for_user(request.user, pk)
    form = ReissueForm(
        request.POST or None,
        initial={"requested_on": timezone.localdate(), "name": certificate.name},
        auto_id=f"reissue-{certificate.pk}-%s",
    )  # several may be open on the decision's page
    action = partial(reissue_certificate, actor=request.user, certificate=certificate)
    if made := submit(request, form, action, _reissued_message):
        return redirect("decisions:certificate_pdf", made.pk)
    context = {"certificate": certificate, "decision": certificate.line.decision, "form": form}
    partial_only = request.htmx and request.method == "GET"
    return render(
        request, "decisions/reissue.html#form" if partial_only else "decisions/reissue.html", context
    )
