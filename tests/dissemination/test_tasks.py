import datetime as dt

from django.core.management import call_command
from django.utils import timezone

from dissemination import domain
from dissemination.models import Dissemination, Receipt
from dissemination.tasks import send_dissemination_reminders
from notifications.models import Notification

TODAY = timezone.localdate()


def overdue(world, document):
    dissemination = domain.disseminate(
        actor=world.secretariat,
        document=document,
        units=[world.division],
        people=[world.team_person],
        due_date=TODAY,
    )
    Dissemination.objects.filter(pk=dissemination.pk).update(due_date=TODAY - dt.timedelta(days=2))
    return dissemination


def test_the_task_reminds_through_the_task_backend(heads, document, django_capture_on_commit_callbacks):
    overdue(heads, document)

    with django_capture_on_commit_callbacks(execute=True):  # the e-mails, sent after the commit
        result = send_dissemination_reminders.enqueue()

    assert result.return_value == 2
    assert Receipt.objects.filter(reminded_at__isnull=False).count() == 2  # recorded as each e-mail was sent
    assert Notification.objects.filter(kind="dissemination.reminder").count() == 2


def test_the_command_reminds_for_cron(heads, document, capsys):
    overdue(heads, document)

    call_command("send_dissemination_reminders")
    call_command("send_dissemination_reminders")

    out = capsys.readouterr().out
    assert f"2 reminder(s) sent for {TODAY:%d/%m/%Y}." in out and "0 reminder(s)" in out
    assert Notification.objects.filter(kind="dissemination.reminder").count() == 2


def test_the_command_takes_a_date(heads, document, capsys):
    overdue(heads, document)

    call_command(
        "send_dissemination_reminders", "--date", (TODAY - dt.timedelta(days=2)).strftime("%d/%m/%Y")
    )

    assert "0 reminder(s)" in capsys.readouterr().out  # on the due date nobody is late yet
    assert not Receipt.objects.filter(reminded_at__isnull=False).exists()
