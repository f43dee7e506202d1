"""The staff member's documents in the home page's to-do list (lib/todo.py): to read, to implement, due this
week. Each task is one query (count and nearest deadline together) and links to her list filtered alike."""

import datetime as dt

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.todo import Task, task_source

from .access import DISSEMINABLE_STATES, my_receipts

WEEK = dt.timedelta(days=6)


def pending(receipts, show: str, today: dt.date):
    """The receipts of the list filter `show` ("" for all): the to-do tasks and the list use the same (the
    tasks count documents still in force only)."""
    if not show:
        return receipts
    receipts = receipts.filter(dissemination__document__status__in=DISSEMINABLE_STATES)
    if show == "to-read":
        return receipts.to_read()
    if show == "to-implement":
        return receipts.to_implement()
    if show == "this-week":
        return receipts.due_within(today, today + WEEK)
    return receipts.none()


SHOWN = (
    ("to-read", _("Documents to read")),
    ("to-implement", _("Documents to implement")),
    ("this-week", _("Documents due this week")),
)


@task_source(order=20)
def documents_to_confirm(request):
    today = timezone.localdate()
    receipts = my_receipts(request.user)
    for show, label in SHOWN:
        row = pending(receipts, show, today).aggregate(count=Count("pk"), due=Min("dissemination__due_date"))
        due = row["due"]
        yield Task(
            label=str(label),
            count=row["count"] or 0,
            url=f"{reverse('dissemination:mine')}?show={show}",
            due=due,
            urgent=due is not None and due <= today,
        )
