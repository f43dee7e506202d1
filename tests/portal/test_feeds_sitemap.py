"""The portal's Atom feeds and sitemap on the whole demo, read as a feed reader and a search engine would
(tests/portal/test_feeds.py reads them on the small portal world): each parses (lxml, strictly; feedparser
without complaint), names absolute addresses that all answer 200, lists what was published and never what
was withdrawn."""

import re
from urllib.parse import urlsplit

import feedparser
import pytest
from django.db import transaction
from django.test import Client, override_settings
from lxml import etree

from demo.build import build
from publishing.models import Kind, Publication, Status

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
W3C_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo built once for the module, rolled back afterwards."""
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=hashers), transaction.atomic():
        build()
        yield
        transaction.set_rollback(True)


def fetch(client: Client, path: str, content_type: str) -> bytes:
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith(content_type)
    return response.content


def answers(client: Client, url: str) -> int:
    parts = urlsplit(url)
    assert parts.scheme == "http" and parts.netloc == "testserver", url  # absolute, on the request's host
    return client.get(parts.path).status_code


def withdrawn_paths() -> set[str]:
    return {
        f"/van-ban/{p.slug}/" for p in Publication.objects.filter(kind=Kind.DOCUMENT, status=Status.WITHDRAWN)
    }


def test_the_documents_feed_parses_and_lists_the_published_documents(demo):
    client = Client()
    content = fetch(client, "/feeds/van-ban.atom", "application/atom+xml")

    root = etree.fromstring(content)  # well-formed, or lxml raises
    assert root.tag == f"{ATOM}feed"
    feed = feedparser.parse(content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert "Cổng thông tin điện tử Sở Nông nghiệp và Môi trường" in feed.feed.title
    published = Publication.objects.filter(kind=Kind.DOCUMENT, status=Status.PUBLISHED).count()
    assert len(feed.entries) == min(published, 30) and published > 10
    assert any("46/STNMT-VP" in entry.title for entry in feed.entries)
    for entry in feed.entries:
        assert entry.id and entry.updated and entry.summary is not None
        assert answers(client, entry.link) == 200
    assert not {urlsplit(entry.link).path for entry in feed.entries} & withdrawn_paths()


def test_the_news_feed_parses_with_its_authors(demo):
    client = Client()
    feed = feedparser.parse(fetch(client, "/feeds/tin-tuc.atom", "application/atom+xml"))

    assert not feed.bozo, feed.get("bozo_exception")
    titles = [entry.title for entry in feed.entries]
    assert set(titles) == set(
        Publication.objects.filter(kind=Kind.ARTICLE, status=Status.PUBLISHED).values_list("title", flat=True)
    )
    assert "Sở Tài nguyên và Môi trường triển khai phong trào thi đua năm 2021" in titles
    assert {entry.get("author") for entry in feed.entries} >= {
        "Văn phòng Sở",
        "Trung tâm Công nghệ thông tin",
    }
    assert all(answers(client, entry.link) == 200 for entry in feed.entries)


def test_the_sitemap_parses_and_names_every_publication_once(demo):
    client = Client()
    root = etree.fromstring(fetch(client, "/sitemap.xml", "application/xml"))

    assert root.tag == f"{SITEMAP}urlset"
    urls = root.findall(f"{SITEMAP}url")
    locations = [url.findtext(f"{SITEMAP}loc").strip() for url in urls]
    assert len(locations) == len(set(locations))
    for url in urls:
        lastmod = url.findtext(f"{SITEMAP}lastmod")
        assert lastmod is None or W3C_DATE.match(lastmod), lastmod
    paths = {urlsplit(location).path for location in locations}
    published = Publication.objects.filter(status=Status.PUBLISHED).count()
    assert len(paths) >= published  # every publication, and the lists
    assert {"/", "/van-ban/", "/tin-tuc/", "/bang-vang/"} <= paths
    dispatch = Publication.objects.get(kind=Kind.DOCUMENT, facts__reference="46/STNMT-VP")
    assert f"/van-ban/{dispatch.slug}/" in paths
    assert not paths & withdrawn_paths()
    assert [location for location in locations if answers(client, location) != 200] == []
