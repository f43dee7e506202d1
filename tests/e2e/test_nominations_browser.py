"""End-to-end, in a real Chromium: a unit proposes three people (one from "who is due", two from its approved
registration) and the unit itself, drafts its papers and reports and submits; the secretariat returns one
proposal for its report alone; the officer corrects only that and resubmits; the secretariat appraises the
four, posts them for comments (closing on the agency's working-day calendar), records and handles a comment,
and — the posting's days moved into the past — sends them to the council. The nominee confirms her line on a
phone.

Elements are found by their data-testid and form field names; the Vietnamese labels are asserted where the
screen must speak Vietnamese."""

import datetime as dt

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from accounts.models import Role
from awards import snapshots
from awards.catalogue import ensure_catalogue
from awards.law import ensure_law
from awards.models import Award
from documents.kinds import ensure_kinds
from movements.domain.registrations import (
    add_entry,
    approve_registration,
    start_registration,
    submit_registration,
)
from nominations.domain.posting import closing_day, first_working_day
from nominations.domain.rounds import open_round
from nominations.models import Comment, Handling, Posting, Proposal, Source, Status, Verdict
from people.models import Rating
from tests.awards.records import rate
from tests.e2e.browsing import as_phone, log_in, overflow, snap
from tests.factories import MovementFactory, RoundFactory, account_with_role, staff_in
from workdays.calendar import working_day_after

pytestmark = pytest.mark.browser

ONE_DAY = dt.timedelta(days=1)
ACHIEVEMENT = "Phòng hoàn thành 100% kế hoạch năm, giải quyết đúng hạn toàn bộ hồ sơ trực tuyến."
JUSTIFICATION = "Tập thể hoàn thành xuất sắc nhiệm vụ được giao; đề nghị Hội đồng xem xét."
RETURN_REASON = "Báo cáo thành tích chưa nêu kết quả chuyển đổi số của năm; đề nghị bổ sung."
NEW_REPORT = "Báo cáo thành tích (đã bổ sung): số hóa 100% hồ sơ đất đai của phòng trong năm."
COMMENT = "Đề nghị làm rõ số hồ sơ trễ hạn của ông Minh trong quý IV."
HANDLING = "Đã đối chiếu sổ theo dõi: không có hồ sơ trễ hạn; ý kiến được tiếp thu và trả lời."


def vi(status) -> str:
    with translation.override("vi"):
        return str(Status(status).label)


def dmy(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def register(world, ldtt, people) -> None:
    """The division's approved registration of this year, with `people` registered for Lao động tiên tiến."""
    movement = MovementFactory(agency=world.agency, name="Phong trào thi đua “Chuyển đổi số”")
    registration = start_registration(actor=None, round=RoundFactory(movement=movement), unit=world.division)
    for person in people:
        add_entry(actor=None, registration=registration, award=ldtt, person=person)
    submit_registration(actor=None, registration=registration)
    approve_registration(actor=None, registration=registration)


@pytest.fixture
def site(live_server, transactional_db, world, browser_context_args):
    """The live server; a round of this year admitting Lao động tiên tiến and Tập thể lao động tiên tiến;
    Minh, Ánh and Mai of the division rated "completed well" this year and last; Ánh and Mai registered; the
    "who is due" list computed (the task worker's part, here at once); Ánh's own account. The transactional
    database is flushed, so the catalogue, the law (rule sets, settings) and the document kinds are written
    again."""
    ensure_catalogue()
    ensure_law()
    ensure_kinds()
    today = timezone.localdate()
    world.today = today
    world.minh = world.division_person
    world.anh = staff_in(
        world.division, family_name="Vũ", middle_name="Thị", given_name="Ánh", gender="female"
    )
    world.mai = staff_in(
        world.division, family_name="Ngô", middle_name="Thị", given_name="Mai", gender="female"
    )
    for person in (world.minh, world.anh, world.mai):
        rate(person, today.year - 1, Rating.GOOD)
        rate(person, today.year, Rating.GOOD)
    world.ldtt = Award.objects.get(code="lao-dong-tien-tien")
    world.ttldtt = Award.objects.get(code="tap-the-lao-dong-tien-tien")
    world.round = open_round(
        actor=None,
        agency=world.agency,
        name=f"Xét khen thưởng thành tích năm {today.year}",
        year=today.year,
        deadline=today + dt.timedelta(days=14),
        awards=[world.ldtt, world.ttldtt],
    )
    register(world, world.ldtt, [world.anh, world.mai])
    snapshots.build_snapshot(agency=world.agency, year=today.year)
    world.nominee = account_with_role(Role.STAFF, person=world.anh, username="vuthianh")
    world.context_args = browser_context_args
    return live_server.url, world


# --- the unit officer ---------------------------------------------------------------------------------------


def choose_unit(page, unit):
    form = page.get_by_test_id("unit-form")
    form.get_by_label(unit.name, exact=True).check()
    form.locator("button[type='submit']").click()
    expect(page.get_by_test_id("unit")).to_have_text(unit.name)


def proposals_listed(page, count):
    expect(
        page.get_by_test_id("proposals-table").locator("tbody tr[data-testid^='proposal-']")
    ).to_have_count(count)


def propose_three_and_the_unit(page, base, world):
    page.goto(f"{base}/app/nominations/rounds/{world.round.pk}/")
    expect(page.get_by_test_id("propose")).to_be_visible()
    snap(page, "nominations-round")

    page.get_by_test_id("from-due").click()
    choose_unit(page, world.division)
    page.get_by_test_id(f"award-{world.ldtt.pk}").click()
    expect(page.get_by_test_id("due-table")).to_contain_text(world.minh.full_name)
    page.get_by_test_id(f"tick-{world.minh.pk}").check()
    snap(page, "nominations-propose-due")
    page.get_by_test_id("propose-form").get_by_test_id("propose").click()
    proposals_listed(page, 1)

    page.get_by_test_id("from-registration").click()
    choose_unit(page, world.division)
    expect(page.get_by_test_id("entries-table").locator("tbody tr")).to_have_count(2)
    page.locator("[data-check-all='entries']").check()
    snap(page, "nominations-propose-registration")
    page.get_by_test_id("propose-form").get_by_test_id("propose").click()
    proposals_listed(page, 3)

    page.get_by_test_id("blank").click()
    choose_unit(page, world.division)
    form = page.get_by_test_id("propose-form")
    form.locator("select[name='award']").select_option(label=world.ttldtt.name)
    form.locator("textarea[name='achievement']").fill(ACHIEVEMENT)
    form.get_by_test_id("propose").click()
    expect(page.get_by_test_id("achievement")).to_have_text(ACHIEVEMENT)  # the new proposal's page


def draft_unit_papers(page, base, world):
    """Soạn tờ trình, soạn biên bản, then the meeting's day and figures."""
    page.goto(f"{base}/app/nominations/rounds/{world.round.pk}/")
    page.get_by_test_id(f"papers-{world.division.pk}").click()
    page.get_by_test_id("draft-cover").click()
    expect(page.get_by_test_id("cover").locator("a[href*='/app/documents/']")).to_have_count(1)
    page.get_by_test_id("draft-minutes").click()
    form = page.get_by_test_id("dossier-form")
    expect(form.locator("textarea[name='minutes']")).not_to_have_value("")
    form.locator("input[name='met_on']").fill(dmy(world.today))
    form.locator("input[name='members_total']").fill("9")
    form.locator("input[name='members_present']").fill("8")
    form.locator("button[type='submit']").click()
    expect(page.get_by_test_id("dossier-form").locator("input[name='met_on']")).to_have_value(
        dmy(world.today)
    )
    snap(page, "nominations-unit-papers")


def draft_report_and_submit(page, base, proposal):
    page.goto(f"{base}/app/nominations/proposals/{proposal.pk}/")
    page.get_by_test_id("edit").click()
    page.get_by_test_id("draft-report").click()
    form = page.get_by_test_id("proposal-form")
    expect(form.locator("textarea[name='report']")).not_to_have_value("")
    if proposal.verdict != Verdict.ELIGIBLE:
        form.locator("textarea[name='justification']").fill(JUSTIFICATION)
    form.locator("button[type='submit']").click()
    expect(page.get_by_test_id("dossier").get_by_test_id("missing")).to_have_count(0)
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("status")).to_have_text(vi(Status.SUBMITTED))


def correct_the_report(page, base, proposal):
    """Only the report may change; the other parts are shown read-only."""
    page.goto(f"{base}/app/nominations/proposals/{proposal.pk}/")
    expect(page.get_by_test_id("status")).to_have_text(vi(Status.RETURNED))
    expect(page.get_by_test_id("return-reason")).to_contain_text(RETURN_REASON)
    page.get_by_test_id("edit").click()
    form = page.get_by_test_id("proposal-form")
    expect(form.locator("textarea[name='report']")).to_be_editable()
    for name in ("achievement", "justification", "line_name", "line_position", "line_unit"):
        expect(form.locator(f"[name='{name}']")).not_to_be_editable()
    snap(page, "nominations-returned-edit")
    form.locator("textarea[name='report']").fill(NEW_REPORT)
    form.locator("button[type='submit']").click()
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("status")).to_have_text(vi(Status.SUBMITTED))

    page.get_by_test_id("versions").click()
    changes = page.get_by_test_id("changes-2").locator("tbody tr")
    expect(changes).to_have_count(1)
    expect(changes.locator("ins")).to_contain_text(NEW_REPORT)
    snap(page, "nominations-versions")


# --- the nominee, on a phone --------------------------------------------------------------------------------


def nominee_confirms_on_a_phone(browser, base, world, proposal):
    context = browser.new_context(**world.context_args)
    page = context.new_page()
    as_phone(page)
    log_in(page, base, world.nominee.username)
    page.goto(f"{base}/app/nominations/mine/")
    card = page.get_by_test_id(f"confirm-{proposal.pk}")
    expect(card.locator(".line-name")).to_have_text("Vũ Thị Ánh")
    expect(card).to_contain_text(dmy(world.anh.date_of_birth))
    measured = overflow(page)
    assert measured["scroll"] <= measured["screen"], measured["culprits"]
    snap(page, "nominations-mine-phone")
    card.get_by_test_id(f"confirm-yes-{proposal.pk}").click()
    expect(page.get_by_test_id(f"state-{proposal.pk}")).to_have_class("badge done")
    context.close()
    proposal.refresh_from_db()
    assert proposal.confirmation == "confirmed"


# --- the secretariat ----------------------------------------------------------------------------------------


def return_for_the_report(page, base, proposal):
    page.goto(f"{base}/app/nominations/queue/")
    expect(page.get_by_test_id("queue").locator("tbody tr[data-testid^='row-']")).to_have_count(4)
    snap(page, "nominations-queue")
    page.get_by_test_id(f"return-{proposal.pk}").click()
    form = page.get_by_test_id("return-form")
    form.locator("input[name='parts'][value='report']").check()
    form.locator("textarea[name='reason']").fill(RETURN_REASON)
    page.get_by_test_id("return-submit").click()
    expect(page.get_by_test_id("status")).to_have_text(vi(Status.RETURNED))


def appraise_all(page, base):
    page.goto(f"{base}/app/nominations/queue/")
    expect(page.get_by_test_id("queue").locator("tbody tr[data-testid^='row-']")).to_have_count(4)
    page.locator("[data-check-all='proposals']").check()
    page.get_by_test_id("bulk-form").locator("textarea[name='opinion']").fill("Hồ sơ đầy đủ, đúng quy định.")
    page.get_by_test_id("appraise-many").click()
    expect(page.get_by_test_id("queue").locator("tbody tr[data-testid^='row-']")).to_have_count(0)


def open_the_posting(page, base, world) -> Posting:
    page.goto(f"{base}/app/nominations/rounds/{world.round.pk}/")
    page.get_by_test_id("posting-new").click()
    form = page.get_by_test_id("posting-form")
    page.locator("[data-check-all='proposals']").check()
    expect(page.get_by_test_id("chosen-count")).to_have_text("4")
    prefilled = first_working_day(world.today, agency=world.agency)  # today, or the next working day
    expect(form.locator("input[name='opens_on']")).to_have_value(dmy(prefilled))
    expect(form.locator("input[name='working_days']")).to_have_value("5")
    # posted today (a weekend day too: the portal publishes it), so that a comment can come in today
    opens = world.today
    form.locator("input[name='opens_on']").fill(dmy(opens))
    form.locator("input[name='opens_on']").dispatch_event("change")
    closes = working_day_after(opens - ONE_DAY, 5, agency=world.agency)
    expect(page.get_by_test_id("closing-day")).to_contain_text(dmy(closes))
    snap(page, "nominations-posting-new")
    page.get_by_test_id("posting-save").click()
    expect(page.get_by_test_id("posted").locator("tbody tr")).to_have_count(4)
    posting = Posting.objects.get(round=world.round)
    assert (posting.opens_on, posting.working_days, posting.closes_on) == (opens, 5, closes)
    return posting


def comment_and_handle(page, world, posting, proposal):
    form = page.get_by_test_id("comment-form")
    form.locator("select[name='proposal']").select_option(label=f"{world.minh.full_name} — {world.ldtt.name}")
    form.locator("input[name='author']").fill("Nguyễn Văn Bình")
    expect(form.locator("input[name='received_on']")).to_have_value(dmy(world.today))
    form.locator("textarea[name='text']").fill(COMMENT)
    page.get_by_test_id("comment-submit").click()
    comment = Comment.objects.get(posting=posting)
    assert (comment.proposal_id, comment.text) == (proposal.pk, COMMENT)
    expect(page.get_by_test_id("pending-count")).to_have_text("1")
    handle = page.get_by_test_id(f"handle-{comment.pk}")
    handle.locator("input[name='accepted'][value='yes']").check()
    handle.locator("textarea[name='reason']").fill(HANDLING)
    page.get_by_test_id(f"handle-submit-{comment.pk}").click()
    expect(page.get_by_test_id("pending-count")).to_have_text("0")
    expect(page.get_by_test_id(f"comment-{comment.pk}")).to_contain_text(HANDLING)
    snap(page, "nominations-posting")
    comment.refresh_from_db()
    assert (comment.handling, comment.handling_reason) == (Handling.ACCEPTED, HANDLING)


def move_the_posting_into_the_past(world, posting):
    """A posting cannot be waited for in a test: its days (and the comment's) are moved back a month."""
    opens = world.today - dt.timedelta(days=30)
    closes = closing_day(opens, posting.working_days, agency=world.agency)
    assert closes < world.today
    Posting.objects.filter(pk=posting.pk).update(opens_on=opens, closes_on=closes)
    Comment.objects.filter(posting=posting).update(received_on=opens)


def send_to_the_council(page, base):
    page.goto(f"{base}/app/nominations/queue/?status=posted")
    expect(page.get_by_test_id("queue").locator("tbody tr[data-testid^='row-']")).to_have_count(4)
    page.locator("[data-check-all='proposals']").check()
    page.get_by_test_id("ready-many").click()
    expect(page.get_by_test_id("queue").locator("tbody tr[data-testid^='row-']")).to_have_count(0)


# --- the story ----------------------------------------------------------------------------------------------


def test_proposed_returned_corrected_appraised_posted_and_ready_for_the_council(site, page, browser):
    base, world = site
    log_in(page, base, world.officer.username)
    propose_three_and_the_unit(page, base, world)
    made = list(Proposal.objects.filter(round=world.round).order_by("pk"))
    assert [(p.person, p.award, p.source) for p in made] == [
        (world.minh, world.ldtt, Source.DUE),
        (world.anh, world.ldtt, Source.REGISTRATION),
        (world.mai, world.ldtt, Source.REGISTRATION),
        (None, world.ttldtt, Source.BLANK),
    ]
    minh, anh, mai, unit = made
    # the unit has no quality rating of its own this year: its proposal needs a justification
    assert [p.verdict for p in made] == [Verdict.ELIGIBLE] * 3 + [Verdict.NOT_ELIGIBLE]

    draft_unit_papers(page, base, world)
    for proposal in made:
        draft_report_and_submit(page, base, proposal)
    snap(page, "nominations-proposal")
    assert set(Proposal.objects.values_list("status", flat=True)) == {Status.SUBMITTED}

    nominee_confirms_on_a_phone(browser, base, world, anh)

    secretariat = browser.new_context(**world.context_args).new_page()
    log_in(secretariat, base, world.secretariat.username)
    return_for_the_report(secretariat, base, mai)
    mai.refresh_from_db()
    before = {name: getattr(mai, name) for name in ("achievement", "justification", "line_name")}
    assert (mai.status, mai.returned_fields) == (Status.RETURNED, ["report"])

    correct_the_report(page, base, mai)
    mai.refresh_from_db()
    assert (mai.status, mai.version, mai.report) == (Status.SUBMITTED, 2, NEW_REPORT)
    assert {name: getattr(mai, name) for name in before} == before

    appraise_all(secretariat, base)
    assert set(Proposal.objects.values_list("status", flat=True)) == {Status.APPRAISED}
    posting = open_the_posting(secretariat, base, world)
    comment_and_handle(secretariat, world, posting, minh)
    move_the_posting_into_the_past(world, posting)
    send_to_the_council(secretariat, base)

    assert list(Proposal.objects.order_by("pk").values_list("status", flat=True)) == [Status.READY] * 4
    secretariat.goto(f"{base}/app/nominations/proposals/{unit.pk}/")
    expect(secretariat.get_by_test_id("status")).to_have_text(vi(Status.READY))
    assert vi(Status.READY) == "Sẵn sàng trình Hội đồng"
    snap(secretariat, "nominations-ready")
    secretariat.context.close()
