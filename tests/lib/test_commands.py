"""lib.commands.DailyCommand: today, or the day --date names (dd/mm/yyyy); a bad date refused."""

import io

import pytest
from django.core.management import CommandError
from django.utils import timezone

from lib.commands import DailyCommand


class Echo(DailyCommand):
    def run(self, today):
        return f"ran for {today:%d/%m/%Y}"


def call(*args) -> str:
    out = io.StringIO()
    command = Echo(stdout=out)
    parser = command.create_parser("manage.py", "echo")
    options = vars(parser.parse_args(args))
    command.execute(**options)
    return out.getvalue().strip()


def test_today_by_default():
    assert call() == f"ran for {timezone.localdate():%d/%m/%Y}"


def test_a_day_to_catch_up():
    assert call("--date", "30/04/2026") == "ran for 30/04/2026"


@pytest.mark.parametrize("bad", ["2026-04-30", "31/02/2026", "hôm nay"])
def test_a_bad_date_is_refused(bad):
    with pytest.raises(CommandError, match="dd/mm/yyyy"):
        call("--date", bad)
