"""Daily: remind the secretariat of the proposals whose appraisal is overdue or near its due day, and judge
again the proposals whose record changed since they were judged."""

from lib.commands import DailyCommand
from nominations.tasks import refresh_all_verdicts, remind_appraisals


class Command(DailyCommand):
    help = "Send today's appraisal reminders and re-judge the proposals whose record changed; run daily."

    def run(self, today):
        judged = refresh_all_verdicts()
        reminded = remind_appraisals(on=today)
        return f"{judged} proposal(s) judged again; {reminded} reminded for {today:%d/%m/%Y}."
