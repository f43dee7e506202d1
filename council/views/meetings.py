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
from django.db.models import F
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from awards.models import Award
from lib.forms import submit
from lib.panels import panels_for
from nominations.models import Round

from ..access import MANAGE, can_manage_council, get_council_for_user, get_meeting_for_user, seats_of
from ..domain import meetings as domain
from ..domain.ballot import can_count
from ..forms import AgendaFilterForm, AgendaForm, AttendanceForm, GuestForm, MeetingForm
from ..models import Attendance, Choice, Item, MeetingStatus, OpenVote, Participation, Presence, Recusal
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
BOX_PAGE_SIZE = 50  # items whose published box the closed meeting's page shows at a time


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


ITEM_COLUMNS = (
    *("meeting", "proposal", "position", "secret", "threshold", "citation", "denominator", "required"),
    *("votes_for", "votes_against", "abstentions", "not_voting", "passes", "outcome_note"),
)
# What the page shows of each item's proposal, read as columns with the item (no proposal, person, unit or
# award objects: a meeting may have hundreds of items).
PROPOSAL_COLUMNS = {
    "award_id": F("proposal__award_id"),
    "award_name": F("proposal__award__name"),
    "unit_name": F("proposal__unit__name"),
    "person_id": F("proposal__person_id"),
    "family_name": F("proposal__person__family_name"),
    "middle_name": F("proposal__person__middle_name"),
    "given_name": F("proposal__person__given_name"),
}


def _items(meeting) -> list[Item]:
    """The agenda with the columns the page shows (one query); the words repeated by many items (threshold,
    ballot kind, the figures' pattern) are worded once."""
    found = meeting.items.only(*ITEM_COLUMNS).annotate(**PROPOSAL_COLUMNS).order_by("position")
    items = list(found)
    thresholds, kinds, of_total = {}, {}, _("%(required)s of %(total)s")
    for item in items:
        if item.threshold not in thresholds:
            thresholds[item.threshold] = threshold_words(item)
        if item.secret not in kinds:
            kinds[item.secret] = ballot_words(item)
        item.threshold_words, item.ballot_badge = thresholds[item.threshold], kinds[item.secret]
        names = (item.family_name, item.middle_name, item.given_name)
        item.subject = " ".join(n for n in names if n) if item.person_id else item.unit_name
        item.outcome = outcome_badge(item)
        figures = {"required": item.required, "total": item.denominator}
        item.required_words = of_total % figures if item.required is not None else ""
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
    voted = Counter(item_id for item_id, _seat in done)
    settled = Counter(seat for _item, seat in done | recused)  # items each seat voted on or is recused from
    for item in items:
        item.voted = voted[item.pk]
    for seat in rows:
        expected = seat.attendance is not None and seat.attendance.presence != Presence.ABSENT
        seat.owes = expected and settled[seat.pk] < len(items)


NAMED_COLUMNS = (
    *("item_id", "choice", "membership__role__name", "membership__person__family_name"),
    *("membership__person__middle_name", "membership__person__given_name"),
)


def _results(meeting, items) -> None:
    """After the close: the published box of each of `items` (a page of the agenda) and, for an open item, the
    named votes (a public act) — read as values, each choice worded once (a dozen ballots an item)."""
    box, badges = published(meeting), {choice: choice_badge(choice) for choice in Choice.values}
    named = OpenVote.objects.filter(item__in=[item.pk for item in items if not item.secret])
    by_item = {}
    for item_id, choice, role, *names in named.order_by(
        "membership__role__position", "membership__person__sort_key"
    ).values_list(*NAMED_COLUMNS):
        badge = badges[choice]
        vote = (" ".join(n for n in names if n), role, badge.css, badge.label)
        by_item.setdefault(item_id, []).append(vote)
    for item in items:
        item.box = [
            (row.receipt, badges[row.choice].css, badges[row.choice].label) for row in box.get(item.pk, [])
        ]
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
        "groups": [list(group) for _award, group in groupby(items, key=lambda i: i.award_id)],
        "items": items,
        "voting": voting,
        "closed": closed,
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
    if closed:  # the published boxes, a page of items at a time (a dozen ballots an item)
        context["boxes"] = Paginator(items, BOX_PAGE_SIZE).get_page(request.GET.get("page"))
        context["panels"] = panels_for("meeting", request, meeting)  # what the apps above made of it
        _results(meeting, context["boxes"].object_list)
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
    """The domain's all-or-none attendance, its refusal keyed to the form's field of the seat it names."""
    try:
        return domain.record_attendances(actor=actor, meeting=meeting, rows=rows)
    except ValidationError as error:
        seat = error.seat.pk
        if hasattr(error, "error_dict"):
            raise ValidationError({f"{k}_{seat}": v for k, v in error.error_dict.items()}) from error
        raise ValidationError({f"presence_{seat}": error.messages}) from error


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
