"""Remind the units that have not submitted their emulation registration as the deadline nears; run daily."""

from lib.commands import DailyCommand
from movements.domain.registrations import send_registration_reminders


class Command(DailyCommand):
    help = "Send the registration reminders due today (THIDUA_REGISTRATION_REMINDER_DAYS before a deadline)."

    def run(self, today):
        count = send_registration_reminders(on=today)
        return f"{count} unit(s) reminded for {today:%d/%m/%Y}."
