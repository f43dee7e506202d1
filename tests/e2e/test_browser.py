"""End-to-end: a real Chromium (Debian's /usr/bin/chromium) against the live server."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.browsing import log_in, snap

pytestmark = pytest.mark.browser


@pytest.fixture
def site(live_server, transactional_db, world):
    return live_server.url, world


def table_names(page) -> list[str]:
    return page.locator("[data-testid=people-table] tbody td:first-child a").all_inner_texts()


def test_login_page_is_vietnamese(site, page):
    base, _ = site
    page.goto(f"{base}/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng nhập")
    snap(page, "login")


def test_unit_officer_sees_only_her_units_people(site, page):
    base, world = site
    log_in(page, base, world.officer.username)
    page.goto(f"{base}/app/people/")
    snap(page, "people-officer")
    assert sorted(table_names(page)) == sorted([world.division_person.full_name, world.team_person.full_name])
    page.get_by_role("searchbox").fill("huong")  # no accents: finds Đặng Thị Hương of her sub-unit
    expect(page.locator("[data-testid=people-table] tbody td:first-child a")).to_have_text(["Đặng Thị Hương"])
    page.get_by_role("searchbox").fill("tran thi lan")  # exists, but in another unit: not for her
    expect(page.locator("[data-testid=people-table] tbody td:first-child a")).to_have_count(0)
    response = page.goto(f"{base}/app/people/{world.office_person.pk}/")
    assert response.status == 404


def test_search_without_accents_updates_the_table(site, page):
    base, world = site
    log_in(page, base, world.secretariat.username)
    page.goto(f"{base}/app/people/")
    assert len(table_names(page)) == 3
    page.get_by_role("searchbox").fill("dang")
    expect(page.locator("[data-testid=people-table] tbody tr")).to_have_count(1)
    assert table_names(page) == ["Đặng Thị Hương"]
    expect(page).to_have_url(re.compile(r"q=dang"))
    page.get_by_role("searchbox").fill("le van minh")
    expect(page.locator("[data-testid=people-table] tbody td:first-child a")).to_have_text(["Lê Văn Minh"])
    snap(page, "people-search")


def test_language_switch(site, page):
    base, world = site
    log_in(page, base, world.staff.username)
    page.goto(f"{base}/app/people/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cán bộ")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("People")
    snap(page, "people-english")
    page.get_by_role("button", name="Tiếng Việt").click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cán bộ")


def test_pages_raise_no_csp_violations(site, page):
    base, world = site
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    log_in(page, base, world.admin.username)
    for path in (
        "/app/",
        "/app/units/",
        "/app/people/",
        f"/app/people/{world.team_person.pk}/",
        "/accounts/",
        "/app/activity/",
    ):
        page.goto(f"{base}{path}")
    assert [e for e in errors if "Content Security Policy" in e or "Refused" in e] == []


def test_phone_width_people_list(site, page):
    base, world = site
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, base, world.secretariat.username)
    page.goto(f"{base}/app/people/")
    snap(page, "people-phone")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
