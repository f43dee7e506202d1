"""Remind the recipients who have not confirmed a document by its due date; run daily from cron."""

from dissemination.domain import send_reminders
from lib.commands import DailyCommand


class Command(DailyCommand):
    help = "Send the daily reminders for documents not confirmed by their due date."

    def run(self, today):
        count = send_reminders(today=today)
        return f"{count} reminder(s) sent for {today:%d/%m/%Y}."
