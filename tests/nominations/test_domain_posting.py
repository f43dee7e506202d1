"""nominations.domain.posting: the posting's closing day in working days, comments within its window and their
handling, and `ready` only once the posting has closed and every comment is handled."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from nominations.domain.appraisal import appraise_proposal
from nominations.domain.posting import (
    closing_day,
    first_working_day,
    handle_comment,
    make_ready,
    open_posting,
    posting_rule_of,
    record_comment,
)
from nominations.models import Comment, Handling, Proposal, Status
from tests.nominations.test_domain_appraisal import submitted
from workdays.calendar import working_day_after

pytestmark = pytest.mark.django_db
D = dt.date


def appraised(world, nom, **kwargs):
    proposal = submitted(world, nom, **kwargs)
    return appraise_proposal(actor=world.secretariat, proposal=proposal, opinion="Đủ điều kiện.")


def test_the_closing_day_counts_working_days_from_the_opening_day(world):
    # Friday 24/04/2026, 5 working days: 24, 28, 29/04 (27/04 is the Hùng Kings' day observed), 04, 05/05
    # (30/04 and 01/05 are holidays, 02–03/05 a weekend).
    assert closing_day(D(2026, 4, 24), 5, agency=world.agency) == D(2026, 5, 5)
    assert closing_day(D(2026, 2, 13), 2, agency=world.agency) == D(2026, 2, 23)  # Tết in between


def test_a_posting_opens_on_a_working_day(world):
    assert first_working_day(D(2026, 12, 5), agency=world.agency) == D(2026, 12, 7)  # Saturday → Monday
    assert first_working_day(D(2026, 12, 4), agency=world.agency) == D(2026, 12, 4)
    assert first_working_day(D(2026, 4, 30), agency=world.agency) == D(2026, 5, 4)  # 30/04, 01/05, weekend


def test_the_current_rule_set_asks_five_working_days_for_the_agencys_own_awards(world, nom):
    rule = posting_rule_of(appraised(world, nom))
    assert rule.days == 5 and "Điều 19 khoản 4" in rule.citation


def test_a_posting_moves_the_proposals_and_computes_its_closing_day(world, nom):
    proposal = appraised(world, nom)
    opens = nom.today
    posting = open_posting(
        actor=world.secretariat, round=nom.round, proposals=[proposal], channel="portal", opens_on=opens
    )
    assert (posting.working_days, posting.closes_on) == (
        5,
        working_day_after(opens - dt.timedelta(days=1), 5, agency=world.agency),
    )
    stored = Proposal.objects.get()
    assert (stored.status, stored.posting) == (Status.POSTED, posting)


def test_ready_waits_for_the_posting_to_close_and_every_comment_handled(world, nom):
    proposal = appraised(world, nom)
    with pytest.raises(ValidationError) as unposted:
        make_ready(actor=world.secretariat, proposal=proposal)
    assert unposted.value.code == "posting_required"
    posting = open_posting(
        actor=world.secretariat, round=nom.round, proposals=[proposal], channel="board", opens_on=nom.today
    )
    proposal.refresh_from_db()
    comment = record_comment(
        actor=world.secretariat,
        posting=posting,
        proposal=proposal,
        received_on=nom.today,
        text="Đồng chí Minh xứng đáng.",
        author="Một cán bộ",
    )
    with pytest.raises(ValidationError) as still_open:
        make_ready(actor=world.secretariat, proposal=proposal)
    assert still_open.value.code == "posting_open"
    after = posting.closes_on + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as pending:
        make_ready(actor=world.secretariat, proposal=proposal, on=after)
    assert pending.value.code == "comments_pending"
    assert Proposal.objects.get().status == Status.POSTED
    handle_comment(actor=world.secretariat, comment=comment, accepted=True, reason="Ý kiến đồng thuận.")
    make_ready(actor=world.secretariat, proposal=proposal, on=after)
    assert Proposal.objects.get().status == Status.READY


def test_a_comment_outside_the_window_or_without_handling_reason_is_refused(world, nom):
    proposal = appraised(world, nom)
    posting = open_posting(
        actor=world.secretariat, round=nom.round, proposals=[proposal], channel="portal", opens_on=nom.today
    )
    proposal.refresh_from_db()
    with pytest.raises(ValidationError) as outside:
        record_comment(
            actor=world.secretariat,
            posting=posting,
            proposal=proposal,
            received_on=posting.closes_on + dt.timedelta(days=1),
            text="Muộn",
        )
    assert "received_on" in outside.value.message_dict
    comment = record_comment(
        actor=world.secretariat, posting=posting, proposal=proposal, received_on=nom.today, text="Ý kiến"
    )
    with pytest.raises(ValidationError):
        handle_comment(actor=world.secretariat, comment=comment, accepted=False, reason="")
    assert Comment.objects.get().handling == Handling.PENDING


def test_no_comment_on_a_closed_posting(world, nom):
    proposal = appraised(world, nom)
    opened = nom.today - dt.timedelta(days=30)
    posting = open_posting(
        actor=world.secretariat, round=nom.round, proposals=[proposal], channel="portal", opens_on=opened
    )
    proposal.refresh_from_db()
    with pytest.raises(ValidationError) as closed:
        record_comment(
            actor=world.secretariat, posting=posting, proposal=proposal, received_on=opened, text="Ý kiến"
        )
    assert closed.value.code == "closed"
    assert not Comment.objects.exists()


def test_the_simplified_procedure_and_older_rule_sets_need_no_posting(world, nom):
    proposal = appraised(world, nom)
    proposal.round.track = "don-gian"
    assert posting_rule_of(proposal).days == 0
    proposal.round.track = "cong-trang"
    from awards.models import RuleSet

    proposal.rule_set = RuleSet.objects.get(code="2024")
    assert posting_rule_of(proposal).days == 0
