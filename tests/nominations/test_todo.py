"""The nominations' tasks of the home page's to-do list (nominations/todo.py): who gets which, their counts,
deadlines and urgency, the list each links to (holding exactly the counted proposals), one query per task."""

import datetime as dt

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nominations.domain.appraisal import appraise_proposal, confirm_line, return_proposal
from nominations.domain.posting import handle_comment, open_posting, record_comment
from nominations.domain.proposals import propose, submit_proposal, update_proposal
from nominations.domain.rounds import open_round
from nominations.models import Proposal
from nominations.todo import nomination_tasks
from organisations.scope import scope_for
from tests.factories import staff_in
from tests.nominations.conftest import award, complete_dossier

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)
TODAY = timezone.localdate()
WAITING = "Đề nghị chờ thẩm định"
OVERDUE = "Đề nghị quá hạn thẩm định"
COMMENTED = "Đợt công khai đã kết thúc còn ý kiến chưa xử lý"
APPRAISED = "Đề nghị đã thẩm định cần công khai hoặc trình Hội đồng"
HANDLED = "Đề nghị đã công khai xong, sẵn sàng trình Hội đồng"
DRAFTS = "Đề nghị khen thưởng của đơn vị cần hoàn thiện và gửi"
RETURNED = "Đề nghị bị trả lại cho đơn vị để sửa"
CLOSING = "Hạn gửi đề nghị khen thưởng trong tuần này: còn đề nghị chưa gửi"
LINES = "Thông tin in trên quyết định khen thưởng cần bạn xác nhận"


def tasks(user) -> dict:
    request = RequestFactory().get("/")
    request.user = user
    return {task.label: task for task in nomination_tasks(request)}


def people(world, count: int, unit=None) -> list:
    unit = unit or world.division
    return [staff_in(unit, family_name="Hồ", middle_name="Văn", given_name=f"Tâm{n}") for n in range(count)]


def submitted(nom, unit, persons) -> list[Proposal]:
    made = propose(actor=None, round=nom.round, unit=unit, award=nom.ldtt, people=persons)
    complete_dossier(nom.round, unit)
    return [
        submit_proposal(
            actor=None,
            proposal=update_proposal(actor=None, proposal=p, report="Báo cáo.", justification="Xem xét."),
        )
        for p in made
    ]


def listed(client, url) -> set[int]:
    return {p.pk for p in client.get(url).context["page"]}


@pytest.fixture
def desk(world, nom):
    """Seven proposals of the division: two waiting (one overdue), one appraised, one posted with a comment
    still to handle, one posted with its comment handled (both postings closed), one returned, one draft."""
    made = submitted(nom, world.division, people(world, 6))
    waiting, late, appraised, commented, handled, returned = made
    Proposal.objects.filter(pk=late.pk).update(appraisal_due_on=TODAY - 3 * DAY)
    desk = {"waiting": waiting, "late": late, "returned": returned}
    done = [appraise_proposal(actor=None, proposal=p, opinion="Đủ.") for p in (appraised, commented, handled)]
    desk["appraised"] = done[0]
    posting = open_posting(actor=None, round=nom.round, proposals=done[1:], channel="portal",
                           opens_on=TODAY - 30 * DAY)  # fmt: skip
    record_comment(actor=None, posting=posting, proposal=done[1], text="Góp ý.", received_on=posting.opens_on)
    comment = record_comment(
        actor=None, posting=posting, proposal=done[2], text="Ý kiến.", received_on=posting.opens_on
    )
    handle_comment(actor=None, comment=comment, accepted=True, reason="Đã giải trình.")
    desk["commented"], desk["handled"] = done[1], done[2]
    return_proposal(actor=None, proposal=returned, reason="Bổ sung báo cáo.", fields=["report"])
    (desk["draft"],) = propose(actor=None, round=nom.round, unit=world.division, award=nom.giay_khen,
                               people=[waiting.person])  # fmt: skip
    return desk


def test_the_secretariat_has_the_appraisal_work(world, desk, login):
    found = tasks(world.secretariat)

    counts = {label: task.count for label, task in found.items()}
    assert counts == {WAITING: 2, OVERDUE: 1, COMMENTED: 1, APPRAISED: 1, HANDLED: 1}
    assert found[WAITING].due == TODAY - 3 * DAY and found[WAITING].urgent
    assert found[OVERDUE].urgent
    client = login(world.secretariat)
    assert listed(client, found[WAITING].url) == {desk["waiting"].pk, desk["late"].pk}
    assert listed(client, found[OVERDUE].url) == {desk["late"].pk}
    assert listed(client, found[COMMENTED].url) == {desk["commented"].pk}
    assert listed(client, found[APPRAISED].url) == {desk["appraised"].pk}
    assert listed(client, found[HANDLED].url) == {desk["handled"].pk}


def test_the_officer_has_her_units_drafts_and_returned_proposals(world, nom, desk):
    found = tasks(world.officer)

    assert {label: task.count for label, task in found.items()} == {DRAFTS: 1, RETURNED: 1, CLOSING: 0}
    assert found[DRAFTS].due == nom.round.deadline and not found[DRAFTS].urgent
    assert found[DRAFTS].url == f"/app/nominations/rounds/{nom.round.pk}/?status=draft"
    assert found[RETURNED].url == f"/app/nominations/rounds/{nom.round.pk}/?status=returned"


def test_a_round_closing_this_week_with_drafts_is_named(world, nom, desk):
    soon = open_round(actor=None, agency=world.agency, name="Xét khen thưởng chuyên đề", year=TODAY.year,
                      deadline=TODAY + 3 * DAY, awards=[award("giay-khen")])  # fmt: skip
    propose(
        actor=None, round=soon, unit=world.division, award=award("giay-khen"), people=[world.division_person]
    )

    found = tasks(world.officer)

    assert (found[CLOSING].count, found[CLOSING].due) == (1, soon.deadline)
    assert found[CLOSING].url == f"/app/nominations/rounds/{soon.pk}/?status=draft"
    assert found[DRAFTS].count == 2 and found[DRAFTS].url == "/app/nominations/"  # two rounds: the list


def test_the_nominee_has_her_line_to_confirm_until_she_answers(world, nom, login):
    (lan,) = propose(
        actor=None, round=nom.round, unit=world.office, award=nom.ldtt, people=[world.office_person]
    )

    assert tasks(world.staff)[LINES].count == 1 and tasks(world.staff)[LINES].url == "/app/nominations/mine/"
    confirm_line(actor=world.staff, proposal=lan, correct=True)
    assert tasks(world.staff)[LINES].count == 0


def test_no_nomination_task_for_a_member_without_work(world, desk):
    assert tasks(world.council) == {} and tasks(world.editor) == {}


def counted(user) -> tuple[int, int]:
    """(queries, tasks) of the user's nomination tasks; her scope read before."""
    scope_for(user)
    with CaptureQueriesContext(connection) as captured:
        found = tasks(user)
    return len(captured), len(found)


@pytest.mark.parametrize("who", ["secretariat", "officer"])
def test_one_query_per_role_whatever_the_number_of_proposals(world, nom, who):
    user = getattr(world, who)
    submitted(nom, world.division, people(world, 1))
    propose(actor=None, round=nom.round, unit=world.division, award=nom.giay_khen, people=people(world, 1))
    one = counted(user)
    submitted(nom, world.division, [staff_in(world.division, given_name=f"Bảy{n}") for n in range(7)])
    more = [staff_in(world.division, given_name=f"Tám{n}") for n in range(7)]
    propose(actor=None, round=nom.round, unit=world.division, award=nom.giay_khen, people=more)

    # one query for the role's tasks (five for the secretariat, three for the officer), the same with more
    assert counted(user) == one and one == ((1, 5) if who == "secretariat" else (1, 3))
