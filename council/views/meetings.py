"""A meeting of the council: preparing it, its page, and the secretariat's steps up to the opening of the
ballot — the agenda ticked among the ready proposals, convening, the attendance of every seat in one form,
the guests, the opening (refused without the quorum, saying how many more are needed).

The page's queries do not grow with the number of seats or items: the items, seats, attendance, guests,
recusals and participations are each read once. While the ballot is open it shows per item how many seats
have voted — counts, never choices; after the close the figures and the published box of each item (receipt
fingerprints and choices, never a name for a secret item)."""

from collections import Counter
from functools import partial
from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from awards.models import Award
from lib.forms import submit
from nominations.models import Round

from ..access import MANAGE, can_manage_council, get_council_for_user, get_meeting_for_user, seats_of
from ..domain import meetings as domain
from ..domain.ballot import can_count
from ..forms import AgendaFilterForm, AgendaForm, AttendanceForm, GuestForm, MeetingForm
from ..models import Attendance, Item, MeetingStatus, OpenVote, Participation, Presence, Recusal
from ..presentation import (
    ballot_words,
    choice_badge,
    format_words,
    outcome_badge,
    presence_badge,
    quorum_line,
    rules_of,
    status_badge,
    threshold_words,
)
from ..quorum import quorum_of, seats
from ..tally import published

PAGE_SIZE = 50


# --- preparing ---------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def meeting_new(request, pk):
    council = get_council_for_user(request.user, pk, action=MANAGE)
    form = MeetingForm(request.POST or None)
    action = partial(domain.prepare_meeting, actor=request.user, council=council)
    if made := submit(request, form, action, _("The meeting was prepared; set its agenda.")):
        return redirect("council:meeting", made.pk)
    return render(request, "council/meeting_new.html", {"council": council, "form": form})


# --- the meeting's page ------------------------------------------------------------------------------------


def _items(meeting) -> list[Item]:
    found = meeting.items.select_related(
        "proposal__award", "proposal__unit", "proposal__person", "paper_count"
    ).order_by("position")
    items = list(found)
    for item in items:
        item.threshold_words, item.ballot_badge = threshold_words(item), ballot_words(item)
        item.outcome = outcome_badge(item)
        item.recused, item.voted, item.box, item.named = [], 0, [], []
    return items


def _attendance(meeting) -> list:
    """Every seat on the meeting's date with its attendance (two queries)."""
    recorded = {
        a.membership_id: a for a in Attendance.objects.filter(meeting=meeting).select_related("substitute")
    }
    rows = []
    for seat in (
        seats(meeting).select_related("person", "role").order_by("role__position", "person__sort_key")
    ):
        attendance = recorded.get(seat.pk)
        seat.attendance = attendance
        seat.badge = presence_badge(getattr(attendance, "presence", None))
        rows.append(seat)
    return rows


def _votes(meeting, items, rows) -> None:
    """Per item the number of seats that have voted (or were marked as not voting), and per seat whether it
    still owes a vote: one query over the participations, which hold no choice."""
    done = set(Participation.objects.filter(item__meeting=meeting).values_list("item_id", "membership_id"))
    recused = {(item.pk, r.membership_id) for item in items for r in item.recused}
    voted, settled = Counter(item_id for item_id, _seat in done), done | recused
    for item in items:
        item.voted = voted[item.pk]
    for seat in rows:
        expected = seat.attendance is not None and seat.attendance.presence != Presence.ABSENT
        seat.owes = expected and any((i.pk, seat.pk) not in settled for i in items)


def _results(meeting, items) -> None:
    """After the close: each item's published box and, for an open item, the named votes (a public act)."""
    box = published(meeting)
    named = OpenVote.objects.filter(item__meeting=meeting, item__secret=False).select_related(
        "membership__person", "membership__role"
    )
    by_item = {}
    for vote in named.order_by("membership__role__position", "membership__person__sort_key"):
        vote.badge = choice_badge(vote.choice)
        by_item.setdefault(vote.item_id, []).append(vote)
    for item in items:
        item.box = [(row.receipt, choice_badge(row.choice)) for row in box.get(item.pk, [])]
        item.named = [] if item.secret else by_item.get(item.pk, [])


def _attach_recusals(meeting, items) -> list:
    by_item = {item.pk: item for item in items}
    found = Recusal.objects.filter(item__meeting=meeting).select_related("membership__person")
    recusals = []
    for recusal in found.order_by("item__position", "membership__person__sort_key"):
        recusal.item = by_item[recusal.item_id]
        recusal.item.recused.append(recusal)
        recusals.append(recusal)
    return recusals


def meeting_context(request, meeting) -> dict:
    items, rows = _items(meeting), _attendance(meeting)
    voting, closed = meeting.status == MeetingStatus.VOTING, meeting.status == MeetingStatus.CLOSED
    context = {
        "meeting": meeting,
        "badge": status_badge(meeting.status),
        "format_words": format_words(meeting),
        "rules": rules_of(meeting),
        "quorum": quorum_line(quorum_of(meeting)),
        "groups": [(award, list(group)) for award, group in groupby(items, key=lambda i: i.proposal.award)],
        "items": items,
        "rows": rows,
        "guests": list(meeting.guests.all()),
        "recusals": _attach_recusals(meeting, items),
        "manager": can_manage_council(request.user, meeting.council),
        "votes_here": voting and bool(seats_of(request.user, meeting)),
        "counter": voting and meeting.is_paper and can_count(request.user, meeting),
    }
    if voting:
        _votes(meeting, items, rows)
        context["written_due"] = any(s.owes and s.attendance.presence == Presence.WRITTEN for s in rows)
        context["owing"] = any(s.owes for s in rows)
    if closed:
        _results(meeting, items)
    return context


@login_required
@require_GET
def meeting_detail(request, pk):
    meeting = get_meeting_for_user(request.user, pk)
    return render(request, "council/meeting.html", meeting_context(request, meeting))


# --- the agenda --------------------------------------------------------------------------------------------


def _not_now(request, meeting, message):
    messages.error(request, message % {"status": meeting.get_status_display()})
    return redirect("council:meeting", meeting.pk)


def _chosen(request, meeting) -> set[int]:
    if request.method != "POST":
        return set(meeting.items.values_list("proposal_id", flat=True))
    return {int(v) for v in request.POST.getlist("proposals") if v.isdigit() and len(v) < 19}


def _agenda_context(request, meeting, form, candidates, chosen) -> dict:
    data = request.POST if request.method == "POST" else request.GET
    agency_id = meeting.council.agency_id
    rounds = Round.objects.filter(agency_id=agency_id, pk__in=candidates.values("round_id")).order_by("-year")
    awards = Award.objects.filter(pk__in=candidates.values("award_id")).order_by("position", "name")
    filters = AgendaFilterForm(data, rounds=rounds, awards=awards)
    shown = filters.filter(candidates).select_related("award", "unit", "person", "round")
    shown = shown.order_by("award__position", "award_id", "unit__name", "person__sort_key", "pk")
    page = Paginator(shown, PAGE_SIZE).get_page(data.get("goto") or data.get("page"))
    elsewhere = sorted(chosen - {proposal.pk for proposal in page})
    return {"meeting": meeting, "form": form, "filters": filters, "page": page, "chosen": chosen} | {
        "elsewhere": elsewhere
    }


def _agenda_done(items) -> str:
    count = len(items)
    return ngettext(
        "%(count)s proposal is on the agenda.", "%(count)s proposals are on the agenda.", count
    ) % {"count": count}


@login_required
@require_http_methods(["GET", "POST"])
def agenda(request, pk):
    """Tick the ready proposals of the agency to put on the agenda (paged, filtered by round and award, kept
    across pages); those ticked replace the agenda, in the minutes' order."""
    meeting = get_meeting_for_user(request.user, pk, action=MANAGE)
    if meeting.status != MeetingStatus.PREPARING:
        return _not_now(request, meeting, _("The agenda cannot change: the meeting is “%(status)s”."))
    candidates, chosen = domain.agenda_candidates(meeting), _chosen(request, meeting)
    saving = "save" in request.POST
    form = AgendaForm(request.POST if saving else None, candidates=candidates)
    action = partial(domain.set_agenda, actor=request.user, meeting=meeting)
    if saving and submit(request, form, action, _agenda_done):
        return redirect("council:meeting", meeting.pk)
    return render(request, "council/agenda.html", _agenda_context(request, meeting, form, candidates, chosen))


# --- the steps: convene, attendance, guests, opening -------------------------------------------------------


def _step(request, meeting, action, done) -> None:
    try:
        action(actor=request.user, meeting=meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)


@login_required
@require_POST
def convene(request, pk):
    meeting = get_meeting_for_user(request.user, pk, action=MANAGE)
    _step(request, meeting, domain.convene, _("The meeting was convened: the members were sent the agenda."))
    return redirect("council:meeting", meeting.pk)


@login_required
@require_POST
def open_ballot(request, pk):
    meeting = get_meeting_for_user(request.user, pk, action=MANAGE)
    _step(request, meeting, domain.open_ballot, _("The ballot is open: the attending members were told."))
    return redirect("council:meeting", meeting.pk)


def record_all(*, actor, meeting, rows) -> int:
    """Record every seat's attendance in one transaction: all or none. An error names the seat's field."""
    with transaction.atomic():
        for row in rows:
            try:
                domain.record_attendance(actor=actor, meeting=meeting, **row)
            except ValidationError as error:
                seat = row["membership"].pk
                if hasattr(error, "error_dict"):
                    raise ValidationError({f"{k}_{seat}": v for k, v in error.error_dict.items()}) from error
                raise ValidationError({f"presence_{seat}": error.messages}) from error
    return len(rows)


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request, pk):
    meeting = get_meeting_for_user(request.user, pk, action=MANAGE)
    if meeting.status != MeetingStatus.CONVENED:
        return _not_now(
            request, meeting, _("Attendance is recorded once the meeting is convened: it is “%(status)s”.")
        )
    rows = _attendance(meeting)
    recorded = {seat.pk: seat.attendance for seat in rows if seat.attendance is not None}
    form = AttendanceForm(
        request.POST or None, user=request.user, meeting=meeting, seats=rows, recorded=recorded
    )
    action = partial(record_all, actor=request.user, meeting=meeting)
    if submit(request, form, action, _("The attendance was recorded.")):
        return redirect("council:meeting", meeting.pk)
    return render(request, "council/attendance.html", {"meeting": meeting, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def guest_new(request, pk):
    meeting = get_meeting_for_user(request.user, pk, action=MANAGE)
    form = GuestForm(request.POST or None)
    action = partial(domain.add_guest, actor=request.user, meeting=meeting)
    if submit(request, form, action, _("The guest was added.")):
        return redirect("council:meeting", meeting.pk)
    context = {"meeting": meeting, "form": form, "title": _("Add a guest")}
    return render(request, "council/meeting_form.html", context)
