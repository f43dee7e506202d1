"""What the browser tests share: logging in through the real login page, and optional screenshots."""

import os
import re

from playwright.sync_api import expect

from tests.factories import PASSWORD

SCREENSHOTS = os.environ.get("THIDUA_SCREENSHOTS", "")


def log_in(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label(re.compile("Tên đăng nhập|Username")).fill(username)
    page.get_by_label(re.compile("Mật khẩu|Password")).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Đăng nhập|Log in")).click()
    expect(page.locator("a.whoami")).to_be_visible()


def snap(page, name):
    """Save a full-page screenshot when THIDUA_SCREENSHOTS names a folder."""
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


PHONE = {"width": 390, "height": 844}  # a common phone, in CSS pixels

# The elements that stick out of the viewport on the right, widest first: what to fix when a page is too wide.
WIDER_THAN_SCREEN = """() => [...document.querySelectorAll("body *")]
  .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
  .map((el) => [el.tagName.toLowerCase(), ...el.classList].join(".")
    + ` ${Math.round(el.getBoundingClientRect().right)}px`)
  .slice(0, 8)"""


def as_phone(page):
    page.set_viewport_size(PHONE)


def overflow(page) -> dict:
    """The page's width ("scroll"), the viewport's ("screen") and what sticks out ("culprits")."""
    scroll, screen = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    return {
        "scroll": scroll,
        "screen": screen,
        "culprits": page.evaluate(WIDER_THAN_SCREEN) if scroll > screen else [],
    }
