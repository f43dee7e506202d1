"""End-to-end: a unit's emulation registration compiled, submitted, returned with a reason, fixed, resubmitted
and approved, then the consolidated .xlsx downloaded — in a real Chromium.

Elements are found by their data-testid and form field names, so the test holds whatever the language."""

import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from awards.catalogue import ensure_catalogue
from documents.kinds import ensure_kinds
from movements.models import Registration
from movements.spreadsheets import HEADER_ROW
from tests.e2e.browsing import log_in, snap
from tests.factories import MovementFactory, RoundFactory, staff_in

pytestmark = pytest.mark.browser

PLEDGES = "Hoàn thành 100% nhiệm vụ được giao; không có hồ sơ trễ hạn"
REASON = "Đề nghị đăng ký danh hiệu Chiến sĩ thi đua cơ sở cho bà Vũ Thị Ánh, đã có sáng kiến."


@pytest.fixture
def site(live_server, transactional_db, world):
    """The live server; a movement of the agency with this year's registration open (the transactional
    database is flushed, so the catalogue of titles and the document kinds are written again)."""
    ensure_catalogue()
    ensure_kinds()
    world.movement = MovementFactory(agency=world.agency, name="Phong trào thi đua “Chuyển đổi số” năm 2026")
    world.round = RoundFactory(movement=world.movement, deadline=timezone.localdate() + dt.timedelta(days=20))
    world.anh = staff_in(world.division, family_name="Vũ", middle_name="Thị", given_name="Ánh")
    return live_server.url, world


def choose(form, name, label):
    form.locator(f"select[name='{name}']").select_option(label=label)


def person_label(person):
    return f"{person.full_name} ({person.staff_code})"


def compile_registration(page, world):
    page.get_by_test_id(f"start-{world.division.pk}").click()
    expect(page.get_by_test_id("registration-status")).to_have_attribute("class", "badge status-draft")
    page.get_by_test_id("pledges-form").locator("textarea[name='pledges']").fill(PLEDGES)
    page.get_by_test_id("pledges-form").get_by_role("button").click()

    collective = page.get_by_test_id("collective-form")
    choose(collective, "collective-award", "Tập thể lao động tiên tiến")
    collective.locator("textarea[name='collective-pledges']").fill("Giải quyết 100% hồ sơ trực tuyến")
    collective.get_by_role("button").click()
    for person, title in (
        (world.division_person, "Chiến sĩ thi đua cơ sở"),
        (world.anh, "Lao động tiên tiến"),
    ):
        individual = page.get_by_test_id("individual-form")
        choose(individual, "individual-person", person_label(person))
        choose(individual, "individual-award", title)
        individual.get_by_role("button").click()
    expect(page.get_by_test_id("individual-entries").locator("tbody tr")).to_have_count(2)
    expect(page.get_by_test_id("collective-entries")).to_contain_text("Tập thể lao động tiên tiến")
    snap(page, "registration-compiled")


def review(browser, base, world, *, reason=""):
    """The secretariat, in her own browser, returns (with `reason`) or approves the registration."""
    context = browser.new_context()
    page = context.new_page()
    log_in(page, base, world.secretariat.username)
    page.goto(f"{base}/app/registrations/queue/")
    registration = Registration.objects.get(unit=world.division)
    row = page.get_by_test_id(f"queue-{registration.pk}")
    expect(row).to_contain_text(world.division.name)
    if reason:
        row.locator("textarea[name='reason']").fill(reason)
        snap(page, "registration-queue")
        row.get_by_test_id(f"return-{registration.pk}").click()
    else:
        row.get_by_test_id(f"approve-{registration.pk}").click()
    expect(page.get_by_test_id("queue").locator(f"[data-testid=queue-{registration.pk}]")).to_have_count(0)
    context.close()


def fix_and_resubmit(page, world):
    expect(page.get_by_test_id("return-reason")).to_contain_text(REASON)
    snap(page, "registration-returned")
    row = page.get_by_test_id("individual-entries").locator("tbody tr").filter(has_text=world.anh.full_name)
    row.get_by_role("button").click()
    individual = page.get_by_test_id("individual-form")
    choose(individual, "individual-person", person_label(world.anh))
    choose(individual, "individual-award", "Chiến sĩ thi đua cơ sở")
    individual.locator("textarea[name='individual-pledges']").fill("Sáng kiến số hóa hồ sơ đất đai")
    individual.get_by_role("button").click()
    expect(page.get_by_test_id("individual-entries").locator("tbody tr")).to_have_count(2)
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("registration-status")).to_have_attribute("class", "badge status-submitted")


def download_table(page, base, world) -> list[tuple]:
    page.goto(f"{base}/app/registrations/round/{world.round.pk}/")
    with page.expect_download() as download:
        page.get_by_test_id("export-xlsx").click()
    data = download.value.path().read_bytes()
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.cell(row=2, column=1).value == f"BẢNG TỔNG HỢP ĐĂNG KÝ THI ĐUA NĂM {world.round.year}"
    return [tuple(row) for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)]


def test_registration_compiled_returned_fixed_and_approved(site, page, browser):
    base, world = site
    log_in(page, base, world.officer.username)
    page.goto(f"{base}/app/registrations/round/{world.round.pk}/")
    snap(page, "registration-round")
    compile_registration(page, world)
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("registration-status")).to_have_attribute("class", "badge status-submitted")
    detail = page.url

    review(browser, base, world, reason=REASON)
    page.goto(detail)
    fix_and_resubmit(page, world)
    review(browser, base, world)

    page.goto(detail)
    expect(page.get_by_test_id("registration-status")).to_have_attribute(
        "class", "badge status-approved done"
    )
    expect(page.get_by_test_id("submit")).to_have_count(0)
    expect(page.get_by_test_id("pledges")).to_contain_text(PLEDGES)
    snap(page, "registration-approved")
    rows = download_table(page, base, world)
    assert rows == [
        (
            1,
            "Phòng Kế hoạch",
            "Tập thể",
            None,
            "Tập thể lao động tiên tiến",
            "Giải quyết 100% hồ sơ trực tuyến",
            "Đã duyệt",
        ),
        (
            2,
            "Phòng Kế hoạch",
            "Cá nhân",
            "Vũ Thị Ánh",
            "Chiến sĩ thi đua cơ sở",
            "Sáng kiến số hóa hồ sơ đất đai",
            "Đã duyệt",
        ),
        (3, "Phòng Kế hoạch", "Cá nhân", "Lê Văn Minh", "Chiến sĩ thi đua cơ sở", None, "Đã duyệt"),
    ]
    registration = Registration.objects.get(unit=world.division)
    assert registration.status == "approved" and registration.pledges == PLEDGES


GIVEN_NAMES = ["An", "Bình", "Cúc", "Dũng", "Đào", "Giang", "Hải", "Khánh", "Lâm", "Mai"]


def test_officer_registers_ten_staff_at_once_then_edits_one(site, page):
    """The officer searches her unit's list without accents, ticks everyone found with "Chọn tất cả",
    registers them in one go, then changes one person's title and pledges."""
    base, world = site
    ten = [staff_in(world.division, family_name="Ngô", middle_name="Thị", given_name=n) for n in GIVEN_NAMES]
    log_in(page, base, world.officer.username)
    page.goto(f"{base}/app/registrations/round/{world.round.pk}/")
    page.get_by_test_id(f"start-{world.division.pk}").click()
    page.get_by_test_id("add-staff").click()

    form = page.get_by_test_id("bulk-form")
    form.locator("input[name='q']").fill("ngo thi")
    form.get_by_test_id("staff-search").click()
    expect(page.get_by_test_id("staff-table").locator("tbody tr")).to_have_count(10)
    page.locator("[data-check-all='people']").check()
    expect(page.get_by_test_id("chosen-count")).to_have_text("10")
    choose(page.get_by_test_id("bulk-form"), "award", "Lao động tiên tiến")
    page.get_by_test_id("bulk-form").locator("textarea[name='pledges']").fill("Hoàn thành tốt nhiệm vụ")
    snap(page, "registration-add-staff")
    page.get_by_test_id("bulk-save").click()

    expect(page.get_by_test_id("individual-entries").locator("tbody tr")).to_have_count(10)
    registration = Registration.objects.get(unit=world.division)
    entries = registration.entries.select_related("award")
    assert {e.person_id for e in entries} == {p.pk for p in ten}
    assert {(e.award.name, e.pledges) for e in entries} == {("Lao động tiên tiến", "Hoàn thành tốt nhiệm vụ")}

    mai = registration.entries.get(person=ten[-1])
    page.get_by_test_id(f"edit-{mai.pk}").click()
    expect(page.get_by_test_id("entry-person")).to_have_text("Ngô Thị Mai")
    edit = page.get_by_test_id("entry-form")
    choose(edit, "award", "Chiến sĩ thi đua cơ sở")
    edit.locator("textarea[name='pledges']").fill("Có sáng kiến được công nhận\nKhông nghỉ quá 10 ngày")
    page.get_by_test_id("entry-save").click()

    expect(page.get_by_test_id("individual-entries")).to_contain_text("Chiến sĩ thi đua cơ sở")
    snap(page, "registration-entry-edited")
    mai.refresh_from_db()
    assert (mai.award.name, mai.pledges, mai.person_id) == (
        "Chiến sĩ thi đua cơ sở",
        "Có sáng kiến được công nhận\nKhông nghỉ quá 10 ngày",
        ten[-1].pk,
    )
    assert registration.entries.count() == 10
    assert registration.entries.filter(award__name="Lao động tiên tiến").count() == 9
