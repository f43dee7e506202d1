"""The reward fund page (`/decisions/fund/?agency=&year=`): the agency's fund for the year — allocation, the
share kept for organising work, what the rewards may spend, each issued decision's spending, the drafts
pending, what remains — and, for the secretariat, the form that records it. A reader of several agencies
chooses one; the year is this year unless chosen."""

from functools import partial
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lib.forms import submit
from lib.vnmoney import format_vnd
from organisations.models import Agency
from organisations.scope import scope_for

from ..access import can_manage_decisions
from ..domain.funds import set_fund
from ..fund_forms import FundChoiceForm, FundForm
from ..funds import fund_report

PAGE_SIZE = 50


def fund_agencies(user):
    """The agencies whose fund she sees: those whose decisions she reads or drafts (decisions.access)."""
    scope = scope_for(user)
    agencies = Agency.objects.all()
    if not scope.installation_admin:
        agencies = agencies.filter(pk__in=scope.read_agencies | scope.manage_agencies)
    return agencies.order_by("name", "pk")


def _fund_form(request, report):
    """The form of the fund, filled with the recorded one (the allocation grouped as typed: 150.000.000)."""
    fund, initial = report.fund, {}
    if fund is not None:
        allocation = format_vnd(fund.allocation).removesuffix(" đồng")
        initial = {"allocation": allocation, "organising_share": report.share_percent, "note": fund.note}
    return FundForm(request.POST if request.method == "POST" else None, initial=initial)


def _chosen(request):
    chooser = FundChoiceForm(request.GET or None, agencies=fund_agencies(request.user))
    agency = chooser.chosen()
    if agency is None:
        raise Http404
    return chooser, agency, chooser.chosen_year()


def _render(request, chooser, agency, year, form=None):
    report = fund_report(agency, year)
    manager = can_manage_decisions(request.user, agency.pk)
    form = form or (_fund_form(request, report) if manager else None)
    context = {"chooser": chooser, "agency": agency, "year": year, "report": report, "manager": manager,
               "form": form, "page": Paginator(report.issued(), PAGE_SIZE).get_page(request.GET.get("page")),
               "drafts": list(report.drafts()) if manager else [],
               "query": urlencode({"agency": agency.pk, "year": year})}  # fmt: skip
    return render(request, "decisions/fund.html", context)


@login_required
@require_GET
def fund_page(request):
    chooser, agency, year = _chosen(request)
    return _render(request, chooser, agency, year)


@login_required
@require_POST
def fund_set(request):
    """The secretariat records the fund of the agency and year in the query (the page's form posts here)."""
    chooser, agency, year = _chosen(request)
    if not can_manage_decisions(request.user, agency.pk):
        raise PermissionDenied  # before the form
    form = _fund_form(request, fund_report(agency, year))
    action = partial(set_fund, actor=request.user, agency=agency, year=year)
    done = _("The reward fund of %(year)s was recorded.") % {"year": year}
    if submit(request, form, action, done):
        return redirect(f"{reverse('decisions:fund')}?{urlencode({'agency': agency.pk, 'year': year})}")
    return _render(request, chooser, agency, year, form=form)
