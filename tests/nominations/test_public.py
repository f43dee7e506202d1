"""nominations.public: the portal's consultations read only the public fields of open portal postings of the
portal's agencies; a visitor's comment is stored as plain text with a reference number, logged, told to the
secretariat, and refused outside the window, for a proposal not posted, or when too long."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from activity.models import ActivityLog
from nominations.domain.posting import handle_comment, make_ready, open_posting, record_comment
from nominations.models import Comment, CommentSource, Handling, Proposal, Status
from nominations.public import get_public_posting, get_public_proposal, public_postings, submit_public_comment
from notifications.models import Notification
from tests.nominations.test_domain_posting import appraised

pytestmark = pytest.mark.django_db
SCRIPT = "<script>alert(1)</script>"


def post(world, nom, proposals, *, channel="portal", opens_on=None):
    posting = open_posting(
        actor=world.secretariat,
        round=nom.round,
        proposals=proposals,
        channel=channel,
        opens_on=opens_on or nom.today,
    )
    for proposal in proposals:
        proposal.refresh_from_db()
    return posting


@pytest.fixture
def consultation(world, nom):
    """An open portal posting of two proposals: Lê Văn Minh (Lao động tiên tiến) and the division
    (Tập thể lao động tiên tiến)."""
    person = appraised(world, nom)
    unit = appraised(world, nom, unit=world.division, award_=nom.ttldtt)
    return post(world, nom, [person, unit]), person, unit


def comment(posting, proposal, **kwargs):
    values = {"name": "Nguyễn Văn Dân", "contact": "0912345678", "text": "Đồng ý."} | kwargs
    return submit_public_comment(
        posting_id=posting.pk, proposal_id=proposal.pk, client="203.0.113.9", **values
    )


def test_the_open_portal_postings_of_the_agencies_are_listed_with_public_facts(world, nom, consultation):
    posting, _person, _unit = consultation
    (listed,) = public_postings(agency_ids=world.agency.lineage_ids())
    assert listed == {
        "id": posting.pk,
        "title": nom.round.name,
        "year": nom.round.year,
        "opens_on": posting.opens_on,
        "closes_on": posting.closes_on,
        "working_days": 5,
        "citation": posting.citation,
        "proposals": 2,
        "is_open": True,
    }
    assert public_postings(agency_ids={world.other_agency.pk}) == []
    assert public_postings(agency_ids=[world.agency.pk], day=posting.closes_on + dt.timedelta(days=1)) == []
    assert public_postings(agency_ids=[world.agency.pk], day=posting.opens_on - dt.timedelta(days=1)) == []


def test_a_posting_on_the_notice_board_is_not_on_the_portal(world, nom):
    posting = post(world, nom, [appraised(world, nom)], channel="board")
    assert public_postings(agency_ids=[world.agency.pk]) == []
    with pytest.raises(Http404):
        get_public_posting(agency_ids=[world.agency.pk], posting_id=posting.pk)


def test_the_posting_shows_only_name_position_unit_and_award(world, nom, consultation):
    posting, person, unit = consultation
    shown = get_public_posting(agency_ids=[world.agency.pk], posting_id=posting.pk)
    rows = {row["id"]: row for row in shown["proposals"]}
    assert rows[person.pk] == {
        "id": person.pk,
        "name": "Lê Văn Minh",
        "collective": False,
        "position": person.line_position,
        "unit": person.line_unit,
        "award": nom.ldtt.name,
    }
    assert rows[unit.pk] == {
        "id": unit.pk,
        "name": "Phòng Kế hoạch",
        "collective": True,
        "position": "",
        "unit": "Phòng Kế hoạch",
        "award": nom.ttldtt.name,
    }
    with pytest.raises(Http404):
        get_public_posting(agency_ids=[world.other_agency.pk], posting_id=posting.pk)


def test_the_proposals_come_a_page_at_a_time(world, nom, consultation):
    posting, _person, _unit = consultation
    first = get_public_posting(agency_ids=[world.agency.pk], posting_id=posting.pk, per_page=1)
    second = get_public_posting(agency_ids=[world.agency.pk], posting_id=posting.pk, page="2", per_page=1)
    huge = get_public_posting(agency_ids=[world.agency.pk], posting_id=posting.pk, page="9" * 12, per_page=1)
    assert first["proposals"].paginator.num_pages == 2 and huge["proposals"].number == 2
    names = {row["name"] for page in (first, second) for row in page["proposals"]}
    assert names == {"Lê Văn Minh", "Phòng Kế hoạch"}


def test_a_visitors_comment_is_stored_as_plain_text_with_a_reference(world, nom, consultation):
    posting, person, _unit = consultation
    with pytest.raises(ValidationError):  # no comment before the form is sent: nothing from a test leaks
        comment(posting, person, text="   ")
    reference = comment(posting, person, text=f"  {SCRIPT}\r\nDòng hai ", name="Nguyễn  Văn Dân")
    stored = Comment.objects.get()
    assert (stored.reference, stored.source, stored.received_on) == (
        reference,
        CommentSource.PORTAL,
        nom.today,
    )
    assert reference == f"YK-{nom.today.year}-{stored.pk:07d}"
    assert stored.text == f"{SCRIPT}\nDòng hai" and stored.author == "Nguyễn Văn Dân"
    assert stored.contact == "0912345678" and stored.handling == Handling.PENDING
    assert stored.client and "203.0.113.9" not in stored.client
    log = ActivityLog.objects.get(action="nominations.comment.recorded")
    assert log.actor is None and log.data["extra"]["reference"] == reference


def test_the_secretariat_is_told_after_the_commit(
    world, nom, consultation, django_capture_on_commit_callbacks
):
    posting, person, _unit = consultation
    with django_capture_on_commit_callbacks(execute=True):
        reference = comment(posting, person)
    told = Notification.objects.get(kind="nominations.comment")
    assert told.user == world.secretariat and reference in told.title
    assert told.url.endswith(f"/{person.pk}/#comment-{Comment.objects.get().pk}")


def test_a_staff_entered_comment_gets_a_reference_too(world, nom, consultation):
    posting, person, _unit = consultation
    recorded = record_comment(
        actor=world.secretariat, posting=posting, proposal=person, received_on=nom.today, text="Ý kiến"
    )
    assert Comment.objects.get().reference == recorded.reference == f"YK-{nom.today.year}-{recorded.pk:07d}"
    assert recorded.source == CommentSource.STAFF


@pytest.mark.usefixtures("english")
def test_comments_outside_the_window_or_the_posting_are_refused(world, nom):
    person = appraised(world, nom)
    closed = post(world, nom, [person], opens_on=nom.today - dt.timedelta(days=30))
    with pytest.raises(ValidationError) as refused:
        comment(closed, person)
    assert refused.value.code == "closed" and "comments are no longer received" in refused.value.messages[0]
    other = appraised(world, nom, person=world.team_person, unit=world.team)
    later = post(world, nom, [other], opens_on=nom.today + dt.timedelta(days=3))
    with pytest.raises(ValidationError) as early:
        comment(later, other)
    assert early.value.code == "not_open"
    with pytest.raises(ValidationError) as elsewhere:
        comment(later, person)
    assert elsewhere.value.code in {"not_open", "not_posted"}
    assert not Comment.objects.exists()


def test_a_proposal_of_another_posting_is_refused(world, nom, consultation):
    posting, _person, _unit = consultation
    other = appraised(world, nom, person=world.team_person, unit=world.team)
    post(world, nom, [other])
    with pytest.raises(ValidationError) as refused:
        comment(posting, other)
    assert refused.value.code == "not_posted"
    with pytest.raises(Http404):
        get_public_proposal(agency_ids=[world.agency.pk], posting_id=posting.pk, proposal_id=other.pk)
    assert not Comment.objects.exists()


def test_sizes_are_limited(world, nom, consultation):
    posting, person, _unit = consultation
    with pytest.raises(ValidationError) as refused:
        comment(posting, person, text="x" * 5001, name="n" * 201, contact="c" * 201)
    assert set(refused.value.message_dict) == {"text", "name", "contact"}
    comment(posting, person, text="x" * 5000)
    assert len(Comment.objects.get().text) == 5000


def test_the_agency_of_the_portal_is_checked_when_given(world, nom, consultation):
    posting, person, _unit = consultation
    with pytest.raises(Http404):
        comment(posting, person, agency_ids=[world.other_agency.pk])
    assert not Comment.objects.exists()


def test_a_pending_portal_comment_keeps_the_proposal_from_the_council(world, nom, consultation):
    posting, person, _unit = consultation
    comment(posting, person)
    after = posting.closes_on + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as pending:
        make_ready(actor=world.secretariat, proposal=person, on=after)
    assert pending.value.code == "comments_pending"
    handle_comment(
        actor=world.secretariat, comment=Comment.objects.get(), accepted=False, reason="Không có cơ sở."
    )
    make_ready(actor=world.secretariat, proposal=person, on=after)
    assert Proposal.objects.get(pk=person.pk).status == Status.READY


def test_the_postings_list_costs_the_same_queries_for_one_or_several(
    world, nom, consultation, django_assert_num_queries
):
    ids = [world.agency.pk]
    with django_assert_num_queries(1):
        assert len(public_postings(agency_ids=ids)) == 1
    post(world, nom, [appraised(world, nom, person=world.team_person, unit=world.team)])
    post(world, nom, [appraised(world, nom, person=world.office_person, unit=world.office)])
    with django_assert_num_queries(1):
        assert len(public_postings(agency_ids=ids)) == 3
