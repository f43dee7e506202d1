"""Daily: remind the secretariat of the proposals whose appraisal is overdue or near its due day, and judge
again the proposals whose record changed since they were judged."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from nominations.tasks import refresh_all_verdicts, remind_appraisals


class Command(BaseCommand):
    help = "Send today's appraisal reminders and re-judge the proposals whose record changed; run daily."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Act as if today were this day (dd/mm/yyyy); for catching up.")

    def handle(self, *args, date=None, **options):
        today = timezone.localdate()
        if date:
            try:
                today = dt.datetime.strptime(date, "%d/%m/%Y").date()
            except ValueError as exc:
                raise CommandError(f"--date must be dd/mm/yyyy, not {date!r}") from exc
        judged = refresh_all_verdicts()
        reminded = remind_appraisals(on=today)
        self.stdout.write(f"{judged} proposal(s) judged again; {reminded} reminded for {today:%d/%m/%Y}.")
