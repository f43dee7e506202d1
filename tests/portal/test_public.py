"""publishing/public.py: what the portal reads — plain data of one portal's lineage, lists whose queries do
not grow with their rows, the honour roll from the ledger."""

import dataclasses

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from publishing import public
from publishing.domain import publish_document, withdraw
from publishing.models import Kind
from tests.publishing.conftest import issued_dispatch


@pytest.fixture
def portal(site):
    return public.portal_by_slug("so-thu-nghiem")


def queries(function, *args, **kwargs) -> int:
    with CaptureQueriesContext(connection) as captured:
        function(*args, **kwargs)
    return len(captured)


def test_the_portal_map(site, portal):
    world = site.world
    assert portal == public.default_portal()
    assert set(portal.lineage_ids) == {world.agency.pk, world.old_agency.pk}
    assert portal.predecessors == ((world.old_agency.pk, "Sở Tài nguyên và Môi trường"),)
    assert public.portal_by_slug("khong-co") is None and public.portal_for_host("x.example") is None
    assert dataclasses.is_dataclass(portal)


def test_lists_hold_plain_data_and_never_a_model(portal):
    listing = public.documents(portal)
    assert {item.facts["reference"] for item in listing.items} == {"46/STNMT-VP", "05/STN-VP"}
    assert all(type(item) is public.Item for item in listing.items)
    detail = public.publication(portal, Kind.EXEMPLARY, public.exemplars(portal).items[0].slug)
    assert detail.images and set(detail.images[0]) == {"id", "name", "alt", "width", "height"}
    assert not hasattr(detail, "pk")


def test_search_folds_accents_and_finds_the_dispatch(portal):
    found = public.documents(portal, query="trien khai ke hoach thi dua")
    assert "46/STNMT-VP" in {item.facts["reference"] for item in found.items}
    assert public.documents(portal, query="TRIỂN KHAI kế hoạch").count == 2
    assert public.documents(portal, query="khai ke hoach thi duaxyz").count == 0
    assert public.document_slug(portal, "46-stnmt-vp") == public.document_slug(portal, "46/STNMT-VP") != ""
    assert public.document_slug(portal, "99/STNMT-VP") is None and public.document_slug(portal, "abc") is None


def test_withdrawn_and_unknown(site, portal):
    withdraw(actor=site.editor, publication=site.article, reason="Ảnh chưa xin phép")
    with pytest.raises(public.Withdrawn) as gone:
        public.publication(portal, Kind.ARTICLE, site.article.slug)
    assert gone.value.reason == "Ảnh chưa xin phép" and gone.value.on is not None
    with pytest.raises(Http404):
        public.publication(portal, Kind.ARTICLE, "khong-co")
    with pytest.raises(Http404):  # its photo is no longer served
        public.public_image(portal, site.article.images.first().pk)
    assert public.articles(portal).count == 0


def test_lists_cost_the_same_queries_for_few_and_many_rows(site, portal, world):
    counts, numbers = {}, iter(range(20, 40))
    for size in ("few", "many"):
        counts[size] = [
            queries(public.documents, portal, query="thi dua", year="2021"),
            queries(public.document_filters, portal),
            queries(public.home, portal),
            queries(public.search, portal, query="thi dua"),
            queries(public.exemplars, portal),
            queries(public.honour_roll, portal),
            queries(public.honour_roll_filters, portal),
            queries(public.feed_items, portal, Kind.DOCUMENT),
            queries(public.sitemap_items, portal),
        ]
        for _ in range(6):
            publish_document(actor=site.editor, document=issued_dispatch(world.agency, number=next(numbers)))
    assert counts["few"] == counts["many"]
    assert counts["few"][0] <= 2 and counts["few"][5] <= 3


def test_honour_roll_lines(site, portal):
    lines = public.honour_roll(portal).items
    assert [line.name for line in lines] == ["Đặng Thị Hương", "Trần Thị Lan", "Tổ Kế hoạch"]
    assert {line.reference for line in lines} == {"69/QĐ-STN"} and lines[0].decided_on.year == 2021
    assert lines[2].collective and not lines[0].collective
    by_unit = public.honour_roll(portal, unit=site.world.team.pk).items
    assert [line.name for line in by_unit] == ["Tổ Kế hoạch"]
    filters = public.honour_roll_filters(portal)
    assert filters["years"] == [2021] and len(filters["awards"]) == 2
    assert public.honour_roll(portal, slug="khong-co").count == 0


def test_a_page_beyond_the_last_is_the_last(portal):
    assert public.documents(portal, page="999999999").page.number == 1
    assert public.documents(portal, page="abc").page.number == 1
