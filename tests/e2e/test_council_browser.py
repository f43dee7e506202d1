"""End-to-end, in a real Chromium (issue 14, "Done when"): a council of nine; the agency's members do not vote
on their own unit's proposals. The secretary sets the agenda of four ready proposals, convenes the meeting,
records the attendance (8 present, 1 absent with a written vote) and opens the ballot. Three members vote on
their phones — one with every item on one screen, one item per screen, and one recused on his unit's
proposal —, each through the review to his receipt code; the five other present members cast through the
domain; the secretary enters the absent member's written vote and closes the ballot. Three proposals pass,
the Chiến sĩ thi đua cơ sở (80 % of the nine needed) does not; the minutes' PDF reads back with the figures;
a member checks his receipt code.

Elements are found by their data-testid and form field names; the Vietnamese words are asserted where the
screen must speak Vietnamese."""

import datetime as dt
import io
import re
import unicodedata
from types import SimpleNamespace

import pdfplumber
import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from accounts.models import Role
from awards.catalogue import ensure_catalogue
from awards.domain import change_setting
from awards.law import ensure_law
from awards.models import Award, Setting
from council.domain import ballot
from council.domain.meetings import prepare_meeting
from council.models import Choice, Item, Meeting, MeetingStatus, Presence, Recusal, RecusalReason
from council.roles import ensure_roles
from documents.kinds import ensure_kinds
from nominations.domain.rounds import open_round
from nominations.models import Status
from people.models import Assignment
from tests.council.conftest import ready, seat_council
from tests.e2e.browsing import PHONE, log_in, overflow, snap
from tests.factories import AssignmentFactory, account_with_role, staff_in

pytestmark = pytest.mark.browser

CHAIR, VICE, RECUSED, WRITTEN = 0, 1, 4, 8  # the members (by seat index) with a part of their own below
BY_DOMAIN = (2, 3, 5, 6, 7)  # the other present members, who cast through council.domain.ballot
AGAINST_CSTDCS = {VICE, 7, WRITTEN}  # the three who disagree on the Chiến sĩ thi đua cơ sở


def vi(label) -> str:
    """A lazy label or a msgid, in Vietnamese."""
    with translation.override("vi"):
        return translation.gettext(label) if isinstance(label, str) else str(label)


def squash(text: str) -> str:
    """NFC without white space: a line break inside a name or a number does not hide it."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def pdf_text(content: bytes) -> str:
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return squash("".join(page.extract_text() or "" for page in pdf.pages))


@pytest.fixture
def site(live_server, transactional_db, world, browser_context_args):
    """The live server; the catalogue, law, document kinds and council roles written again (the transactional
    flush deletes the migrations' data); the agency's members recuse from their own unit's proposals; a
    council of nine seated in the office, one of them (Giang) moved to the team; four ready proposals of
    the division and the team; a meeting of today, prepared only."""
    ensure_catalogue()
    ensure_law()
    ensure_kinds()
    ensure_roles()
    setting = Setting.objects.get(code="council-recuse-unit")
    change_setting(actor=None, agency=world.agency, setting=setting, value="yes")
    today = timezone.localdate()
    awards = {code: Award.objects.get(code=code) for code in
              ("lao-dong-tien-tien", "chien-si-thi-dua-co-so", "tap-the-lao-dong-tien-tien")}  # fmt: skip
    round_ = open_round(
        actor=None,
        agency=world.agency,
        name=f"Xét khen thưởng năm {today.year}",
        year=today.year,
        deadline=today + dt.timedelta(days=5),
        awards=list(awards.values()),
    )
    council, _term, members = seat_council(world, today)
    moved = members[RECUSED][0].person
    Assignment.objects.filter(person=moved).update(end_date=today - dt.timedelta(days=30))
    AssignmentFactory(person=moved, unit=world.team, start_date=today - dt.timedelta(days=29))
    thu = staff_in(world.division, family_name="Phạm", middle_name="Thị", given_name="Thu", gender="female")
    proposals = SimpleNamespace(
        minh=ready(round_, awards["lao-dong-tien-tien"], unit=world.division, person=world.division_person),
        huong=ready(round_, awards["lao-dong-tien-tien"], unit=world.team, person=world.team_person),
        thu=ready(round_, awards["chien-si-thi-dua-co-so"], unit=world.division, person=thu),
        division=ready(round_, awards["tap-the-lao-dong-tien-tien"], unit=world.division),
    )
    meeting = prepare_meeting(
        actor=None, council=council, title="Phiên họp xét khen thưởng", date=today, place="Phòng họp số 1"
    )
    secretary = account_with_role(Role.SECRETARIAT, agency=world.agency, username="thuky")
    return SimpleNamespace(
        base=live_server.url, world=world, council=council, meeting=meeting, members=members,
        proposals=proposals, secretary=secretary, context_args=browser_context_args,
    )  # fmt: skip


def status_is(page, status):
    expect(page.get_by_test_id("status")).to_have_text(vi(MeetingStatus(status).label))


# --- the secretary, before the ballot -----------------------------------------------------------------------


def agenda_and_convene(page, s):
    page.goto(f"{s.base}/app/council/{s.council.pk}/")
    page.get_by_test_id(f"meeting-{s.meeting.pk}").get_by_role("link", name=s.meeting.title).click()
    status_is(page, MeetingStatus.PREPARING)
    snap(page, "council-meeting-preparing")
    page.get_by_test_id("agenda").click()
    for proposal in vars(s.proposals).values():
        page.get_by_test_id(f"tick-{proposal.pk}").check()
    expect(page.get_by_test_id("chosen-count")).to_have_text("4")
    snap(page, "council-agenda")
    page.get_by_test_id("agenda-save").click()
    expect(page.get_by_test_id("agenda-items").locator("tbody tr[data-testid^='item-']")).to_have_count(4)
    page.get_by_test_id("convene").click()
    status_is(page, MeetingStatus.CONVENED)


def record_attendance(page, s):
    page.get_by_test_id("attendance").click()
    form = page.get_by_test_id("attendance-form")
    for n, (membership, _user) in enumerate(s.members):
        presence = Presence.WRITTEN if n == WRITTEN else Presence.PRESENT
        form.locator(f"select[name='presence_{membership.pk}']").select_option(presence)
    snap(page, "council-attendance")
    page.get_by_test_id("save").click()
    quorum = page.get_by_test_id("quorum")
    expect(quorum).to_contain_text("8/9")
    expect(quorum).to_have_class(re.compile("message-success"))
    presences = dict(s.meeting.attendance.values_list("membership_id", "presence"))
    assert sorted(presences.values()) == [Presence.PRESENT] * 8 + [Presence.WRITTEN]
    assert presences[s.members[WRITTEN][0].pk] == Presence.WRITTEN


def open_the_ballot(page, s):
    page.get_by_test_id("open").click()
    status_is(page, MeetingStatus.VOTING)
    snap(page, "council-meeting-voting")
    recusals = list(
        Recusal.objects.filter(item__meeting=s.meeting).values_list("membership", "item__proposal")
    )
    assert recusals == [(s.members[RECUSED][0].pk, s.proposals.huong.pk)]
    expect(page.get_by_test_id("recusals")).to_contain_text(s.members[RECUSED][0].person.full_name)


# --- the members, on their phones ---------------------------------------------------------------------------


def wanted(s, n) -> dict:
    """{proposal id: choice} of member n: agree on all, but disagree on Thu's CSTĐCS for some."""
    return {
        proposal.pk: Choice.AGAINST if proposal == s.proposals.thu and n in AGAINST_CSTDCS else Choice.FOR
        for proposal in vars(s.proposals).values()
    }


def tick(fieldset, choice):
    fieldset.locator(f"input[type='radio'][value='{choice}']").check()


def phone_of(browser, s, n):
    context = browser.new_context(**s.context_args, viewport=PHONE)
    page = context.new_page()
    log_in(page, s.base, s.members[n][1].username)
    return page


def review_and_cast(page, items, name) -> str:
    for item in items:
        expect(page.get_by_test_id(f"review-{item.position}")).to_contain_text(item.proposal.subject_name)
    snap(page, f"council-review-{name}")
    page.get_by_test_id("ballot-cast").click()
    code = page.get_by_test_id("receipt-code")
    expect(code).to_have_text(re.compile(r"^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$"))
    snap(page, f"council-receipt-code-{name}")
    return code.inner_text()


def vote_on_one_screen(page, s, n, items, name) -> str:
    page.goto(f"{s.base}/app/council/meetings/{s.meeting.pk}/")
    page.get_by_test_id("ballot").click()
    expect(page.get_by_test_id("ballot-all")).to_be_visible()
    choices = wanted(s, n)
    votable = []
    for item in items:
        fieldset = page.get_by_test_id(f"item-{item.position}")
        if Recusal.objects.filter(item=item, membership=s.members[n][0]).exists():
            continue
        tick(fieldset, choices[item.proposal_id])
        votable.append(item)
    measured = overflow(page)
    assert measured["scroll"] <= measured["screen"], measured["culprits"]
    snap(page, f"council-ballot-{name}")
    page.get_by_test_id("ballot-review").click()
    expect(page.locator("[data-testid^='review-']")).to_have_count(len(votable))
    for item in votable:
        answer = vi(Choice(choices[item.proposal_id]).label)
        expect(page.get_by_test_id(f"review-{item.position}").locator(".ballot-answer")).to_have_text(answer)
    return review_and_cast(page, votable, name)


def vote_one_item_per_screen(page, s, n, items, name) -> str:
    page.goto(f"{s.base}/app/council/meetings/{s.meeting.pk}/ballot/?item={items[0].position}")
    choices = wanted(s, n)
    for step, item in enumerate(items, start=1):
        walk = page.get_by_test_id("ballot-walk")
        expect(walk.locator("fieldset.ballot-item")).to_have_count(1)
        expect(walk.locator(".ballot-subject")).to_contain_text(item.proposal.subject_name)
        tick(walk.get_by_test_id(f"item-{item.position}"), choices[item.proposal_id])
        if step == 1:
            measured = overflow(page)
            assert measured["scroll"] <= measured["screen"], measured["culprits"]
            snap(page, f"council-ballot-{name}")
        page.get_by_test_id("ballot-next" if step < len(items) else "ballot-review").click()
    expect(page.locator("[data-testid^='review-']")).to_have_count(len(items))
    return review_and_cast(page, items, name)


def recused_member_votes(page, s, items) -> str:
    page.goto(f"{s.base}/app/council/meetings/{s.meeting.pk}/ballot/")
    huong = next(item for item in items if item.proposal_id == s.proposals.huong.pk)
    recused = page.get_by_test_id(f"item-{huong.position}")
    expect(recused.get_by_test_id(f"recused-{huong.position}")).to_have_text(
        vi("You do not vote on this item")
    )
    expect(recused).to_contain_text(vi(RecusalReason.UNIT.label))
    expect(recused.locator("input[type='radio']")).to_have_count(0)
    return vote_on_one_screen(page, s, RECUSED, items, "recused")


# --- the secretary, after the members -----------------------------------------------------------------------


def enter_the_written_vote(page, s, items):
    page.goto(f"{s.base}/app/council/meetings/{s.meeting.pk}/")
    page.get_by_test_id("written").click()
    form = page.get_by_test_id("written-form")
    form.locator("select[name='membership']").select_option(str(s.members[WRITTEN][0].pk))
    choices = wanted(s, WRITTEN)
    for item in items:
        form.locator(f"select[name='item_{item.pk}']").select_option(choices[item.proposal_id])
    snap(page, "council-written")
    page.get_by_test_id("save").click()
    status_is(page, MeetingStatus.VOTING)
    expect(page.get_by_test_id("written")).to_have_count(0)  # nobody owes a written vote any more
    for item in items:
        expected = 8 if item.proposal_id == s.proposals.huong.pk else 9
        expect(page.get_by_test_id(f"voted-{item.pk}")).to_have_text(str(expected))


def close_the_ballot(page, s, items):
    page.get_by_test_id("close").click()
    expect(page.get_by_test_id("missing")).to_have_count(0)
    page.get_by_test_id("close-confirm").click()
    status_is(page, MeetingStatus.CLOSED)
    for item in items:
        passes = item.proposal_id != s.proposals.thu.pk
        expect(page.get_by_test_id(f"outcome-{item.pk}")).to_have_text(
            vi("Passed" if passes else "Not passed")
        )
    thu = next(item for item in items if item.proposal_id == s.proposals.thu.pk)
    expect(page.get_by_test_id(f"for-{thu.pk}")).to_have_text("6")
    expect(page.get_by_test_id(f"item-{thu.pk}")).to_contain_text(vi("Not passed"))
    expect(page.get_by_test_id("minutes")).to_be_visible()
    snap(page, "council-meeting-closed")


def minutes_read_back(page, s) -> str:
    meeting = Meeting.objects.get(pk=s.meeting.pk)
    assert meeting.minutes_id is not None
    response = page.request.get(f"{s.base}/app/documents/{meeting.minutes_id}/pdf/")
    assert response.ok, response.status
    assert response.headers["content-type"].startswith("application/pdf")
    text = pdf_text(response.body())
    assert squash("BIÊN BẢN") in text
    assert squash("8/9 thành viên") in text  # the quorum: 8 present of 9 (the written vote does not count)
    assert squash("có phiếu biểu quyết bằng văn bản: 1 người") in text
    thu = Item.objects.get(meeting=meeting, proposal=s.proposals.thu)
    assert thu.required == 8  # 80 % of the nine members
    line = (
        re.escape(squash("Bà Phạm Thị Thu, Phòng Kế hoạch — hình thức:"))
        + ".*?"
        + re.escape(
            squash("Kết quả: đồng ý 6, không đồng ý 3, không biểu quyết 0; cần tối thiểu 8/9 phiếu đồng ý")
        )
        + ".*?"
        + re.escape(squash("Kết luận: KHÔNG ĐẠT."))
    )
    assert re.search(line, text), text
    assert squash("đề nghị của đơn vị nơi thành viên công tác") in text  # Giang's recusal
    return text


def check_the_receipt(page, s, code):
    page.goto(f"{s.base}/app/council/meetings/{s.meeting.pk}/receipt/")
    page.get_by_test_id("receipt-form").locator("input[name='code']").fill(code)
    page.get_by_test_id("receipt-form").locator("button[type='submit']").click()
    result = page.get_by_test_id("receipt-result")
    expect(result).to_contain_text(vi("Ballots cast with this code were counted."))
    expect(result.locator(".receipt-row")).to_have_count(4)
    agreed = vi("counted: %(choice)s") % {"choice": vi(Choice.FOR.label)}
    for row in result.locator(".receipt-row").all():
        expect(row.locator("strong")).to_have_text(agreed)  # the chair agreed on every item
    snap(page, "council-receipt-check")


# --- the story ----------------------------------------------------------------------------------------------


def test_a_council_meeting_from_attendance_to_the_minutes(site, page, browser):
    s = site
    log_in(page, s.base, s.secretary.username)
    agenda_and_convene(page, s)
    items = list(Item.objects.filter(meeting=s.meeting).select_related("proposal__person", "proposal__unit")
                 .order_by("position"))  # fmt: skip
    record_attendance(page, s)
    open_the_ballot(page, s)

    chair = phone_of(browser, s, CHAIR)
    codes = {CHAIR: vote_on_one_screen(chair, s, CHAIR, items, "one-screen")}
    vice = phone_of(browser, s, VICE)
    codes[VICE] = vote_one_item_per_screen(vice, s, VICE, items, "per-item")
    vice.context.close()
    recused = phone_of(browser, s, RECUSED)
    codes[RECUSED] = recused_member_votes(recused, s, items)
    recused.context.close()
    assert len(set(codes.values())) == 3

    for n in BY_DOMAIN:
        user = s.members[n][1]
        ballot.cast(
            actor=user, meeting=s.meeting, choices={item.pk: wanted(s, n)[item.proposal_id] for item in items}
        )
    enter_the_written_vote(page, s, items)
    close_the_ballot(page, s, items)

    for proposal in vars(s.proposals).values():
        proposal.refresh_from_db()
    assert {name: p.status for name, p in vars(s.proposals).items()} == {
        "minh": Status.PASSED, "huong": Status.PASSED, "thu": Status.NOT_PASSED, "division": Status.PASSED,
    }  # fmt: skip
    results = {
        i.proposal_id: (i.votes_for, i.votes_against, i.not_voting, i.required, i.denominator, i.passes)
        for i in Item.objects.filter(meeting=s.meeting)
    }
    assert results == {  # for, against, not voting (Giang recused on Hương's), required of the nine, passes
        s.proposals.minh.pk: (9, 0, 0, 5, 9, True),
        s.proposals.huong.pk: (8, 0, 1, 5, 9, True),
        s.proposals.thu.pk: (6, 3, 0, 8, 9, False),
        s.proposals.division.pk: (9, 0, 0, 5, 9, True),
    }

    minutes_read_back(page, s)
    check_the_receipt(chair, s, codes[CHAIR])
    chair.context.close()
