"""A meeting from preparation to close: the agenda from the ready proposals, convening (documents sent ahead,
members told), attendance and guests, the opening of the ballot (quorum, recusals) and its close (the tally,
the proposals moved, the minutes drafted)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.domain import log_action
from awards.eligibility import settings_of
from awards.models import AwardRule, RuleSet
from lib.access import require
from nominations.models import Proposal
from nominations.models import Status as ProposalStatus
from workdays.calendar import is_working_day
from workflows.gate import Notice, move

from ..access import can_manage_council
from ..models import (
    Attendance,
    Format,
    Guest,
    Item,
    Meeting,
    MeetingStatus,
    Presence,
    Term,
)
from ..quorum import quorum_of, seats
from ..recusal import recusals_of
from ..workflow import MEETINGS

OPEN_MEETINGS = (MeetingStatus.PREPARING, MeetingStatus.CONVENED, MeetingStatus.VOTING)


def _yes(value: str) -> bool:
    return value == "yes"


def _rules(agency) -> dict:
    values = settings_of(agency)
    presence = values.get("council-presence") or ""
    return {
        "quorum": values.get("council-quorum", "2/3"),
        "presence": presence if presence not in ("", "0") else None,
        "substitutes": _yes(values.get("council-substitutes", "no")),
        "abstain": _yes(values.get("council-abstain", "no")),
        "recuse_unit": _yes(values.get("council-recuse-unit", "no")),
        "recuse_relatives": _yes(values.get("council-recuse-relatives", "yes")),
        "recusal_base": values.get("council-recusal-base", "members"),
    }


@transaction.atomic
def prepare_meeting(
    *,
    actor,
    council,
    title: str,
    date: dt.date,
    format=Format.IN_PERSON,
    place: str = "",
    time=None,
    ballot_mode="electronic",
    all_secret: bool | None = None,
) -> Meeting:
    """A meeting of the council's term on `date`, with the agency's rules of the day (settings)."""
    require(actor is None or can_manage_council(actor, council))
    term = Term.objects.on(date).filter(council=council).first()
    if term is None:
        raise ValidationError(
            {"date": ValidationError(_("The council has no term on that date."), code="term")}
        )
    rules = _rules(council.agency)
    if all_secret is None:
        all_secret = settings_of(council.agency).get("council-secret") == "secret"
    meeting = Meeting(
        council=council,
        term=term,
        title=title,
        date=date,
        time=time,
        format=format,
        place=place,
        ballot_mode=ballot_mode,
        all_secret=all_secret,
        created_by=_user(actor),
        **rules,
    )
    meeting.full_clean(exclude=["counters"])
    meeting.save()
    log_action(
        actor=actor,
        action="council.meeting.prepared",
        target=meeting,
        agency=council.agency,
        after={"title": meeting.title, "date": date.isoformat()},
    )
    return meeting


def _user(actor):
    return actor if getattr(actor, "pk", None) else None


def agenda_candidates(meeting):
    """The agency's ready proposals not on the agenda of another meeting still open."""
    taken = (
        Item.objects.filter(meeting__status__in=OPEN_MEETINGS).exclude(meeting=meeting).values("proposal_id")
    )
    return Proposal.objects.filter(
        round__agency_id=meeting.council.agency_id, status=ProposalStatus.READY
    ).exclude(pk__in=taken)


def _rule_of(proposal, rules: dict) -> AwardRule | None:
    rule_set_id = proposal.rule_set_id or getattr(RuleSet.objects.for_year(proposal.round.year), "pk", None)
    return rules.get((rule_set_id, proposal.award_id))


def _minutes_order(proposal) -> tuple:
    """Grouped by award (the catalogue's order), then collectives before people, then unit and name."""
    person_key = proposal.person.sort_key if proposal.person_id else ""
    return (
        proposal.award.position,
        proposal.award_id,
        proposal.person_id is not None,
        proposal.unit.name,
        person_key,
        proposal.pk,
    )


@transaction.atomic
def set_agenda(*, actor, meeting, proposals) -> list[Item]:
    """The agenda: the given ready proposals, in the minutes' order, each with its threshold and whether its
    ballot is secret (the rule set's, or every item where the meeting chose secret)."""
    require(actor is None or can_manage_council(actor, meeting.council))
    if meeting.status != MeetingStatus.PREPARING:
        raise ValidationError(
            _("The agenda can only change while the meeting is being prepared."), code="state"
        )
    ids = [getattr(p, "pk", p) for p in proposals]
    chosen = list(
        agenda_candidates(meeting).filter(pk__in=ids).select_related("award", "unit", "person", "round")
    )
    if len(chosen) != len(set(ids)):
        raise ValidationError(
            _(
                "Only the agency's proposals ready for the council, not on another meeting's agenda, can be "
                "put on the agenda."
            ),
            code="not_ready",
        )
    rules = {
        (r.rule_set_id, r.award_id): r
        for r in AwardRule.objects.filter(award__in={p.award_id for p in chosen})
    }
    meeting.items.all().delete()
    items = []
    for position, proposal in enumerate(sorted(chosen, key=_minutes_order), start=1):
        rule = _rule_of(proposal, rules)
        items.append(
            Item(
                meeting=meeting,
                proposal=proposal,
                position=position,
                secret=meeting.all_secret or bool(rule and rule.council_secret),
                threshold=rule.council_threshold if rule else None,
                citation=rule.council_citation if rule else "",
            )
        )
    Item.objects.bulk_create(items)
    log_action(
        actor=actor,
        action="council.meeting.agenda",
        target=meeting,
        agency=meeting.council.agency,
        after={"items": len(items)},
    )
    return items


def documents_due(meeting, days: int) -> dt.date:
    """`days` working days before the meeting (the agency's calendar)."""
    day, left = meeting.date, days
    while left > 0:
        day -= dt.timedelta(days=1)
        if is_working_day(day, agency=meeting.council.agency_id):
            left -= 1
    return day


def member_users(meeting):
    from accounts.models import User

    return User.objects.filter(is_active=True, person__in=seats(meeting).values("person_id"))


def convene(*, actor, meeting) -> Meeting:
    """Send the agenda and the documents to the members (each told); fix the date the documents were due."""
    days = int(settings_of(meeting.council.agency).get("council-documents-days", "3") or 0)

    def change(locked):
        if not locked.items.exists():
            raise ValidationError(_("Put at least one proposal on the agenda first."), code="empty")
        locked.documents_due = documents_due(locked, days)
        locked.documents_sent_on = timezone.localdate()

    url = reverse("council:meeting", args=[meeting.pk])
    title = _("Council meeting on %(date)s: %(title)s") % {
        "date": f"{meeting.date:%d/%m/%Y}",
        "title": meeting.title,
    }
    notice = Notice(users=list(member_users(meeting)), title=title, url=url, kind="council.convened")
    return move(
        MEETINGS,
        meeting,
        "convene",
        actor=actor,
        change=change,
        fields=["documents_due", "documents_sent_on"],
        notices=[notice],
    )


@transaction.atomic
def record_attendance(
    *, actor, meeting, membership, presence: str, substitute=None, mandate: str = ""
) -> Attendance:
    require(actor is None or can_manage_council(actor, meeting.council))
    if meeting.status != MeetingStatus.CONVENED:
        raise ValidationError(
            _("Attendance is recorded once the meeting is convened and before the ballot opens."),
            code="state",
        )
    if not seats(meeting).filter(pk=membership.pk).exists():
        raise ValidationError(_("This person has no seat on the council on the meeting's date."), code="seat")
    _check_substitute(meeting, presence, substitute, mandate)
    if presence != Presence.SUBSTITUTE:
        substitute, mandate = None, ""
    attendance, _created = Attendance.objects.update_or_create(
        meeting=meeting,
        membership=membership,
        defaults={
            "presence": presence,
            "substitute": substitute,
            "mandate": mandate,
            "recorded_by": _user(actor),
        },
    )
    log_action(
        actor=actor,
        action="council.attendance.recorded",
        target=meeting,
        agency=meeting.council.agency,
        after={"member": membership.person.full_name, "attendance": presence},
    )
    return attendance


@transaction.atomic
def record_attendances(*, actor, meeting, rows) -> int:
    """Every seat's attendance at once (`rows`: record_attendance's arguments per seat): all or none; a
    refusal carries the seat it is about (`error.seat`)."""
    for row in rows:
        try:
            record_attendance(actor=actor, meeting=meeting, **row)
        except ValidationError as error:
            error.seat = row["membership"]
            raise
    return len(rows)


def _check_substitute(meeting, presence, substitute, mandate) -> None:
    if presence not in Presence.values:
        raise ValidationError(
            {"presence": ValidationError(_("Choose how the member attends."), code="invalid")}
        )
    if presence != Presence.SUBSTITUTE:
        return
    if not meeting.substitutes:
        raise ValidationError(
            {
                "presence": ValidationError(
                    _("The agency's rules do not allow a substitute to vote."), code="substitutes"
                )
            }
        )
    if substitute is None or not (mandate or "").strip():
        raise ValidationError(
            {"substitute": ValidationError(_("Name the substitute and the written mandate."), code="mandate")}
        )
    if seats(meeting).filter(person=substitute).exists():
        raise ValidationError(
            {"substitute": ValidationError(_("A member cannot stand in for another member."), code="member")}
        )


@transaction.atomic
def add_guest(*, actor, meeting, name: str, position: str = "") -> Guest:
    require(actor is None or can_manage_council(actor, meeting.council))
    if meeting.status == MeetingStatus.CLOSED:
        raise ValidationError(_("The meeting is closed."), code="state")
    guest = Guest(meeting=meeting, name=name, position=position)
    guest.full_clean()
    guest.save()
    log_action(
        actor=actor,
        action="council.guest.added",
        target=meeting,
        agency=meeting.council.agency,
        after={"guest": guest.name},
    )
    return guest


def open_ballot(*, actor, meeting) -> Meeting:
    """Open the ballot of every item: refused without the quorum (saying how many more are needed); the
    recusals are written and logged; the attending members are told."""

    def change(locked):
        quorum = quorum_of(locked)
        if not quorum.met:
            raise ValidationError(
                _(
                    "The quorum is not met: %(attending)s of %(total)s members attend, %(needed)s are needed "
                    "(%(more)s more)."
                )
                % {
                    "attending": quorum.attending,
                    "total": quorum.total,
                    "needed": quorum.needed,
                    "more": quorum.more_needed,
                },
                code="quorum",
            )
        _write_recusals(actor, locked)
        locked.opened_at = timezone.now()

    url = reverse("council:ballot", args=[meeting.pk])
    voters = member_users(meeting).filter(person__in=_attending_people(meeting))
    notice = Notice(
        users=list(voters),
        title=_("The council's ballot is open: %(title)s") % {"title": meeting.title},
        url=url,
        kind="council.opened",
    )
    return move(MEETINGS, meeting, "open", actor=actor, change=change, fields=["opened_at"], notices=[notice])


def _attending_people(meeting):
    attending = Attendance.objects.filter(
        meeting=meeting, presence__in=(Presence.PRESENT, Presence.SUBSTITUTE)
    )
    return list(attending.values_list("membership__person_id", flat=True)) + [
        pk for pk in attending.values_list("substitute_id", flat=True) if pk
    ]


def _write_recusals(actor, meeting) -> None:
    recusals = recusals_of(meeting)
    from ..models import Recusal

    Recusal.objects.filter(item__meeting=meeting).delete()
    Recusal.objects.bulk_create(recusals)
    for recusal in recusals:
        log_action(
            actor=actor,
            action="council.recusal",
            target=meeting,
            agency=meeting.council.agency,
            after={
                "member": recusal.membership.person.full_name,
                "proposal": str(recusal.item.proposal),
                "reason": recusal.reason,
            },
        )


def close_ballot(*, actor, meeting, chair_picks=()) -> Meeting:
    """Close the ballot: refused while a seat expected to vote has not (nor was marked as not voting); every
    box counted and rewritten, the caps applied, the results written once, each proposal moved to passed or
    not passed through the gate, the minutes drafted — one transaction. Everyone on the council is told."""
    from ..minutes import draft_minutes
    from ..tally import RESULT_FIELDS, apply_caps, count_items, missing_votes

    counted = []

    def change(locked):
        missing = [] if locked.is_paper else missing_votes(locked)
        if missing:
            raise ValidationError(
                _("The ballot cannot close yet: %(names)s have not voted nor been marked as not voting.")
                % {"names": ", ".join(missing)},
                code="missing",
            )
        items = count_items(locked)
        apply_caps(locked, items, chair_picks)
        Item.objects.bulk_update(items, RESULT_FIELDS)
        locked.chair_note = _chair_note(items, chair_picks)
        locked.closed_at = timezone.now()
        counted.extend(items)

    url = reverse("council:meeting", args=[meeting.pk])
    notice = Notice(
        users=list(member_users(meeting)),
        title=_("The council's ballot is closed: %(title)s") % {"title": meeting.title},
        url=url,
        kind="council.closed",
    )
    with transaction.atomic():
        move(
            MEETINGS,
            meeting,
            "close",
            actor=actor,
            change=change,
            fields=["closed_at", "chair_note"],
            notices=[notice],
            after=lambda m: {"passed": sum(1 for i in counted if i.passes), "items": len(counted)},
        )
        for item in counted:
            _decide(actor, item)
        draft_minutes(actor=actor, meeting=meeting)
    return meeting


def _chair_note(items, chair_picks) -> str:
    """The chair's casting choice where a cap fell inside a tie (on the meeting, and in the minutes)."""
    picks = {int(pk) for pk in chair_picks}
    chosen = [item.proposal.subject_name for item in items if item.pk in picks and item.passes]
    if not chosen:
        return ""
    return _("Among the proposals tied at a cap, the chair chose: %(subjects)s.") % {
        "subjects": "; ".join(chosen)
    }


def _decide(actor, item) -> None:
    from nominations.workflow import PROPOSALS

    after = {"meeting": item.meeting.title, "votes_for": item.votes_for, "required": item.required}
    move(PROPOSALS, item.proposal, "pass" if item.passes else "not_pass", actor=actor, fields=[], after=after)
