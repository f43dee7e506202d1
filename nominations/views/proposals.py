"""A unit's proposals: made from its approved registration, from "who is due" or blank (many people in one
action, all or none); the proposal's page with the engine's verdict, its dossier and history; editing (while
returned, only the parts named), submitting (one submission for a double click), withdrawing, evidence files,
the submitted versions and what changed between them; the unit's papers for the round."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from activity.access import activity_for_object
from awards import snapshots, staleness
from awards.models import DueGroup
from lib.forms import submit
from lib.panels import panels_for
from movements.models import RegistrationEntry, RegistrationStatus
from organisations.models import Unit
from organisations.scope import scope_for
from people.models import Person

from ..access import EDIT, can_appraise, can_compile, can_confirm, get_proposal_for_user, get_round_for_user
from ..domain.dossiers import add_evidence, save_unit_dossier
from ..domain.proposals import (
    propose,
    propose_from_registration,
    recheck,
    submit_proposal,
    update_proposal,
    withdraw_proposal,
)
from ..dossier import parts
from ..drafting import draft_cover_letter, draft_minutes, draft_report
from ..forms import (
    BlankProposeForm,
    DueProposeForm,
    EvidenceForm,
    ProposalForm,
    RegistrationProposeForm,
    UnitChoiceForm,
    UnitDossierForm,
    WithdrawForm,
)
from ..models import EDITABLE_STATES, LIVE_STATES, Proposal, Source, Status, UnitDossier
from ..presentation import check_words, clock_badge, returned_parts, status_badge, verdict_badge, version_rows
from ..quotas import overruns_of
from .rounds import decorate, may_propose, proposing_units

PAGE_SIZE = 50
HISTORY_LIMIT = 100
VERSION_PAGE_SIZE = 20
WITHDRAWABLE = (Status.DRAFT, Status.SUBMITTED, Status.RETURNED)


# --- proposing: the unit first ------------------------------------------------------------------------------


def _proposing(request, pk) -> tuple:
    """(round, the unit choice form, the unit chosen or None). Permission first: 404 for a round she cannot
    see, 403 when she may not propose in it (a past year; after the deadline, but for the secretariat)."""
    round_ = get_round_for_user(request.user, pk)
    units = proposing_units(request.user, round_)
    if not may_propose(request.user, round_, units):
        raise PermissionDenied
    if units is not None and len(units) == 1:
        return round_, None, units[0]
    data = request.POST if request.method == "POST" else request.GET
    chooser = UnitChoiceForm(data if "unit" in data else None, user=request.user, round=round_, units=units)
    unit = chooser.cleaned_data["unit"] if chooser.is_bound and chooser.is_valid() else None
    return round_, chooser, unit


def _choose_unit(request, round_, chooser, source: str):
    context = {"round": round_, "chooser": chooser, "source": source}
    return render(request, "nominations/propose_unit.html", context)


def _made(proposals) -> str:
    count = len(proposals)
    message = ngettext("%(count)s proposal was made.", "%(count)s proposals were made.", count)
    return message % {"count": count}


def _propose(request, form, action):
    """submit() with the domain's errors about a person put on the form's `people`."""

    def renamed(**arguments):
        try:
            return action(**arguments)
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "person" in exc.error_dict:
                exc.error_dict["people"] = exc.error_dict.pop("person")
            raise

    return submit(request, form, renamed, _made)


def _saving(request) -> bool:
    return request.method == "POST" and "save" in request.POST


def _context(round_, unit, chooser, **more) -> dict:
    return {"round": round_, "unit": unit, "chooser": chooser, "late": round_.is_past_deadline(), **more}


# --- from the unit's approved registration ----------------------------------------------------------------


def registration_candidates(round_, unit):
    """The titles of the unit's approved registrations of the round's year, for awards the round admits, not
    proposed yet."""
    live = Proposal.objects.live().filter(round=round_)
    taken_person = live.filter(award_id=OuterRef("award_id"), person_id=OuterRef("person_id"))
    taken_unit = live.filter(award_id=OuterRef("award_id"), person__isnull=True, unit_id=unit.pk)
    entries = RegistrationEntry.objects.filter(
        registration__unit=unit,
        registration__status=RegistrationStatus.APPROVED,
        registration__round__year=round_.year,
        award__in=round_.awards.all(),
    )
    if round_.movement_id:
        entries = entries.filter(registration__round__movement_id=round_.movement_id)
    return (
        entries.exclude(Exists(taken_person))
        .exclude(Q(person__isnull=True), Exists(taken_unit))
        .select_related("award", "person", "registration__round__movement")
        .order_by("award__position", "person__sort_key", "pk")
    )


@login_required
@require_http_methods(["GET", "POST"])
def propose_registration(request, pk):
    round_, chooser, unit = _proposing(request, pk)
    if unit is None:
        return _choose_unit(request, round_, chooser, "registration")
    entries = registration_candidates(round_, unit)
    form = RegistrationProposeForm(request.POST if _saving(request) else None, entries=entries)
    made = partial(propose_from_registration, actor=request.user, round=round_)
    if _propose(request, form, made) is not None:
        return redirect("nominations:round", round_.pk)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    context = _context(round_, unit, chooser, form=form, page=page)
    return render(request, "nominations/propose_registration.html", context)


# --- from "who is due" ------------------------------------------------------------------------------------


def due_candidates(snapshot, round_, unit, award):
    """The unit's rows of the stored list for `award`, eligible or one step away, not proposed yet."""
    live = Proposal.objects.live().filter(round=round_, award=award)
    rows = snapshots.entries_of(snapshot, {unit.pk}).filter(
        award=award, group__in=(DueGroup.ELIGIBLE, DueGroup.ONE_STEP)
    )
    if award.is_individual:
        rows = rows.exclude(Exists(live.filter(person_id=OuterRef("person_id"))))
    else:
        rows = rows.exclude(Exists(live.filter(person__isnull=True, unit_id=unit.pk)))
    return rows.order_by("group", "position")


def _due_award(request, round_):
    value = (request.POST if request.method == "POST" else request.GET).get("award", "")
    return round_.awards.filter(pk=int(value)).first() if value.isdigit() and len(value) < 10 else None


def _due_list(request, round_, unit, snapshot, award, form) -> dict:
    entries = due_candidates(snapshot, round_, unit, award)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = snapshots.rows(page.object_list)
    return {"award": award, "page": page, "form": form}


@login_required
@require_http_methods(["GET", "POST"])
def propose_due(request, pk):
    round_, chooser, unit = _proposing(request, pk)
    if unit is None:
        return _choose_unit(request, round_, chooser, "due")
    state = snapshots.due_state(agency=round_.agency, year=round_.year)
    award = _due_award(request, round_)
    context = _context(round_, unit, chooser, state=state, award=award)
    if state.shown is None or award is None:
        admitted = set(round_.awards.values_list("pk", flat=True))
        dues = snapshots.counts(state.shown, {unit.pk}) if state.shown else []
        context["dues"] = [due for due in dues if due.award.pk in admitted]
        return render(request, "nominations/propose_due.html", context)
    people = Person.objects.filter(
        pk__in=due_candidates(state.shown, round_, unit, award).values("person_id")
    )
    data = request.POST if _saving(request) else None
    form = DueProposeForm(data, people=people, collective=not award.is_individual, late=context["late"])
    made = partial(propose, actor=request.user, round=round_, unit=unit, award=award, source=Source.DUE)
    if _propose(request, form, made) is not None:
        return redirect("nominations:round", round_.pk)
    context |= _due_list(request, round_, unit, state.shown, award, form)
    return render(request, "nominations/propose_due.html", context)


# --- blank ------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def propose_blank(request, pk):
    round_, chooser, unit = _proposing(request, pk)
    if unit is None:
        return _choose_unit(request, round_, chooser, "blank")
    late = round_.is_past_deadline()
    data = request.POST if _saving(request) else None
    form = BlankProposeForm(data, user=request.user, round=round_, unit=unit, late=late)
    made = partial(propose, actor=request.user, round=round_, unit=unit, source=Source.BLANK)
    if created := _propose(request, form, made):
        if len(created) == 1:
            return redirect("nominations:proposal", created[0].pk)
        return redirect("nominations:round", round_.pk)
    return render(request, "nominations/propose_blank.html", _context(round_, unit, chooser, form=form))


# --- the proposal's page --------------------------------------------------------------------------------


def _stale(proposal) -> bool:
    """Judged on an older record than today's (awards.staleness): the verdict is computed again."""
    if proposal.status not in LIVE_STATES or proposal.status == Status.READY:
        return False
    return proposal.judged_version < staleness.versions()[1]


def _actions(user, proposal) -> dict:
    compiler = can_compile(user, proposal.unit) and not proposal.round.is_history
    appraiser = can_appraise(user, proposal)
    status = proposal.status
    return {
        "edit": compiler and proposal.is_editable,
        "submit": compiler and proposal.is_editable,
        "withdraw": compiler and status in WITHDRAWABLE,
        "evidence": compiler and proposal.may_change("evidence"),
        "appraise": appraiser and status == Status.SUBMITTED,
        "ready": appraiser and status in (Status.APPRAISED, Status.POSTED),
        "confirm": can_confirm(user, proposal) and status not in (Status.WITHDRAWN, Status.READY),
        "appraiser": appraiser,
    }


def _detail_context(user, proposal) -> dict:
    actions = _actions(user, proposal)
    live = proposal.status in LIVE_STATES
    return {
        "proposal": proposal,
        "round": proposal.round,
        "status": status_badge(proposal.status),
        "verdict": verdict_badge(proposal.verdict),
        "checks": [(check, check_words(check)) for check in proposal.checks],
        "parts": parts(proposal),
        "evidence": list(proposal.evidence.order_by("pk")[:PAGE_SIZE]),
        "overruns": overruns_of(proposal) if live else [],
        "clock": clock_badge(proposal),
        "returned_parts": returned_parts(proposal),
        "flags": proposal.flags if actions["appraiser"] else [],
        "history": activity_for_object(user, proposal)[:HISTORY_LIMIT],
        "actions": actions,
    }


def _page_context(request, proposal) -> dict:
    """The page's context with the panels the apps above contribute (the council's vote on it)."""
    return {**_detail_context(request.user, proposal), "panels": panels_for("proposal", request, proposal)}


@login_required
@require_GET
def proposal_detail(request, pk):
    proposal = get_proposal_for_user(request.user, pk)
    if _stale(proposal):
        recheck(proposal=proposal)
    return render(request, "nominations/proposal_detail.html", _page_context(request, proposal))


# --- the unit's changes ------------------------------------------------------------------------------------


def _for_compiler(request, pk) -> Proposal:
    """The proposal for whoever compiles its unit (403 for the others), never in a past year's round."""
    proposal = get_proposal_for_user(request.user, pk, action=EDIT)
    if proposal.round.is_history:
        raise PermissionDenied
    return proposal


def _back(proposal):
    return redirect("nominations:proposal", proposal.pk)


@login_required
@require_http_methods(["GET", "POST"])
def proposal_edit(request, pk):
    proposal = _for_compiler(request, pk)
    if not proposal.is_editable:
        messages.info(request, _("A submitted proposal can only change when the secretariat returns it."))
        return _back(proposal)
    if request.method == "POST" and "draft" in request.POST:
        return _draft_report(request, proposal)
    form = ProposalForm(request.POST or None, proposal=proposal)
    change = partial(update_proposal, actor=request.user, proposal=proposal)
    if submit(request, form, change, _("The proposal was saved.")) is not None:
        return _back(proposal)
    context = {"proposal": proposal, "round": proposal.round, "form": form, "parts": returned_parts(proposal)}
    return render(
        request, "nominations/proposal_edit.html", context | {"can_draft": "report" not in form.locked}
    )


def _draft_report(request, proposal):
    """Soạn từ hồ sơ: the report prefilled from the record, in the form of its period; the unit edits it."""
    try:
        draft_report(actor=request.user, proposal=proposal)
        messages.success(request, _("The report was drafted from the record: read it and complete it."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("nominations:proposal_edit", proposal.pk)


def _already_submitted(request, proposal):
    message = _("The proposal has already been submitted (submission %(number)s): nothing more to do.")
    messages.info(request, message % {"number": proposal.version})
    return _back(proposal)


@login_required
@require_POST
def proposal_submit(request, pk):
    proposal = _for_compiler(request, pk)
    if proposal.status not in EDITABLE_STATES:
        return _already_submitted(request, proposal)  # a second click: one submission
    try:
        submit_proposal(actor=request.user, proposal=proposal)
    except ValidationError as exc:
        if getattr(exc, "code", None) == "transition" and proposal.status == Status.SUBMITTED:
            return _already_submitted(request, proposal)  # the two clicks crossed: the lock let one through
        messages.error(request, " ".join(exc.messages))
        return _back(proposal)
    messages.success(request, _("The proposal was submitted to the secretariat."))
    return _back(proposal)


@login_required
@require_http_methods(["GET", "POST"])
def proposal_withdraw(request, pk):
    proposal = _for_compiler(request, pk)
    if proposal.status not in WITHDRAWABLE:
        messages.info(request, _("The proposal can no longer be withdrawn."))
        return _back(proposal)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    withdraw = partial(withdraw_proposal, actor=request.user, proposal=proposal)
    if submit(request, form, withdraw, _("The proposal was withdrawn.")) is not None:
        return redirect("nominations:round", proposal.round_id)
    return render(request, "nominations/proposal_withdraw.html", {"proposal": proposal, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def proposal_evidence(request, pk):
    proposal = _for_compiler(request, pk)
    if not proposal.may_change("evidence"):
        messages.info(request, _("The evidence files can no longer change."))
        return _back(proposal)
    form = EvidenceForm(request.POST or None, request.FILES or None)
    add = partial(add_evidence, actor=request.user, proposal=proposal)
    if submit(request, form, add, _("The file was added to the dossier.")) is not None:
        return _back(proposal)
    evidence = list(proposal.evidence.order_by("pk")[:PAGE_SIZE])
    context = {"proposal": proposal, "form": form, "evidence": evidence}
    return render(request, "nominations/proposal_evidence.html", context)


@login_required
@require_GET
def proposal_versions(request, pk):
    proposal = get_proposal_for_user(request.user, pk)
    versions = proposal.versions.select_related("submitted_by").order_by("number")
    page = Paginator(versions, VERSION_PAGE_SIZE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    before = versions.filter(number__lt=shown[0].number).last() if shown else None
    rows = version_rows(([before] if before else []) + shown)[1 if before else 0 :]
    return render(
        request, "nominations/proposal_versions.html", {"proposal": proposal, "page": page, "rows": rows}
    )


# --- the unit's papers for the round -----------------------------------------------------------------------


def _dossier_unit(user, round_, unit_pk) -> Unit:
    """The unit, of the round's agency, for whoever compiles or reads its proposals or appraises the round."""
    unit = Unit.objects.filter(pk=unit_pk, agency_id__in=round_.agency.lineage_ids()).first()
    if unit is None:
        raise Http404
    scope = scope_for(user)
    seen = unit.pk in scope.read_units or unit.pk in scope.edit_units  # as the round's page links them
    if not (seen or can_compile(user, unit) or can_appraise(user, round_)):
        raise PermissionDenied
    return unit


@login_required
@require_http_methods(["GET", "POST"])
def unit_dossier(request, pk, unit_pk):
    round_ = get_round_for_user(request.user, pk)
    unit = _dossier_unit(request.user, round_, unit_pk)
    editable = can_compile(request.user, unit) and not round_.is_history
    if request.method == "POST" and not editable:
        raise PermissionDenied
    if request.method == "POST" and {"draft_cover", "draft_minutes"} & set(request.POST):
        return _draft_papers(request, round_, unit)
    dossier = UnitDossier.objects.filter(round=round_, unit=unit).select_related("cover").first()
    form = UnitDossierForm(request.POST or None, initial=_dossier_initial(dossier)) if editable else None
    save = partial(save_unit_dossier, actor=request.user, round=round_, unit=unit)
    if form is not None and submit(request, form, save, _("The unit's papers were saved.")) is not None:
        return redirect("nominations:unit_dossier", round_.pk, unit.pk)
    proposals = (
        round_.proposals.filter(unit=unit)
        .select_related("unit", "award", "person", "rule_set")
        .prefetch_related("evidence")
        .order_by("award__position", "person__sort_key", "pk")
    )
    page = Paginator(proposals, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = decorate(page.object_list, round_)
    context = {"round": round_, "unit": unit, "dossier": dossier, "form": form, "page": page}
    return render(request, "nominations/unit_dossier.html", context | {"editable": editable})


def _draft_papers(request, round_, unit):
    """Soạn tờ trình (a draft of the documents module listing the unit's proposals), or soạn biên bản."""
    try:
        if "draft_cover" in request.POST:
            draft_cover_letter(actor=request.user, round=round_, unit=unit)
            messages.success(
                request, _("The cover letter was drafted with the list of the unit's proposals.")
            )
        else:
            draft_minutes(actor=request.user, round=round_, unit=unit)
            messages.success(request, _("The minutes were drafted from the unit's proposals: complete them."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("nominations:unit_dossier", round_.pk, unit.pk)


def _dossier_initial(dossier) -> dict:
    if dossier is None:
        return {}
    names = ("minutes", "met_on", "members_total", "members_present")
    return {name: getattr(dossier, name) for name in names}
