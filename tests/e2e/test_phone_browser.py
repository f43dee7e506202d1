"""End-to-end on a phone (390 × 844, touch): the main menu folds behind one button and opens with one tap,
works with the keyboard alone, and no main page is wider than the screen — in a real Chromium."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from activity.domain import log_action
from awards.catalogue import ensure_catalogue
from documents.kinds import ensure_kinds
from tests.e2e.browsing import PHONE, log_in, overflow, snap
from tests.factories import MovementFactory, staff_in

pytestmark = pytest.mark.browser

LONG_FILE = "bao-cao-tong-ket-phong-trao-thi-dua-chuyen-doi-so-nam-2026-cua-van-phong-so-ban-chinh-thuc.pdf"
MAIN_PAGES = (
    "home",
    "documents:list",
    "activity:list",
    "people:list",
    "organisations:tree",
    "movements:list",
    "awards:due",
    "awards:catalogue",
)


@pytest.fixture
def site(live_server, transactional_db, world):
    """The live server with what makes pages wide: long names, a long file name in the activity log."""
    ensure_catalogue()
    ensure_kinds()
    MovementFactory(
        agency=world.agency,
        name="Phong trào thi đua “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở” "
        "giai đoạn 2026–2030",
    )
    MovementFactory(
        agency=world.agency, name="Phong trào thi đua thường xuyên", period_end=None
    )  # "no end set"
    staff_in(world.team, family_name="Tôn Nữ", middle_name="Hoàng Bảo", given_name="Ngọc Quỳnh Anh")
    for n in range(5):
        log_action(
            actor=world.secretariat,
            action="people.person.updated",
            target=world.division_person,
            agency=world.agency,
            before={"email": f"le.van.minh.phongkehoach{n}@sonongnghiepmoitruong.cantho.gov.vn"},
            after={
                "email": f"minh.lv.kehoachtaichinh{n}@sonongnghiepmoitruong.cantho.gov.vn",
                "file": LONG_FILE,
            },
        )
    return live_server.url, world


@pytest.fixture
def phone(browser, browser_context_args):
    """A page 390 px wide with a touch screen. (Not `is_mobile`: a mobile browser zooms out a page that is too
    wide, so `innerWidth` would grow with it and the width check below would always pass.)"""
    context = browser.new_context(**browser_context_args, viewport=PHONE, has_touch=True)
    yield context.new_page()
    context.close()


def test_the_menu_is_folded_on_a_phone_and_opens_with_one_tap(site, phone):
    base, world = site
    log_in(phone, base, world.admin.username)
    toggle = phone.get_by_role("button", name="Danh mục")
    menu = phone.get_by_test_id("mainnav")

    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_hidden()
    toggle.tap()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(menu).to_be_visible()
    for group in ("Văn bản", "Thi đua", "Khen thưởng", "Tổ chức"):
        expect(menu.get_by_role("group", name=group)).to_be_visible()
    snap(phone, "menu-phone-open")
    menu.get_by_role("group", name="Tổ chức").get_by_role("link", name="Cán bộ").tap()
    expect(phone).to_have_url(re.compile(r"/app/people/$"))
    expect(phone.get_by_test_id("mainnav")).to_be_hidden()  # folded again on the next page


def test_the_menu_works_with_the_keyboard_alone(site, phone):
    base, world = site
    log_in(phone, base, world.staff.username)
    toggle = phone.get_by_role("button", name="Danh mục")
    menu = phone.get_by_test_id("mainnav")

    phone.locator("body").focus()
    for _ in range(5):  # skip link, brand, then the menu button
        phone.keyboard.press("Tab")
        if toggle.evaluate("el => el === document.activeElement"):
            break
    expect(toggle).to_be_focused()
    phone.keyboard.press("Enter")
    expect(menu).to_be_visible()
    phone.keyboard.press("Tab")
    expect(menu.get_by_role("link", name="Trang chủ")).to_be_focused()
    phone.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    expect(toggle).to_be_focused()
    # The staff member sees no entry meant for managers.
    phone.keyboard.press("Space")
    expect(menu.get_by_role("link", name="Nhật ký hoạt động")).to_have_count(0)
    expect(menu.get_by_role("link", name="Tài khoản")).to_have_count(0)


def test_on_a_desktop_the_grouped_menu_is_shown_without_a_button(site, page):
    base, world = site
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, base, world.admin.username)
    expect(page.get_by_role("button", name="Danh mục")).to_be_hidden()
    menu = page.get_by_test_id("mainnav")
    expect(menu.get_by_role("group", name="Thi đua").get_by_role("link")).to_have_text(
        ["Phong trào", "Đăng ký", "Sáng kiến", "Điển hình"]
    )
    snap(page, "menu-desktop")


@pytest.mark.parametrize("who", ["admin", "secretariat", "officer", "staff"])
def test_no_main_page_is_wider_than_a_phone(site, phone, who):
    base, world = site
    log_in(phone, base, getattr(world, who).username)
    too_wide = {}
    for name in MAIN_PAGES:
        response = phone.goto(base + reverse(name))
        snap(phone, f"phone-{who}-{name.replace(':', '-')}")
        width = overflow(phone)
        if width["scroll"] > width["screen"]:
            too_wide[name] = (response.status, width)
    phone.goto(f"{base}/khong-co-trang-nay/")  # the error pages too
    width = overflow(phone)
    if width["scroll"] > width["screen"]:
        too_wide["404"] = (404, width)
    assert too_wide == {}
    assert overflow(phone)["screen"] == PHONE["width"]
