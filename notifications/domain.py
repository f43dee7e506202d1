"""The one channel by which thidua tells people something: the in-app inbox and e-mail.

notify() is called by the domain functions of the other apps (and the workflow gate), inside their own
transaction and after their own log_action(): it is the "schedule notifications" step of a logged change,
so it writes no log row itself. send_email() is the e-mail alone, for messages that are not an inbox item
(an account created, a password reset). Both e-mail through the one task (notifications.tasks), after commit,
each e-mail recorded first as an EmailDelivery so that it is sent once.
Reading a notification is a change of the reader's own inbox and is logged.
"""

import uuid
from functools import partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from activity.domain import log_action

from .access import inbox_changed
from .models import EmailDelivery, Notification
from .tasks import send_templated_email


def _recipients(users) -> list:
    """Active accounts, each once, in the given order."""
    seen, found = set(), []
    for user in users:
        if user is not None and user.is_active and user.pk not in seen:
            seen.add(user.pk)
            found.append(user)
    return found


@transaction.atomic
def notify(
    *,
    users,
    title: str,
    body: str = "",
    url: str = "",
    kind: str = "",
    email_template: str | None = None,
    context: dict | None = None,
    target=None,
) -> list[Notification]:
    """One inbox row per account (one INSERT for all) and, with `email_template`, an e-mail to each account
    that has an address (sent by the task worker after the commit)."""
    recipients = _recipients(users)
    if not recipients:
        return []
    target_type = ContentType.objects.get_for_model(target) if target is not None else None
    target_id = str(target.pk) if target is not None else ""
    created = Notification.objects.bulk_create(
        Notification(
            user=user,
            kind=kind,
            title=title[:300],
            body=body,
            url=url,
            target_type=target_type,
            target_id=target_id,
        )
        for user in recipients
    )
    inbox_changed(*(user.pk for user in recipients))  # bulk_create sends no post_save
    if email_template:
        mail_context = email_context(title=title, body=body, url=url, context=context)
        queue_emails(users=recipients, template=email_template, context=mail_context, target=target)
    return created


def email_context(*, title: str, body: str = "", url: str = "", context: dict | None = None) -> dict:
    """What an e-mail about a notice shows: its title, message and link (absolute, on THIDUA_SITE_URL)."""
    site = getattr(settings, "THIDUA_SITE_URL", "").rstrip("/")
    return {"title": title, "body": body, "url": f"{site}{url}" if url else "", **(context or {})}


def settle(*, user, target) -> int:
    """The user has done what her unread notifications about `target` asked (signed the draft, reviewed the
    registration, read the document): they are marked read, in the caller's transaction. Not logged on its
    own: the change that did the task is. Returns how many were marked."""
    if user is None or not getattr(user, "pk", None) or target is None:
        return 0
    count = (
        Notification.objects.unread()
        .filter(
            user=user,
            target_type=ContentType.objects.get_for_model(target),
            target_id=str(target.pk),
        )
        .update(read_at=timezone.now())
    )
    if count:
        inbox_changed(user.pk)
    return count


def send_email(*, user, template: str, context: dict | None = None, target=None) -> EmailDelivery | None:
    """E-mail `user` with templates/emails/<template>-{subject,body}.txt once the transaction commits."""
    if not user or not user.email:
        return None
    (delivery,) = queue_emails(users=[user], template=template, context=context, target=target) or [None]
    return delivery


def queue_emails(*, users, template: str, context: dict | None = None, target=None) -> list[EmailDelivery]:
    """One EmailDelivery per account with an address (one INSERT, in the caller's transaction), each sent
    once by the e-mail task queued after the commit. `target` (what the e-mail is about) is kept on the
    delivery for the receivers of signals.email_sent."""
    users = [user for user in users if user is not None and user.email]
    if not users:
        return []
    target_type = ContentType.objects.get_for_model(target) if target is not None else None
    target_id = str(target.pk) if target is not None else ""
    deliveries = EmailDelivery.objects.bulk_create(
        EmailDelivery(
            key=uuid.uuid4().hex, user=user, template=template, target_type=target_type, target_id=target_id
        )
        for user in users
    )
    context = dict(context or {})
    for delivery in deliveries:
        transaction.on_commit(partial(_enqueue, delivery, context))
    return deliveries


def _enqueue(delivery: EmailDelivery, context: dict) -> None:
    send_templated_email.enqueue(
        user_id=delivery.user_id, template=delivery.template, context=context, key=delivery.key
    )


def _check_owner(actor, notification) -> None:
    if actor is None or notification.user_id != actor.pk:
        raise PermissionDenied


@transaction.atomic
def mark_read(*, actor, notification: Notification) -> Notification:
    _check_owner(actor, notification)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        log_action(actor=actor, action="notifications.notification.read", target=notification)
    return notification


@transaction.atomic
def mark_all_read(*, actor) -> int:
    """Mark every unread notification of the actor's inbox read; returns how many were unread."""
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied
    count = Notification.objects.filter(user=actor).unread().update(read_at=timezone.now())
    if count:
        inbox_changed(actor.pk)
        log_action(
            actor=actor, action="notifications.notification.all_read", target=actor, extra={"count": count}
        )
    return count
