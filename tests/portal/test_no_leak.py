"""Nothing internal reaches the public portal (issue 16): on the demo, an anonymous visitor walks every public
page — the portal's pages crawled from the home and the lists (bounded, following pagination a little), every
URL of /sitemap.xml, the feeds — and every answer is 200/301/302/404/410 (never a 500) and none shows:

- an object that was not published: the subjects and references of drafts and of documents issued but never
  published, the titles of movements, exemplary models and articles never published, a withdrawn publication's
  title (except on its own 410 page) — each only when it shares no text with what was published;
- an internal field: a document's return reason, arrival number label, the username of whoever created it,
  its folded search text; a portal comment's contact; the council's ballots (receipts, seals, the vote's
  words);
- a person's personal fields: date of birth (dd/mm/yyyy and ISO), staff code, e-mail, phone;
- a link into the staff application (/app/…; the sign-in page /accounts/login/ is allowed).

Text the agency chose to publish (the publications' snapshots) is the public record: a value found there is
not counted as a leak (a birth date that happens to be a document's date, a reference a published movement
lists) — except contacts, e-mails, phones, return reasons and ballots, which count wherever they appear."""

import json
import re
import time
from collections import deque
from urllib.parse import urlencode, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client, TestCase, override_settings
from django.utils.translation import gettext, override

from achievements.models import ExemplaryModel
from council.models import Ballot
from demo.build import build
from documents.models import Document
from movements.models import Movement
from nominations.models import Comment
from people.models import Person
from publishing.models import SOURCE_FIELD, Article, Kind, Publication, Status

pytestmark = pytest.mark.django_db

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The documents' PDFs written at publishing (as the task worker does), the cache in memory (not data/cache).
BUILD_SETTINGS = {
    "PASSWORD_HASHERS": FAST_HASHERS,
    "TASKS": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
    "CACHES": {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "demo"},
        "portal": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "demo-portal"},
    },
}
MAX_PAGES = 400
MAX_PAGE_NUMBER = 3  # pagination followed a little: ?page=2, ?page=3
MAX_FILTERED = 60  # pages with another query string (filters, a year, a kind)
ALLOWED = {200, 301, 302, 404, 410}
NOT_PORTAL = ("/app/", "/admin/", "/api/", "/accounts/", "/i18n/", "/healthz", "/static/", "/media/")
STAFF_LINK = re.compile(r"""(?:href|action|src)\s*=\s*["'](?:https?://[^/"']+)?(/app/[^"']*|/admin/[^"']*)""")
LINK = re.compile(r"""href\s*=\s*["']([^"'#]+)""")
LOC = re.compile(r"<loc>\s*([^<\s]+)\s*</loc>")
IMAGE = re.compile(r"""src\s*=\s*["'](/anh/[^"']+)""")
GET_FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)
SELECT = re.compile(r"<select\b[^>]*\bname=\"([^\"]+)\"[^>]*>(.*?)</select>", re.S | re.I)
OPTION = re.compile(r"<option\b[^>]*\bvalue=\"([^\"]+)\"", re.I)
FEEDS = ("/feeds/van-ban.atom", "/feeds/tin-tuc.atom")
# The council's secret ballot: none of its words on a public page (unless a published text uses them).
BALLOT_WORDS = ("phiếu bầu", "bỏ phiếu", "số phiếu", "kiểm phiếu", "phiếu tán thành", "biểu quyết")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo built once for the module, rolled back afterwards (what waits for a commit — the PDFs — run
    at the end of the build, as a commit would)."""
    with django_db_blocker.unblock(), override_settings(**BUILD_SETTINGS), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            build()
        yield
        transaction.set_rollback(True)


def public_corpus() -> str:
    """Everything published, as one text: what a page may show."""
    parts = []
    for p in Publication.objects.published():
        facts = json.dumps(p.facts, ensure_ascii=False)
        parts += [p.title, p.summary, *p.paragraphs, facts, p.issuer, p.field]
    return "\n".join(parts)


def forbidden(corpus: str) -> dict[str, str]:
    """value → what it is: the strings no public page may contain."""
    found: dict[str, str] = {}

    def add(value, what, *, unless_public=True, shortest=6):
        value = (value or "").strip()
        if len(value) >= shortest and not (unless_public and value in corpus):
            found.setdefault(value, what)

    published_documents = set(
        Publication.objects.published().filter(kind=Kind.DOCUMENT).values_list("document_id", flat=True)
    )
    for document in Document.objects.exclude(pk__in=published_documents):
        what = f"unpublished document {document.pk} ({document.status})"
        add(document.subject, f"subject of {what}", shortest=20)
        add(document.reference, f"reference of {what}")
    for document in Document.objects.all():
        add(document.return_reason, f"return reason of document {document.pk}", unless_public=False)
        add(document.search_text.strip()[:80], f"search text of document {document.pk}", shortest=40)
    published = Publication.objects.published()
    for model, kind, name in (
        (Movement, Kind.MOVEMENT, "name"),
        (ExemplaryModel, Kind.EXEMPLARY, "title"),
        (Article, Kind.ARTICLE, "title"),
    ):
        shown = set(published.filter(kind=kind).values_list(SOURCE_FIELD[kind], flat=True))
        for item in model.objects.exclude(pk__in=shown):
            add(getattr(item, name, ""), f"unpublished {kind} {item.pk}", shortest=20)
    creators = Document.objects.exclude(created_by=None).values_list("created_by_id", flat=True).distinct()
    for username in get_user_model().objects.filter(pk__in=creators).values_list("username", flat=True):
        add(username, "a creator's username", shortest=5)
    for person in Person.objects.all():
        if person.date_of_birth:
            add(person.date_of_birth.strftime("%d/%m/%Y"), f"birth date of person {person.pk}")
            add(person.date_of_birth.isoformat(), f"birth date (ISO) of person {person.pk}")
        add(person.email, f"e-mail of person {person.pk}", unless_public=False)
        add(person.phone, f"phone of person {person.pk}", unless_public=False)
        add(person.staff_code, f"staff code of person {person.pk}")
    for comment in Comment.objects.all():
        add(comment.contact, f"contact of comment {comment.pk}", unless_public=False)
    for receipt, seal in Ballot.objects.values_list("receipt", "seal")[:500]:
        add(receipt, "a ballot's receipt", unless_public=False)
        add(seal, "a ballot's seal", unless_public=False)
    with override("vi"):
        add(gettext("arrival number"), "the arrival number's label", shortest=5)
        add(gettext("Abstain"), "a ballot's choice", shortest=5)
    for word in BALLOT_WORDS:
        add(word, "the council's vote", shortest=5)
    return found


PAGE_OF_KIND = {
    Kind.DOCUMENT: "van-ban",
    Kind.MOVEMENT: "phong-trao",
    Kind.EXEMPLARY: "dien-hinh",
    Kind.ARTICLE: "tin-tuc",
    Kind.HONOUR_ROLL: "bang-vang",
}


def withdrawn_pages() -> dict[str, set[str]]:
    """A withdrawn publication's address → what its 410 page may name (its title, its document's reference
    and subject): allowed there only."""
    pages = {}
    for p in Publication.objects.filter(status=Status.WITHDRAWN).select_related("document"):
        source = [p.document.reference, p.document.subject] if p.document else []
        pages[f"/{PAGE_OF_KIND[p.kind]}/{p.slug}/"] = {p.title, *source}
    return pages


def filter_choices(path: str, text: str) -> list[str]:
    """The addresses a visitor reaches by choosing one value in a filter (a GET form's select)."""
    found = []
    for attributes, body in GET_FORM.findall(text):
        if not re.search(r"method\s*=\s*[\"']get", attributes, re.I):
            continue
        action = re.search(r"action\s*=\s*[\"']([^\"']*)", attributes)
        target = urlsplit(action.group(1)).path if action and action.group(1) else urlsplit(path).path
        for name, options in SELECT.findall(body):
            found += [f"{target}?{urlencode({name: value})}" for value in OPTION.findall(options)]
    return found


def links(path: str, text: str) -> list[str]:
    found = filter_choices(path, text) + IMAGE.findall(text)
    for href in LINK.findall(text):
        parts = urlsplit(href.replace("&amp;", "&"))
        if parts.scheme and parts.netloc != "testserver":
            continue
        if not parts.path.startswith("/") or parts.path.startswith(NOT_PORTAL):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def worth_following(url: str, filtered: list[str]) -> bool:
    parts = urlsplit(url)
    if not parts.query:
        return True
    page = re.fullmatch(r"page=(\d+)", parts.query)
    if page:
        return int(page.group(1)) <= MAX_PAGE_NUMBER
    if len(filtered) < MAX_FILTERED and "page=" not in parts.query:
        filtered.append(url)
        return True
    return False


def crawl(client: Client, start: list[str]) -> dict[str, tuple[int, str]]:
    """url → (status, text) of the portal's pages reachable from `start`, at most MAX_PAGES."""
    seen, queue, filtered, answers = set(start), deque(start), [], {}
    while queue and len(answers) < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        kind = response.get("Content-Type", "")
        is_text = kind.startswith(("text/", "application/xml", "application/atom"))
        text = response.content.decode("utf-8", "replace") if is_text else ""
        answers[url] = (response.status_code, text)
        if response.status_code in (301, 302):
            target = urlsplit(response["Location"])
            url_next = target.path + (f"?{target.query}" if target.query else "")
            if url_next not in seen and not target.path.startswith(NOT_PORTAL) and not target.netloc:
                seen.add(url_next)
                queue.append(url_next)
        if "html" not in kind:
            continue
        for link in links(url, text):
            if link not in seen and worth_following(link, filtered):
                seen.add(link)
                queue.append(link)
    return answers


def sitemap_urls(client: Client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    paths = [urlsplit(loc).path for loc in LOC.findall(response.content.decode())]
    assert len(paths) > 10  # the demo publishes documents, movements, models, articles, an honour roll
    return paths


def test_no_public_page_shows_anything_internal(demo):
    started = time.monotonic()
    corpus = public_corpus()
    secrets, withdrawn = forbidden(corpus), withdrawn_pages()
    assert secrets and any("unpublished document" in what for what in secrets.values())
    client = Client()
    start = ["/", "/van-ban/", "/phong-trao/", "/dien-hinh/", "/tin-tuc/", "/bang-vang/", "/lay-y-kien/"]
    start += [url for url in sitemap_urls(client) if url not in start] + list(FEEDS)
    start += ["/tim-kiem/?q=trien+khai+ke+hoach+thi+dua", "/tim-kiem/?q=khen+thuong"]
    gone = list(withdrawn)
    answers = crawl(client, start + gone)

    problems = []
    for url, (status, text) in answers.items():
        if status not in ALLOWED:
            problems.append(f"{url}: HTTP {status}")
        problems += [f"{url}: staff link {link}" for link in STAFF_LINK.findall(text)]
        allowed = withdrawn.get(url, set()) if status == 410 else set()
        problems += [
            f"{url}: {what}: {value!r}"
            for value, what in secrets.items()
            if value in text and value not in allowed
        ]
        problems += [
            f"{url}: withdrawn title {title!r}"
            for page, names in withdrawn.items()
            for title in names
            if len(title) >= 20 and title not in corpus and title in text and url != page
        ]
    assert problems == []
    statuses = {status for status, _ in answers.values()}
    assert 200 in statuses and len(answers) > 50
    assert all(answers[feed][0] == 200 for feed in FEEDS)
    assert gone and all(answers[url][0] == 410 for url in gone)
    downloads = [url for url in answers if url.endswith(".pdf")]
    assert downloads and all(answers[url][0] == 200 for url in downloads)
    assert time.monotonic() - started < 120
