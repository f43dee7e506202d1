"""The one e-mail task: every e-mail of thidua is rendered and sent here, by the task worker, after commit.

Sent once: notifications.domain.send_email() writes an EmailDelivery with the change that asks for the e-mail
and passes its key. A task run again — its worker died (`manage.py run_worker` retries it), or it was queued
twice — finds the delivery sent and sends nothing. A server that fails or does not answer within EMAIL_TIMEOUT
fails the task; the delivery counts the attempt and a new task is queued later (after 1, 2, 4… minutes, at
most an hour apart), until THIDUA_TASK_MAX_ATTEMPTS attempts. Once the server has taken the e-mail, the
delivery is marked sent and `signals.email_sent` tells the app that asked for it (dissemination records its
reminder).
"""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from .models import EmailDelivery
from .signals import email_sent

FIRST_RETRY_SECONDS = 60
LAST_RETRY_SECONDS = 3600


@task()
def send_templated_email(*, user_id: int, template: str, context: dict, key: str = "") -> bool:
    """E-mail the active account `user_id` with templates/emails/<template>-{subject,body}.txt; with `key`,
    the EmailDelivery of that key, at most once. Returns whether the e-mail is (now or already) sent."""
    delivery = EmailDelivery.objects.filter(key=key).first() if key else None
    if delivery is not None and delivery.status != EmailDelivery.Status.PENDING:
        return delivery.status == EmailDelivery.Status.SENT
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        if delivery is not None:
            delivery.finish(EmailDelivery.Status.SKIPPED)
        return False
    subject, body = _render(template, {**context, "user": user})
    try:
        send_mail(subject, body, None, [user.email])
    except OSError as error:  # smtplib's errors and the socket's timeout (EMAIL_TIMEOUT) are OSErrors
        if delivery is not None:
            _retry_later(delivery, error, user_id=user_id, template=template, context=context)
        raise
    if delivery is not None and delivery.finish(EmailDelivery.Status.SENT):
        email_sent.send(sender=EmailDelivery, delivery=delivery)
    return True


def _render(template: str, context: dict) -> tuple[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"emails/{template}-subject.txt", context).strip()
        body = render_to_string(f"emails/{template}-body.txt", context)
    return subject, body


def _retry_later(delivery: EmailDelivery, error: OSError, **kwargs) -> None:
    """Count the failed attempt and queue the next one, later (a backend that cannot defer: no retry)."""
    if not delivery.record_failure(error, max_attempts=settings.THIDUA_TASK_MAX_ATTEMPTS):
        return
    if not send_templated_email.get_backend().supports_defer:
        return
    delay = min(FIRST_RETRY_SECONDS * 2 ** (delivery.attempts - 1), LAST_RETRY_SECONDS)
    later = send_templated_email.using(run_after=timezone.now() + dt.timedelta(seconds=delay))
    later.enqueue(key=delivery.key, **kwargs)
