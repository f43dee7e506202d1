"""State changes of disseminations and receipts. Views, the task and the command call these.

`actor=None` means the system itself (the reminder task, the demo loader): no permission check.
"""

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from activity.domain import log_action
from lib.access import require
from notifications.domain import email_context, notify, queue_emails, settle
from notifications.models import EmailDelivery
from organisations.models import Unit, descendant_ids
from people.models import Assignment, Person, UnitHead, unit_heads

from .access import DISSEMINABLE_STATES, can_confirm, can_disseminate, recipient_agency
from .models import Dissemination, Receipt

DISSEMINATION_FIELDS = ("due_date", "requires_implementation", "note")
REMINDER_TEMPLATE = "dissemination_reminder"


def _accounts(person_ids) -> list[User]:
    return list(User.objects.filter(person_id__in=list(person_ids), is_active=True))


def _notify_recipients(receipts, document, dissemination, *, kind, template, title) -> None:
    """In-app and e-mail notice to the accounts of the receipts' people (one query for the accounts)."""
    context = _mail_context(document, dissemination)
    notify(
        users=_accounts(r.person_id for r in receipts),
        title=title,
        body=str(document),
        url=reverse("dissemination:mine"),
        kind=kind,
        email_template=template,
        context=context,
        target=dissemination,
    )


def _mail_context(document, dissemination) -> dict:
    return {
        "document": str(document),
        "due_date": dissemination.due_date.strftime("%d/%m/%Y"),
        "requires_implementation": dissemination.requires_implementation,
        "note": dissemination.note,
    }


def _check_recipients(document, units, people) -> None:
    if not units and not people:
        raise ValidationError(_("Choose at least one unit or person to send the document to."))
    agency_id = recipient_agency(document).pk
    if any(u.agency_id != agency_id for u in units) or any(p.agency_id != agency_id for p in people):
        message = _(
            "Units and people must belong to the agency that issued the document or carries its work now."
        )
        raise ValidationError(message)
    if any(u.is_closed() for u in units):
        raise ValidationError({"units": _("A closed unit cannot receive documents.")})


def _recipients(units, people) -> dict[int, tuple[Person, Unit | None]]:
    """Person id → (person, unit it is received for): the heads of the units first, then the named people."""
    heads = unit_heads(units)
    headless = [str(unit) for unit in units if not heads.get(unit.pk)]
    if headless:
        message = _("%(units)s has no head or leader: choose its people by name.")
        raise ValidationError({"units": message % {"units": ", ".join(headless)}})
    found = {}
    for unit in units:
        for head in heads[unit.pk]:
            found.setdefault(head.pk, (head, unit))
    for person in people:
        found.setdefault(person.pk, (person, None))
    return found


@transaction.atomic
def disseminate(
    *,
    actor,
    document,
    units=(),
    people=(),
    due_date: dt.date,
    requires_implementation: bool = False,
    note: str = "",
) -> Dissemination:
    """Send an issued document: one receipt for the head of each unit (who forwards it) and each person."""
    if document.status not in DISSEMINABLE_STATES:
        raise ValidationError(_("Only an issued document can be disseminated."))
    require(actor is None or can_disseminate(actor, document))
    units, people = list(units), list(people)
    _check_recipients(document, units, people)
    if due_date < timezone.localdate():
        raise ValidationError({"due_date": _("The due date cannot be in the past.")})
    recipients = _recipients(units, people)
    dissemination = Dissemination(
        document=document,
        sender=actor,
        due_date=due_date,
        requires_implementation=requires_implementation,
        note=note,
    )
    dissemination.full_clean()
    dissemination.save()
    receipts = Receipt.objects.bulk_create(
        Receipt(dissemination=dissemination, person=person, via_unit=unit)
        for person, unit in recipients.values()
    )
    log_action(
        actor=actor,
        action="dissemination.dissemination.created",
        target=document,
        agency=document.agency,
        after={name: getattr(dissemination, name) for name in DISSEMINATION_FIELDS},
        extra={"dissemination": dissemination.pk, "units": [u.pk for u in units], "people": list(recipients)},
    )
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Document to read: %(document)s") % {"document": document.reference or document.subject}
        _notify_recipients(
            receipts,
            document,
            dissemination,
            kind="dissemination.received",
            template="dissemination_received",
            title=title,
        )
    return dissemination


def _headed_units(receipt) -> list[Unit]:
    """The units whose staff the receipt's person forwards to: the unit she received it for, or the units
    she heads when she was named individually."""
    person = receipt.person
    if receipt.via_unit_id:
        candidates = [receipt.via_unit]
    else:
        leading = Assignment.objects.current().filter(person=person, is_leadership=True).values("unit_id")
        headed = UnitHead.objects.filter(person=person).values("unit_id")
        headless = Q(pk__in=leading) & ~Q(pk__in=UnitHead.objects.values("unit_id"))
        candidates = list(
            Unit.objects.active().filter(Q(pk__in=headed) | headless).order_by("position", "name")
        )
    heads = unit_heads(candidates)
    return [unit for unit in candidates if person in heads.get(unit.pk, [])]


def _staff_by_unit(units, exclude_ids) -> dict[int, tuple[Person, Unit]]:
    """Person id → (person, unit forwarded for): the current staff of each unit and its sub-units."""
    agency_units = list(Unit.objects.active().filter(agency_id=units[0].agency_id).only("pk", "parent_id"))
    found = {}
    for unit in units:
        reach = descendant_ids({unit.pk}, agency_units)
        for person in Person.objects.in_units(reach).exclude(pk__in=exclude_ids).order_by("sort_key", "pk"):
            found.setdefault(person.pk, (person, unit))
    return found


@transaction.atomic
def forward_to_unit_staff(*, actor, receipt) -> list[Receipt]:
    """The unit head sends the document on to every current member of her unit and its sub-units, in one
    action. Idempotent: people who already have a copy of this dissemination get no second one."""
    require(actor is None or can_confirm(actor, receipt))
    units = _headed_units(receipt)
    if not units:
        raise ValidationError(_("Only the head of a unit can forward the document to its staff."))
    dissemination = Dissemination.objects.select_for_update().get(pk=receipt.dissemination_id)
    existing = set(dissemination.receipts.values_list("person_id", flat=True))
    staff = _staff_by_unit(units, existing)
    created = Receipt.objects.bulk_create(
        Receipt(dissemination=dissemination, person=person, via_unit=unit, forwarded_from=receipt)
        for person, unit in staff.values()
    )
    if receipt.forwarded_at is None:
        receipt.forwarded_at = timezone.now()
        receipt.save(update_fields=["forwarded_at"])
    document = dissemination.document
    log_action(
        actor=actor,
        action="dissemination.receipt.forwarded",
        target=document,
        agency=document.agency,
        extra={"receipt": receipt.pk, "units": [u.pk for u in units], "people": list(staff)},
    )
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Document to read: %(document)s") % {"document": document.reference or document.subject}
        _notify_recipients(
            created,
            document,
            dissemination,
            kind="dissemination.received",
            template="dissemination_received",
            title=title,
        )
    return created


def _log_receipt(actor, receipt, action, before, after) -> None:
    document = receipt.dissemination.document
    log_action(
        actor=actor,
        action=action,
        target=document,
        agency=document.agency,
        before=before,
        after=after,
        extra={"receipt": receipt.pk, "person": receipt.person_id},
    )


@transaction.atomic
def confirm_read(*, actor, receipt) -> Receipt:
    """The recipient confirms "đã đọc". Confirming again changes nothing."""
    require(actor is None or can_confirm(actor, receipt))
    if receipt.read_at is None:
        receipt.read_at = timezone.now()
        receipt.save(update_fields=["read_at"])
        _log_receipt(
            actor, receipt, "dissemination.receipt.read", {"read_at": None}, {"read_at": receipt.read_at}
        )
        _settle_notifications(receipt)
    return receipt


def _settle_notifications(receipt) -> None:
    """The person's notifications about the document (received, reminders) are done with: mark them read."""
    for user in _accounts([receipt.person_id]):
        settle(user=user, target=receipt.dissemination)


@transaction.atomic
def confirm_implemented(*, actor, receipt, note: str) -> Receipt:
    """The recipient confirms "đã triển khai" with a short note of what was done (read is implied)."""
    require(actor is None or can_confirm(actor, receipt))
    dissemination = receipt.dissemination
    if not dissemination.requires_implementation:
        raise ValidationError(_("This document does not ask for an implementation report."))
    if receipt.implemented_at is not None:
        raise ValidationError(_("The implementation has already been confirmed."))
    receipt.implementation_note = note or ""
    receipt.normalise()
    if not receipt.implementation_note:
        raise ValidationError({"note": _("Write a short note on how the document was implemented.")})
    before = {"read_at": receipt.read_at, "implemented_at": None}
    now = timezone.now()
    receipt.read_at = receipt.read_at or now
    receipt.implemented_at = now
    receipt.full_clean()
    receipt.save(update_fields=["read_at", "implemented_at", "implementation_note"])
    after = {
        "read_at": receipt.read_at,
        "implemented_at": now,
        "implementation_note": receipt.implementation_note,
    }
    _log_receipt(actor, receipt, "dissemination.receipt.implemented", before, after)
    _settle_notifications(receipt)
    if dissemination.sender_id:
        with translation.override(settings.LANGUAGE_CODE):
            title = _("%(person)s reported the implementation of %(document)s") % {
                "person": receipt.person,
                "document": dissemination.document.reference,
            }
        notify(
            users=[dissemination.sender],
            title=title,
            body=receipt.implementation_note,
            url=reverse("dissemination:document", args=[dissemination.document_id]),
            kind="dissemination.implemented",
            target=dissemination,
        )
    return receipt


def _reminders_queued_on(today: dt.date):
    """The reminder e-mails queued on `today` for the outer receipt (sent or not: one a day)."""
    return EmailDelivery.objects.filter(
        template=REMINDER_TEMPLATE,
        target_type=ContentType.objects.get_for_model(Receipt),
        target_id=Cast(OuterRef("pk"), CharField()),
        created_at__date=today,
    )


def overdue_receipts(today: dt.date):
    """Receipts past their due date without the confirmation asked for, not yet reminded on `today` nor
    with a reminder e-mail queued that day."""
    return (
        Receipt.objects.incomplete()
        .filter(dissemination__due_date__lt=today, dissemination__document__status__in=DISSEMINABLE_STATES)
        .filter(Q(reminded_at__isnull=True) | Q(reminded_at__date__lt=today))
        .exclude(Exists(_reminders_queued_on(today)))
    )


@transaction.atomic
def send_reminders(*, today: dt.date | None = None) -> int:
    """Remind (in-app and e-mail) everyone who has not confirmed by the due date, at most once a day.
    The in-app notices are written now; `reminded_at` is recorded when the e-mail is handed to the mail
    server (record_reminder_sent, after the e-mail task), or now for whoever has no e-mail address.
    Run by the system (task or cron command); returns how many receipts were reminded."""
    today = today or timezone.localdate()
    locked = overdue_receipts(today).select_for_update(skip_locked=True, of=("self",))
    receipts = list(
        locked.select_related("dissemination__document__agency").order_by("dissemination_id", "id")
    )
    by_dissemination: dict[int, list[Receipt]] = {}
    for receipt in receipts:
        by_dissemination.setdefault(receipt.dissemination_id, []).append(receipt)
    emailed: set[int] = set()
    for group in by_dissemination.values():
        emailed |= _remind(group)
    not_emailed = [r.pk for r in receipts if r.pk not in emailed]
    Receipt.objects.filter(pk__in=not_emailed).update(reminded_at=timezone.now())
    return len(receipts)


def _remind(group: list[Receipt]) -> set[int]:
    """Log, notify and e-mail the receipts of one dissemination; returns the ids of those e-mailed."""
    dissemination = group[0].dissemination
    document = dissemination.document
    log_action(
        actor=None,
        action="dissemination.reminders.sent",
        target=document,
        agency=document.agency,
        extra={"dissemination": dissemination.pk, "receipts": [r.pk for r in group]},
    )
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Reminder: please confirm %(document)s (due %(date)s)") % {
            "document": document.reference or document.subject,
            "date": dissemination.due_date.strftime("%d/%m/%Y"),
        }
        accounts = _accounts(r.person_id for r in group)
        url, body = reverse("dissemination:mine"), str(document)
        notify(
            users=accounts,
            title=title,
            body=body,
            url=url,
            kind="dissemination.reminder",
            target=dissemination,
        )
        context = email_context(
            title=title, body=body, url=url, context=_mail_context(document, dissemination)
        )
    emailed = set()
    for receipt in group:
        users = [account for account in accounts if account.person_id == receipt.person_id]
        if queue_emails(users=users, template=REMINDER_TEMPLATE, context=context, target=receipt):
            emailed.add(receipt.pk)
    return emailed


def record_reminder_sent(sender=None, *, delivery: EmailDelivery, **kwargs) -> None:
    """Receiver of notifications.signals.email_sent: a reminder was handed to the mail server, the receipt is
    reminded as of then."""
    if delivery.template != REMINDER_TEMPLATE or not delivery.target_id:
        return
    if delivery.target_type_id != ContentType.objects.get_for_model(Receipt).pk:
        return
    Receipt.objects.filter(pk=delivery.target_id).filter(
        Q(reminded_at__isnull=True) | Q(reminded_at__lt=delivery.sent_at)
    ).update(reminded_at=delivery.sent_at)
