"""The nominations' part of the home page's to-do list (lib/todo.py).

- the secretariat (who appraises, nominations.workflow): proposals waiting for appraisal and those overdue,
  proposals whose posting closed with comments still to handle, and those appraised — or posted, the posting
  closed and every comment handled — that can move on;
- the unit's emulation officer (who compiles): the drafts and the returned proposals of her units, and the
  rounds closing this week in which some of them are still drafts;
- the nominee: her printed lines still to confirm.

Each role's tasks are one query (conditional counts and, where there is one, the nearest deadline); each
links to the list holding exactly those proposals: the queue filtered the same way, the round (or the
rounds), her own proposals.
"""

import datetime as dt

from django.db.models import Count, Max, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from lib.todo import Task, task_source
from organisations.scope import scope_for

from .access import appraisable_proposals, proposals_for_user
from .appraisal_forms import HANDLED, OVERDUE, PENDING, posting_filter
from .models import Confirmation, Status

WEEK = dt.timedelta(days=7)


def _queue(**filters) -> str:
    return f"{reverse('nominations:queue')}?{urlencode(filters)}"


def _secretariat_tasks(user, today: dt.date):
    """Five tasks from one query: conditional counts over the proposals she appraises."""
    waiting = Q(status=Status.SUBMITTED)
    overdue = waiting & Q(appraisal_due_on__lt=today)
    row = appraisable_proposals(user).aggregate(
        waiting=Count("pk", filter=waiting),
        waiting_due=Min("appraisal_due_on", filter=waiting),
        overdue=Count("pk", filter=overdue),
        overdue_due=Min("appraisal_due_on", filter=overdue),
        commented=Count("pk", filter=posting_filter(PENDING, today)),
        appraised=Count("pk", filter=Q(status=Status.APPRAISED)),
        handled=Count("pk", filter=posting_filter(HANDLED, today)),
    )
    due = row["waiting_due"]
    yield Task(
        _("Proposals waiting for appraisal"),
        row["waiting"],
        _queue(status=Status.SUBMITTED),
        due=due,
        urgent=bool(row["waiting"]) and due is not None and due <= today,
    )
    url = _queue(status=Status.SUBMITTED, due=OVERDUE)
    yield Task(
        _("Proposals overdue for appraisal"),
        row["overdue"],
        url,
        due=row["overdue_due"],
        urgent=bool(row["overdue"]),
    )
    url = _queue(status=Status.POSTED, posting=PENDING)
    yield Task(_("Postings closed with comments to handle"), row["commented"], url)
    url = _queue(status=Status.APPRAISED)
    yield Task(_("Appraised proposals to post or send to the council"), row["appraised"], url)
    url = _queue(status=Status.POSTED, posting=HANDLED)
    yield Task(_("Posted proposals ready for the council"), row["handled"], url)


def _round_task(label: str, row: dict, key: str, status: str, today: dt.date) -> Task:
    """A task of the officer's units, linked to its round when all its proposals are in one, else to the
    rounds."""
    count, first, last, due = (row[f"{key}_{part}"] for part in ("count", "first", "last", "due"))
    if count and first == last:
        url = f"{reverse('nominations:round', args=[first])}?{urlencode({'status': status})}"
    else:
        url = reverse("nominations:rounds")
    return Task(label=label, count=count, url=url, due=due, urgent=due is not None and due <= today)


def _subset(key: str, condition: Q, *, rounds: bool = False) -> dict:
    counted = Count("round", filter=condition, distinct=True) if rounds else Count("pk", filter=condition)
    return {
        f"{key}_count": counted,
        f"{key}_first": Min("round", filter=condition),
        f"{key}_last": Max("round", filter=condition),
        f"{key}_due": Min("round__deadline", filter=condition),
    }


def _officer_tasks(user, units, today: dt.date):
    """Three tasks from one query over the proposals of her units."""
    drafts = Q(status=Status.DRAFT, round__deadline__gte=today)
    closing = drafts & Q(round__deadline__lte=today + WEEK)
    returned = Q(status=Status.RETURNED)
    row = (
        proposals_for_user(user)
        .filter(unit_id__in=units)
        .aggregate(
            **_subset("drafts", drafts),
            **_subset("returned", returned),
            **_subset("closing", closing, rounds=True),
        )
    )
    yield _round_task(_("Draft proposals of your units to submit"), row, "drafts", Status.DRAFT, today)
    label = _("Proposals returned to your units for correction")
    yield _round_task(label, row, "returned", Status.RETURNED, today)
    label = _("Nomination deadlines this week: proposals not submitted")
    yield _round_task(label, row, "closing", Status.DRAFT, today)


def _nominee_task(user, person_id: int) -> Task:
    lines = (
        proposals_for_user(user)
        .filter(person_id=person_id, confirmation=Confirmation.PENDING)
        .exclude(status__in=(Status.WITHDRAWN, Status.READY, Status.PASSED, Status.NOT_PASSED))
    )
    return Task(_("Your printed line on a proposal to confirm"), lines.count(), reverse("nominations:mine"))


@task_source(order=50)
def nomination_tasks(request):
    user, scope, today = request.user, scope_for(request.user), timezone.localdate()
    if scope.installation_admin or scope.manage_agencies:
        yield from _secretariat_tasks(user, today)
    if scope.edit_units:
        yield from _officer_tasks(user, scope.edit_units, today)
    if scope.person_id is not None:
        yield _nominee_task(user, scope.person_id)
