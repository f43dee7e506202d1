"""End-to-end: the secretariat opens "who is due", sees the counts, opens an award's list, asks for each check
of a row (htmx, on demand), and narrows the list to a unit found by typing its name without accents."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from awards.catalogue import ensure_catalogue
from awards.law import ensure_law
from people.models import QualityRating, Rating
from tests.e2e.browsing import log_in, snap
from tests.factories import AgencyFactory, UnitFactory, account_with_role, staff_in

pytestmark = pytest.mark.browser
LDTT = "lao-dong-tien-tien"


@pytest.fixture
def due_site(live_server, transactional_db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    ensure_catalogue()  # a transactional test before this one may have flushed the law the migrations wrote
    ensure_law()
    agency = AgencyFactory(name="Sở Thử nghiệm", symbol="STN")
    office = UnitFactory(agency=agency, name="Văn phòng", symbol="VP")
    division = UnitFactory(agency=agency, name="Phòng Kế hoạch", symbol="PKH")
    for unit, given in ((office, "Lan"), (division, "Minh"), (division, "Hương")):
        QualityRating.objects.create(person=staff_in(unit, given_name=given), year=2025, rating=Rating.GOOD)
    account_with_role(Role.SECRETARIAT, agency=agency, username="thuongtruc")
    return live_server.url


def test_the_secretariat_opens_the_counts_a_list_its_checks_and_narrows_to_a_unit(due_site, page):
    log_in(page, due_site, "thuongtruc")
    page.goto(f"{due_site}/app/awards/due/?year=2025")
    expect(page.get_by_test_id("computed-at")).to_be_visible()
    page.get_by_test_id(f"eligible-count-{LDTT}").click()

    rows = page.get_by_test_id(f"eligible-{LDTT}").locator("tbody tr")
    expect(rows).to_have_count(3)
    rows.first.locator("details summary").click()
    expect(rows.first.get_by_test_id("checks")).to_be_visible()  # fetched when opened
    snap(page, "due-list")

    page.get_by_placeholder(re.compile("tên đơn vị|unit name")).fill("ke hoach")
    choice = page.get_by_test_id("unit-results").get_by_label("Phòng Kế hoạch")
    expect(choice).to_be_visible()
    choice.check()
    page.get_by_role("button", name=re.compile("Xem|Show")).click()

    expect(page.get_by_test_id(f"eligible-{LDTT}").locator("tbody tr")).to_have_count(2)
    expect(page.locator("p.muted").first).to_contain_text("Phòng Kế hoạch")
