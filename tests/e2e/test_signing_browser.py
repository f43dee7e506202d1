"""End-to-end, in a real Chromium: the director opens a draft from his to-do list and signs it off; the clerk
(văn thư) finds it in hers, numbers and issues it."""

import re

import pytest
from playwright.sync_api import expect

from activity.models import ActivityLog
from documents import domain
from documents.kinds import ensure_kinds
from documents.models import Document, Status
from notifications.models import Notification
from tests.documents.signers import add_signers
from tests.documents.test_domain import officer_draft
from tests.e2e.browsing import log_in, snap

pytestmark = pytest.mark.browser

SUBJECT = "Kế hoạch tổ chức Hội nghị tổng kết thi đua năm 2025"


@pytest.fixture
def submitted(live_server, transactional_db, world):
    """A plan of the division's officer, submitted to the director (world.leader) for signature."""
    ensure_kinds()
    signers = add_signers(world)
    document = officer_draft(world, signers.director, subject=SUBJECT)
    domain.submit_for_signature(actor=world.officer, document=document)
    return live_server.url, world, document


def open_from_todo(page, base, label):
    page.goto(f"{base}/app/")
    task = page.get_by_test_id("todo").get_by_role("link", name=re.compile(label))
    expect(task).to_contain_text("1")
    task.click()
    page.get_by_test_id("documents-table").get_by_role("link", name=SUBJECT).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kế hoạch")


def test_the_director_signs_off_from_his_todo_list_and_the_clerk_issues(submitted, page, browser):
    base, world, document = submitted
    log_in(page, base, world.leader.username)
    open_from_todo(page, base, "Văn bản chờ ký duyệt")
    expect(page.get_by_test_id("awaiting-signature")).to_contain_text("Trần Văn Giám")
    snap(page, "signing-director-draft")
    page.once("dialog", lambda dialog: dialog.accept())  # "Sign off the document?"
    page.get_by_test_id("approve").click()
    expect(page.get_by_test_id("status")).to_have_text("Đã ký duyệt")
    expect(page.get_by_test_id("approve")).to_have_count(0)

    clerk_context = browser.new_context()
    clerk = clerk_context.new_page()
    log_in(clerk, base, world.clerk.username)
    open_from_todo(clerk, base, "Văn bản đã ký, chờ cho số và ban hành")
    expect(clerk.get_by_test_id("awaiting-number")).to_contain_text("Trần Văn Giám")
    clerk.once("dialog", lambda dialog: dialog.accept())  # "Issue the document?"
    clerk.get_by_test_id("issue").click()
    expect(clerk.get_by_role("heading", level=1)).to_have_text(re.compile(r"Kế hoạch 01/KH-STN$"))
    expect(clerk.get_by_test_id("status")).to_have_text("Đã ban hành")
    snap(clerk, "signing-clerk-issued")
    clerk_context.close()

    document.refresh_from_db()
    assert (document.status, document.reference, document.signer_name, document.signer_position) == (
        Status.ISSUED,
        "01/KH-STN",
        "Trần Văn Giám",
        "GIÁM ĐỐC",
    )
    moves = ActivityLog.objects.filter(target_id=str(document.pk), action__startswith="documents.document.")
    assert [(entry.action, entry.actor) for entry in moves.order_by("id")] == [
        ("documents.document.created", world.officer),
        ("documents.document.submitted", world.officer),
        ("documents.document.approved", world.leader),
        ("documents.document.issued", world.clerk),
    ]
    to_sign = Notification.objects.get(user=world.leader, kind="documents.to_sign")
    assert to_sign.read_at is not None  # his task was done when he signed it off
    assert not Notification.objects.filter(kind="documents.to_issue", read_at__isnull=True).exists()
    assert Document.objects.filter(status=Status.APPROVED).count() == 0


def test_the_director_returns_a_draft_with_his_reason(submitted, page, browser):
    base, world, document = submitted
    log_in(page, base, world.leader.username)
    open_from_todo(page, base, "Văn bản chờ ký duyệt")
    page.get_by_test_id("return").click()
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.locator(".errorlist")).to_contain_text("Hãy ghi lý do trả lại")
    page.get_by_label(re.compile("Lý do trả lại")).fill("Bổ sung thời gian và địa điểm hội nghị.")
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_test_id("status")).to_have_text("Bị trả lại")

    officer_context = browser.new_context()
    officer = officer_context.new_page()
    log_in(officer, base, world.officer.username)
    open_from_todo(officer, base, "Văn bản bị trả lại")
    expect(officer.get_by_test_id("return-reason")).to_contain_text("Bổ sung thời gian và địa điểm hội nghị.")
    expect(officer.get_by_test_id("submit")).to_be_visible()
    officer_context.close()
    document.refresh_from_db()
    assert (document.status, document.return_reason) == (
        Status.RETURNED,
        "Bổ sung thời gian và địa điểm hội nghị.",
    )
