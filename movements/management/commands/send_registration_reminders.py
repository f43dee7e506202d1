"""Remind the units that have not submitted their emulation registration as the deadline nears; run daily."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from movements.domain.registrations import send_registration_reminders


class Command(BaseCommand):
    help = "Send the registration reminders due today (THIDUA_REGISTRATION_REMINDER_DAYS before a deadline)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Act as if today were this day (dd/mm/yyyy); for catching up.")

    def handle(self, *args, date=None, **options):
        today = timezone.localdate()
        if date:
            try:
                today = dt.datetime.strptime(date, "%d/%m/%Y").date()
            except ValueError as exc:
                raise CommandError(f"--date must be dd/mm/yyyy, not {date!r}") from exc
        count = send_registration_reminders(on=today)
        self.stdout.write(f"{count} unit(s) reminded for {today:%d/%m/%Y}.")
