"""End-to-end on the demo's public portal (issue 16, "Done when"), in a real Chromium, on a desktop and on a
phone: a visitor finds the seed dispatch 46/STNMT-VP by typing "trien khai ke hoach thi dua" in the portal's
search form, opens it and downloads its PDF (read back: its reference is in it); reads the honour roll (a
name and the decision's number); sends a comment on the open consultation and is given its reference number,
which the secretariat then sees on the proposal's page in the staff application; verifies a certificate at
its printed address, and is told a forged code does not exist (404). Screenshots of the home, a document,
the honour roll and a consultation page (THIDUA_SCREENSHOTS). And axe-core (WCAG 2 A/AA) finds no serious or
critical violation on any of the portal's page templates, on both screens."""

import re
import unicodedata

import pdfplumber
import pytest
from django.urls import reverse
from playwright.sync_api import expect

from awards.models import AwardRecord
from decisions.models import Certificate
from decisions.models import Status as DecisionStatus
from demo import data
from demo.build import build
from nominations.models import Comment, CommentSource
from publishing.models import Kind, Publication, Status
from tests.e2e.axe import axe_context, describe, violations
from tests.e2e.browsing import PHONE, snap

pytestmark = pytest.mark.browser

SCREENS = {"desktop": {"width": 1280, "height": 800}, "phone": PHONE}
QUERY = "trien khai ke hoach thi dua"
DISPATCH = "46/STNMT-VP"
FORGED = "ABCDEF-GHJKMN-PQRSTU-VWXYZ2"
WAIT_MS = 3500  # longer than the comment form's minimum time (portal.consultation_forms.MIN_SECONDS)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


@pytest.fixture
def demo_site(live_server, transactional_db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    build()
    return live_server.url


@pytest.fixture(params=list(SCREENS))
def screen(request):
    return request.param


@pytest.fixture
def context(browser, browser_context_args, screen):
    """A visitor's browser on this screen (a phone: touch), downloads accepted, axe injectable (the page's
    CSP bypassed only for the injected checker: the pages' own behaviour is unchanged)."""
    extra = {"viewport": SCREENS[screen], "has_touch": screen == "phone", "accept_downloads": True}
    context = axe_context(browser, browser_context_args, **extra)
    yield context
    context.close()


def publication(kind: str, **filters) -> Publication:
    found = Publication.objects.filter(kind=kind, status=Status.PUBLISHED, **filters)
    return found.order_by("-day", "-id")[0]


def log_in(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label(re.compile("Tên đăng nhập")).fill(username)
    page.get_by_label(re.compile("Mật khẩu")).fill(data.PASSWORD)
    page.get_by_role("button", name=re.compile("Đăng nhập")).click()
    expect(page.locator("a.whoami")).to_be_visible()


# --- the visitor's journey ----------------------------------------------------------------------------------


def find_and_download_the_dispatch(page, base, screen, tmp_path):
    page.goto(f"{base}/")
    expect(page.get_by_test_id("home-documents")).to_be_visible()
    snap(page, f"portal-home-{screen}")
    search = page.get_by_role("search").get_by_role("searchbox")
    search.click()
    search.press_sequentially(QUERY)
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"/tim-kiem/\?q=trien\+khai"))
    page.get_by_test_id("search-results").get_by_role("link").filter(has_text=DISPATCH).first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("main")).to_contain_text(DISPATCH)
    snap(page, f"portal-document-{screen}")
    with page.expect_download() as download:
        page.locator("main a[href$='.pdf']").first.click()
    path = tmp_path / f"dispatch-{screen}.pdf"
    download.value.save_as(path)
    with pdfplumber.open(path) as pdf:
        text = squash("".join(p.extract_text() or "" for p in pdf.pages))
    subject = Publication.objects.get(kind=Kind.DOCUMENT, facts__reference=DISPATCH).summary
    assert squash(DISPATCH) in text or squash(subject)[:40] in text


def read_the_honour_roll(page, base, screen):
    """The newest year's lines come first: one of its names, and its decision's number."""
    rolls = Publication.objects.filter(kind=Kind.HONOUR_ROLL, status=Status.PUBLISHED)
    documents = {p.decision.document_id: p.facts["reference"] for p in rolls.select_related("decision")}
    standing = AwardRecord.objects.standing().filter(decision_id__in=documents, person__isnull=False)
    year = max(standing.values_list("year", flat=True))
    lines = standing.filter(year=year).select_related("person")
    names = {record.person.full_name for record in lines}
    references = {documents[r.decision_id] for r in lines}
    page.goto(f"{base}/")
    page.get_by_role("navigation", name=re.compile("Cổng|Portal|Danh mục|Menu", re.I)).get_by_role(
        "link", name=re.compile("Bảng vàng|Honour roll", re.I)
    ).first.click()
    expect(page).to_have_url(re.compile(r"/bang-vang/$"))
    main = page.locator("main").inner_text()
    assert any(name in main for name in names), (names, main[:500])
    assert any(reference in main for reference in references)
    snap(page, f"portal-honour-roll-{screen}")


def link_to(page, pattern: str):
    """The first link of the page's main part whose address matches `pattern`."""
    hrefs = page.locator("main a[href]").evaluate_all("links => links.map((a) => a.getAttribute('href'))")
    href = next(h for h in hrefs if re.fullmatch(pattern, h))
    return page.locator(f"main a[href='{href}']").first


def open_a_comment_form(page, base, screen=None):
    """From the list of consultations: the open posting, then the comment form of its first proposal."""
    page.goto(f"{base}/lay-y-kien/")
    link_to(page, r"/lay-y-kien/\d+/").click()
    expect(page.get_by_test_id("proposals")).to_be_visible()
    if screen:
        snap(page, f"portal-consultation-{screen}")
    link_to(page, r"/lay-y-kien/\d+/\d+/gop-y/").click()
    expect(page.get_by_test_id("comment-form")).to_be_visible()


def comment_on_the_consultation(page, base, screen) -> tuple[str, Comment]:
    open_a_comment_form(page, base, screen)
    form = page.get_by_test_id("comment-form")
    text = f"Ý kiến thử nghiệm trên {screen}: đồng chí làm việc tận tụy, tôi đồng ý với đề nghị."
    form.locator("input[name=name]").fill("Trần Văn Khách")
    form.locator("input[name=contact]").fill(f"khach.{screen}@example.com")
    form.locator("textarea[name=text]").fill(text)
    snap(page, f"portal-comment-form-{screen}")
    page.wait_for_timeout(WAIT_MS)
    form.get_by_test_id("comment-submit").click()
    reference = page.get_by_test_id("reference")
    expect(reference).to_be_visible()
    number = reference.inner_text().strip()
    comment = Comment.objects.get(reference=number)
    assert comment.text == text and comment.source == CommentSource.PORTAL
    assert comment.contact == f"khach.{screen}@example.com" and comment.author == "Trần Văn Khách"
    return number, comment


def the_secretariat_sees_it(browser, browser_context_args, base, number, comment):
    staff = browser.new_context(**browser_context_args)
    page = staff.new_page()
    log_in(page, base, "thuongtruc")
    page.goto(base + reverse("nominations:proposal", args=[comment.proposal_id]))
    found = page.get_by_test_id(f"comment-{comment.pk}")
    expect(found.get_by_test_id("reference")).to_have_text(number)
    expect(found.get_by_test_id("comment-text")).to_have_text(comment.text)
    staff.close()


def issued_certificate() -> Certificate:
    return Certificate.objects.filter(line__decision__status=DecisionStatus.ISSUED).order_by("pk")[0]


def verify_certificates(page, base):
    certificate = issued_certificate()
    response = page.goto(f"{base}/xac-minh/{certificate.code}/")
    assert response.status == 200
    expect(page.get_by_test_id("verify-valid")).to_be_visible()
    expect(page.get_by_test_id("verify-facts")).to_contain_text(certificate.name)
    response = page.goto(f"{base}/xac-minh/{FORGED}/")
    assert response.status == 404
    expect(page.get_by_test_id("verify-unknown")).to_be_visible()
    expect(page.get_by_test_id("verify-unknown")).to_contain_text(re.compile("không tồn tại|không có", re.I))
    expect(page.get_by_test_id("verify-valid")).to_have_count(0)


def test_a_visitor_finds_reads_downloads_comments_and_verifies(
    demo_site, context, browser, browser_context_args, screen, tmp_path
):
    base = demo_site
    page = context.new_page()
    find_and_download_the_dispatch(page, base, screen, tmp_path)
    read_the_honour_roll(page, base, screen)
    number, comment = comment_on_the_consultation(page, base, screen)
    the_secretariat_sees_it(browser, browser_context_args, base, number, comment)
    verify_certificates(page, base)


# --- accessibility ------------------------------------------------------------------------------------------


def portal_pages(base) -> dict[str, str]:
    """One address per page template of the portal (the thank-you page is reached by sending a comment)."""
    withdrawn = Publication.objects.filter(kind=Kind.DOCUMENT, status=Status.WITHDRAWN).first()
    return {
        "home": "/",
        "documents": "/van-ban/",
        "document": f"/van-ban/{publication(Kind.DOCUMENT, facts__reference=DISPATCH).slug}/",
        "movements": "/phong-trao/",
        "movement": f"/phong-trao/{publication(Kind.MOVEMENT).slug}/",
        "exemplars": "/dien-hinh/",
        "exemplar": f"/dien-hinh/{publication(Kind.EXEMPLARY).slug}/",
        "news": "/tin-tuc/",
        "article": f"/tin-tuc/{publication(Kind.ARTICLE).slug}/",
        "honour roll": "/bang-vang/",
        "honour roll of a decision": f"/bang-vang/{publication(Kind.HONOUR_ROLL).slug}/",
        "search": f"/tim-kiem/?q={QUERY.replace(' ', '+')}",
        "consultations": "/lay-y-kien/",
        "verification": f"/xac-minh/{issued_certificate().code}/",
        "verification, forged": f"/xac-minh/{FORGED}/",
        "404": "/khong-co-trang-nay/",
        "410": f"/van-ban/{withdrawn.slug}/",
    }


def test_no_portal_page_has_a_serious_accessibility_problem(demo_site, context, screen):
    base = demo_site
    page = context.new_page()
    found, statuses = {}, {}
    for name, path in portal_pages(base).items():
        statuses[name] = page.goto(base + path).status
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        found[name] = violations(page)
    expected = {"verification, forged": 404, "404": 404, "410": 410}
    assert statuses == {name: expected.get(name, 200) for name in statuses}
    # The consultation's pages: a posting, its comment form, the thank-you page after sending one.
    page.goto(f"{base}/lay-y-kien/")
    link_to(page, r"/lay-y-kien/\d+/").click()
    found["consultation"] = violations(page)
    link_to(page, r"/lay-y-kien/\d+/\d+/gop-y/").click()
    found["comment form"] = violations(page)
    form = page.get_by_test_id("comment-form")
    form.get_by_test_id("comment-submit").click()  # empty: the form with its errors
    found["comment form with errors"] = violations(page)
    form = page.get_by_test_id("comment-form")
    form.locator("input[name=name]").fill("Lê Thị Khách")
    form.locator("input[name=contact]").fill("0912 345 678")
    form.locator("textarea[name=text]").fill("Tôi đồng ý với đề nghị khen thưởng.")
    page.wait_for_timeout(WAIT_MS)
    form.get_by_test_id("comment-submit").click()
    expect(page.get_by_test_id("reference")).to_be_visible()
    found["thank-you page"] = violations(page)

    problems = {name: describe(found_here) for name, found_here in found.items() if found_here}
    assert problems == {}, "\n".join(f"{name}:\n{text}" for name, text in problems.items())
