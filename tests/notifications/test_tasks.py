"""The one e-mail task: sent once per delivery, a silent server times out, a failure is retried later."""

import datetime as dt
import socket
import time

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from notifications import domain
from notifications.models import EmailDelivery
from notifications.tasks import send_templated_email
from tests.factories import UserFactory

CONTEXT = {"person": "Trần Thị Lan", "role": "Cán bộ", "unit": "Văn phòng"}


@pytest.fixture
def anna(db):
    return UserFactory(username="anna")


@pytest.fixture
def silent_smtp_server(settings):
    """A real SMTP port that accepts connections and never answers (the kernel accepts them; nobody reads)."""
    with socket.create_server(("127.0.0.1", 0), backlog=8) as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.getsockname()[1]
        settings.EMAIL_TIMEOUT = 1
        yield server


@pytest.fixture
def run_worker(monkeypatch):
    """Run the queued tasks here, with django-tasks-db's worker, inside the test's transaction (which the
    worker's closing of old connections would end on PostgreSQL)."""
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run(*options):
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "-v", "0", *options)

    return run


def queue(user, django_capture_on_commit_callbacks, **kwargs) -> EmailDelivery:
    with django_capture_on_commit_callbacks(execute=True):
        return domain.send_email(user=user, template="role_granted", context=CONTEXT, **kwargs)


def test_an_email_is_sent_once_and_its_delivery_marked(anna, django_capture_on_commit_callbacks, mailoutbox):
    delivery = queue(anna, django_capture_on_commit_callbacks)

    again = send_templated_email.call(user_id=anna.pk, template="role_granted", context={}, key=delivery.key)

    assert again is True and len(mailoutbox) == 1  # the task run again (its worker died) sends nothing
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.user) == ("sent", 1, anna)
    assert delivery.sent_at is not None


def test_no_delivery_without_an_address(db, django_capture_on_commit_callbacks, mailoutbox):
    silent = UserFactory(username="silent", email="")

    assert queue(silent, django_capture_on_commit_callbacks) is None
    assert not EmailDelivery.objects.exists() and mailoutbox == []


def test_a_deactivated_account_is_skipped(anna, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks() as callbacks:
        delivery = domain.send_email(user=anna, template="role_granted", context=CONTEXT)
    anna.is_active = False
    anna.save()
    callbacks[0]()

    delivery.refresh_from_db()
    assert delivery.status == "skipped" and mailoutbox == []


def test_a_silent_mail_server_fails_the_task_within_the_timeout_and_it_is_retried_later(
    anna, silent_smtp_server, settings, django_capture_on_commit_callbacks, run_worker
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    delivery = queue(anna, django_capture_on_commit_callbacks)
    (first,) = DBTaskResult.objects.all()

    started = time.monotonic()
    run_worker("--max-tasks", "1")

    assert time.monotonic() - started < 10  # not forever: EMAIL_TIMEOUT is 1 s
    first.refresh_from_db()
    assert first.status == TaskResultStatus.FAILED
    assert first.exception_class_path.startswith(("smtplib.", "builtins.TimeoutError", "socket."))
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.sent_at) == ("pending", 1, None)
    assert delivery.last_error
    retry = DBTaskResult.objects.exclude(pk=first.pk).get()
    assert retry.status == TaskResultStatus.READY and retry.args_kwargs["kwargs"]["key"] == delivery.key
    wait = retry.run_after - timezone.now()
    assert dt.timedelta(seconds=50) < wait <= dt.timedelta(seconds=60)  # the first retry: a minute later


def test_after_the_last_attempt_the_email_is_given_up(
    anna, silent_smtp_server, settings, django_capture_on_commit_callbacks, run_worker
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.THIDUA_TASK_MAX_ATTEMPTS = 1
    delivery = queue(anna, django_capture_on_commit_callbacks)

    run_worker()

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("failed", 1)
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == [TaskResultStatus.FAILED]


def test_a_task_queued_without_a_key_still_sends(anna, mailoutbox):
    assert send_templated_email.call(user_id=anna.pk, template="role_granted", context=CONTEXT) is True
    assert mailoutbox[0].to == ["anna@example.test"] and not EmailDelivery.objects.exists()
