"""The member's ballot on a phone (issue 14 §5–6): the agenda items he votes on, all on one screen or one per
screen (`?item=<position>`), a review of his answers, the cast — whose response alone shows the receipt
code —, and after the close the check of that code.

Secrecy (council/__init__.py): the answers travel in the form only (radios, then hidden fields on the other
screens and on the review), never in the session, the URL, a message or a log line; every page here is sent
with `Cache-Control: no-store`. Once cast, an item shows "voted" and never the answer; the receipt check
shows the answers counted on the screen of whoever holds the code, keeps nothing and pads its rows to one
length, so that the size of the page does not tell the answer either."""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from lib import ratelimit

from ..access import VOTE, get_meeting_for_user, seats_of
from ..ballot_forms import BallotForm, ReceiptForm, field_name
from ..domain.ballot import allowed_choices, cast, verify_receipt
from ..models import Choice, Item, MeetingStatus, Membership, Participation, Recusal, RecusalReason

VOTE_HERE, RECUSED, VOTED = "vote", "recused", "voted"
RECEIPT_CHECKS = (10, 600)  # receipt checks per account and window (seconds), when rate limits are on
ITEM_FIELDS = ("proposal__award", "proposal__unit", "proposal__person")
# The columns a ballot shows of an item and its proposal (not the proposal's texts and checks). "meeting" too:
# the related manager sets each item's meeting from it.
ITEM_COLUMNS = (
    *("meeting", "proposal", "position", "secret", "proposal__person", "proposal__unit", "proposal__award"),
    *("proposal__award__name", "proposal__unit__name", "proposal__person__family_name"),
    *("proposal__person__middle_name", "proposal__person__given_name"),
)


@dataclass
class Row:
    """An item on the ballot paper, with the words the screen shows of it read once (a meeting may have
    hundreds of items); for an item to vote on, its radios (value, label, id, checked), read from the form
    by `_fill` (the template writes the radio tags itself)."""

    item: Item
    state: str
    reason: str = ""
    field: object = None
    name: str = ""
    value: str | None = None
    errors: list | tuple = ()
    required: bool = False
    radios: list | tuple = ()

    def __post_init__(self):
        proposal = self.item.proposal
        self.subject, self.award, self.unit = proposal.subject_name, proposal.award.name, proposal.unit.name


@dataclass
class Sheet:
    """The member's ballot paper for one seat: every item with what he may do on it."""

    seat: Membership
    rows: list[Row]
    votable: list[Item] = field(default_factory=list)


def _sheet(meeting, seat) -> Sheet:
    recused = dict(
        Recusal.objects.filter(item__meeting=meeting, membership=seat).values_list("item_id", "reason")
    )
    voted = set(
        Participation.objects.filter(item__meeting=meeting, membership=seat).values_list("item_id", flat=True)
    )
    rows, reasons = [], {reason: str(RecusalReason(reason).label) for reason in set(recused.values())}
    for item in _items(meeting):
        if item.pk in recused:
            rows.append(Row(item, RECUSED, reasons[recused[item.pk]]))
        else:
            rows.append(Row(item, VOTED if item.pk in voted else VOTE_HERE))
    return Sheet(seat, rows, [row.item for row in rows if row.state == VOTE_HERE])


def _items(meeting):
    return meeting.items.select_related(*ITEM_FIELDS).only(*ITEM_COLUMNS).order_by("position")


def _seat(request, seats) -> Membership | None:
    """The seat the member votes for: his only one, or the one he chose (`seat`) when he holds two."""
    if len(seats) == 1:
        return seats[0]
    wanted = request.POST.get("seat") or request.GET.get("seat")
    return next((seat for seat in seats if str(seat.pk) == wanted), None)


def _current(sheet, position) -> Item | None:
    """The item of the one-per-screen walk at `position` (the first item still to vote on otherwise)."""
    if not sheet.votable:
        return None
    return next((item for item in sheet.votable if str(item.position) == position), sheet.votable[0])


def _neighbour(sheet, current, step: int) -> Item:
    index = sheet.votable.index(current) + step
    return sheet.votable[min(max(index, 0), len(sheet.votable) - 1)]


def _fill(row, bound, errors, choices) -> None:
    """The row's name, value and errors from its bound field, and one (value, label, id, checked) a choice."""
    row.field = bound
    row.name, row.value, row.required = bound.html_name, bound.value(), bound.field.required
    row.errors = errors.get(bound.name, [])
    ids = bound.auto_id
    row.radios = [
        (value, label, f"{ids}_{n}", value == row.value) for n, (value, label) in enumerate(choices)
    ]


def _screen(request, meeting, sheet, form, *, current=None, error="", status=200):
    errors = form.errors if form.is_bound else {}
    choices = [(str(choice), str(Choice(choice).label)) for choice in allowed_choices(meeting)]
    for row in sheet.rows:
        row.field = None
        if row.state == VOTE_HERE:
            _fill(row, form[field_name(row.item)], errors, choices)
    step = sheet.votable.index(current) + 1 if current else 0
    context = {
        "meeting": meeting,
        "sheet": sheet,
        "form": form,
        "current": current,
        "current_rows": [row for row in sheet.rows if row.item == current],
        "not_here": [row for row in sheet.rows if row.field is None] if current else [],
        "step": step,
        "steps": len(sheet.votable),
        "first": sheet.votable[0] if sheet.votable else None,
        "substitute": sheet.seat.person_id != request.user.person_id,
        "error": error,
        "labels": _labels(),
    }
    return render(request, "council/ballot.html", context, status=status)


def _labels() -> dict:
    """The words every item repeats, translated once (a meeting may have hundreds of items)."""
    return {
        "award": _("Award"),
        "unit": _("Unit"),
        "voting": _("Voting"),
        "secret": _("Secret ballot"),
        "open": _("Open vote (named in the minutes)"),
        "recused": _("You do not vote on this item"),
        "voted": _("Voted"),
    }


def _not_voting(request, meeting, *, error="", status=200):
    """The ballot is not open: not yet, or over (with the results and the receipt check), or on paper."""
    context = {"meeting": meeting, "error": error, "receipt_form": ReceiptForm()}
    return render(request, "council/ballot_closed.html", context, status=status)


def _review(request, meeting, sheet, form, *, walking: bool):
    answers = form.choices()
    words = {choice: str(Choice(choice).label) for choice in set(answers.values())}  # once, not per item
    rows = [(item, words[answers[item.pk]]) for item in sheet.votable]
    context = {
        "meeting": meeting,
        "seat": sheet.seat,
        "rows": rows,
        "answers": sorted(form.answered().items()),
        "walk_from": sheet.votable[0] if walking else None,
        "substitute": sheet.seat.person_id != request.user.person_id,
    }
    return render(request, "council/ballot_review.html", context)


def _open_sheet(request, meeting):
    """(sheet, None) for the seat the member votes for, or (None, the page to show instead)."""
    if meeting.status != MeetingStatus.VOTING or meeting.is_paper:
        return None, _not_voting(request, meeting)
    seats = seats_of(request.user, meeting)
    seat = _seat(request, seats)
    if seat is None:
        context = {"meeting": meeting, "seats": seats, "person_id": request.user.person_id}
        return None, render(request, "council/ballot_seat.html", context)
    return _sheet(meeting, seat), None


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
@sensitive_post_parameters()  # an error report never shows a choice or a code
def ballot(request, pk):
    meeting = get_meeting_for_user(request.user, pk, action=VOTE)
    sheet, other = _open_sheet(request, meeting)
    if other:
        return other
    if request.method == "POST":
        return _step(request, meeting, sheet)
    form = BallotForm(meeting=meeting, items=sheet.votable)
    current = _current(sheet, request.GET["item"]) if "item" in request.GET else None
    return _screen(request, meeting, sheet, form, current=current)


def _step(request, meeting, sheet):
    """A step of the ballot (nothing is stored): the review, the next or previous item of the walk, or the
    answers back on a screen to change them."""
    form = BallotForm(request.POST, meeting=meeting, items=sheet.votable)
    valid = form.is_valid()
    go = request.POST.get("go")
    current = _current(sheet, request.GET["item"]) if "item" in request.GET else None
    if go == "review" and valid:
        return _review(request, meeting, sheet, form, walking=current is not None)
    if go == "review" or (go == "next" and current and field_name(current) in form.errors):
        wrong = next((i for i in sheet.votable if field_name(i) in form.errors), current)
        return _screen(request, meeting, sheet, form, current=wrong if current else None)
    if current and go in ("next", "back"):
        current = _neighbour(sheet, current, 1 if go == "next" else -1)
    carried = BallotForm(meeting=meeting, items=sheet.votable, initial=form.answered())
    return _screen(request, meeting, sheet, carried, current=current)


@login_required
@never_cache
@require_POST
@sensitive_post_parameters()  # an error report never shows a choice or a code
def ballot_cast(request, pk):
    """Cast the reviewed answers; the response shows the receipt code, once (no redirect, nothing kept)."""
    meeting = get_meeting_for_user(request.user, pk, action=VOTE)
    sheet, other = _open_sheet(request, meeting)
    if other:
        return other
    items = [row.item for row in sheet.rows]
    form = BallotForm(request.POST, meeting=meeting, items=items, required=[i.pk for i in sheet.votable])
    if not form.is_valid():
        return _screen(request, meeting, sheet, form)
    try:
        code = cast(actor=request.user, meeting=meeting, choices=form.choices(), membership=sheet.seat)
    except ValidationError as exc:
        return _refused(request, pk, sheet.seat, " ".join(exc.messages))
    context = {"meeting": meeting, "code": code, "seat": sheet.seat}
    return render(request, "council/receipt_code.html", context)


def _refused(request, pk, seat, message):
    """The domain refused the cast (closed meanwhile, twice, recused…): its message on a fresh page."""
    meeting = get_meeting_for_user(request.user, pk, action=VOTE)
    if meeting.status != MeetingStatus.VOTING:
        return _not_voting(request, meeting, error=message, status=409)
    sheet = _sheet(meeting, seat)
    form = BallotForm(meeting=meeting, items=sheet.votable)
    return _screen(request, meeting, sheet, form, error=message, status=409)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
@sensitive_post_parameters()  # an error report never shows a choice or a code
def receipt(request, pk):
    """The check of a receipt code after the close: on the member's screen only, nothing logged or kept."""
    meeting = get_meeting_for_user(request.user, pk, action=VOTE)
    closed = meeting.status == MeetingStatus.CLOSED
    form = ReceiptForm(request.POST if closed and request.method == "POST" else None)
    context, status = {"meeting": meeting, "closed": closed, "form": form}, 200
    if form.is_bound:
        refusal = _throttled(request)
        if refusal:
            form.add_error(None, _too_many(refusal.retry_after))
            status = 429
        elif form.is_valid():
            context.update(_checked(meeting, form.cleaned_data["code"]))
            context["form"] = ReceiptForm()  # the code is not written back on the page
    return render(request, "council/receipt.html", context, status=status)


def _throttled(request):
    if not settings.THIDUA_RATE_LIMITS:  # rate limits turned off (lib/ratelimit.py)
        return None
    return ratelimit.count("receipt", "user", f"account-{request.user.pk}", RECEIPT_CHECKS)


def _too_many(seconds: int) -> str:
    return ngettext(
        "You have checked too many codes. Try again in %(seconds)d second.",
        "You have checked too many codes. Try again in %(seconds)d seconds.",
        seconds,
    ) % {"seconds": seconds}


def _checked(meeting, code) -> dict:
    """Every item of the agenda with what the code found on it, each text padded to one length in bytes (a
    found and an unknown code, "agree" and "disagree", make pages of one size)."""
    counted = {item.pk: choice for item, choice in verify_receipt(meeting=meeting, code=code)}
    found = {c: _("counted: %(choice)s") % {"choice": Choice(c).label} for c in Choice.values}
    missing = _("no ballot with this code")
    summaries = (_("Ballots cast with this code were counted."), _("No ballot was found with this code."))
    width = max(len(text.encode()) for text in (*found.values(), missing, *summaries))
    rows = [
        (item, _pad(found[counted[item.pk]] if item.pk in counted else missing, width))
        for item in _items(meeting)
    ]
    return {"results": rows, "summary": _pad(summaries[0] if counted else summaries[1], width)}


def _pad(text: str, width: int) -> str:
    """The text with trailing spaces up to `width` bytes of UTF-8 (HTML does not show them)."""
    return text + " " * (width - len(text.encode()))
