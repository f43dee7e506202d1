"""The member's ballot on a phone (council/views/ballot.py): the items he votes on, all on one screen or one
per screen, the review, the cast whose response alone shows the receipt code; the refusals (twice, recused,
not open, closed) with the domain's message and nothing stored twice; a substitute's seat; abstaining only
where allowed; the receipt check after the close; the secrecy of the pages; a constant number of queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import Role
from activity.models import ActivityLog
from council import ballot_box
from council.domain import ballot, meetings
from council.models import Ballot, Choice, How, Item, Meeting, Participation, Presence
from tests.council.conftest import ready
from tests.factories import account_with_role, staff_in

pytestmark = pytest.mark.django_db

TWICE = "A ballot of this seat is already in the box for one of these items."


def url(cw, name="ballot", query=""):
    return reverse(f"council:{name}", args=[cw.meeting.pk]) + query


def items(cw) -> list[Item]:
    return list(cw.meeting.items.order_by("position"))


def answers(cw, choice="for", skip=()) -> dict:
    return {f"item-{item.pk}": choice for item in items(cw) if item.pk not in skip}


def as_member(client, cw, index):
    client.force_login(cw.members[index][1])
    return client


def stored(membership=None) -> tuple[int, int]:
    """(participation rows — of the seat if given —, ballot rows)."""
    rows = Participation.objects.all()
    if membership is not None:
        rows = rows.filter(membership=membership)
    return rows.count(), Ballot.objects.count()


def open_ballot(cw):
    meetings.open_ballot(actor=cw.secretary, meeting=cw.meeting)
    cw.meeting.refresh_from_db()


def own_item(cw):
    """The item of the proposal for member 4 (index 3): he is recused from it."""
    return next(item for item in items(cw) if item.proposal.person_id == cw.members[3][0].person_id)


def test_the_member_reviews_then_casts_and_is_shown_his_receipt_once(client, cw):
    open_ballot(cw)
    membership = cw.members[0][0]
    as_member(client, cw, 0)

    page = client.get(url(cw))
    body = page.content.decode()
    assert page["Cache-Control"].count("no-store") == 1
    for item in items(cw):
        assert (
            f'name="item-{item.pk}" value="for"' in body and f'name="item-{item.pk}" value="against"' in body
        )
        assert item.proposal.subject_name in body and item.proposal.award.name in body
    assert 'value="abstain"' not in body  # the agency does not allow abstaining

    review = client.post(url(cw), {"go": "review", **answers(cw)})
    assert [label for _item, label in review.context["rows"]] == [Choice.FOR.label] * 4
    assert 'data-testid="ballot-cast"' in review.content.decode()
    assert stored() == (0, 0)  # the review stores nothing

    cast = client.post(url(cw, "ballot_cast"), answers(cw))

    assert cast.status_code == 200 and "no-store" in cast["Cache-Control"]
    code = cast.context["code"]
    assert f'data-testid="receipt-code">{code}<' in cast.content.decode()
    assert stored(membership) == (4, 4)
    receipts = {ballot_box.fingerprint(code, item.pk) for item in items(cw)}
    assert set(Ballot.objects.values_list("receipt", flat=True)) == receipts
    assert set(Participation.objects.values_list("how", flat=True)) == {How.ELECTRONIC}
    # the code is in that one response only: not in the session, a message, the log or the URL
    assert code not in str(dict(client.session.items()))
    assert not list(cast.context["messages"])
    logged = str(list(ActivityLog.objects.values_list("data", "target_repr")))
    assert code not in logged and code.replace("-", "") not in logged
    after = client.get(url(cw)).content.decode()
    assert code not in after and after.count('data-testid="voted-') == 4


def test_a_second_post_is_refused_and_nothing_is_stored_twice(client, cw):
    open_ballot(cw)
    as_member(client, cw, 1)
    client.post(url(cw, "ballot_cast"), answers(cw))
    before = stored()

    again = client.post(url(cw, "ballot_cast"), answers(cw, "against"))

    assert again.status_code == 409 and "code" not in again.context
    assert _(TWICE) in again.content.decode()
    assert stored() == before == (4, 4)


def test_the_member_does_not_vote_on_his_own_proposal(client, cw):
    open_ballot(cw)
    membership = cw.members[3][0]
    mine = own_item(cw)
    as_member(client, cw, 3)

    body = client.get(url(cw)).content.decode()

    assert f'data-testid="recused-{mine.position}"' in body
    assert f'name="item-{mine.pk}"' not in body
    assert str(cw.items["Nguyễn Văn Dũng"].proposal.subject_name) in body
    # a forged post with his own item is refused by the domain, with its message; nothing stored
    forged = client.post(url(cw, "ballot_cast"), answers(cw))
    assert forged.status_code == 409 and "code" not in forged.context
    assert "Nguyễn Văn Dũng" in forged.context["error"]
    assert stored(membership) == (0, 0)
    # his ballot on the other three goes through
    cast = client.post(url(cw, "ballot_cast"), answers(cw, skip={mine.pk}))
    assert cast.status_code == 200 and stored(membership) == (3, 3)


def test_abstaining_only_where_the_agency_allows_it(client, cw):
    open_ballot(cw)
    as_member(client, cw, 0)
    refused = client.post(url(cw, "ballot_cast"), answers(cw, "abstain"))
    assert refused.status_code == 200 and "code" not in refused.context
    assert _("This answer is not one this meeting allows.") in refused.content.decode()
    assert stored() == (0, 0)

    Meeting.objects.filter(pk=cw.meeting.pk).update(abstain=True)
    as_member(client, cw, 1)
    body = client.get(url(cw)).content.decode()
    assert body.count('value="abstain"') == 4 and str(Choice.ABSTAIN.label) in body
    cast = client.post(url(cw, "ballot_cast"), answers(cw, "abstain"))
    assert cast.status_code == 200 and stored() == (4, 4)


def test_one_item_per_screen_carries_the_answers_in_the_form(client, cw):
    open_ballot(cw)
    first, second, third, fourth = items(cw)
    as_member(client, cw, 0)

    page = client.get(url(cw, query=f"?item={first.position}")).content.decode()
    assert f'name="item-{first.pk}"' in page and f'name="item-{second.pk}"' not in page

    step = client.post(url(cw, query=f"?item={first.position}"), {"go": "next", f"item-{first.pk}": "for"})
    assert step.context["current"] == second
    body = step.content.decode()
    assert f'<input type="hidden" name="item-{first.pk}" value="for">' in body
    assert f'type="radio" name="item-{second.pk}"' in body

    # forward without an answer: the same item, with the error
    unanswered = client.post(
        url(cw, query=f"?item={second.position}"), {"go": "next", f"item-{first.pk}": "for"}
    )
    assert unanswered.context["current"] == second
    assert _("Choose your answer on this item.") in unanswered.content.decode()

    # back keeps the answers given
    back = client.post(
        url(cw, query=f"?item={second.position}"),
        {"go": "back", f"item-{first.pk}": "for", f"item-{second.pk}": "against"},
    )
    assert back.context["current"] == first
    assert f'<input type="hidden" name="item-{second.pk}" value="against">' in back.content.decode()
    assert back.context["form"][f"item-{first.pk}"].value() == "for"

    data = {
        f"item-{i.pk}": c
        for i, c in zip((first, second, third, fourth), ("for", "against", "for", "for"), strict=True)
    }
    review = client.post(url(cw, query=f"?item={fourth.position}"), {"go": "review", **data})
    assert [str(label) for _i, label in review.context["rows"]] == [
        str(Choice.FOR.label),
        str(Choice.AGAINST.label),
        str(Choice.FOR.label),
        str(Choice.FOR.label),
    ]
    assert review.context["walk_from"] == first  # "change my answers" goes back to the walk
    assert "item-" not in str(dict(client.session.items()))

    cast = client.post(url(cw, "ballot_cast"), data)
    assert cast.status_code == 200 and stored() == (4, 4)


def test_only_the_attending_seats_reach_the_ballot(client, cw):
    open_ballot(cw)
    for user in (cw.members[-1][1], cw.secretary):  # absent with a written vote; the secretariat
        client.force_login(user)
        assert client.get(url(cw)).status_code == 403
        assert client.post(url(cw, "ballot_cast"), answers(cw)).status_code == 403
    assert stored() == (0, 0)


def test_the_page_says_when_the_ballot_is_not_open(client, cw):
    as_member(client, cw, 0)

    before = client.get(url(cw))
    cast = client.post(url(cw, "ballot_cast"), answers(cw))

    assert _("The ballot of this meeting has not opened yet.") in before.content.decode()
    assert _("The ballot of this meeting has not opened yet.") in cast.content.decode()
    assert "code" not in cast.context and stored() == (0, 0)


def vote_all_but(cw, skip_index: int) -> None:
    for n, (membership, user) in enumerate(cw.members[:-1]):
        if n == skip_index:
            continue
        choices = {i.pk: "for" for i in items(cw) if i.proposal.person_id != membership.person_id}
        ballot.cast(actor=user, meeting=cw.meeting, choices=choices)
    written = cw.members[-1][0]
    ballot.record_written(
        actor=cw.secretary, meeting=cw.meeting, membership=written, choices={i.pk: "for" for i in items(cw)}
    )


def test_the_receipt_check_after_the_close(client, cw):
    Item.objects.filter(meeting=cw.meeting).update(secret=True)
    open_ballot(cw)
    first = items(cw)[0]
    as_member(client, cw, 0)
    mixed = {**answers(cw), f"item-{first.pk}": "against"}
    code = client.post(url(cw, "ballot_cast"), mixed).context["code"]
    vote_all_but(cw, 0)
    # while open, nothing to check
    early = client.post(url(cw, "receipt"), {"code": code})
    assert "results" not in early.context
    meetings.close_ballot(actor=cw.secretary, meeting=cw.meeting)

    closed = client.get(url(cw)).content.decode()
    assert _("The ballot of this meeting has ended.") in closed
    assert (
        reverse("council:meeting", args=[cw.meeting.pk]) in closed and 'data-testid="receipt-form"' in closed
    )
    logged = ActivityLog.objects.count()

    found = client.post(url(cw, "receipt"), {"code": code.lower().replace("-", " ")})
    unknown = client.post(url(cw, "receipt"), {"code": "0000-0000-0000-0000"})

    texts = [text.strip() for _item, text in found.context["results"]]
    agree, disagree = (_("counted: %(choice)s") % {"choice": c.label} for c in (Choice.FOR, Choice.AGAINST))
    assert texts == [disagree, agree, agree, agree]
    assert "no-store" in found["Cache-Control"] and code not in found.content.decode()
    assert {t.strip() for _i, t in unknown.context["results"]} == {_("no ballot with this code")}
    assert unknown.context["summary"].strip() == _("No ballot was found with this code.")
    assert len(found.content) == len(unknown.content)  # the size of the page tells nothing
    assert ActivityLog.objects.count() == logged  # nothing logged


def test_the_receipt_check_is_rate_limited(client, cw):
    open_ballot(cw)
    vote_all_but(cw, None)
    meetings.close_ballot(actor=cw.secretary, meeting=cw.meeting)
    as_member(client, cw, 0)
    for _n in range(10):
        assert client.post(url(cw, "receipt"), {"code": "0000-0000-0000-0000"}).status_code == 200

    refused = client.post(url(cw, "receipt"), {"code": "0000-0000-0000-0000"})

    assert refused.status_code == 429 and "results" not in refused.context


def test_nothing_links_the_member_to_his_secret_choice_after_the_cast(client, cw):
    Item.objects.filter(meeting=cw.meeting).update(secret=True)
    open_ballot(cw)
    membership, _user = cw.members[0]
    as_member(client, cw, 0)
    target = items(cw)[2]
    client.post(url(cw, "ballot_cast"), {**answers(cw), f"item-{target.pk}": "against"})

    name = membership.person.full_name
    words = [str(Choice.AGAINST.label), str(Choice.FOR.label), "against"]
    for page in (url(cw), reverse("council:meeting", args=[cw.meeting.pk])):
        body = client.get(page).content.decode()
        for at in (m.start() for m in re.finditer(re.escape(name), body)):
            near = body[max(0, at - 400) : at + 400]
            assert not any(word in near for word in words), page
    ballot_page = client.get(url(cw)).content.decode()
    assert not any(word in ballot_page for word in words)


def substitute_for(cw, indexes):
    """A person from outside the council who stands in for the seats of `indexes` (substitutes allowed)."""
    Meeting.objects.filter(pk=cw.meeting.pk).update(substitutes=True)
    cw.meeting.refresh_from_db()
    person = staff_in(cw.world.office, family_name="Phạm", middle_name="Thu", given_name="Trang")
    user = account_with_role(Role.COUNCIL_MEMBER, agency=cw.world.agency, person=person, username="thayth")
    for index in indexes:
        meetings.record_attendance(
            actor=None, meeting=cw.meeting, membership=cw.members[index][0],
            presence=Presence.SUBSTITUTE, substitute=person, mandate="Giấy ủy quyền số 12/GUQ",
        )  # fmt: skip
    return user


def test_a_substitute_votes_for_the_seat_he_stands_in_for(client, cw):
    user = substitute_for(cw, [7])
    open_ballot(cw)
    client.force_login(user)

    page = client.get(url(cw)).content.decode()
    assert 'data-testid="ballot-seat"' in page and cw.members[7][0].person.full_name in page
    cast = client.post(url(cw, "ballot_cast"), answers(cw))

    assert cast.status_code == 200
    rows = Participation.objects.filter(membership=cw.members[7][0])
    assert rows.count() == 4 and set(rows.values_list("how", flat=True)) == {How.SUBSTITUTE}


def test_a_member_with_two_seats_chooses_the_seat_first(client, cw):
    user = substitute_for(cw, [6, 7])
    open_ballot(cw)
    client.force_login(user)
    seat6, seat7 = cw.members[6][0], cw.members[7][0]

    chooser = client.get(url(cw))
    assert {seat.pk for seat in chooser.context["seats"]} == {seat6.pk, seat7.pk}
    assert f"?seat={seat6.pk}" in chooser.content.decode()
    assert stored() == (0, 0)

    page = client.get(url(cw, query=f"?seat={seat6.pk}"))
    assert page.context["sheet"].seat == seat6
    review = client.post(url(cw), {"go": "review", "seat": seat6.pk, **answers(cw)})
    assert f'name="seat" value="{seat6.pk}"' in review.content.decode()
    cast = client.post(url(cw, "ballot_cast"), {"seat": seat6.pk, **answers(cw)})

    assert cast.status_code == 200
    assert stored(seat6) == (4, 4) and stored(seat7)[0] == 0
    assert client.get(url(cw, query=f"?seat={seat7.pk}")).context["sheet"].votable == items(cw)


def ballot_queries(client, cw) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(cw))
    assert response.status_code == 200 and response.context["sheet"].votable
    return len(queries)


def test_the_ballot_page_makes_as_many_queries_for_4_items_as_for_12(client, cw):
    as_member(client, cw, 0)
    open_ballot(cw)
    client.get(url(cw))  # the account's scope is cached by the first request
    four_items = ballot_queries(client, cw)
    award = cw.awards["lao-dong-tien-tien"]
    for n in range(8):
        person = staff_in(cw.world.office, family_name="Trần", middle_name="Văn", given_name=f"Số {n}")
        proposal = ready(cw.round, award, unit=cw.world.office, person=person)
        Item.objects.create(meeting=cw.meeting, proposal=proposal, position=5 + n, secret=True)

    twelve_items = ballot_queries(client, cw)

    assert len(items(cw)) == 12
    assert twelve_items == four_items


def test_an_error_report_would_show_no_choice_nor_code(cw, client):
    """Django's error reports (mail to the admins, logs) leave out what the ballot views were posted (and the
    cast's local variables, council.domain.ballot): a crash never writes who chose what."""
    from django.views.debug import SafeExceptionReporterFilter

    open_ballot(cw)
    _membership, user = cw.members[0]
    client.force_login(user)
    item = cw.item("Trần Thị Lan")
    response = client.post(reverse("council:ballot_cast", args=[cw.meeting.pk]), {f"item-{item.pk}": "for"})
    request = response.wsgi_request
    cleaned = SafeExceptionReporterFilter().get_post_parameters(request)
    assert request.sensitive_post_parameters == "__ALL__"
    assert cleaned[f"item-{item.pk}"] == SafeExceptionReporterFilter.cleansed_substitute
