"""Background work of dissemination, run by the task worker (`manage.py run_worker`)."""

from django.utils import timezone
from django_tasks import task


@task()
def send_dissemination_reminders() -> int:
    """Daily: remind those who have not confirmed by the due date (see domain.send_reminders)."""
    from .domain import send_reminders

    return send_reminders(today=timezone.localdate())
