import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from accounts.models import Role
from activity.models import ActivityLog
from awards.models import Award
from movements.domain import registrations as domain
from movements.models import RegistrationRound
from movements.tasks import send_registration_reminders
from notifications.models import Notification
from tests.factories import MovementFactory, RoundFactory, account_with_role

TODAY = timezone.localdate()


@pytest.fixture
def due(world):
    """A round whose deadline is 3 days away. Officers: world.officer (division), `lan_officer` (office);
    the team has a head account only. The division has submitted; the office and the team have not."""
    world.round = RoundFactory(
        movement=MovementFactory(agency=world.agency, name="Phong trào “Công sở văn minh”"),
        deadline=TODAY + dt.timedelta(days=3),
    )
    world.office_officer = account_with_role(Role.UNIT_OFFICER, unit=world.office, username="vanthu")
    world.team_head = account_with_role(Role.UNIT_HEAD, unit=world.team, username="totruong")
    division = domain.start_registration(actor=None, round=world.round, unit=world.division)
    domain.add_entry(
        actor=None, registration=division, award=Award.objects.get(code="tap-the-lao-dong-tien-tien")
    )
    domain.submit_registration(actor=None, registration=division)
    domain.start_registration(actor=None, round=world.round, unit=world.office)  # a draft: not submitted
    return world


def reminders():
    return Notification.objects.filter(kind="registrations.reminder").order_by("pk")


def test_the_task_reminds_the_units_that_have_not_submitted(due, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = send_registration_reminders.enqueue()

    assert result.return_value == 2
    assert [(n.user, n.url) for n in reminders()] == [
        (due.team_head, f"/app/registrations/round/{due.round.pk}/"),  # units in the tree's order, by name
        (due.office_officer, f"/app/registrations/round/{due.round.pk}/"),
    ]
    assert RegistrationRound.objects.get().reminded_on == TODAY
    logged = ActivityLog.objects.get(action="movements.reminders.sent")
    assert logged.data["extra"] == {"units": [due.team.pk, due.office.pk], "days_left": 3}
    assert sorted(m.to[0] for m in mail.outbox) == ["totruong@example.test", "vanthu@example.test"]
    message = next(m for m in mail.outbox if m.to == ["vanthu@example.test"])
    assert "Văn phòng" in message.subject and due.round.deadline.strftime("%d/%m/%Y") in message.subject
    assert (
        "Phong trào “Công sở văn minh”" in message.body
        and f"/app/registrations/round/{due.round.pk}/" in message.body
    )


def test_reminders_go_once_a_day(due):
    assert domain.send_registration_reminders(on=TODAY) == 2
    assert domain.send_registration_reminders(on=TODAY) == 0
    assert (
        reminders().count() == 2
        and ActivityLog.objects.filter(action="movements.reminders.sent").count() == 1
    )


@pytest.mark.parametrize("days_before", [6, 5, 4, 2, 0])
def test_no_reminder_between_the_offsets(due, days_before):
    on = due.round.deadline - dt.timedelta(days=days_before)

    assert domain.send_registration_reminders(on=on) == 0
    assert not reminders().exists() and RegistrationRound.objects.get().reminded_on is None


@pytest.mark.parametrize("days_before", [7, 3, 1])
def test_reminders_at_each_offset(due, days_before):
    assert domain.send_registration_reminders(on=due.round.deadline - dt.timedelta(days=days_before)) == 2


def test_the_offsets_come_from_the_setting(due, settings):
    settings.THIDUA_REGISTRATION_REMINDER_DAYS = "5"

    assert domain.send_registration_reminders(on=due.round.deadline - dt.timedelta(days=3)) == 0
    assert domain.send_registration_reminders(on=due.round.deadline - dt.timedelta(days=5)) == 2


def test_no_reminder_when_every_unit_has_submitted(due):
    for registration in due.round.registrations.exclude(status="submitted"):
        registration.delete()
    due.movement = due.round.movement
    due.movement.units.set([due.division])

    assert domain.send_registration_reminders(on=TODAY) == 0
    assert not reminders().exists()
    assert RegistrationRound.objects.get().reminded_on == TODAY


def test_the_command_reminds_for_cron(due, capsys):
    call_command("send_registration_reminders")
    call_command("send_registration_reminders", "--date", (TODAY + dt.timedelta(days=1)).strftime("%d/%m/%Y"))

    out = capsys.readouterr().out
    assert f"2 unit(s) reminded for {TODAY:%d/%m/%Y}." in out
    assert f"0 unit(s) reminded for {TODAY + dt.timedelta(days=1):%d/%m/%Y}." in out
    assert reminders().count() == 2
