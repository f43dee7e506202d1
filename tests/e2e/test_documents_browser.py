"""End-to-end: a công văn drafted, issued, disseminated to two units and confirmed, in a real Chromium."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from documents.kinds import ensure_kinds
from people.domain import set_unit_head
from tests.documents.signers import add_signers
from tests.e2e.browsing import log_in, snap

pytestmark = pytest.mark.browser

SUBJECT = "V/v triển khai phong trào thi đua năm 2025"
BODY = (
    "Thực hiện Kế hoạch thi đua năm 2025 của Sở, Văn phòng đề nghị các đơn vị triển khai như sau:\n"
    "\n"
    "1. Phổ biến kế hoạch đến toàn thể cán bộ của đơn vị.\n"
    "\n"
    "Đề nghị các đơn vị nghiêm túc thực hiện./."
)


@pytest.fixture
def site(live_server, transactional_db, world):
    """The live server, with the document kinds (flushed with the transactional database), unit heads and
    the agency's signers (the director is world.leader)."""
    ensure_kinds()
    add_signers(world)
    set_unit_head(actor=None, unit=world.office, person=world.office_person)
    set_unit_head(actor=None, unit=world.division, person=world.division_person)
    return live_server.url, world


def field(scope, label):
    """The input labelled `label` (Django's label may end with a colon)."""
    return scope.get_by_label(re.compile(rf"^\s*{re.escape(label)}:?\s*$"))


def choose_unit(page, name):
    """Type the unit's name in the drafting unit's picker and tick it among the matches."""
    with page.expect_response(lambda response: "/app/units/picker/" in response.url):
        field(page, "Đơn vị soạn thảo").press_sequentially(name, delay=20)
    result = page.get_by_test_id("unit-picker-results").get_by_label(re.compile(re.escape(name)))
    result.first.check()


def draft_dispatch(page, base, world):
    page.goto(f"{base}/app/documents/new/")
    field(page, "Loại").select_option(label="Công văn")
    choose_unit(page, world.office.name)  # the secretariat drafts for any unit: the unit picker (issue 12)
    field(page, "Trích yếu").fill(SUBJECT)
    field(page, "Kính gửi").fill("Các phòng, đơn vị thuộc Sở")
    field(page, "Nội dung").fill(BODY)
    field(page, "Người ký").select_option(label="GIÁM ĐỐC Trần Văn Giám")
    field(page, "Nơi nhận").fill("Như trên;\nBan Giám đốc Sở;")
    snap(page, "documents-draft-form")
    page.get_by_role("button", name="Lưu dự thảo").click()
    expect(page.get_by_test_id("status")).to_have_text("Dự thảo")


def issue(page, browser, base, world):
    """Submitted to the director, who signs it off in his own browser; then issued by the secretariat."""
    page.get_by_role("button", name="Trình ký").click()
    expect(page.get_by_test_id("status")).to_have_text("Đã trình ký")
    director_context = browser.new_context()
    director = director_context.new_page()
    log_in(director, base, world.leader.username)
    director.goto(page.url)
    director.once("dialog", lambda dialog: dialog.accept())  # "Sign off the document?"
    director.get_by_test_id("approve").click()
    expect(director.get_by_test_id("status")).to_have_text("Đã ký duyệt")
    director_context.close()
    page.reload()
    page.once("dialog", lambda dialog: dialog.accept())  # the "Issue the document?" confirmation
    page.get_by_role("button", name="Ban hành (cấp số)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"Công văn 01/STN-VP$"))


def check_pdf(page, base):
    href = page.get_by_test_id("pdf-link").get_attribute("href")
    response = page.request.get(f"{base}{href}")
    assert response.ok
    assert response.headers["content-type"].startswith("application/pdf")
    assert response.body().startswith(b"%PDF")


def disseminate(page, world, due: dt.date):
    form = page.get_by_test_id("disseminate-form")
    field(form, world.office.name).check()
    field(form, world.division.name).check()
    field(form, "Hạn xác nhận").fill(due.strftime("%d/%m/%Y"))
    form.get_by_role("button", name="Gửi", exact=True).click()


def unit_row(page, unit):
    return page.get_by_test_id("unit-completion").locator("tbody tr").filter(has_text=unit.name)


def person_row(page, person):
    return page.get_by_test_id("person-completion").locator("tbody tr").filter(has_text=person.full_name)


def test_dispatch_drafted_issued_disseminated_and_confirmed(site, page, browser):
    base, world = site
    log_in(page, base, world.secretariat.username)
    draft_dispatch(page, base, world)
    issue(page, browser, base, world)
    expect(page.get_by_test_id("status")).to_have_text("Đã ban hành")
    text = page.get_by_test_id("document-text")
    expect(text.locator("p.block")).to_have_count(3)
    expect(text.locator("p.block-item")).to_have_text("1. Phổ biến kế hoạch đến toàn thể cán bộ của đơn vị.")
    check_pdf(page, base)
    document_url = page.url

    disseminate(page, world, timezone.localdate() + dt.timedelta(days=7))
    for unit in (world.office, world.division):
        expect(unit_row(page, unit).locator("td").nth(1)).to_have_text("0/1")
    expect(page.get_by_test_id("person-completion").locator("tbody tr")).to_have_count(2)
    snap(page, "documents-disseminated")

    staff_context = browser.new_context()
    staff_page = staff_context.new_page()
    log_in(staff_page, base, world.staff.username)
    expect(staff_page.get_by_test_id("unread-count")).to_contain_text("1")  # "the document was sent to you"
    staff_page.goto(f"{base}/app/dissemination/")
    expect(staff_page.get_by_role("heading", level=1)).to_have_text("Văn bản cần đọc")
    row = staff_page.get_by_test_id("my-documents").locator("tbody tr").filter(has_text="01/STN-VP")
    expect(row).to_contain_text(SUBJECT)
    row.get_by_role("button", name="Tôi đã đọc").click()
    expect(row.get_by_text(re.compile(r"^Đã đọc"))).to_be_visible()
    snap(staff_page, "documents-staff-read")
    staff_context.close()

    page.goto(document_url)
    expect(unit_row(page, world.office).locator("td").nth(1)).to_have_text("1/1")
    expect(unit_row(page, world.division).locator("td").nth(1)).to_have_text("0/1")
    expect(person_row(page, world.office_person).locator("td").nth(3)).to_have_text(
        re.compile(r"\d\d/\d\d/\d{4}")
    )
    expect(person_row(page, world.division_person).locator("td").nth(3)).to_have_text("—")
    snap(page, "documents-completion")
