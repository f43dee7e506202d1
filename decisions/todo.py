"""The decisions' part of the home page's to-do list (lib/todo.py).

- whoever numbers the agency's documents (clerk, secretariat, administrators): reward decisions signed off and
  waiting to be issued — one query;
- the agency's secretariat and administrators: revoked awards whose money or object is still to be returned
  after its date — one query.
"""

from django.db.models import Count, Max, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.access import issues_documents, issuing_filter
from documents.models import Status as DocumentStatus
from lib.todo import Task, task_source
from organisations.scope import scope_for

from .models import Decision, Revocation, Status


def _issuable(user):
    decisions = Decision.objects.filter(status=Status.DRAFT, document__status=DocumentStatus.APPROVED)
    return decisions.filter(issuing_filter(user))


def _link(row) -> str:
    if row["n"] == 1 or (row["n"] and row["first"] == row["last"]):
        return reverse("decisions:detail", args=[row["first"]])
    return reverse("decisions:list")


@task_source(order=70)
def decision_tasks(request):
    scope, today = scope_for(request.user), timezone.localdate()
    if not issues_documents(request.user):
        return
    row = _issuable(request.user).aggregate(n=Count("pk"), first=Min("pk"), last=Max("pk"))
    yield Task(_("Reward decisions signed off, waiting for their number"), row["n"], _link(row))
    if scope.installation_admin or scope.manage_agencies:
        overdue = Revocation.objects.filter(settled_on__isnull=True, return_due__lt=today)
        if not scope.installation_admin:
            overdue = overdue.filter(decision__agency_id__in=scope.manage_agencies)
        count = overdue.filter(Q(amount_due__gt=0) | Q(object_due=True)).count()
        url = reverse("decisions:revocations")
        yield Task(_("Revoked awards whose money or object is overdue"), count, url, urgent=bool(count))
