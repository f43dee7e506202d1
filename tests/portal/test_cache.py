"""portal/cache.py: public pages kept whole; the documents list and a search answer from the cache with no
query; publishing, withdrawing or a ledger change shows at once; a signed-in visitor is never served a kept
page."""

import datetime as dt

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from publishing.domain import withdraw


def test_the_list_and_a_search_answer_from_the_cache_without_a_query(client, site, django_assert_num_queries):
    for path in ("/van-ban/", "/tim-kiem/?q=trien+khai+ke+hoach+thi+dua", "/"):
        first = client.get(path)
        with django_assert_num_queries(0):
            again = client.get(path)
        assert again.status_code == 200 and again.content == first.content
        assert again["Cache-Control"] == "public, max-age=60"


def test_withdrawing_shows_at_once(client, site):
    assert "46/STNMT-VP" in client.get("/van-ban/").content.decode()
    assert client.get(f"/van-ban/{site.seed.slug}/").status_code == 200
    withdraw(actor=site.editor, publication=site.seed, reason="Sai số hiệu")
    assert "46/STNMT-VP" not in client.get("/van-ban/").content.decode()
    assert client.get(f"/van-ban/{site.seed.slug}/").status_code == 410


def test_a_revoked_award_leaves_the_kept_honour_roll(client, site):
    assert "Đặng Thị Hương" in client.get("/bang-vang/").content.decode()
    site.huong.revoked_on = dt.date(2022, 3, 1)
    site.huong.save()
    assert "Đặng Thị Hương" not in client.get("/bang-vang/").content.decode()


def test_a_signed_in_visitor_gets_a_fresh_private_page(client, site):
    client.get("/van-ban/")
    client.force_login(site.editor)
    response = client.get("/van-ban/")
    assert response.status_code == 200 and "private" in response["Cache-Control"]


def test_the_pages_are_kept_apart_from_the_default_cache(client, site):
    client.get("/van-ban/")
    caches["portal"].clear()  # the pages gone, the default cache (versions, sessions, counters) untouched
    with CaptureQueriesContext(connection) as computed:
        page = client.get("/van-ban/").content.decode()
    assert len(computed) > 0 and "46/STNMT-VP" in page
