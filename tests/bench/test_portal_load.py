"""bench/portal_load.py: what it reads from the sitemap and the list, its table, and a short real run
against a live server showing the portal's world (tests/portal/conftest.py: two published documents)."""

import argparse
import random
import re

import pytest
from django.db import connection

from awards.catalogue import ensure_catalogue
from awards.law import ensure_law
from bench.load import Stats
from bench.portal_load import KINDS, document_paths, path_of, report, run
from documents.kinds import ensure_kinds
from tests.portal.conftest import (  # noqa: F401 — the portal's world
    decision,
    document,
    exemplary,
    movement,
    predecessor,
    site,
)


def test_the_documents_are_read_from_a_sitemap_or_a_list():
    sitemap = """<?xml version="1.0" encoding="UTF-8"?>
    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc>https://snnmt.example.gov.vn/</loc></url>
      <url><loc>https://snnmt.example.gov.vn/van-ban/</loc></url>
      <url><loc>https://snnmt.example.gov.vn/van-ban/46-stnmt-vp/</loc></url>
      <url><loc>https://snnmt.example.gov.vn/van-ban/46-stnmt-vp/46-stnmt-vp.pdf</loc></url>
      <url><loc>https://snnmt.example.gov.vn/tin-tuc/tap-huan/</loc></url>
      <url><loc> https://snnmt.example.gov.vn/van-ban/69-qd-stnmt/ </loc></url>
    </urlset>"""
    assert document_paths(sitemap) == ["/van-ban/46-stnmt-vp/", "/van-ban/69-qd-stnmt/"]
    listing = (
        '<a href="/van-ban/?page=2">2</a> <a href="/van-ban/12-kh-ub/">A</a> <a href="/van-ban/12-kh-ub/">B'
    )
    assert document_paths(listing) == ["/van-ban/12-kh-ub/"]


def table(text: str) -> dict[str, list[str]]:
    """The table's rows by their first cell (cells are separated by two spaces or more)."""
    rows = [re.split(r"\s{2,}", line.strip()) for line in text.splitlines()]
    return {row[0]: row[1:] for row in rows if row[0] in (*KINDS, "all")}


def test_each_kind_asks_for_its_page():
    rng = random.Random(1)
    assert path_of("home", rng, []) == "/"
    assert path_of("documents list", rng, []).startswith("/van-ban/?page=")
    assert path_of("search", rng, []).startswith("/tim-kiem/?q=")
    assert path_of("document page", rng, ["/van-ban/46-stnmt-vp/"]) == "/van-ban/46-stnmt-vp/"


def test_the_report_has_a_row_per_kind_and_counts_errors_by_status():
    stats = Stats()
    for seconds, status in [(0.1, 200), (0.2, 200), (0.3, 404), (0.4, "timeout")]:
        stats.record("search", seconds, status)
    stats.record("home", 0.05, 200)
    text = report(stats, seconds=2.0)
    rows = table(text)
    assert list(rows) == [*KINDS, "all"]
    assert rows["search"] == ["4", "2.0", "250", "385", "400"]
    assert rows["documents list"] == ["0", "0.0", "—", "—", "—"]
    assert rows["all"][:2] == ["5", "2.5"]
    assert text.endswith("errors by status: 404: 1, timeout: 1")


def options(url: str, **changes) -> argparse.Namespace:
    host, port = url.removeprefix("http://").split(":")
    values = {"host": host, "port": int(port), "scheme": "http", "timeout": 30.0, "clients": 1}
    return argparse.Namespace(**values | {"duration": 60.0, "requests": 12} | changes)


@pytest.fixture
def reseeded(transactional_db):
    """What the migrations wrote (the document kinds, the catalogue, the law), written again: a transactional
    test before this one may have flushed it."""
    ensure_kinds()
    ensure_catalogue()
    ensure_law()


def test_anonymous_clients_browse_the_portal(live_server, reseeded, site, capsys):  # noqa: F811
    # The test server shares one in-memory SQLite connection between its threads, which cannot hold
    # concurrent transactions; simultaneous clients are measured on PostgreSQL.
    clients = 3 if connection.vendor == "postgresql" else 1
    assert run(options(live_server.url, clients=clients)) == 0

    out = capsys.readouterr().out
    assert out.startswith("12 requests in ")
    assert "errors by status: none" in out
    rows = table(out)
    assert {kind: rows[kind][0] for kind in KINDS} == dict.fromkeys(KINDS, "3")  # in turn: 3 of each kind
    assert rows["all"][0] == "12"
