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
