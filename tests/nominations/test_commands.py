"""`manage.py send_appraisal_reminders`: the daily appraisal reminders and the verdicts judged again."""

import pytest
from django.core.management import CommandError, call_command

from nominations.models import Proposal
from tests.nominations.test_tasks import TODAY, clock, reminders  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


def test_the_daily_command_reminds_once_per_day(world, clock, capsys):  # noqa: F811
    call_command("send_appraisal_reminders", date=TODAY.strftime("%d/%m/%Y"))
    assert capsys.readouterr().out.endswith(f"2 reminded for {TODAY:%d/%m/%Y}.\n")
    assert reminders().count() == 1
    assert [p.reminded_on for p in Proposal.objects.order_by("pk")] == [TODAY, TODAY, None, None]
    call_command("send_appraisal_reminders", date=TODAY.strftime("%d/%m/%Y"))
    assert reminders().count() == 1


def test_a_bad_date_is_refused(db):
    with pytest.raises(CommandError):
        call_command("send_appraisal_reminders", date="2026-12-04")
