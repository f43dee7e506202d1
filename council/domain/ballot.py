"""Casting: a member's ballots (electronic, or entered by the secretary from a signed paper), a seat marked
as not voting, the counting group's totals of a paper ballot, and the check of a receipt after the close.

A cast writes, in one transaction, the participation rows (who voted on which item, never what) and the
ballot rows (what, never who): both or neither. The meeting row is locked first, so casts of one meeting are
serialised and a cast never crosses the close."""

import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from activity.domain import log_action
from lib.access import require

from .. import ballot_box
from ..access import can_manage_council, seats_of
from ..models import (
    Attendance,
    Ballot,
    Choice,
    How,
    Item,
    Meeting,
    MeetingStatus,
    OpenVote,
    PaperCount,
    Participation,
    Presence,
    Recusal,
)
from ..quorum import seats

TWICE = "twice"


def _lock_open(meeting) -> Meeting:
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.status != MeetingStatus.VOTING:
        raise ValidationError(_("The ballot of this meeting is not open."), code="closed")
    if locked.is_paper:
        raise ValidationError(
            _("This meeting votes on paper: the counting group enters the totals."), code="paper"
        )
    return locked


def allowed_choices(meeting) -> list[str]:
    return [Choice.FOR, Choice.AGAINST, *([Choice.ABSTAIN] if meeting.abstain else [])]


def _check(meeting, membership, choices: dict) -> list[Item]:
    if not choices:
        raise ValidationError(_("Choose at least one item to vote on."), code="empty")
    items = list(Item.objects.filter(meeting=meeting, pk__in=list(choices)).select_related("proposal__award"))
    if len(items) != len(choices):
        raise ValidationError(_("One of the items is not on this meeting's agenda."), code="item")
    if any(choice not in allowed_choices(meeting) for choice in choices.values()):
        raise ValidationError(_("Choose agree or disagree on every item."), code="choice")
    recused = Recusal.objects.filter(item__in=items, membership=membership).select_related("item__proposal")
    for recusal in recused:
        raise ValidationError(
            _("You do not vote on “%(proposal)s”: %(reason)s.")
            % {"proposal": recusal.item.proposal, "reason": recusal.get_reason_display().lower()},
            code="recused",
        )
    if Participation.objects.filter(item__in=items, membership=membership).exists():
        raise ValidationError(
            _("A ballot of this seat is already in the box for one of these items."), code=TWICE
        )
    return items


@sensitive_variables()  # a traceback report never shows the choices or the code
def _store(meeting, membership, items, choices: dict, how: str, actor) -> str:
    """The participations and the ballots of one cast; returns the receipt code (shown once, kept nowhere)."""
    code = ballot_box.new_code()
    Participation.objects.bulk_create(
        Participation(item=item, membership=membership, how=how, recorded_by=_user(actor)) for item in items
    )
    ballots = []
    for item in items:
        receipt = ballot_box.fingerprint(code, item.pk)
        ballots.append(
            Ballot(item=item, receipt=receipt, seal=ballot_box.seal(item.pk, receipt, choices[item.pk]))
        )
    secrets.SystemRandom().shuffle(ballots)
    Ballot.objects.bulk_create(ballots)
    OpenVote.objects.bulk_create(
        OpenVote(item=item, membership=membership, choice=choices[item.pk])
        for item in items
        if not item.secret
    )
    return code


def _user(actor):
    return actor if getattr(actor, "pk", None) else None


@sensitive_variables()  # a traceback report never shows the choices or the code
def cast(*, actor, meeting, choices: dict, membership=None) -> str:
    """The actor's ballots on the items of `choices` ({item id: "for" | "against" | "abstain"}) for her seat
    (or the seat she substitutes for); returns the receipt code."""
    own = seats_of(actor, meeting) if actor is not None else [membership]
    require(bool(own) and (membership is None or membership in own))
    membership = membership or own[0]
    choices = {int(item_id): choice for item_id, choice in choices.items()}
    how = (
        How.SUBSTITUTE
        if membership.person_id != getattr(actor, "person_id", membership.person_id)
        else How.ELECTRONIC
    )
    try:
        with transaction.atomic():
            locked = _lock_open(meeting)
            items = _check(locked, membership, choices)
            code = _store(locked, membership, items, choices, how, actor)
            log_action(
                actor=actor,
                action="council.ballot.cast",
                target=locked,
                agency=locked.council.agency,
                after={"items": len(items)},
            )
    except IntegrityError as error:  # a second click raced the first past the check: its rows are gone
        if not Participation.objects.filter(item_id__in=list(choices), membership=membership).exists():
            raise  # nothing of this seat is in the box: never tell the member that he has voted
        raise ValidationError(
            _("A ballot of this seat is already in the box for one of these items."), code=TWICE
        ) from error
    return code


@sensitive_variables()  # a traceback report never shows the choices or the code
def record_written(*, actor, meeting, membership, choices: dict) -> None:
    """The secretary enters the written vote of an absent member from the signed paper."""
    require(actor is None or can_manage_council(actor, meeting.council))
    choices = {int(item_id): choice for item_id, choice in choices.items()}
    with transaction.atomic():
        locked = _lock_open(meeting)
        if not Attendance.objects.filter(
            meeting=locked, membership=membership, presence=Presence.WRITTEN
        ).exists():
            raise ValidationError(
                _("Only the members recorded as absent with a written vote vote in writing."),
                code="not_written",
            )
        items = _check(locked, membership, choices)
        _store(locked, membership, items, choices, How.WRITTEN, actor)
        log_action(
            actor=actor,
            action="council.ballot.written",
            target=locked,
            agency=locked.council.agency,
            after={"member": membership.person.full_name, "items": len(items)},
        )


def mark_not_voting(*, actor, meeting, membership) -> int:
    """Mark a seat as not voting on every item it has not voted on (nor is recused from); returns how many."""
    require(actor is None or can_manage_council(actor, meeting.council))
    with transaction.atomic():
        locked = _lock_open(meeting)
        if not seats(locked).filter(pk=membership.pk).exists():
            raise ValidationError(
                _("This person has no seat on the council on the meeting's date."), code="seat"
            )
        done = Participation.objects.filter(membership=membership, item__meeting=locked).values("item_id")
        recused = Recusal.objects.filter(membership=membership, item__meeting=locked).values("item_id")
        items = list(Item.objects.filter(meeting=locked).exclude(pk__in=done).exclude(pk__in=recused))
        Participation.objects.bulk_create(
            Participation(item=item, membership=membership, how=How.NOT_VOTING, recorded_by=_user(actor))
            for item in items
        )
        log_action(
            actor=actor,
            action="council.ballot.not_voting",
            target=locked,
            agency=locked.council.agency,
            after={"member": membership.person.full_name, "items": len(items)},
        )
    return len(items)


def can_count(user, meeting) -> bool:
    """The secretary, or a member of the vote-counting group."""
    person_id = getattr(user, "person_id", None)
    return can_manage_council(user, meeting.council) or (
        person_id is not None and meeting.counters.filter(person_id=person_id).exists()
    )


def enter_paper_count(
    *, actor, item, ballots: int, votes_for: int, votes_against: int, abstentions: int = 0, invalid: int = 0
) -> PaperCount:
    meeting = item.meeting
    require(actor is None or can_count(actor, meeting))
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if locked.status != MeetingStatus.VOTING or not locked.is_paper:
            raise ValidationError(_("Totals are entered for a paper ballot that is open."), code="closed")
        _check_totals(locked, ballots, votes_for, votes_against, abstentions, invalid)
        count, _created = PaperCount.objects.update_or_create(
            item=item,
            defaults={
                "ballots": ballots,
                "votes_for": votes_for,
                "votes_against": votes_against,
                "abstentions": abstentions,
                "invalid": invalid,
                "entered_by": _user(actor),
            },
        )
        log_action(
            actor=actor,
            action="council.paper.counted",
            target=locked,
            agency=locked.council.agency,
            after={"item": item.position, "ballots": ballots},
        )
    return count


def _check_totals(meeting, ballots, votes_for, votes_against, abstentions, invalid) -> None:
    numbers = (ballots, votes_for, votes_against, abstentions, invalid)
    if any(n is None or n < 0 for n in numbers):
        raise ValidationError(_("Enter every total as a number of ballots, 0 or more."), code="negative")
    if votes_for + votes_against + abstentions + invalid != ballots:
        raise ValidationError(
            _("Agree, disagree, abstain and invalid must add up to the ballots in the box."), code="sum"
        )
    if ballots > seats(meeting).count():
        raise ValidationError(_("There cannot be more ballots than members of the council."), code="too_many")
    if abstentions and not meeting.abstain:
        raise ValidationError(_("The agency's rules do not allow abstaining."), code="abstain")


@sensitive_variables()  # a traceback report never shows the choices or the code
def verify_receipt(*, meeting, code: str) -> list[tuple[Item, str]]:
    """The items on which a ballot with this receipt code was counted, with the choice counted (after the
    close only; for the member who holds the code, shown on his screen and kept nowhere)."""
    if (
        meeting.status != MeetingStatus.CLOSED
        or len(ballot_box.normalise_code(code)) != ballot_box.CODE_LENGTH
    ):
        return []
    items = {item.pk: item for item in meeting.items.all()}
    receipts = {receipt: pk for pk in items for receipt in ballot_box.counted_receipts(code, pk)}
    found = Ballot.objects.filter(item__meeting=meeting, receipt__in=list(receipts)).values_list(
        "receipt", "choice"
    )
    return sorted(((items[receipts[r]], choice) for r, choice in found), key=lambda pair: pair[0].position)
