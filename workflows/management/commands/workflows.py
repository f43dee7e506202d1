"""manage.py workflows: every registered workflow as a text table — from which state, by which action, to
which state, and who may (in the project's language, Vietnamese by default)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from workflows.gate import all_workflows


def text_table(header: tuple, rows: list[tuple]) -> list[str]:
    """Lines of a table whose columns are padded to their widest cell (the last one is not padded)."""
    lines = [header, tuple("-" * len(str(cell)) for cell in header), *rows]
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(header) - 1)]

    def padded(line) -> str:
        cells = [str(cell).ljust(width) for cell, width in zip(line[:-1], widths, strict=True)]
        return "  ".join([*cells, str(line[-1])]).rstrip()

    return [padded(line) for line in lines]


class Command(BaseCommand):
    help = "Print each workflow's moves: from-state, action, to-state and who may."

    def handle(self, *args, **options):
        header = (_("From state"), _("Action"), _("To state"), _("Who may"))
        for workflow in all_workflows():
            self.stdout.write(f"{workflow.name} — {workflow.thing}")
            for line in text_table(header, workflow.rows()):
                self.stdout.write(f"  {line}")
            self.stdout.write("")
