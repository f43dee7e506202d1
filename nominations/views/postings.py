"""Public posting screens (công khai lấy ý kiến): opening a posting for appraised proposals of a round — the
closing day counted on the agency's working-day calendar, shown as the inputs change —, the posting's page
with its proposals and their comments, recording a comment and handling one."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lib.forms import submit

from ..access import APPRAISE, can_appraise, get_comment_for_user, get_posting_for_user, get_round_for_user
from ..appraisal_forms import ClosingForm, CommentForm, HandleForm, PostingForm
from ..domain import posting as domain
from ..models import Comment, Handling, Status

PAGE_SIZE = 50
DEFAULT_DAYS = 5  # the sector model, when the law requires no posting of the chosen (open_posting's default)


# --- opening a posting -------------------------------------------------------------------------------------


def _candidates(round_):
    """The round's appraised proposals not yet posted."""
    return (
        round_.proposals.filter(status=Status.APPRAISED, posting__isnull=True)
        .select_related("round__agency", "person", "unit", "award", "rule_set")
        .order_by("unit_id", "pk")
    )


def _chosen(data) -> set[int]:
    """The proposals ticked so far (on this page and, kept as hidden values, on the others)."""
    return {int(value) for value in data.getlist("proposals") if value.isdigit() and len(value) < 19}


def required_days(proposals) -> int:
    """The longest posting the law (or the agency's setting) requires of `proposals`, in working days: one
    rule asked per kind of proposal (rule set and award), not per proposal."""
    kinds = proposals.order_by().values_list("rule_set_id", "award_id").distinct()
    days = [
        domain.posting_rule_of(proposals.filter(rule_set_id=r, award_id=a).first()).days for r, a in kinds
    ]
    return max(days, default=0)


def _initial(request, round_, candidates, chosen) -> dict:
    """The values typed so far (a redrawn page keeps them), else today and the days the law requires."""
    data = request.POST
    days = data.get("working_days") or required_days(
        candidates.filter(pk__in=chosen) if chosen else candidates
    )
    return {
        "channel": data.get("channel") or None,
        "opens_on": data.get("opens_on")
        or domain.first_working_day(timezone.localdate(), agency=round_.agency),
        "working_days": days or DEFAULT_DAYS,
    }


def _closing_of(form, agency):
    if form.is_valid():
        data = form.cleaned_data
        return domain.closing_day(data["opens_on"], data["working_days"], agency=agency)
    return None


def _new_context(request, round_, form, candidates, chosen) -> dict:
    data = request.POST if request.method == "POST" else request.GET
    page = Paginator(candidates, PAGE_SIZE).get_page(data.get("goto") or data.get("page"))
    typed = {name: form[name].value() for name in ("opens_on", "working_days")}  # data, else initial
    return {
        "round": round_,
        "form": form,
        "page": page,
        "chosen": chosen,
        "elsewhere": sorted(chosen - {proposal.pk for proposal in page}),
        "closes_on": _closing_of(ClosingForm(typed), round_.agency),
    }


def _opened(made) -> str:
    count = made.proposals.count()
    message = ngettext(
        "%(count)s proposal was posted until %(closes)s.",
        "%(count)s proposals were posted until %(closes)s.",
        count,
    )
    return message % {"count": count, "closes": made.closes_on.strftime("%d/%m/%Y")}


@login_required
@require_http_methods(["GET", "POST"])
def posting_new(request, pk):
    """Tick appraised proposals of the round (paged, kept across pages), choose the channel, the first day and
    the working days; the closing day follows the inputs (htmx: `?closing=1`)."""
    round_ = get_round_for_user(request.user, pk, action=APPRAISE)
    if request.method == "GET" and request.htmx and "closing" in request.GET:
        context = {"closes_on": _closing_of(ClosingForm(request.GET), round_.agency), "round": round_}
        return render(request, "nominations/posting_new.html#closing", context)
    candidates, chosen = _candidates(round_), _chosen(request.POST)
    saving = "save" in request.POST
    initial = _initial(request, round_, candidates, chosen)
    form = PostingForm(request.POST if saving else None, candidates=candidates, initial=initial)
    change = partial(domain.open_posting, actor=request.user, round=round_)
    if saving and (made := submit(request, form, change, _opened)):
        return redirect("nominations:posting", made.pk)
    return render(
        request, "nominations/posting_new.html", _new_context(request, round_, form, candidates, chosen)
    )


# --- the posting and its comments --------------------------------------------------------------------------


def _detail_context(request, posting, *, comment_form=None, handle_form=None, handle_pk=None) -> dict:
    """The posting, a page of its proposals with their comments (one query for the page's comments), and the
    forms of the secretariat: a new comment while the posting is open, the handling of each pending one."""
    appraiser = can_appraise(request.user, posting.round)
    comments = Comment.objects.select_related("handled_by").order_by("received_on", "pk")
    proposals = (
        posting.proposals.select_related("person", "unit", "award")
        .prefetch_related(Prefetch("comments", queryset=comments))
        .order_by("unit_id", "pk")
    )
    page = Paginator(proposals, PAGE_SIZE).get_page(request.GET.get("page"))
    is_open = posting.is_open()
    if comment_form is None and appraiser and is_open:
        comment_form = CommentForm(posting=posting, initial={"received_on": timezone.localdate()})
    return {
        "posting": posting,
        "round": posting.round,
        "page": page,
        "is_open": is_open,
        "can_appraise": appraiser,
        "pending": posting.comments.filter(handling=Handling.PENDING).count(),
        "comment_form": comment_form,
        "handle_form": handle_form,
        "handle_pk": handle_pk,
        "accepted": Handling.ACCEPTED,
        "waiting": Handling.PENDING,
    }


@login_required
@require_GET
def posting_detail(request, pk):
    posting = get_posting_for_user(request.user, pk)
    return render(request, "nominations/posting.html", _detail_context(request, posting))


@login_required
@require_POST
def comment_new(request, pk):
    """Record a comment received during the posting; refused once the posting has closed (nothing saved)."""
    posting = get_posting_for_user(request.user, pk, action=APPRAISE)
    form = CommentForm(request.POST, posting=posting)
    record = partial(domain.record_comment, actor=request.user, posting=posting)
    if submit(request, form, record, _("The comment was recorded; record how it is handled.")):
        return redirect("nominations:posting", posting.pk)
    return render(request, "nominations/posting.html", _detail_context(request, posting, comment_form=form))


@login_required
@require_POST
def comment_handle(request, pk):
    """Accepted or not, with the reason."""
    comment = get_comment_for_user(request.user, pk)
    form = HandleForm(request.POST)
    handle = partial(domain.handle_comment, actor=request.user, comment=comment)
    if submit(request, form, handle, _("The handling of the comment was recorded.")):
        return redirect(f"{reverse('nominations:posting', args=[comment.posting_id])}#comment-{comment.pk}")
    posting = get_posting_for_user(request.user, comment.posting_id)
    context = _detail_context(request, posting, handle_form=form, handle_pk=comment.pk)
    return render(request, "nominations/posting.html", context)
