"""The council's panels on other apps' pages: the vote on a proposal's page (totals once closed, never a
member's choice) and the home page's meetings."""

from django.urls import reverse

from council.domain import meetings
from tests.council.helpers_domain import vote


def test_the_proposal_page_shows_the_councils_result_once_closed(cw, client):
    item = cw.item("Trần Thị Lan")
    client.force_login(cw.secretary)
    url = reverse("nominations:proposal", args=[item.proposal_id])
    meetings.open_ballot(actor=None, meeting=cw.meeting)
    assert "Đang biểu quyết" in client.get(url).content.decode()
    vote(cw, {"Trần Thị Lan": 6})
    meetings.close_ballot(actor=None, meeting=cw.meeting)
    page = client.get(url).content.decode()
    assert "6 phiếu đồng ý, cần 5/9" in page and "Hội đồng đã thông qua" in page
    assert cw.members[0][0].person.full_name not in page


def test_the_home_page_shows_a_member_the_open_ballot(cw, client):
    meetings.open_ballot(actor=None, meeting=cw.meeting)
    _membership, user = cw.members[0]
    client.force_login(user)
    page = client.get(reverse("home")).content.decode()
    assert cw.meeting.title in page and reverse("council:ballot", args=[cw.meeting.pk]) in page
    client.force_login(cw.world.staff)
    assert cw.meeting.title not in client.get(reverse("home")).content.decode()
