"""The close's count: each item's box unsealed and rewritten in a random order (council.ballot_box), its
figures against the threshold of the award's rule set (awards.council: a share of the WHOLE membership,
law-nominations.md §2.4–2.5; with council-recusal-base "voting", of the members entitled to vote on it), and
the caps (nominations.quotas): where more pass than a cap allows, ranked by votes for, the chair choosing
among those tied at the cap."""

import secrets
from collections import Counter, defaultdict
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.translation import gettext as _

from awards.council import required_votes
from nominations.models import Proposal
from nominations.models import Status as ProposalStatus
from nominations.quotas import round_quotas

from . import ballot_box
from .models import Attendance, Ballot, Choice, How, Item, MeetingStatus, Participation, Presence, Recusal
from .quorum import seats


def missing_votes(meeting) -> list[str]:
    """The names of the seats still expected to vote (or be marked as not voting) on some item."""
    expected = (
        Attendance.objects.filter(meeting=meeting)
        .exclude(presence=Presence.ABSENT)
        .select_related("membership__person")
    )
    items = list(meeting.items.values_list("pk", flat=True))
    done = set(Participation.objects.filter(item__meeting=meeting).values_list("item_id", "membership_id"))
    done |= set(Recusal.objects.filter(item__meeting=meeting).values_list("item_id", "membership_id"))
    return [
        attendance.membership.person.full_name
        for attendance in expected
        if any((item, attendance.membership_id) not in done for item in items)
    ]


def _unseal_and_rewrite(item) -> Counter:
    """The item's box, unsealed (refused if a seal was forged or a ballot is missing) and rewritten."""
    ballots = list(Ballot.objects.filter(item=item))
    cast = Participation.objects.filter(item=item).exclude(how=How.NOT_VOTING).count()
    choices = Choice.values
    unsealed = [(b.receipt, ballot_box.unseal(item.pk, b.receipt, b.seal, choices)) for b in ballots]
    if len(ballots) != cast or any(choice is None for _receipt, choice in unsealed):
        raise ValidationError(
            _("The ballot box of item %(n)s does not match its participations: it cannot be counted.")
            % {"n": item.position},
            code="box",
        )
    secrets.SystemRandom().shuffle(unsealed)
    Ballot.objects.filter(item=item).delete()
    Ballot.objects.bulk_create(
        Ballot(item=item, receipt=ballot_box.rekey(receipt), seal="", choice=choice)
        for receipt, choice in unsealed
    )
    return Counter(choice for _receipt, choice in unsealed)


def _figures(meeting, item) -> Counter:
    if meeting.is_paper:
        paper = getattr(item, "paper_count", None)
        if paper is None:
            raise ValidationError(
                _("The counting group has not entered the totals of item %(n)s.") % {"n": item.position},
                code="paper",
            )
        return Counter(
            {
                Choice.FOR: paper.votes_for,
                Choice.AGAINST: paper.votes_against,
                Choice.ABSTAIN: paper.abstentions,
            }
        )
    return _unseal_and_rewrite(item)


def count_items(meeting) -> list[Item]:
    """Every item's figures and whether it passes the threshold (before the caps)."""
    total = seats(meeting).count()
    found = meeting.items.select_related("proposal__award", "proposal__round").annotate(
        recused=Count("recusals")
    )
    items = list(found.select_related("paper_count") if meeting.is_paper else found)
    for item in items:
        figures = _figures(meeting, item)
        item.denominator = total - item.recused if meeting.recusal_base == "voting" else total
        item.votes_for = figures[Choice.FOR]
        item.votes_against = figures[Choice.AGAINST]
        item.abstentions = figures[Choice.ABSTAIN]
        item.not_voting = total - item.votes_for - item.votes_against
        item.required = required_votes(item.denominator, item.threshold)
        item.passes = item.denominator > 0 and item.votes_for >= item.required
        item.outcome_note = ""
    return items


def apply_caps(meeting, items: list[Item], chair_picks=()) -> None:
    """Where a cap of the round (nominations.quotas) leaves room for fewer than pass, keep the most voted;
    those tied at the cap need the chair's choice (`chair_picks`: item ids), refused without it."""
    picks = {int(pk) for pk in chair_picks}
    by_round = defaultdict(list)
    for item in items:
        if item.passes:
            by_round[item.proposal.round].append(item)
    for round_, passing in by_round.items():
        for quota in round_quotas(round_, {item.proposal.unit_id for item in passing}):
            capped = [item for item in passing if item.passes and item.proposal.award_id == quota.award.pk]
            groups = [(quota.agency.cap, None, capped)] + [
                (use.cap, unit_id, [i for i in capped if i.proposal.unit_id == unit_id])
                for unit_id, use in quota.units.items()
            ]
            for cap, unit_id, group in groups:
                _keep(round_, quota, cap, unit_id, [i for i in group if i.passes], picks)


def _already_passed(round_, award, unit_id) -> int:
    found = Proposal.objects.filter(round=round_, award=award, status=ProposalStatus.PASSED)
    return (found.filter(unit_id=unit_id) if unit_id else found).count()


def _keep(round_, quota, cap, unit_id, group, picks) -> None:
    room = max(cap - _already_passed(round_, quota.award, unit_id), 0)
    if len(group) <= room:
        return
    ranked = sorted(group, key=lambda item: -item.votes_for)
    kept = {i.pk for i in ranked[:room]}
    if room:
        boundary = ranked[room - 1].votes_for
        sure = [i.pk for i in ranked if i.votes_for > boundary]
        tied = [i.pk for i in ranked if i.votes_for == boundary]
        if len(sure) + len(tied) > room:  # the cap falls inside a tie: the chair chooses
            chosen = [pk for pk in tied if pk in picks]
            if len(chosen) != room - len(sure):
                refusal = ValidationError(
                    _(
                        "The cap of %(award)s leaves room for %(room)s more, and %(tied)s are tied at "
                        "%(votes)s "
                        "votes for %(left)s places: the chair chooses among them."
                    )
                    % {
                        "award": quota.award.name,
                        "room": room,
                        "tied": len(tied),
                        "votes": boundary,
                        "left": room - len(sure),
                    },
                    code="tie",
                )
                refusal.tied = tied  # the items the chair chooses among (the close screen lists them)
                raise refusal
            kept = set(sure) | set(chosen)
    for item in group:
        if item.pk not in kept:
            item.passes = False
            item.outcome_note = _(
                "Passed the threshold but not within the cap of %(award)s (%(share)s of %(of)s)."
            ) % {"award": quota.award.name, "share": quota.share_words, "of": quota.of_award.name}
        elif item.pk in picks and room:
            item.outcome_note = _("Kept within the cap by the chair's choice.")


RESULT_FIELDS = [
    "denominator",
    "required",
    "votes_for",
    "votes_against",
    "abstentions",
    "not_voting",
    "passes",
    "outcome_note",
]


def published(meeting) -> list:
    """After the close: each item's counted ballots (re-keyed receipt, choice), in random order; nothing
    before it (the box then holds only seals, and no partial count is ever shown)."""
    rows = defaultdict(list)
    if meeting.status != MeetingStatus.CLOSED:
        return rows
    for item_id, receipt, choice in Ballot.objects.filter(item__meeting=meeting).values_list(
        "item_id", "receipt", "choice"
    ):
        rows[item_id].append(SimpleNamespace(receipt=receipt[:12], choice=choice))
    return rows
