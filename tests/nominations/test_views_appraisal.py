"""The secretariat's appraisal screens (nominations/views/appraisal.py): the queue — its filters, counters,
the processing clock's highlights, each row's missing parts and flags, a constant number of queries —, its
bulk actions, returning a proposal (a reason required, the parts named), appraising one, sending one to the
council once its posting has closed and its comments are handled. Permission comes before any form error."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from activity.models import ActivityLog
from nominations.domain.appraisal import appraise_proposal
from nominations.domain.posting import handle_comment, open_posting, record_comment
from nominations.domain.proposals import propose, submit_proposal, update_proposal
from nominations.models import Confirmation, Proposal, Status, UnitDossier
from tests.factories import account_with_role, staff_in
from tests.nominations.conftest import complete_dossier

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def submitted(nom, unit, people, *, award=None) -> list[Proposal]:
    """`people` of `unit` proposed for Lao động tiên tiến (or `award`) with a complete dossier, submitted."""
    made = propose(actor=None, round=nom.round, unit=unit, award=award or nom.ldtt, people=people)
    if not UnitDossier.objects.filter(round=nom.round, unit=unit, cover__isnull=False).exists():
        complete_dossier(nom.round, unit)
    done = []
    for proposal in made:
        proposal = update_proposal(
            actor=None, proposal=proposal, report="Báo cáo thành tích.", justification="Đề nghị xem xét."
        )
        done.append(submit_proposal(actor=None, proposal=proposal))
    return done


def many(world, count: int) -> list:
    return [
        staff_in(world.division, family_name="Ngô", middle_name="Văn", given_name=f"An{n}")
        for n in range(count)
    ]


def messages_of(response) -> list[str]:
    """The messages of the response's request (the client's unread ones dropped before the next request)."""
    response.client.cookies.pop("messages", None)
    return [str(m) for m in get_messages(response.wsgi_request)]


def reload(proposal) -> Proposal:
    return Proposal.objects.get(pk=proposal.pk)


@pytest.fixture
def three(world, nom):
    """Three submitted proposals of the division: one overdue, one due tomorrow, one due in a month."""
    people = [world.division_person, *many(world, 2)]
    proposals = submitted(nom, world.division, people)
    for proposal, days in zip(proposals, (-2, 1, 30), strict=True):
        Proposal.objects.filter(pk=proposal.pk).update(appraisal_due_on=nom.today + days * DAY)
    return [reload(p) for p in proposals]


# --- the queue ---------------------------------------------------------------------------------------------


def test_the_queue_sorts_by_due_date_and_highlights_overdue_and_near_due(world, three, login):
    overdue, tomorrow, later = three
    response = login(world.secretariat).get(reverse("nominations:queue"))

    assert [p.pk for p in response.context["page"]] == [overdue.pk, tomorrow.pk, later.pk]
    rows = {p.pk: p.due_class for p in response.context["page"]}
    assert rows == {overdue.pk: "due-overdue", tomorrow.pk: "due-soon", later.pk: ""}
    body = response.content.decode()
    assert f'<tr class="due-overdue" data-testid="row-{overdue.pk}">' in body
    assert (later.appraisal_due_on.strftime("%d/%m/%Y")) in body
    assert f">{Status.SUBMITTED.label}<" in body and ">submitted<" not in body  # the label, never the code


def test_the_queue_shows_submitted_by_default_with_counters_by_status(world, nom, three, login):
    appraise_proposal(actor=None, proposal=three[2], opinion="Đủ điều kiện.")
    client = login(world.secretariat)

    response = client.get(reverse("nominations:queue"))

    assert {p.pk for p in response.context["page"]} == {three[0].pk, three[1].pk}
    counters = {c["label"]: c["count"] for c in response.context["counters"]}
    assert counters["Tất cả"] == 3 and counters[Status.SUBMITTED.label] == 2
    assert counters[Status.APPRAISED.label] == 1 and counters[Status.DRAFT.label] == 0
    everything = client.get(reverse("nominations:queue"), {"status": ""})
    assert {p.pk for p in everything.context["page"]} == {p.pk for p in three}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"due": "overdue"}, [0]),
        ({"due": "soon"}, [1]),
        ({"status": "appraised"}, []),
        ({"verdict": "eligible"}, [0]),
    ],
)
def test_the_queue_filters(world, three, login, filters, expected):
    response = login(world.secretariat).get(reverse("nominations:queue"), filters)

    assert [p.pk for p in response.context["page"]] == [three[n].pk for n in expected]


def test_the_queue_filters_by_unit_round_and_award(world, nom, three, login):
    (team,) = submitted(nom, world.team, [world.team_person])
    client = login(world.secretariat)

    by_unit = client.get(reverse("nominations:queue"), {"unit": world.team.pk})
    by_round = client.get(reverse("nominations:queue"), {"round": nom.round.pk, "award": nom.ldtt.pk})

    assert [p.pk for p in by_unit.context["page"]] == [team.pk]
    assert len(by_round.context["page"].object_list) == 4
    assert reverse("nominations:posting_new", args=[nom.round.pk]) in by_round.content.decode()


def test_each_row_counts_its_missing_dossier_parts_and_its_flags(world, nom, three, login):
    (again,) = submitted(nom, world.division, [world.division_person], award=nom.giay_khen)
    Proposal.objects.filter(pk=three[1].pk).update(report="")

    response = login(world.secretariat).get(reverse("nominations:queue"))

    rows = {p.pk: (p.missing_count, p.flag_count) for p in response.context["page"]}
    assert rows[three[0].pk] == (0, 1)  # Minh is proposed for two awards this year
    assert rows[again.pk] == (0, 1)
    assert rows[three[1].pk] == (1, 0)
    assert rows[three[2].pk] == (0, 0)


def test_the_queue_is_the_secretariats(world, three, login):
    for user in (world.officer, world.staff, world.head):
        assert login(user).get(reverse("nominations:queue")).status_code == 403


def queries(client, url) -> int:
    client.get(url)  # warm the caches (the scope, the inbox count that new notices changed)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_queue_takes_as_many_queries_for_one_proposal_as_for_eight(world, nom, login):
    client = login(world.secretariat)
    url = reverse("nominations:queue")
    submitted(nom, world.division, [world.division_person])
    one = queries(client, url)
    submitted(nom, world.division, many(world, 7))

    assert queries(client, url) == one
    assert len(client.get(url).context["page"].object_list) == 8


# --- returning ---------------------------------------------------------------------------------------------


def test_a_return_without_a_reason_is_refused_and_nothing_changes(world, three, login):
    proposal = three[0]
    response = login(world.secretariat).post(
        reverse("nominations:proposal_return", args=[proposal.pk]), {"reason": "  "}
    )

    assert response.status_code == 200
    assert "Ghi lý do trả lại đề nghị" in response.content.decode()
    assert reload(proposal).status == Status.SUBMITTED
    assert not ActivityLog.objects.filter(action="nominations.proposal.returned").exists()


def test_a_return_naming_one_part(world, three, login):
    proposal = three[0]
    url = reverse("nominations:proposal_return", args=[proposal.pk])
    client = login(world.secretariat)
    assert "Báo cáo thành tích" in client.get(url).content.decode() or client.get(url).status_code == 200

    response = client.post(url, {"reason": "Bổ sung số quyết định khen thưởng.", "parts": ["report"]})

    assert response.status_code == 302 and response["Location"] == reverse(
        "nominations:proposal", args=[proposal.pk]
    )
    stored = reload(proposal)
    assert (stored.status, stored.returned_fields) == (Status.RETURNED, ["report"])
    assert stored.return_reason == "Bổ sung số quyết định khen thưởng."


@pytest.mark.parametrize("view", ["proposal_return", "proposal_appraise", "proposal_ready"])
def test_who_may_not_appraise_is_refused_before_the_form(world, three, login, view):
    other = account_with_role(Role.SECRETARIAT, agency=world.other_agency, username="thuongtruckhac")
    proposal = three[0]
    url = reverse(f"nominations:{view}", args=[proposal.pk])

    for user, status in ((world.officer, 403), (world.head, 403), (other, 404)):
        client = login(user)
        response = client.post(url, {})
        assert response.status_code == status, user
        assert 'class="errorlist' not in response.content.decode() and not messages_of(response)
    assert reload(proposal).status == Status.SUBMITTED
    assert not ActivityLog.objects.filter(
        action__startswith="nominations.proposal.", actor=world.officer
    ).exists()


# --- appraising --------------------------------------------------------------------------------------------


def test_the_appraisal_page_shows_the_flags_and_the_unconfirmed_line(world, nom, three, login):
    submitted(nom, world.division, [world.division_person], award=nom.giay_khen)
    response = login(world.secretariat).get(reverse("nominations:proposal_appraise", args=[three[0].pk]))

    body = response.content.decode()
    assert [f["code"] for f in response.context["flags"]] == ["twice"]
    assert 'class="facts printed-line unconfirmed"' in body
    assert str(Confirmation.PENDING.label) in body and "Lê Văn Minh" in body


def test_appraising_records_the_opinion(world, three, login):
    url = reverse("nominations:proposal_appraise", args=[three[1].pk])
    response = login(world.secretariat).post(url, {"opinion": "Hồ sơ đầy đủ, đủ điều kiện."})

    assert response.status_code == 302
    stored = reload(three[1])
    assert (stored.status, stored.opinion) == (Status.APPRAISED, "Hồ sơ đầy đủ, đủ điều kiện.")


def test_an_appraisal_without_an_opinion_changes_nothing(world, three, login):
    url = reverse("nominations:proposal_appraise", args=[three[1].pk])
    response = login(world.secretariat).post(url, {"opinion": ""})

    assert response.status_code == 200 and 'class="errorlist' in response.content.decode()
    assert reload(three[1]).status == Status.SUBMITTED


# --- a page at once ----------------------------------------------------------------------------------------


def test_a_page_is_appraised_at_once_and_an_incomplete_one_is_refused(world, three, login):
    Proposal.objects.filter(pk=three[2].pk).update(report="")  # its report was lost: the dossier misses it
    back = reverse("nominations:queue") + "?due=overdue"
    data = {"proposals": [p.pk for p in three], "opinion": "Đủ điều kiện.", "back": back}

    response = login(world.secretariat).post(reverse("nominations:appraise_many"), data)

    assert response.status_code == 302 and response["Location"] == back
    assert [reload(p).status for p in three] == [Status.APPRAISED, Status.APPRAISED, Status.SUBMITTED]
    said = messages_of(response)
    assert said[0] == "Đã thẩm định 2 đề nghị."
    assert said[1].startswith(f"{three[2].subject_name} — {three[2].award.name}: Hồ sơ chưa đầy đủ")
    assert ActivityLog.objects.filter(action="nominations.proposal.appraised").count() == 2


def test_a_proposal_moved_meanwhile_is_named_and_the_others_appraised(world, three, login):
    appraise_proposal(actor=None, proposal=three[0], opinion="Trước đó.")
    data = {"proposals": [three[0].pk, three[1].pk], "opinion": "Đủ điều kiện."}

    response = login(world.secretariat).post(reverse("nominations:appraise_many"), data)

    assert reload(three[1]).status == Status.APPRAISED and reload(three[0]).opinion == "Trước đó."
    assert len(messages_of(response)) == 2


def test_a_bulk_action_needs_ticked_proposals_and_an_opinion(world, three, login):
    response = login(world.secretariat).post(
        reverse("nominations:appraise_many"), {"proposals": [three[0].pk]}
    )

    assert messages_of(response) == ["Ghi ý kiến thẩm định."]
    assert reload(three[0]).status == Status.SUBMITTED


@pytest.mark.parametrize("name", ["appraise_many", "ready_many"])
def test_the_bulk_actions_are_the_secretariats(world, three, login, name):
    data = {"proposals": [p.pk for p in three], "opinion": "x"}
    for user in (world.officer, world.staff):
        response = login(user).post(reverse(f"nominations:{name}"), data)
        assert response.status_code == 403 and not messages_of(response)
    assert {reload(p).status for p in three} == {Status.SUBMITTED}


# --- to the council ----------------------------------------------------------------------------------------


def test_ready_waits_for_the_posting_to_close_and_every_comment_handled(world, nom, three, login):
    proposal = appraise_proposal(actor=None, proposal=three[0], opinion="Đủ điều kiện.")
    client = login(world.secretariat)
    url = reverse("nominations:proposal_ready", args=[proposal.pk])

    refused = client.post(url)  # the sector model requires a posting first
    assert refused.status_code == 302 and reload(proposal).status == Status.APPRAISED
    assert messages_of(refused) == ["Đề nghị này phải được công khai lấy ý kiến trước khi trình Hội đồng."]

    posting = open_posting(
        actor=None, round=nom.round, proposals=[proposal], channel="portal", opens_on=nom.today
    )
    still_open = client.post(url)
    closes = posting.closes_on.strftime("%d/%m/%Y")
    assert messages_of(still_open) == [
        f"Đợt công khai kết thúc ngày {closes}: đề nghị được trình Hội đồng sau ngày đó."
    ]
    assert reload(proposal).status == Status.POSTED

    posting.opens_on, posting.closes_on = nom.today - 20 * DAY, nom.today - 10 * DAY
    posting.save()
    comment = record_comment(
        actor=None, posting=posting, proposal=proposal, text="Góp ý.", received_on=nom.today - 12 * DAY
    )
    pending = client.post(url)
    assert messages_of(pending) == ["Còn ý kiến về đề nghị này chưa được xử lý."]
    assert reload(proposal).status == Status.POSTED

    handle_comment(actor=None, comment=comment, accepted=False, reason="Không có căn cứ.")
    accepted = client.post(url)
    assert messages_of(accepted) == ["Đề nghị đã được trình Hội đồng."]
    assert reload(proposal).status == Status.READY


def test_a_page_goes_to_the_council_and_the_one_not_ready_is_named(world, nom, three, login):
    appraised = [appraise_proposal(actor=None, proposal=p, opinion="Đủ.") for p in three]
    posting = open_posting(actor=None, round=nom.round, proposals=appraised[:2], channel="board",
                           opens_on=nom.today - 30 * DAY)  # fmt: skip
    assert posting.has_closed()

    response = login(world.secretariat).post(
        reverse("nominations:ready_many"), {"proposals": [p.pk for p in appraised]}
    )

    assert [reload(p).status for p in appraised] == [Status.READY, Status.READY, Status.APPRAISED]
    assert messages_of(response)[0] == "Đã trình Hội đồng 2 đề nghị."
