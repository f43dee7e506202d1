"""The rounds (đợt xét khen thưởng): the list, opening one, and a round's page — for the unit officer her
units' proposals with their counts by status, the caps' use and what each dossier still lacks, and the three
ways to propose; for the secretariat every unit's counts (a page of units) and the way to the queue. Rounds
of past years are read-only history."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lib.forms import submit
from movements.forms import managed_agencies
from organisations.models import Unit
from organisations.scope import scope_for

from ..access import can_appraise, compiling_unit_ids, get_round_for_user, proposals_for_user, rounds_for_user
from ..domain.rounds import open_round
from ..dossier import missing_parts
from ..forms import RoundForm
from ..models import Proposal, Status, UnitDossier
from ..presentation import clock_badge, status_badge, verdict_badge
from ..quotas import round_quotas

PAGE_SIZE = 50
UNIT_PAGE_SIZE = 100


# --- who proposes in a round (shared with nominations.views.proposals) ------------------------------------


def proposing_units(user, round_):
    """The units of the round's agency she compiles proposals for: None when she manages the agency (any of
    its units), else her own units (a short list, possibly empty)."""
    if can_appraise(user, round_):
        return None
    ids = compiling_unit_ids(user) or ()
    units = Unit.objects.filter(pk__in=ids, agency_id__in=round_.agency.lineage_ids()).active()
    return units.order_by("position", "name")


def paper_units(user, round_):
    """The units of the round's agency whose papers (cover letter, minutes) she sees without appraising the
    round: those whose people she reads or edits (a short list)."""
    scope = scope_for(user)
    ids = set(scope.read_units) | set(scope.edit_units)
    units = Unit.objects.filter(pk__in=ids, agency_id__in=round_.agency.lineage_ids()).active()
    return units.order_by("position", "name")


def may_propose(user, round_, units=False) -> bool:
    """A round of a past year takes no proposal; after the deadline only the secretariat accepts one."""
    if round_.is_history:
        return False
    if can_appraise(user, round_):
        return True
    units = proposing_units(user, round_) if units is False else units
    return not round_.is_past_deadline() and units is not None and units.exists()


# --- the list and opening a round -------------------------------------------------------------------------


@login_required
@require_GET
def round_list(request):
    rounds = (
        rounds_for_user(request.user)
        .select_related("agency", "movement")
        .order_by("-year", "-deadline", "-id")
    )
    context = {
        "page": Paginator(rounds, PAGE_SIZE).get_page(request.GET.get("page")),
        "can_open": managed_agencies(request.user).exists(),
    }
    return render(request, "nominations/round_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def round_new(request):
    if not managed_agencies(request.user).exists():
        raise PermissionDenied  # before the form: only the secretariat and administrators open rounds
    form = RoundForm(request.POST or None, user=request.user)
    done = _("The round was opened; the units can now propose.")
    if created := submit(request, form, partial(open_round, actor=request.user), done):
        return redirect("nominations:round", created.pk)
    return render(request, "nominations/round_new.html", {"form": form})


# --- a round's page ----------------------------------------------------------------------------------------


def status_counts(proposals) -> list[tuple]:
    """(badge, number) for each status with proposals, in the workflow's order (one query)."""
    found = dict(proposals.order_by().values_list("status").annotate(n=Count("pk")))
    return [(status_badge(status), found[status]) for status in Status.values if found.get(status)]


def _unit_table(request, round_) -> dict:
    """For the secretariat: a page of the agency's units, each with its proposals counted by status."""
    counts = {
        status: Count("proposals", filter=Q(proposals__round=round_, proposals__status=status))
        for status in Status.values
    }
    units = (
        Unit.objects.filter(agency_id__in=round_.agency.lineage_ids())
        .filter(
            Q(pk__in=Unit.objects.active())
            | Q(pk__in=Proposal.objects.filter(round=round_).values("unit_id"))
        )
        .annotate(total=Count("proposals", filter=Q(proposals__round=round_)), **counts)
        .order_by("position", "name", "pk")
    )
    page = Paginator(units, UNIT_PAGE_SIZE).get_page(request.GET.get("page"))
    for unit in page:
        unit.counts = [(status_badge(s), getattr(unit, s)) for s in Status.values if getattr(unit, s)]
    return {"units_page": page, "quotas": round_quotas(round_, [unit.pk for unit in page])}


def decorate(proposals, round_) -> list:
    """The page's proposals with their badges and the dossier parts still missing (queries: one for the unit
    dossiers, whatever the number of proposals; the evidence is prefetched)."""
    proposals = list(proposals)
    dossiers = UnitDossier.objects.filter(round=round_, unit_id__in={p.unit_id for p in proposals})
    found = {dossier.unit_id: dossier for dossier in dossiers}
    for proposal in proposals:
        proposal.round = round_
        proposal._unit_dossier = found.get(proposal.unit_id)
        proposal.missing = missing_parts(proposal)
        proposal.status_badge, proposal.verdict_badge = (
            status_badge(proposal.status),
            verdict_badge(proposal.verdict),
        )
        proposal.clock = clock_badge(proposal)
    return proposals


def _proposal_page(request, round_, units) -> dict:
    """For the unit (and every other reader): a page of the round's proposals she sees."""
    proposals = (
        proposals_for_user(request.user)
        .filter(round=round_)
        .select_related("unit", "award", "person", "rule_set")
        .prefetch_related("evidence")
        .order_by("unit__position", "unit__name", "award__position", "person__sort_key", "pk")
    )
    page = Paginator(proposals, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = decorate(page.object_list, round_)
    own = list(units) if units is not None else []
    quotas = round_quotas(round_, [unit.pk for unit in own])
    context = {"page": page, "own_units": own, "quotas": quotas, "counts": status_counts(proposals)}
    return context | {"paper_units": list(paper_units(request.user, round_))}


@login_required
@require_GET
def round_detail(request, pk):
    round_ = get_round_for_user(request.user, pk)
    appraiser = can_appraise(request.user, round_)
    units = proposing_units(request.user, round_)
    context = {
        "round": round_,
        "appraiser": appraiser,
        "may_propose": may_propose(request.user, round_, units),
    }
    if appraiser:
        proposals = proposals_for_user(request.user).filter(round=round_)
        context |= _unit_table(request, round_) | {"counts": status_counts(proposals)}
    else:
        context |= _proposal_page(request, round_, units)
    return render(request, "nominations/round_detail.html", context)
