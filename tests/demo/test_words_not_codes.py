"""No ordinary page of the demo shows a code where a word belongs (issue 10, point 5).

Every demo account opens its home page and the main lists, then every same-site page those link to (one step,
a bounded number), and the text a person reads — not the markup, links or form values — is searched for
slug-like codes ("chien-si-thi-dua-co-so", an ISO date), raw decimals ("0.8" where "0,8" is written) and the
English values of settings ("up", "True"). The law pages of those who read the law data may show the evidence
tags; nobody else sees them."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from accounts.models import User
from demo import data

SLUG = re.compile(r"(?<![\w/.@-])[a-z0-9]+(?:-[a-z0-9]+){2,}(?![\w/.@-])")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
RAW_DECIMAL = re.compile(r"(?<![\d.,/])\d+\.\d{1,2}(?![\d.])")
SETTING_WORDS = re.compile(r"^(True|False|None|up|down|nearest|half_up|individual|collective)$")
EVIDENCE_TAG = re.compile(r"\b(V1|V2)\b")
PAGES_PER_ACCOUNT = 60
pytestmark = pytest.mark.django_db
NOT_PAGES = ("/admin/", "/api/", "/i18n/", "/accounts/logout", "/static/", "/media/")
FILES = re.compile(r"\.(pdf|docx|xlsx|zip|png|jpg)$|/(pdf|docx|xlsx|download|export|file)/?$")


class Reader(HTMLParser):
    """The text a person reads (outside script/style/template) and the page's same-site links."""

    SKIP = {"script", "style", "template", "code", "kbd", "samp"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts, self.links, self._skipping = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skipping += 1
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if href.startswith("/"):
                self.links.append(href.split("#")[0])

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, text):
        if not self._skipping and text.strip():
            self.texts.append(text.strip())


def problems_in(texts, *, law_reader: bool) -> list[str]:
    found = []
    for text in texts:
        for pattern, what in ((SLUG, "code"), (ISO_DATE, "ISO date"), (RAW_DECIMAL, "raw decimal")):
            found += [f"{what} {m.group(0)!r} in {text[:80]!r}" for m in pattern.finditer(text)]
        if SETTING_WORDS.match(text):
            found.append(f"setting value {text!r}")
        if not law_reader and EVIDENCE_TAG.search(text):
            found.append(f"evidence tag in {text[:80]!r}")
    return found


def wanted(url: str) -> bool:
    path = urlsplit(url).path
    return not path.startswith(NOT_PAGES) and not FILES.search(path) and "page=" not in url


def crawl(client, start: list[str]) -> dict[str, list[str]]:
    """{url: problems} for the start pages and the pages they link to (one step)."""
    seen, queue, report = set(), list(start), {}
    depth_one = set(start)
    while queue and len(seen) < PAGES_PER_ACCOUNT:
        url = queue.pop(0)
        if url in seen or not wanted(url):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        reader = Reader()
        reader.feed(response.content.decode())
        report[url] = reader.texts
        if url in depth_one:
            queue += [link for link in dict.fromkeys(reader.links) if link not in seen]
    return report


START = ["home", "documents:list", "movements:list", "awards:catalogue", "awards:due", "people:list"]
LAW_READERS = {"admin", "thuongtruc", "hoidong"}  # awards.access.reads_law


@pytest.mark.parametrize("account", [spec.username for spec in data.ACCOUNTS])
def test_no_page_shows_a_code_where_a_word_belongs(demo, client, account):
    client.force_login(User.objects.get(username=account))
    pages = crawl(client, [reverse(name) for name in START])

    assert len(pages) > 10, pages.keys()
    problems = {
        url: found
        for url, texts in pages.items()
        if (found := problems_in(texts, law_reader=account in LAW_READERS))
    }
    assert problems == {}


def test_the_reader_finds_what_it_looks_for():
    """The check itself can fail: each kind of code is found in read text, and words pass."""
    found = problems_in(
        ["Mã: chien-si-thi-dua-co-so", "hệ số 0.8", "2025-12-31", "up", "Mức V2"], law_reader=False
    )
    assert [problem.split(" ")[0] for problem in found] == [
        "code",
        "raw",
        "code",
        "ISO",
        "setting",
        "evidence",
    ]
    assert (
        problems_in(
            ["hệ số 0,8", "1.000.000 đồng", "46/STNMT-VP", "31/12/2025", "làm tròn lên"], law_reader=False
        )
        == []
    )
    reader = Reader()
    reader.feed(
        '<p title="x-y-z">Đạt <a href="/app/awards/chien-si-thi-dua-co-so/">CSTĐCS</a></p>'
        "<script>a-b-c</script>"
    )
    assert reader.texts == ["Đạt", "CSTĐCS"] and reader.links == ["/app/awards/chien-si-thi-dua-co-so/"]
