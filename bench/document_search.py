"""Benchmark: the document search against a plain ILIKE scan of the same words (issue 12).

Usage: .venv/bin/python bench/document_search.py [--repeat N] [--user USERNAME] [QUERY ...]
  (against the configured database: DATABASE_URL; reads only)

For each query, as USERNAME sees the documents (default: `secretariat-1` of a province, else the demo's
`thuongtruc`): the ILIKE scan — every word as `search_text ILIKE '%word%'`, counted and its first page of 50
in the registers' order — and the search as the list runs it (documents.search.find_documents: its capped
count, then the first page), the median of N runs (default 5) in milliseconds, and the ratio. Without
queries: a common phrase ("phong trào thi đua"), a common word ("khen thưởng"), a rare one ("ngập mặn") and a
number ("01/KH"). Figures, not a pass/fail test.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")

import django

django.setup()

from accounts.models import User  # noqa: E402
from documents.access import documents_for_user  # noqa: E402
from documents.search import _WORD, LATEST_FIRST, find_documents  # noqa: E402
from lib.vntext import fold  # noqa: E402

PAGE = 50
QUERIES = ["phong trào thi đua", "khen thưởng", "ngập mặn", "01/KH"]


def timed(function, repeat: int) -> tuple[float, object]:
    runs, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs) * 1000, result


def ilike_scan(documents, query: str):
    for word in _WORD.findall(fold(query)):
        documents = documents.filter(search_text__icontains=word)
    return documents.count(), [d.pk for d in documents.order_by(*LATEST_FIRST).for_list()[:PAGE]]


def search(documents, query: str):
    found = find_documents(documents, query)
    return min(found.counted, found.cap), found.ranked, [d.pk for d in found.documents.for_list()[:PAGE]]


def main(argv: list[str]) -> None:
    repeat, username, queries = 5, None, []
    args = iter(argv)
    for arg in args:
        if arg == "--repeat":
            repeat = int(next(args))
        elif arg == "--user":
            username = next(args)
        else:
            queries.append(arg)
    if username is None:
        username = "secretariat-1" if User.objects.filter(username="secretariat-1").exists() else "thuongtruc"
    documents = documents_for_user(User.objects.get(username=username))
    print(f"{username}: {documents.count():,} documents visible")
    columns = ("ILIKE ms", "matches", "search ms", "count", "order", "ratio")
    print(f"{'query':<22} " + " ".join(f"{name:>9}" for name in columns))
    for query in queries or QUERIES:
        ilike_ms, (matches, _page) = timed(lambda q=query: ilike_scan(documents, q), repeat)
        search_ms, (count, ranked, _page) = timed(lambda q=query: search(documents, q), repeat)
        order = "rank" if ranked else "latest"
        ratio = f"{ilike_ms / search_ms:.1f}×"
        print(f"{query:<22} {ilike_ms:>9.1f} {matches:>9} {search_ms:>9.1f} {count:>9} {order:>9} {ratio:>9}")


if __name__ == "__main__":
    main(sys.argv[1:])
