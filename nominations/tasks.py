"""Background work of the nominations, run by the task worker (`manage.py run_worker`), daily:

- the appraisal clock's reminders: the agency's secretariat is told (inbox and e-mail, through
  notifications.domain.notify) of the proposals waiting for appraisal that are overdue or due within
  REMIND_DAYS working days on the agency's calendar — at most once a day per proposal (Proposal.reminded_on);
- the verdicts: the proposals judged on an older version of the record are judged again
  (nominations.verdicts.refresh_verdicts). The record's version is a counter (awards.staleness) with no signal
  to listen to, so the same daily run re-judges, batch after batch.

Both are idempotent: a task run again (its worker died) reminds no proposal twice on a day and re-judges only
what is still out of date.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from accounts.models import Role, User
from activity.domain import log_action
from notifications.domain import notify
from organisations.models import Agency
from workdays.calendar import working_day_after

from .models import Proposal, Status
from .verdicts import refresh_verdicts

REMIND_DAYS = 2  # working days before the due date
LISTED = 20  # proposals named in one reminder
BATCH, MAX_BATCHES = 200, 50


def _date(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def proposals_to_remind(on: dt.date):
    """Proposals waiting for appraisal, with a due date, not reminded yet today."""
    return Proposal.objects.filter(status=Status.SUBMITTED, appraisal_due_on__isnull=False).filter(
        Q(reminded_on__isnull=True) | Q(reminded_on__lt=on)
    )


def _lines(proposals, on: dt.date) -> str:
    lines = []
    for proposal in proposals[:LISTED]:
        late = _(" (overdue)") if proposal.appraisal_due_on < on else ""
        what = {"subject": proposal.subject_name, "award": proposal.award.name, "unit": proposal.unit.name}
        lines.append(
            _("- %(subject)s — %(award)s (%(unit)s): due %(due)s")
            % (what | {"due": _date(proposal.appraisal_due_on)})
            + late
        )
    if len(proposals) > LISTED:
        lines.append(_("… and %(count)s more.") % {"count": len(proposals) - LISTED})
    return "\n".join(lines)


def _remind(agency, proposals: list, on: dt.date, near: dt.date) -> None:
    overdue = sum(1 for p in proposals if p.appraisal_due_on < on)
    with translation.override(settings.LANGUAGE_CODE):
        title = ngettext(
            "Appraisal reminder: %(count)s proposal overdue or due by %(day)s",
            "Appraisal reminder: %(count)s proposals overdue or due by %(day)s",
            len(proposals),
        ) % {"count": len(proposals), "day": _date(near)}
        body = _lines(proposals, on)
    query = {"status": Status.SUBMITTED} | ({"due": "overdue"} if overdue == len(proposals) else {})
    log_action(
        actor=None,
        action="nominations.reminders.sent",
        agency=agency,
        extra={"proposals": [p.pk for p in proposals], "overdue": overdue},
    )
    notify(
        users=User.objects.holding(Role.SECRETARIAT, agency=agency),
        title=title,
        body=body,
        url=f"{reverse('nominations:queue')}?{urlencode(query)}",
        kind="nominations.reminder",
        email_template="document_status",
    )


@transaction.atomic
def remind_appraisals(*, on: dt.date | None = None) -> int:
    """Remind each agency's secretariat of its proposals overdue or due within REMIND_DAYS working days,
    once a day per proposal; returns how many proposals were reminded."""
    on = on or timezone.localdate()
    waiting = proposals_to_remind(on)
    count = 0
    for agency in Agency.objects.filter(pk__in=waiting.values("round__agency_id")).order_by("pk"):
        near = working_day_after(on, REMIND_DAYS, agency=agency)
        due = (
            waiting.filter(round__agency=agency, appraisal_due_on__lte=near)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("person", "unit", "award")
            .order_by("appraisal_due_on", "pk")
        )
        proposals = list(due)
        if not proposals:
            continue
        Proposal.objects.filter(pk__in=[p.pk for p in proposals]).update(reminded_on=on)
        _remind(agency, proposals, on, near)
        count += len(proposals)
    return count


def refresh_all_verdicts() -> int:
    """Re-judge every proposal judged on an older record version, a batch at a time; how many were."""
    total = 0
    for _batch in range(MAX_BATCHES):
        count = refresh_verdicts(limit=BATCH)
        total += count
        if count < BATCH:
            break
    return total


@task()
def send_appraisal_reminders() -> int:
    """Daily: the appraisal clock's reminders (remind_appraisals)."""
    return remind_appraisals(on=timezone.localdate())


@task()
def refresh_proposal_verdicts() -> int:
    """Daily, and whenever asked: re-judge the proposals judged on an older record (refresh_verdicts)."""
    return refresh_all_verdicts()
