"""The drafted papers as files: a proposal's báo cáo thành tích and a unit's biên bản họp bình xét, as PDF
(shown in the browser) or DOCX (downloaded), to those who compile the unit's proposals and to the agency's
secretariat (nominations.papers draws them)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from lib.access import require
from lib.files import protect
from organisations.access import get_unit_for_user

from .. import papers
from ..access import can_appraise, can_compile, get_proposal_for_user, get_round_for_user


def _file(paper, fmt: str) -> HttpResponse:
    render, content_type = papers.RENDERERS[fmt]
    response = HttpResponse(render(paper), content_type=content_type)
    disposition = "inline" if fmt == "pdf" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{paper.name}.{fmt}"'
    return protect(response, sandbox=False)


@login_required
@require_GET
def proposal_report(request, pk, fmt):
    if fmt not in papers.RENDERERS:
        raise Http404
    proposal = get_proposal_for_user(request.user, pk)
    require(can_compile(request.user, proposal.unit) or can_appraise(request.user, proposal))
    return _file(papers.report_paper(proposal), fmt)


@login_required
@require_GET
def unit_minutes(request, pk, unit_pk, fmt):
    if fmt not in papers.RENDERERS:
        raise Http404
    round_ = get_round_for_user(request.user, pk)
    unit = get_unit_for_user(request.user, unit_pk)
    if unit.agency_id not in round_.agency.lineage_ids():
        raise Http404
    require(can_compile(request.user, unit) or can_appraise(request.user, round_))
    return _file(papers.minutes_paper(round_, unit), fmt)
