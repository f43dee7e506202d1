"""Public posting screens (nominations/views/postings.py): opening a posting for appraised proposals (ticked
across pages, the working days prefilled from the law, the closing day computed on the agency's calendar as
the inputs change), the posting's page with its comments (a constant number of queries), recording a comment
(refused once the posting has closed, nothing saved) and handling one. Permission comes before any form."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from nominations.domain.appraisal import appraise_proposal
from nominations.domain.posting import closing_day, open_posting, posting_rule_of, record_comment
from nominations.domain.proposals import propose, submit_proposal, update_proposal
from nominations.models import Comment, Handling, Posting, Proposal, Status
from nominations.views.postings import required_days
from tests.factories import account_with_role, staff_in
from tests.nominations.conftest import complete_dossier
from workdays.models import DayException, Kind

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def appraised(world, nom, count: int) -> list[Proposal]:
    """`count` people of the division proposed for Lao động tiên tiến, submitted and appraised."""
    people = [
        staff_in(world.division, family_name="Võ", middle_name="Thị", given_name=f"Mai{n}")
        for n in range(count)
    ]
    made = propose(actor=None, round=nom.round, unit=world.division, award=nom.ldtt, people=people)
    complete_dossier(nom.round, world.division)
    done = []
    for proposal in made:
        proposal = update_proposal(actor=None, proposal=proposal, report="Báo cáo.", justification="Xem xét.")
        proposal = submit_proposal(actor=None, proposal=proposal)
        done.append(appraise_proposal(actor=None, proposal=proposal, opinion="Đủ điều kiện."))
    return done


def messages_of(response) -> list[str]:
    response.client.cookies.pop("messages", None)
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def two(world, nom):
    return appraised(world, nom, 2)


@pytest.fixture
def posted(world, nom, two):
    """The two proposals posted from today (the posting open)."""
    return open_posting(actor=None, round=nom.round, proposals=two, channel="portal", opens_on=nom.today)


@pytest.fixture
def closed(world, nom, two):
    """The two proposals posted a month ago (the posting closed)."""
    return open_posting(
        actor=None, round=nom.round, proposals=two, channel="board", opens_on=nom.today - 30 * DAY
    )


# --- opening -----------------------------------------------------------------------------------------------


def test_the_form_lists_the_appraised_proposals_with_the_days_the_law_requires(world, nom, two, login):
    response = login(world.secretariat).get(reverse("nominations:posting_new", args=[nom.round.pk]))

    assert response.status_code == 200
    assert [p.pk for p in response.context["page"]] == [p.pk for p in two]
    days = posting_rule_of(two[0]).days
    assert days and response.context["form"]["working_days"].value() == days
    expected = closing_day(nom.today, days, agency=world.agency)
    assert response.context["closes_on"] == expected
    assert expected.strftime("%d/%m/%Y") in response.content.decode()
    assert required_days(Proposal.objects.filter(pk__in=[p.pk for p in two])) == days


def test_the_closing_day_follows_the_inputs_on_the_agencys_calendar(world, nom, two, login):
    opens = dt.date(2026, 4, 27)  # Giỗ Tổ observed; 30/4 and 1/5 national days off; 4/5 the agency's own
    DayException.objects.create(agency=world.agency, day=dt.date(2026, 5, 4), kind=Kind.OFF, reason="Nghỉ bù")
    url = reverse("nominations:posting_new", args=[nom.round.pk])

    response = login(world.secretariat).get(
        url, {"closing": "1", "opens_on": "27/04/2026", "working_days": "5"}, headers={"HX-Request": "true"}
    )

    assert closing_day(opens, 5, agency=world.agency) == dt.date(2026, 5, 7)  # 28, 29/4, then 5, 6, 7/5
    body = response.content.decode()
    assert (
        body.lstrip().startswith('<p id="closing-day"')
        and "Đợt công khai kết thúc vào <strong>Thứ 5 07/05/2026</strong>" in body
    )
    bad = login(world.secretariat).get(
        url, {"closing": "1", "opens_on": "31/02/2026"}, headers={"HX-Request": "true"}
    )
    assert "Nhập ngày bắt đầu và số ngày làm việc để xem ngày kết thúc." in bad.content.decode()


def test_opening_a_posting(world, nom, two, login):
    url = reverse("nominations:posting_new", args=[nom.round.pk])
    data = {"proposals": [p.pk for p in two], "channel": "board", "opens_on": nom.today.strftime("%d/%m/%Y"),
            "working_days": "7", "save": "1"}  # fmt: skip

    response = login(world.secretariat).post(url, data)

    posting = Posting.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "nominations:posting", args=[posting.pk]
    )
    assert (posting.channel, posting.working_days) == ("board", 7)
    assert posting.closes_on == closing_day(nom.today, 7, agency=world.agency)
    assert {(p.status, p.posting_id) for p in Proposal.objects.all()} == {(Status.POSTED, posting.pk)}
    assert messages_of(response) == [f"Đã công khai 2 đề nghị đến hết ngày {posting.closes_on:%d/%m/%Y}."]


def test_a_posting_without_proposals_is_refused(world, nom, two, login):
    url = reverse("nominations:posting_new", args=[nom.round.pk])
    data = {"channel": "portal", "opens_on": nom.today.strftime("%d/%m/%Y"), "working_days": "5", "save": "1"}

    response = login(world.secretariat).post(url, data)

    assert response.status_code == 200
    assert "Chọn các đề nghị đã thẩm định để công khai." in response.content.decode()
    assert not Posting.objects.exists() and {p.status for p in Proposal.objects.all()} == {Status.APPRAISED}


def test_moving_to_another_page_keeps_the_ticked_proposals(world, nom, two, login):
    url = reverse("nominations:posting_new", args=[nom.round.pk])
    data = {
        "proposals": [two[1].pk],
        "goto": "1",
        "channel": "press",
        "opens_on": "01/12/2026",
        "working_days": "9",
    }

    response = login(world.secretariat).post(url, data)

    assert response.context["chosen"] == {two[1].pk}
    assert response.context["form"]["working_days"].value() == "9"
    assert f'value="{two[1].pk}" id="proposal-{two[1].pk}" checked' in response.content.decode()
    assert not Posting.objects.exists()


def test_only_the_secretariat_opens_a_posting(world, nom, two, login):
    url = reverse("nominations:posting_new", args=[nom.round.pk])
    data = {"proposals": [p.pk for p in two], "save": "1"}
    for user in (world.officer, world.staff, world.council):
        client = login(user)
        assert client.get(url).status_code == 403
        response = client.post(url, data)
        assert response.status_code == 403 and not messages_of(response)
    assert not Posting.objects.exists()


# --- the posting's page and its comments -------------------------------------------------------------------


def test_the_posting_page_shows_each_proposal_with_its_comments_and_their_handling(world, nom, closed, login):
    first, second = closed.proposals.order_by("pk")
    day = closed.opens_on
    handled = record_comment(actor=None, posting=closed, proposal=first, text="Cần làm rõ.", received_on=day,
                             author="Nguyễn Văn Bình")  # fmt: skip
    Comment.objects.filter(pk=handled.pk).update(handling=Handling.ACCEPTED, handling_reason="Đã bổ sung.")
    record_comment(actor=None, posting=closed, proposal=second, text="Không đồng ý.", received_on=day)

    response = login(world.secretariat).get(reverse("nominations:posting", args=[closed.pk]))

    body = response.content.decode()
    assert response.context["pending"] == 1
    assert "Cần làm rõ." in body and "Đã bổ sung." in body and "Nguyễn Văn Bình" in body
    assert f'data-testid="handle-{handled.pk}"' not in body  # handled: no form
    assert (
        'data-testid="handle-' in body and 'data-testid="comment-form"' not in body
    )  # closed: no new comment
    assert f"Đợt công khai đã kết thúc ngày {closed.closes_on:%d/%m/%Y}" in body


def test_a_unit_member_reads_the_posting_without_the_forms(world, nom, posted, login):
    response = login(world.officer).get(reverse("nominations:posting", args=[posted.pk]))

    assert response.status_code == 200
    assert 'data-testid="comment-form"' not in response.content.decode()


def queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_posting_page_takes_as_many_queries_for_one_proposal_as_for_eight(world, nom, login):
    client = login(world.secretariat)

    def posting_of(proposals):
        posting = open_posting(
            actor=None, round=nom.round, proposals=proposals, channel="portal", opens_on=nom.today
        )
        for proposal in proposals:
            record_comment(
                actor=None, posting=posting, proposal=proposal, text="Góp ý.", received_on=nom.today
            )
        return reverse("nominations:posting", args=[posting.pk])

    proposals = appraised(world, nom, 9)
    one, eight = posting_of(proposals[:1]), posting_of(proposals[1:])

    assert queries(client, one) == queries(client, eight)


def test_recording_a_comment_on_an_open_posting(world, nom, posted, login):
    proposal = posted.proposals.first()
    day = nom.today.strftime("%d/%m/%Y")
    data = {
        "proposal": proposal.pk,
        "author": "Trần Văn Cường",
        "received_on": day,
        "text": "Làm rõ thành tích.",
    }

    response = login(world.secretariat).post(reverse("nominations:comment_new", args=[posted.pk]), data)

    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.proposal_id, comment.author, comment.handling) == (
        proposal.pk,
        "Trần Văn Cường",
        Handling.PENDING,
    )


def test_a_comment_on_a_closed_posting_is_refused_and_nothing_saved(world, nom, closed, login):
    data = {"proposal": closed.proposals.first().pk, "received_on": closed.opens_on.strftime("%d/%m/%Y"),
            "text": "Góp ý muộn."}  # fmt: skip

    response = login(world.secretariat).post(reverse("nominations:comment_new", args=[closed.pk]), data)

    assert response.status_code == 200
    message = f"Đợt công khai đã kết thúc ngày {closed.closes_on:%d/%m/%Y}: không thể thêm ý kiến."
    assert message in response.content.decode().split('data-testid="comment-form"')[1]
    assert not Comment.objects.exists()


def test_a_comment_on_a_proposal_outside_the_posting_is_refused(world, nom, posted, login):
    (other,) = appraised(world, nom, 1)
    data = {"proposal": other.pk, "received_on": nom.today.strftime("%d/%m/%Y"), "text": "Góp ý."}

    response = login(world.secretariat).post(reverse("nominations:comment_new", args=[posted.pk]), data)

    assert "Đề nghị không thuộc đợt công khai này." in response.content.decode()
    assert not Comment.objects.exists()


def test_handling_a_comment(world, nom, posted, login):
    comment = record_comment(actor=None, posting=posted, proposal=posted.proposals.first(), text="Góp ý.",
                             received_on=nom.today)  # fmt: skip
    url = reverse("nominations:comment_handle", args=[comment.pk])
    client = login(world.secretariat)

    refused = client.post(url, {"accepted": "no", "reason": ""})
    assert refused.status_code == 200 and "Ghi cách xử lý ý kiến và lý do." in refused.content.decode()
    assert Comment.objects.get().handling == Handling.PENDING

    response = client.post(url, {"accepted": "no", "reason": "Thành tích đã được xác minh."})

    assert response.status_code == 302 and response["Location"].endswith(f"#comment-{comment.pk}")
    stored = Comment.objects.get()
    assert (stored.handling, stored.handling_reason) == (Handling.REJECTED, "Thành tích đã được xác minh.")
    assert stored.handled_by == world.secretariat


def test_only_the_secretariat_records_and_handles_comments(world, nom, posted, login):
    comment = record_comment(actor=None, posting=posted, proposal=posted.proposals.first(), text="Góp ý.",
                             received_on=nom.today)  # fmt: skip
    other = account_with_role(Role.SECRETARIAT, agency=world.other_agency, username="thuongtruckhac")
    new_url = reverse("nominations:comment_new", args=[posted.pk])
    handle_url = reverse("nominations:comment_handle", args=[comment.pk])
    for user, status in ((world.officer, 403), (world.staff, 403), (other, 404)):
        client = login(user)
        for url in (new_url, handle_url):
            response = client.post(url, {})
            assert response.status_code == status and not messages_of(response)
            assert 'class="errorlist' not in response.content.decode()
    assert Comment.objects.get().handling == Handling.PENDING and Comment.objects.count() == 1
