"""Background work of the movements, run by the task worker (`manage.py run_worker`)."""

from django.utils import timezone
from django_tasks import task


@task()
def send_registration_reminders() -> int:
    """Daily: remind the units that have not submitted their registration (see
    domain.registrations.send_registration_reminders)."""
    from .domain.registrations import send_registration_reminders as remind

    return remind(on=timezone.localdate())
