"""End-to-end on the demo: the secretariat of today's Sở Nông nghiệp và Môi trường TP Cần Thơ sends the seed
dispatch 46/STNMT-VP of the merged-away Sở Tài nguyên và Môi trường to every unit of its successor with
"Chọn tất cả", and to one person found by typing her name without accents in the people picker."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from demo import data
from demo.build import build
from dissemination.models import Dissemination
from documents.models import Document
from lib.vntext import fold
from organisations.models import Agency, Unit
from people.models import Person, UnitHead
from tests.e2e.browsing import snap

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_site(live_server, transactional_db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    build()
    return live_server.url


def log_in(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label(re.compile("Tên đăng nhập")).fill(username)
    page.get_by_label(re.compile("Mật khẩu")).fill(data.PASSWORD)
    page.get_by_role("button", name=re.compile("Đăng nhập")).click()
    expect(page.locator("a.whoami")).to_be_visible()


def test_secretariat_sends_the_seed_dispatch_to_the_successors_units_and_a_person(demo_site, page):
    base = demo_site
    dispatch = Document.objects.get(number=46, year=2021, notation="STNMT-VP")
    successor = dispatch.agency.current_successor()
    assert successor != dispatch.agency and successor.is_active()
    units = list(Unit.objects.in_force().filter(agency=successor))
    heads = set(UnitHead.objects.values_list("person_id", flat=True))
    person = (
        Person.objects.filter(agency=successor)
        .in_units([u.pk for u in units])
        .exclude(pk__in=heads)
        .alphabetical()
    )[3]
    due = timezone.localdate() + dt.timedelta(days=10)

    log_in(page, base, "thuongtruc")
    page.goto(f"{base}/app/dissemination/document/{dispatch.pk}/")
    expect(page.get_by_test_id("successor-note")).to_contain_text(successor.name)
    form = page.get_by_test_id("disseminate-form")
    boxes = form.locator("input[name=units]")
    expect(boxes).to_have_count(len(units))
    form.get_by_test_id("select-all").click()
    for index in range(len(units)):
        expect(boxes.nth(index)).to_be_checked()

    search = form.get_by_label(re.compile(r"^\s*Cán bộ"))

    def picker_answer(response) -> bool:
        return "/app/people/picker/" in response.url

    with page.expect_response(picker_answer):  # one search, 300 ms after the last key
        search.press_sequentially(fold(person.full_name), delay=20)
    with page.expect_response(picker_answer):  # Enter searches at once and does not send the form
        search.press("Enter")
    result = form.get_by_test_id("picker-results").get_by_label(re.compile(re.escape(person.full_name)))
    expect(result).to_have_count(1)
    result.check()
    expect(result).to_be_checked()
    form.get_by_label(re.compile(r"^\s*Hạn xác nhận")).fill(due.strftime("%d/%m/%Y"))
    snap(page, "dissemination-successor-form")
    form.get_by_role("button", name="Gửi", exact=True).click()

    expect(page.locator("ul.messages")).to_contain_text("Đã gửi văn bản")
    dissemination = Dissemination.objects.get(document=dispatch)
    receipts = list(dissemination.receipts.select_related("via_unit", "person"))
    assert {r.via_unit for r in receipts if r.via_unit} == set(units)
    assert all(r.via_unit.agency == successor for r in receipts if r.via_unit)
    assert [r.person for r in receipts if r.via_unit is None] == [person]
    assert dissemination.due_date == due
    assert Agency.objects.get(pk=dispatch.agency_id).successor is not None
