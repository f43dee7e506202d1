"""Public posting (công khai lấy ý kiến): the secretariat posts appraised proposals on a channel for a number
of working days on the agency's calendar; comments received meanwhile attach to a proposal and each needs a
handling (accepted or not, with a reason). A proposal goes to the council (`ready`) only once its posting
has closed and every comment on it is handled — or when no posting is required for it."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from accounts.models import Role, User
from activity.domain import log_action
from awards.eligibility import settings_of
from lib.access import require
from lib.vntext import nfc as nfc_text
from movements.models import nfc_lines
from notifications.domain import notify
from workdays.calendar import is_working_day, working_day_after
from workflows.gate import lock, move

from .. import law
from ..access import can_appraise
from ..models import Channel, Comment, CommentSource, Handling, Posting, Proposal, Status
from ..workflow import PROPOSALS
from .rounds import check_open

ONE_DAY = dt.timedelta(days=1)
COMMENT_MAX = 5000  # characters of a comment sent on the portal
NAME_MAX = CONTACT_MAX = 200


def _date(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def posting_rule_of(proposal) -> law.PostingRule:
    code = proposal.rule_set_code
    return law.posting_rule(code, proposal.award, proposal.round.track, settings_of(proposal.round.agency))


def first_working_day(day: dt.date, *, agency) -> dt.date:
    """`day` if it is a working day on the agency's calendar, else the next one (a posting opens on it)."""
    return day if is_working_day(day, agency=agency) else working_day_after(day, 1, agency=agency)


def closing_day(opens_on: dt.date, working_days: int, *, agency) -> dt.date:
    """The last day of a posting of `working_days` working days that opens on `opens_on` (counted from it)."""
    return working_day_after(opens_on - ONE_DAY, working_days, agency=agency)


@transaction.atomic
def open_posting(
    *, actor, round, proposals, channel: str, opens_on: dt.date, working_days: int | None = None
):
    """Post the appraised `proposals` of the round; the number of working days defaults to the longest the
    law or the agency's setting requires of them."""
    require(actor is None or can_appraise(actor, round))
    check_open(actor, round)
    proposals = list(proposals)
    if not proposals:
        raise ValidationError({"proposals": _("Choose the appraised proposals to post.")})
    if any(p.round_id != round.pk for p in proposals):
        raise ValidationError({"proposals": _("Every proposal posted must belong to the round.")})
    rules = [posting_rule_of(p) for p in proposals]
    days = working_days or max((rule.days for rule in rules), default=0) or 5
    if not 1 <= days <= 60:
        raise ValidationError({"working_days": _("A posting lasts from 1 to 60 working days.")})
    citation = next((rule.citation for rule in rules if rule.days), rules[0].citation)
    posting = Posting.objects.create(
        round=round,
        channel=channel,
        opens_on=opens_on,
        working_days=days,
        citation=citation[:300],
        closes_on=closing_day(opens_on, days, agency=round.agency),
        created_by=actor,
    )
    for proposal in proposals:

        def change(p):
            p.posting = posting

        move(
            PROPOSALS,
            proposal,
            "post",
            actor=actor,
            change=change,
            fields=("posting", "updated_at"),
            after={"posting": str(posting)},
        )
    log_action(
        actor=actor,
        action="nominations.posting.opened",
        target=posting,
        agency=round.agency,
        after={
            "channel": channel,
            "opens_on": opens_on.isoformat(),
            "closes_on": posting.closes_on.isoformat(),
            "working_days": days,
            "proposals": len(proposals),
        },
    )
    return posting


@transaction.atomic
def record_comment(*, actor, posting, proposal, text: str, received_on: dt.date, author: str = "") -> Comment:
    """A comment received during the posting, on one of its proposals (entered by the secretariat)."""
    require(actor is None or can_appraise(actor, posting.round))
    check_open(actor, posting.round)
    if proposal.posting_id != posting.pk:
        raise ValidationError({"proposal": _("The proposal is not in this posting.")})
    if received_on < posting.opens_on or received_on > posting.closes_on:
        message = _(
            "The posting ran from %(opens)s to %(closes)s: a comment received on %(day)s is outside it."
        )
        raise ValidationError(
            {
                "received_on": message
                % {
                    "opens": _date(posting.opens_on),
                    "closes": _date(posting.closes_on),
                    "day": _date(received_on),
                }
            }
        )
    if posting.has_closed() and actor is not None:
        message = _("The posting closed on %(closes)s: no comment can be added.")
        raise ValidationError(message % {"closes": _date(posting.closes_on)}, code="closed")
    comment = Comment(
        posting=posting,
        proposal=proposal,
        text=text,
        received_on=received_on,
        author=author,
        recorded_by=actor,
    )
    comment.full_clean()
    comment.save()
    _give_reference(comment)
    log_action(
        actor=actor,
        action="nominations.comment.recorded",
        target=proposal,
        agency=posting.round.agency,
        after={"author": comment.author, "text": comment.text, "received_on": received_on.isoformat()},
    )
    return comment


def _give_reference(comment: Comment) -> None:
    """The comment's number, unique: "YK-<year received>-<id on 7 digits>"."""
    comment.reference = f"YK-{comment.received_on.year}-{comment.pk:07d}"
    Comment.objects.filter(pk=comment.pk).update(reference=comment.reference)


def client_hash(address: str) -> str:
    """A keyed hash of the client's address (the rate limit's audit): never the address itself."""
    return salted_hmac("comment client address", address or "").hexdigest()[:32] if address else ""


def _check_public(posting, proposal, day: dt.date) -> None:
    if posting.channel != Channel.PORTAL:
        raise ValidationError(_("This posting takes no comments on the portal."), code="not_portal")
    if day < posting.opens_on:
        message = _("This consultation opens on %(opens)s: comments are received from that day.")
        raise ValidationError(message % {"opens": _date(posting.opens_on)}, code="not_open")
    if posting.has_closed(day):
        message = _("This consultation closed on %(closes)s: comments are no longer received.")
        raise ValidationError(message % {"closes": _date(posting.closes_on)}, code="closed")
    if proposal.posting_id != posting.pk or proposal.status == Status.WITHDRAWN:
        raise ValidationError(_("This person or collective is not in the consultation."), code="not_posted")


def _check_public_text(name: str, contact: str, text: str) -> None:
    errors = {}
    if not name:
        errors["name"] = ValidationError(_("Write your full name."), code="required")
    elif len(name) > NAME_MAX:
        errors["name"] = ValidationError(_("A name has at most 200 characters."), code="max_length")
    if not contact:
        errors["contact"] = ValidationError(_("Write a phone number or an e-mail address."), code="required")
    elif len(contact) > CONTACT_MAX:
        errors["contact"] = ValidationError(_("A contact has at most 200 characters."), code="max_length")
    if not text:
        errors["text"] = ValidationError(_("Write your comment."), code="required")
    elif len(text) > COMMENT_MAX:
        message = _("A comment has at most %(limit)s characters; this one has %(count)s.")
        errors["text"] = ValidationError(
            message % {"limit": COMMENT_MAX, "count": len(text)}, code="max_length"
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def receive_public_comment(
    *, posting, proposal, name: str, contact: str, text: str, client: str = ""
) -> Comment:
    """A visitor's comment sent on the portal's consultation page during the posting: stored as plain text
    (NFC; it is shown escaped), numbered, logged; the round's secretariat is told after the commit. `client`
    is the sender's address, stored only as a keyed hash."""
    today = timezone.localdate()
    _check_public(posting, proposal, today)
    name, contact, text = nfc_text(name), nfc_text(contact), nfc_lines(text)
    _check_public_text(name, contact, text)
    comment = Comment(
        posting=posting,
        proposal=proposal,
        text=text,
        received_on=today,
        author=name,
        contact=contact,
        source=CommentSource.PORTAL,
        client=client_hash(client),
    )
    comment.save()
    _give_reference(comment)
    agency = posting.round.agency
    log_action(
        actor=None,
        action="nominations.comment.recorded",
        target=proposal,
        agency=agency,
        after={"author": name, "text": text, "received_on": today.isoformat(), "channel": Channel.PORTAL},
        extra={"reference": comment.reference},
    )
    transaction.on_commit(lambda: _tell_secretariat(comment, agency))
    return comment


def _tell_secretariat(comment: Comment, agency) -> None:
    proposal = comment.proposal
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Comment %(reference)s from the portal on %(subject)s — %(award)s") % {
            "reference": comment.reference,
            "subject": proposal.subject_name,
            "award": proposal.award.name,
        }
    notify(
        users=User.objects.holding(Role.SECRETARIAT, agency=agency),
        title=title,
        body=comment.text[:500],
        url=f"{reverse('nominations:proposal', args=[proposal.pk])}#comment-{comment.pk}",
        kind="nominations.comment",
        target=proposal,
    )


@transaction.atomic
def handle_comment(*, actor, comment, accepted: bool, reason: str) -> Comment:
    """Record how a comment was handled: accepted or not, with the reason."""
    require(actor is None or can_appraise(actor, comment.posting.round))
    check_open(actor, comment.posting.round)
    reason = nfc_lines(reason)
    if not reason:
        raise ValidationError({"reason": _("Write how the comment was handled and why.")})
    comment = lock(comment)
    comment.handling = Handling.ACCEPTED if accepted else Handling.REJECTED
    comment.handling_reason, comment.handled_by, comment.handled_at = reason, actor, timezone.now()
    comment.save()
    log_action(
        actor=actor,
        action="nominations.comment.handled",
        target=comment.proposal,
        agency=comment.posting.round.agency,
        after={"handling": comment.handling, "reason": reason, "comment": comment.text[:200]},
    )
    return comment


def _check_ready(proposal, on: dt.date) -> None:
    if proposal.status == Status.APPRAISED and posting_rule_of(proposal).days:
        raise ValidationError(
            _("This proposal must be posted for comments before it goes to the council."),
            code="posting_required",
        )
    posting = proposal.posting
    if posting is None:
        return
    if not posting.has_closed(on):
        message = _("The posting closes on %(closes)s: the proposal goes to the council after that day.")
        raise ValidationError(message % {"closes": _date(posting.closes_on)}, code="posting_open")
    if proposal.comments.filter(handling=Handling.PENDING).exists():
        raise ValidationError(
            _("Some comments on this proposal are not handled yet."), code="comments_pending"
        )


def make_ready(*, actor, proposal, on: dt.date | None = None) -> Proposal:
    """The proposal is ready for the council: appraised, and posted where required with the posting closed
    and every comment handled."""
    on = on or timezone.localdate()
    return move(
        PROPOSALS,
        proposal,
        "make_ready",
        actor=actor,
        change=lambda p: check_open(actor, p.round) or _check_ready(p, on),
        fields=("updated_at",),
    )


def make_ready_many(*, actor, proposals, on: dt.date | None = None):
    done, refused = [], []
    for proposal in proposals:
        try:
            done.append(make_ready(actor=actor, proposal=proposal, on=on))
        except ValidationError as error:
            refused.append((proposal, " ".join(error.messages)))
    return done, refused
