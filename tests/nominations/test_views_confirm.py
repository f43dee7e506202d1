"""The nominee's confirmation on a phone (nominations/views/confirm.py): her own proposals with the printed
line and two big buttons; confirming, reporting an error (a note required), a constant number of queries; no
one else confirms her line, and nothing changes when someone tries."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activity.models import ActivityLog
from nominations.domain.proposals import propose
from nominations.domain.rounds import open_round
from nominations.models import Confirmation, Proposal
from tests.nominations.conftest import award

pytestmark = pytest.mark.django_db


@pytest.fixture
def lan(world, nom):
    """Lan (the staff account's person, of the office) proposed for Lao động tiên tiến; Minh (the division)
    too, whose line is not hers."""
    (mine,) = propose(
        actor=None, round=nom.round, unit=world.office, award=nom.ldtt, people=[world.office_person]
    )
    propose(actor=None, round=nom.round, unit=world.division, award=nom.ldtt, people=[world.division_person])
    return mine


def reload(proposal) -> Proposal:
    return Proposal.objects.get(pk=proposal.pk)


def messages_of(response) -> list[str]:
    response.client.cookies.pop("messages", None)
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_nominee_sees_her_own_lines_with_the_two_answers(world, lan, login):
    response = login(world.staff).get(reverse("nominations:mine"))

    assert [p.pk for p in response.context["page"]] == [lan.pk]
    body = response.content.decode()
    assert "Trần Thị Lan" in body and lan.line_unit in body and "Lê Văn Minh" not in body
    assert f'data-testid="confirm-yes-{lan.pk}"' in body and f'data-testid="confirm-no-{lan.pk}"' in body
    assert 'class="primary big"' in body  # a full-width button on a phone
    assert str(Confirmation.PENDING.label) in body


def test_the_nominee_confirms_her_line(world, lan, login):
    response = login(world.staff).post(
        reverse("nominations:proposal_confirm", args=[lan.pk]), {"correct": "yes"}
    )

    assert response.status_code == 302 and response["Location"] == reverse("nominations:mine")
    stored = reload(lan)
    assert (stored.confirmation, stored.confirmation_note) == (Confirmation.CONFIRMED, "")
    assert stored.confirmed_at is not None
    assert messages_of(response) == ["Cảm ơn: thông tin của bạn đã được xác nhận."]
    assert ActivityLog.objects.get(action="nominations.proposal.confirmed").actor == world.staff


def test_the_nominee_reports_an_error(world, lan, login):
    url = reverse("nominations:proposal_confirm", args=[lan.pk])
    data = {"correct": "no", "note": "Ngày sinh đúng là 12/03/1985."}

    response = login(world.staff).post(url, data)

    assert response.status_code == 302
    stored = reload(lan)
    assert (stored.confirmation, stored.confirmation_note) == (
        Confirmation.DISPUTED,
        "Ngày sinh đúng là 12/03/1985.",
    )


def test_an_error_without_a_note_is_refused(world, lan, login):
    url = reverse("nominations:proposal_confirm", args=[lan.pk])

    response = login(world.staff).post(url, {"correct": "no", "note": " "})

    assert response.status_code == 200
    assert "Ghi rõ thông tin nào chưa đúng để đơn vị sửa." in response.content.decode()
    assert reload(lan).confirmation == Confirmation.PENDING


def test_the_confirmation_page_shows_one_line(world, lan, login):
    response = login(world.staff).get(reverse("nominations:proposal_confirm", args=[lan.pk]))

    assert response.status_code == 200 and response.context["proposal"].pk == lan.pk


def test_no_one_else_confirms_her_line(world, lan, login):
    url = reverse("nominations:proposal_confirm", args=[lan.pk])
    for user, status in ((world.secretariat, 403), (world.head, 404), (world.officer, 404)):
        client = login(user)
        for response in (client.get(url), client.post(url, {"correct": "yes"})):
            assert response.status_code == status, user
            assert not messages_of(response)
    assert reload(lan).confirmation == Confirmation.PENDING
    assert not ActivityLog.objects.filter(action="nominations.proposal.confirmed").exists()


def test_an_account_without_a_person_has_no_proposals_page(world, login):
    assert login(world.officer).get(reverse("nominations:mine")).status_code == 403


def queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_her_proposals_take_as_many_queries_for_one_as_for_eight(world, nom, login):
    client = login(world.staff)
    url = reverse("nominations:mine")
    propose(actor=None, round=nom.round, unit=world.office, award=nom.ldtt, people=[world.office_person])
    one = queries(client, url)
    for n in range(7):
        deadline = nom.today + dt.timedelta(days=5)
        other = open_round(actor=None, agency=world.agency, name=f"Đợt {n}", year=nom.today.year,
                           deadline=deadline, awards=[award("giay-khen")])  # fmt: skip
        propose(
            actor=None, round=other, unit=world.office, award=award("giay-khen"), people=[world.office_person]
        )

    assert queries(client, url) == one
    assert len(client.get(url).context["page"].object_list) == 8
