"""Load test of the public portal: N anonymous visitors (default 100) at once against a thidua already running
on this machine (`make serve`).

Usage: .venv/bin/python bench/portal_load.py [--port 8000] [--clients 100] [--duration 30]
                                             [--requests N] [--scheme https]          (`make bench-portal`)

Each client is a thread with its own keep-alive connection and no account. At the start the documents' pages
are read from /sitemap.xml (or, without one, from the documents list); then — until --duration seconds have
passed or --requests requests were sent in all — every client asks in turn for the portal's home, the
documents list (a random page), a search (/tim-kiem/?q= a random phrase) and a document page. Prints requests
per second, p50/p95/max latency per kind and in all, and the errors by status. Standard library only; it sends
traffic to loopback addresses only.

The portal's pages are cached (until something is published or withdrawn): that is what is measured. The
server is started as in production, e.g.
  THIDUA_DATA_DIR=/tmp/thidua-load THIDUA_PROXY_SSL_HEADER=X-Forwarded-Proto \
    make serve SERVE_ARGS=--no-migrate &
(this script speaks as the HTTPS proxy: --scheme https), or with THIDUA_SSL_REDIRECT=False and --scheme http.
"""

import http.client
import random
import re
import socket
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]

from bench.load import Plan, Stats, load_options  # noqa: E402
from bench.load import report as load_report  # noqa: E402

HOME_PATH, DOCUMENTS_PATH, SEARCH_PATH, SITEMAP_PATH = "/", "/van-ban/", "/tim-kiem/", "/sitemap.xml"
SEARCH_WORDS = (
    "trien khai ke hoach thi dua",
    "thi đua",
    "khen thưởng",
    "kế hoạch",
    "môi trường",
    "chuyển đổi số",
    "điển hình tiên tiến",
)
LIST_PAGES = 5  # the documents list's page is drawn from 1…5 (a page past the end answers 404 or the last)
KINDS = ("home", "documents list", "search", "document page")
LOC = re.compile(r"<loc>\s*([^<\s]+)\s*</loc>")
DOCUMENT_LINK = re.compile(r'href="(/van-ban/[^"?#]+/)"')


class NoDocuments(Exception):
    pass


def document_paths(text: str) -> list[str]:
    """The documents' pages (paths) named by a sitemap or linked from a documents list, in order, once."""
    found = [urlsplit(url).path for url in LOC.findall(text)] + DOCUMENT_LINK.findall(text)
    paths = [path for path in found if path.startswith(DOCUMENTS_PATH) and path != DOCUMENTS_PATH]
    return [p for p in dict.fromkeys(paths) if not p.endswith(".pdf")]


def report(stats: Stats, seconds: float) -> str:
    """bench/load.py's table, for the portal's kinds of request."""
    return load_report(stats, seconds, KINDS)


class Visitor:
    """One anonymous visitor: a keep-alive connection, reopened when the server closes it; no cookies."""

    def __init__(self, host: str, port: int, scheme: str, timeout: float):
        self.host, self.port, self.scheme, self.timeout = host, port, scheme, timeout
        self.connection: http.client.HTTPConnection | None = None

    def get(self, path: str) -> tuple[int, str]:
        """(status, body) of one GET; the connection is opened again after an error."""
        if self.connection is None:
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        headers = {"X-Forwarded-Proto": self.scheme, "Accept-Language": "vi"}
        try:
            self.connection.request("GET", path, headers=headers)
            response = self.connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = None
            raise
        return response.status, text


def find_documents(visitor: Visitor) -> list[str]:
    """The documents' pages from the sitemap, or from the documents list's first pages without one."""
    status, text = visitor.get(SITEMAP_PATH)
    paths = document_paths(text) if status == 200 else []
    for page in range(1, 4):
        if paths:
            break
        status, text = visitor.get(f"{DOCUMENTS_PATH}?page={page}")
        paths = document_paths(text) if status == 200 else []
    if not paths:
        raise NoDocuments("no published document found in /sitemap.xml nor in /van-ban/")
    return paths


def path_of(kind: str, rng: random.Random, documents: list[str]) -> str:
    if kind == "home":
        return HOME_PATH
    if kind == "documents list":
        return f"{DOCUMENTS_PATH}?page={rng.randint(1, LIST_PAGES)}"
    if kind == "search":
        return f"{SEARCH_PATH}?{urlencode({'q': rng.choice(SEARCH_WORDS)})}"
    return quote(rng.choice(documents), safe="/%")


def work(visitor: Visitor, plan: Plan, stats: Stats, rng: random.Random, documents: list[str]) -> None:
    turn = rng.randrange(len(KINDS))  # the clients do not all ask for the same page at the same moment
    while plan.take():
        kind = KINDS[turn % len(KINDS)]
        turn += 1
        started = time.perf_counter()
        try:
            status, _ = visitor.get(path_of(kind, rng, documents))
        except (OSError, http.client.HTTPException) as error:
            status = "timeout" if isinstance(error, socket.timeout) else "connection error"
        stats.record(kind, time.perf_counter() - started, status)


def run(options) -> int:
    address = (options.host, options.port, options.scheme, options.timeout)
    visitors = [Visitor(*address) for _ in range(options.clients)]
    print(f"portal load: {options.clients} clients on {options.host}:{options.port}", file=sys.stderr)
    try:
        documents = find_documents(visitors[0])
    except (NoDocuments, OSError, http.client.HTTPException) as error:
        print(f"portal load: {error}", file=sys.stderr)
        return 1
    stats, started = Stats(), time.monotonic()
    plan = Plan(deadline=started + options.duration, max_requests=options.requests)
    threads = [
        threading.Thread(target=work, args=(visitor, plan, stats, random.Random(n), documents), daemon=True)
        for n, visitor in enumerate(visitors)
    ]
    print(f"portal load: {len(documents)} documents; at most {options.duration:g} s", file=sys.stderr)
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=options.duration + options.timeout + 10)
    seconds = time.monotonic() - started
    rate = stats.count / seconds
    print(f"{stats.count} requests in {seconds:.1f} s by {options.clients} clients: {rate:.1f} req/s")
    print(report(stats, seconds))
    return 0


def main() -> int:
    return run(load_options(__doc__, who="clients", duration=30))


if __name__ == "__main__":
    sys.exit(main())
