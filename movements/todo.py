"""The registration work in the home page's to-do list (lib/todo.py).

- the secretariat (who approves or returns registrations, movements.workflow): the registrations waiting for
  review, and the rounds closing this week in which some unit has still to submit;
- the unit's emulation officer (who compiles and submits): the rounds in which her units must still submit (or
  resubmit a returned registration), and those of them closing this week.

Each task is one query (count and nearest deadline together) and links to the list filtered the same way.
"""

import datetime as dt

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lib.todo import Task, task_source
from organisations.scope import scope_for

from .access import MINE, THIS_WEEK, UNITS, reviewable_registrations, waiting_rounds
from .models import RegistrationStatus


def _rounds_task(user, label: str, whose: str, closing: str, today: dt.date) -> Task:
    row = waiting_rounds(user, whose, closing, today).aggregate(count=Count("pk"), due=Min("deadline"))
    query = f"waiting={whose}" + (f"&closing={closing}" if closing else "")
    due = row["due"]
    return Task(
        label=label,
        count=row["count"] or 0,
        url=f"{reverse('registrations:rounds')}?{query}",
        due=due,
        urgent=due is not None and due <= today,
    )


@task_source(order=40)
def registration_tasks(request):
    user, scope, today = request.user, scope_for(request.user), timezone.localdate()
    if scope.installation_admin or scope.manage_agencies:
        waiting = reviewable_registrations(user).filter(status=RegistrationStatus.SUBMITTED)
        yield Task(_("Registrations waiting for review"), waiting.count(), reverse("registrations:queue"))
        label = _("Registration deadlines this week: units yet to submit")
        yield _rounds_task(user, label, UNITS, THIS_WEEK, today)
    if scope.edit_units:
        yield _rounds_task(user, _("Registrations of your units to submit"), MINE, "", today)
        yield _rounds_task(user, _("Registration deadlines this week"), MINE, THIS_WEEK, today)
