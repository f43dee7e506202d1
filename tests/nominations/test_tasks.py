"""The nominations' background work (nominations/tasks.py): the appraisal clock's reminders to the secretariat
(inbox and e-mail, once a day per proposal, not for one already appraised, counted in working days on the
agency's calendar) and the verdicts re-judged after the record changed — both through the task worker."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from activity.models import ActivityLog
from awards.models import DueVersion
from nominations.domain.appraisal import appraise_proposal
from nominations.domain.proposals import propose, submit_proposal, update_proposal
from nominations.models import Proposal, Verdict
from nominations.tasks import (
    REMIND_DAYS,
    refresh_proposal_verdicts,
    remind_appraisals,
    send_appraisal_reminders,
)
from notifications.models import Notification
from tests.factories import staff_in
from tests.nominations.conftest import complete_dossier
from workdays.calendar import working_day_after

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)
TODAY = timezone.localdate()


def reminders():
    return Notification.objects.filter(kind="nominations.reminder").order_by("pk")


@pytest.fixture
def clock(world, nom):
    """Four submitted proposals of the division: overdue, due in REMIND_DAYS working days, due the working day
    after that (not yet reminded), due in a month."""
    persons = [world.division_person, *(staff_in(world.division, given_name=f"Hạnh{n}") for n in range(3))]
    made = propose(actor=None, round=nom.round, unit=world.division, award=nom.ldtt, people=persons)
    complete_dossier(nom.round, world.division)
    proposals = []
    near = working_day_after(TODAY, REMIND_DAYS, agency=world.agency)
    dues = (TODAY - 2 * DAY, near, working_day_after(near, 1, agency=world.agency), TODAY + 30 * DAY)
    for proposal, due in zip(made, dues, strict=True):
        proposal = update_proposal(actor=None, proposal=proposal, report="Báo cáo.", justification="Xem xét.")
        proposal = submit_proposal(actor=None, proposal=proposal)
        Proposal.objects.filter(pk=proposal.pk).update(appraisal_due_on=due)
        proposal.refresh_from_db()
        proposals.append(proposal)
    return proposals


def test_the_task_reminds_the_secretariat_of_overdue_and_near_due_proposals(
    world, clock, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = send_appraisal_reminders.enqueue()

    assert result.return_value == 2
    (notice,) = reminders()
    assert notice.user == world.secretariat
    near = working_day_after(TODAY, REMIND_DAYS, agency=world.agency)
    assert notice.title == f"Nhắc thẩm định: 2 đề nghị quá hạn hoặc đến hạn trước ngày {near:%d/%m/%Y}"
    assert "Lê Văn Minh — Lao động tiên tiến (Phòng Kế hoạch)" in notice.body and "(quá hạn)" in notice.body
    assert notice.url == "/app/nominations/queue/?status=submitted"
    assert [p.reminded_on for p in Proposal.objects.order_by("pk")] == [TODAY, TODAY, None, None]
    (message,) = mail.outbox
    assert message.to == [world.secretariat.email] and "Nhắc thẩm định" in message.subject
    logged = ActivityLog.objects.get(action="nominations.reminders.sent")
    assert logged.data["extra"] == {"proposals": [clock[0].pk, clock[1].pk], "overdue": 1}


def test_a_proposal_is_reminded_once_a_day(world, clock):
    assert remind_appraisals(on=TODAY) == 2
    assert remind_appraisals(on=TODAY) == 0  # not twice on the same day
    assert (
        reminders().count() == 1
        and ActivityLog.objects.filter(action="nominations.reminders.sent").count() == 1
    )

    tomorrow = working_day_after(TODAY, 1, agency=world.agency)
    assert remind_appraisals(on=tomorrow) == 3  # the next day again, and the next one now near due
    assert reminders().count() == 2


def test_no_reminder_for_a_proposal_already_appraised(world, clock):
    appraise_proposal(actor=None, proposal=clock[0], opinion="Đủ điều kiện.")

    assert remind_appraisals(on=TODAY) == 1
    assert Proposal.objects.get(pk=clock[0].pk).reminded_on is None
    assert "Lê Văn Minh" not in reminders().get().body


def test_only_overdue_proposals_link_to_the_overdue_filter(world, clock):
    Proposal.objects.filter(pk__in=[clock[1].pk]).update(appraisal_due_on=TODAY + 60 * DAY)

    remind_appraisals(on=TODAY)

    assert reminders().get().url == "/app/nominations/queue/?status=submitted&due=overdue"


def test_stale_verdicts_are_judged_again_by_the_task(world, nom):
    (proposal,) = propose(actor=None, round=nom.round, unit=world.division, award=nom.ldtt,
                          people=[world.division_person])  # fmt: skip
    Proposal.objects.filter(pk=proposal.pk).update(verdict=Verdict.UNJUDGED, checks=[], judged_version=0)
    DueVersion.objects.update_or_create(name="records", defaults={"number": 7})

    result = refresh_proposal_verdicts.enqueue()

    assert result.return_value == 1
    stored = Proposal.objects.get(pk=proposal.pk)
    assert (stored.verdict, stored.judged_version) == (Verdict.ELIGIBLE, 7)
    assert refresh_proposal_verdicts.enqueue().return_value == 0  # nothing out of date any more
