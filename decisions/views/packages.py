"""The forward packages' screens (issue 15 points 6 and 9): the list (newest first, a year filter), preparing
a package from a closed meeting's passed proposals beyond the agency's authority, a package's page (its tờ
trình and status, the proposals and their outcome, sending once the tờ trình is issued, the ZIP), and the
higher decision that answers it — registered with its awardees, the doubtful matches confirmed, then
recorded with the reason of each proposal not awarded (decisions.domain.forwarding and .registering)."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from awards.authorities import WITHIN_AGENCY
from council.access import get_meeting_for_user
from council.minutes import chairman_above
from council.models import MeetingStatus
from lib.files import private_file
from lib.forms import submit
from nominations.models import Proposal
from nominations.models import Status as ProposalStatus

from ..access import MANAGE, can_manage_decisions, get_package_for_user, packages_for_user
from ..domain.drafting import discard_decision
from ..domain.forwarding import draft_package, queue_archive, send_package
from ..domain.registering import confirm_match, record_decision, register_decision
from ..forms import YearForm
from ..models import Decision, Line, Match, Outcome, PackageItem, PackageStatus, Status
from ..package_forms import AnswerForm, ConfirmForm, PackageForm, RecordForm, SendForm, proposal_words
from ..packages import file_name

PAGE_SIZE = 50
STATUS_CSS = {PackageStatus.DRAFT: "status-draft", PackageStatus.SENT: "status-submitted",
              PackageStatus.ANSWERED: "status-issued"}  # fmt: skip
OUTCOME_CSS = {
    Outcome.PENDING: "status-submitted",
    Outcome.AWARDED: "status-issued",
    Outcome.REFUSED: "status-closed",
}


# --- the list ----------------------------------------------------------------------------------------------


@login_required
@require_GET
def package_list(request):
    """Newest first (index package_list); three queries whatever the number of packages."""
    packages = packages_for_user(request.user)
    years = list(packages.order_by("-year").values_list("year", flat=True).distinct())
    form = YearForm(request.GET or None, years=years)
    if (year := form.value()) is not None:
        packages = packages.filter(year=year)
    packages = packages.select_related("document").annotate(proposals_count=Count("items"))
    page = Paginator(packages.order_by("-year", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    for package in page:
        package.css = STATUS_CSS.get(package.status, "")
    return render(request, "decisions/packages.html", {"page": page, "form": form})


# --- preparing ---------------------------------------------------------------------------------------------


def forwardable(meeting):
    """The passed proposals of the meeting beyond the agency's authority not yet in a package."""
    agenda = Proposal.objects.filter(pk__in=meeting.items.values("proposal_id"), status=ProposalStatus.PASSED)
    return (
        agenda.exclude(award__authority_code__in=WITHIN_AGENCY)
        .exclude(pk__in=PackageItem.objects.values("proposal_id"))
        .select_related("award", "person", "unit")
        .order_by("award__position", "award_id", "unit__name", "person__sort_key", "pk")
    )


@login_required
@require_http_methods(["GET", "POST"])
def package_new(request, meeting_pk):
    """Tick the passed proposals beyond the agency's authority, say to whom and who signs: the tờ trình is
    drafted with its list, and the package with it."""
    meeting = get_meeting_for_user(request.user, meeting_pk)
    agency = meeting.council.agency
    if not can_manage_decisions(request.user, agency.pk):
        raise PermissionDenied  # before the form
    if meeting.status != MeetingStatus.CLOSED:
        messages.error(request, _("A package is prepared from a closed meeting: this one is “%(status)s”.")
                       % {"status": meeting.get_status_display()})  # fmt: skip
        return redirect("council:meeting", meeting.pk)
    agenda = Proposal.objects.filter(pk__in=meeting.items.values("proposal_id")).select_related(
        "award", "unit"
    )
    initial = {"recipient": chairman_above(agency)}
    form = PackageForm(request.POST or None, agenda=agenda, agency=agency, initial=initial)
    action = partial(draft_package, actor=request.user, meeting=meeting)
    done = _("The tờ trình and the package were prepared: submit the tờ trình to its signer on its page.")
    if made := submit(request, form, action, done):
        return redirect("decisions:package", made.pk)
    return render(request, "decisions/package_new.html", _new_context(request, meeting, form))


def _new_context(request, meeting, form) -> dict:
    candidates = list(forwardable(meeting))
    for proposal in candidates:
        proposal.words = proposal_words(proposal)
    if request.method == "POST":
        chosen = {int(v) for v in request.POST.getlist("proposals") if v.isdigit() and len(v) < 19}
    else:
        chosen = {proposal.pk for proposal in candidates}
    return {"meeting": meeting, "agency": meeting.council.agency, "form": form, "candidates": candidates,
            "chosen": chosen}  # fmt: skip


# --- a package's page --------------------------------------------------------------------------------------


def _items(package):
    items = package.items.select_related("proposal__award", "proposal__person", "proposal__unit")
    items = list(items.order_by("position"))
    for entry in items:
        entry.css = OUTCOME_CSS.get(entry.outcome, "")
    return items


def package_context(request, package, **forms) -> dict:
    manager = can_manage_decisions(request.user, package.agency_id)
    answers = list(package.answers.select_related("document").order_by("pk"))
    issued = package.document.status in ("issued", "published")
    return {
        "package": package,
        "document": package.document,
        "css": STATUS_CSS.get(package.status, ""),
        "items": _items(package),
        "answers": answers,
        "pending": next((d for d in answers if d.status == Status.DRAFT), None),
        "manager": manager,
        "can_send": manager and package.status == PackageStatus.DRAFT and issued,
        "can_answer": manager and package.status == PackageStatus.SENT,
        "send_form": forms.get("send_form") or SendForm(),
    }


@login_required
@require_GET
def package_detail(request, pk):
    package = get_package_for_user(request.user, pk)
    return render(request, "decisions/package.html", package_context(request, package))


def _sent_message(package) -> str:
    count = package.items.count()
    return ngettext(
        "The package was sent: %(count)s proposal is forwarded; its archive is being built.",
        "The package was sent: %(count)s proposals are forwarded; its archive is being built.",
        count,
    ) % {"count": count}


@login_required
@require_POST
def package_send(request, pk):
    package = get_package_for_user(request.user, pk, action=MANAGE)
    form = SendForm(request.POST)
    action = partial(send_package, actor=request.user, package=package)
    if submit(request, form, action, _sent_message):
        return redirect("decisions:package", package.pk)
    package = get_package_for_user(request.user, pk)  # as stored: a refused sending changed nothing
    return render(request, "decisions/package.html", package_context(request, package, send_form=form))


@login_required
@require_POST
def package_archive(request, pk):
    """Build the ZIP again (its task was lost, or a file of the dossier changed)."""
    package = get_package_for_user(request.user, pk, action=MANAGE)
    if package.status == PackageStatus.DRAFT:
        messages.error(request, _("The archive is built once the package is sent."))
    else:
        queue_archive(package.pk)
        messages.success(request, _("The archive is being built again."))
    return redirect("decisions:package", package.pk)


@login_required
@require_GET
def package_zip(request, pk):
    package = get_package_for_user(request.user, pk)
    if not package.archive:
        raise Http404
    return private_file(package.archive, filename=file_name(package), content_type="application/zip")


# --- the higher decision -----------------------------------------------------------------------------------


def _pending(package) -> Decision | None:
    """The higher decision registered for the package and not recorded yet."""
    return package.answers.filter(status=Status.DRAFT).select_related("document").first()


def _answerable(request, pk):
    """The package, loaded for its managers (before any form), if it waits for its answer."""
    package = get_package_for_user(request.user, pk, action=MANAGE)
    if package.status != PackageStatus.SENT:
        message = _(
            "Only a sent package waiting for its answer takes a higher decision: this one is “%(status)s”."
        )
        messages.error(request, message % {"status": package.get_status_display()})
        return package, False
    return package, True


@login_required
@require_http_methods(["GET", "POST"])
def higher_decision(request, pk):
    """Register the higher decision with its awardees; once registered, confirm and record it."""
    package, open_ = _answerable(request, pk)
    if not open_:
        return redirect("decisions:package", package.pk)
    if (decision := _pending(package)) is not None:
        return render(request, "decisions/package_confirm.html", confirm_context(package, decision))
    items = list(package.items.select_related("proposal__award", "proposal__person", "proposal__unit"))
    initial = {"issuer": chairman_above(package.agency), "subject": _answer_subject(package)}
    form = AnswerForm(request.POST or None, items=items, initial=initial)
    action = partial(register_decision, actor=request.user, agency=package.agency, year=package.year,
                     package=package)  # fmt: skip
    done = _("The decision was registered: confirm the doubtful matches, then record it.")
    if submit(request, form, action, done):
        return redirect("decisions:higher_decision", package.pk)
    return render(request, "decisions/package_answer.html", {"package": package, "form": form})


def _answer_subject(package) -> str:
    return package.document.subject.replace("đề nghị ", "", 1)


def confirm_context(package, decision, *, confirm_forms=None, record_form=None) -> dict:
    lines = list(
        decision.lines.select_related("award", "proposal__award", "proposal__unit", "proposal__person")
    )
    proposals = Proposal.objects.filter(pk__in=package.items.values("proposal_id")).select_related(
        "award", "unit"
    )
    forms = confirm_forms or {}
    for line in lines:
        if line.match == Match.DOUBTFUL:
            line.form = forms.get(line.pk) or ConfirmForm(
                proposals=proposals, initial={"proposal": line.proposal_id}
            )
    matched = {line.proposal_id for line in lines if line.proposal_id}
    pending = package.items.filter(outcome=Outcome.PENDING).exclude(proposal_id__in=matched)
    refused = [
        entry.proposal
        for entry in pending.select_related("proposal__award", "proposal__unit", "proposal__person")
    ]
    return {"package": package, "decision": decision, "lines": lines,
            "doubtful": any(line.match == Match.DOUBTFUL for line in lines),
            "record_form": record_form or RecordForm(refused=refused)}  # fmt: skip


@login_required
@require_POST
def higher_decision_confirm(request, pk, line_pk):
    package, open_ = _answerable(request, pk)
    decision = _pending(package) if open_ else None
    if decision is None:
        return redirect("decisions:package", package.pk)
    line = get_object_or_404(Line, pk=line_pk, decision=decision)
    proposals = Proposal.objects.filter(pk__in=package.items.values("proposal_id"))
    form = ConfirmForm(request.POST, proposals=proposals)
    action = partial(confirm_match, actor=request.user, line=line)
    if submit(request, form, action, _("The awardee was matched to the proposal.")):
        return redirect("decisions:higher_decision", package.pk)
    context = confirm_context(package, decision, confirm_forms={line.pk: form})
    return render(request, "decisions/package_confirm.html", context)


@login_required
@require_POST
def higher_decision_record(request, pk):
    package, open_ = _answerable(request, pk)
    decision = _pending(package) if open_ else None
    if decision is None:
        return redirect("decisions:package", package.pk)
    refused = confirm_context(package, decision)["record_form"].refused
    form = RecordForm(request.POST, refused=refused)
    action = partial(record_decision, actor=request.user, decision=decision)
    done = _("The decision was recorded: the ledger holds its awards and the package is answered.")
    if submit(request, form, action, done):
        return redirect("decisions:package", package.pk)
    return render(
        request, "decisions/package_confirm.html", confirm_context(package, decision, record_form=form)
    )


@login_required
@require_POST
def higher_decision_discard(request, pk):
    """Discard the registration (a wrong line): the decision is registered again."""
    package, open_ = _answerable(request, pk)
    decision = _pending(package) if open_ else None
    if decision is not None:
        discard_decision(actor=request.user, decision=decision)
        messages.success(request, _("The registration was discarded: register the decision again."))
    return (
        redirect("decisions:higher_decision", package.pk)
        if open_
        else redirect("decisions:package", package.pk)
    )
