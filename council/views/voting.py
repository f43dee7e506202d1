"""While the ballot is open, the secretariat's side: the written vote of an absent member entered from his
signed paper, a seat marked as not voting, the counting group's totals of a paper ballot, and the close —
refused while a seat owes a vote, and, where a cap leaves a tie, re-asked with the chair's choice."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from lib.forms import add_model_errors, submit

from ..access import MANAGE, get_meeting_for_user
from ..domain import ballot, meetings
from ..forms import CloseForm, NotVotingForm, PaperCountForm, WrittenForm
from ..models import MeetingStatus, PaperCount, Participation, Presence, Recusal
from ..quorum import seats
from ..tally import missing_votes
from .meetings import _not_now

NOT_OPEN = gettext_lazy("The ballot of this meeting is not open: it is “%(status)s”.")


def _open_meeting(request, pk, *, action=MANAGE):
    return get_meeting_for_user(request.user, pk, action=action)


def _owing(meeting, presence=None):
    """The seats expected to vote (attendance recorded, not absent; or only those of `presence`) that still
    owe a vote on some item: four queries, whatever the number of seats and items."""
    items = set(meeting.items.values_list("pk", flat=True))
    settled = set(Participation.objects.filter(item__meeting=meeting).values_list("item_id", "membership_id"))
    settled |= set(Recusal.objects.filter(item__meeting=meeting).values_list("item_id", "membership_id"))
    expected = meeting.attendance.exclude(presence=Presence.ABSENT)
    if presence:
        expected = expected.filter(presence=presence)
    owing = [
        seat
        for seat in expected.values_list("membership_id", flat=True)
        if any((item, seat) not in settled for item in items)
    ]
    return seats(meeting).filter(pk__in=owing).select_related("person", "role").order_by("person__sort_key")


@login_required
@require_http_methods(["GET", "POST"])
@sensitive_post_parameters()  # an error report never shows the written choices
def written(request, pk):
    """The secretary enters the written vote of a member recorded as absent with a written vote."""
    meeting = _open_meeting(request, pk)
    if meeting.status != MeetingStatus.VOTING:
        return _not_now(request, meeting, NOT_OPEN)
    items = list(meeting.items.select_related("proposal__person", "proposal__unit", "proposal__award"))
    form = WrittenForm(
        request.POST or None, meeting=meeting, seats=_owing(meeting, Presence.WRITTEN), items=items
    )
    record = partial(ballot.record_written, actor=request.user, meeting=meeting)
    action = lambda **chosen: record(**chosen) or True  # noqa: E731 — it returns nothing on success
    if submit(request, form, action, _("The written vote was entered and marked as written.")):
        return redirect("council:meeting", meeting.pk)
    recusals = Recusal.objects.filter(item__meeting=meeting).select_related("membership__person", "item")
    context = {"meeting": meeting, "form": form, "recusals": recusals.order_by("item__position")}
    return render(request, "council/written.html", context)


def _not_voting_done(count) -> str:
    return ngettext(
        "The member was marked as not voting on %(count)s item.",
        "The member was marked as not voting on %(count)s items.",
        count,
    ) % {"count": count}


@login_required
@require_http_methods(["GET", "POST"])
def not_voting(request, pk):
    meeting = _open_meeting(request, pk)
    if meeting.status != MeetingStatus.VOTING:
        return _not_now(request, meeting, NOT_OPEN)
    form = NotVotingForm(request.POST or None, seats=_owing(meeting))
    mark = partial(ballot.mark_not_voting, actor=request.user, meeting=meeting)
    action = lambda **chosen: [mark(**chosen)]  # noqa: E731 — a count of 0 is still done
    if submit(request, form, action, lambda done: _not_voting_done(done[0])):
        return redirect("council:meeting", meeting.pk)
    context = {"meeting": meeting, "form": form, "title": _("Mark a member as not voting")}
    return render(request, "council/meeting_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def paper_count(request, pk):
    """The counting group (or the secretary) enters the totals of an item's paper ballots."""
    meeting = get_meeting_for_user(request.user, pk)
    if not ballot.can_count(request.user, meeting):
        raise PermissionDenied  # before the form: the secretary and the counting group only
    if meeting.status != MeetingStatus.VOTING or not meeting.is_paper:
        return _not_now(request, meeting, NOT_OPEN)
    items = meeting.items.select_related("proposal__person", "proposal__unit", "proposal__award")
    form = PaperCountForm(request.POST or None, items=items, meeting=meeting)
    action = partial(ballot.enter_paper_count, actor=request.user)
    if submit(request, form, action, _("The totals of the item were entered.")):
        return redirect("council:paper_count", meeting.pk)
    counts = PaperCount.objects.filter(item__meeting=meeting).select_related(
        "item__proposal__person", "item__proposal__unit"
    )
    context = {"meeting": meeting, "form": form, "counts": counts.order_by("item__position")}
    return render(request, "council/paper_count.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def close(request, pk):
    """Close the ballot; a tie at a cap comes back with the tied items to tick for the chair's choice."""
    meeting = _open_meeting(request, pk)
    if meeting.status != MeetingStatus.VOTING:
        return _not_now(request, meeting, NOT_OPEN)
    items = meeting.items.select_related("proposal__person", "proposal__unit", "proposal__award")
    tied = [int(v) for v in request.POST.getlist("tied") if v.isdigit() and len(v) < 19]
    form = CloseForm(request.POST if request.method == "POST" else None, items=items.filter(pk__in=tied))
    if request.method == "POST" and form.is_valid():
        try:
            meetings.close_ballot(actor=request.user, meeting=meeting, **form.domain_arguments())
        except ValidationError as error:
            if getattr(error, "code", None) == "tie":
                tied = error.tied
                form = CloseForm(request.POST, items=items.filter(pk__in=tied))
                form.is_valid()
            add_model_errors(form, error)
        else:
            messages.success(
                request, _("The ballot is closed: the results are final and the minutes drafted.")
            )
            return redirect("council:meeting", meeting.pk)
    missing = [] if meeting.is_paper else missing_votes(meeting)
    context = {"meeting": meeting, "form": form, "missing": missing, "tied": tied}
    return render(request, "council/close.html", context)
