"""A command run daily that may act as if today were another day."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone


class DailyCommand(BaseCommand):
    """`--date dd/mm/yyyy` acts as if today were that day (for catching up); `run(today)` does the work and
    returns the line to print."""

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Act as if today were this day (dd/mm/yyyy); for catching up.")

    def handle(self, *args, date=None, **options):
        today = timezone.localdate()
        if date:
            try:
                today = dt.datetime.strptime(date, "%d/%m/%Y").date()
            except ValueError as exc:
                raise CommandError(f"--date must be dd/mm/yyyy, not {date!r}") from exc
        self.stdout.write(self.run(today))

    def run(self, today: dt.date) -> str:
        raise NotImplementedError
