"""Remind the recipients who have not confirmed a document by its due date; run daily from cron."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from dissemination.domain import send_reminders


class Command(BaseCommand):
    help = "Send the daily reminders for documents not confirmed by their due date."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Act as if today were this day (dd/mm/yyyy); for catching up.")

    def handle(self, *args, date=None, **options):
        today = timezone.localdate()
        if date:
            try:
                today = dt.datetime.strptime(date, "%d/%m/%Y").date()
            except ValueError as exc:
                raise CommandError(f"--date must be dd/mm/yyyy, not {date!r}") from exc
        count = send_reminders(today=today)
        self.stdout.write(f"{count} reminder(s) sent for {today:%d/%m/%Y}.")
