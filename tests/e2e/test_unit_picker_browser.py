"""End-to-end: the people list's unit filter is a search picker (organisations/widgets.py), not a list of
every unit: typing finds units without accents, ticking one refreshes the table and the address."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.browsing import log_in, snap

pytestmark = pytest.mark.browser


@pytest.fixture
def site(live_server, transactional_db, world):
    return live_server.url, world


def test_the_unit_filter_is_searched_and_refreshes_the_table(site, page):
    base, world = site
    log_in(page, base, world.secretariat.username)
    page.goto(f"{base}/app/people/")
    table = page.locator("[data-testid=people-table] tbody td:first-child a")
    expect(table).to_have_count(3)
    expect(page.locator("select[name=unit]")).to_have_count(0)

    page.get_by_placeholder(re.compile("tên đơn vị|unit name")).fill("ke hoach")
    division = page.get_by_role("radio", name=re.compile(r"^Phòng Kế hoạch"))
    expect(division).to_be_visible()
    expect(page.get_by_role("radio", name=re.compile("Văn phòng"))).to_have_count(0)
    snap(page, "people-unit-picker")
    division.check()

    expect(table).to_have_text(["Đặng Thị Hương", "Lê Văn Minh"])  # the division and its team
    expect(page).to_have_url(re.compile(rf"unit={world.division.pk}"))
    page.reload()
    expect(page.get_by_role("radio", name=re.compile(r"^Phòng Kế hoạch"))).to_be_checked()


def test_a_large_agency_opens_its_branches_on_demand(site, page, monkeypatch):
    base, world = site
    monkeypatch.setattr("organisations.trees.TREE_INLINE_LIMIT", 2)
    log_in(page, base, world.secretariat.username)
    page.goto(f"{base}/app/units/")
    expect(page.get_by_text("Tổ Kế hoạch")).to_have_count(0)

    page.locator("details.branch summary").click()

    expect(page.get_by_role("link", name="Tổ Kế hoạch")).to_be_visible()
