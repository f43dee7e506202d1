"""The page benchmark's figures and tables (bench/pages.py): pure functions, no Django.

One result per page: its query count, the median and 95th percentile of its wall time, the time of its SQL
alone (the captured queries run again on a cursor), and what is left for Python and the templates.
"""

import math
import statistics
from urllib.parse import urlsplit, urlunsplit

COLUMNS = ("page", "queries", "median ms", "p95 ms", "SQL ms", "ratio to SQL", "Python ms")
COMPARISON_COLUMNS = ("page", "demo ms", "province ms", "province/demo", "demo queries", "province queries")


def percentile(values: list[float], fraction: float) -> float:
    """The `fraction` quantile by linear interpolation between the sorted values (0.5: the median)."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summarise(
    *, page: str, url: str, status: int, queries: int, times: list[float], sql: list[float]
) -> dict:
    """One table row from the wall times and the SQL replay times of a page (seconds)."""
    median, sql_median = statistics.median(times), statistics.median(sql)
    return {
        "page": page,
        "url": url,
        "status": status,
        "queries": queries,
        "median_ms": median * 1000,
        "p95_ms": percentile(times, 0.95) * 1000,
        "sql_ms": sql_median * 1000,
        "ratio": median / sql_median if sql_median > 0 else None,
        "python_ms": max(0.0, median - sql_median) * 1000,
    }


def failed(*, page: str, url: str, error: str) -> dict:
    """The row of a page that raised an error: no figures."""
    empty = dict.fromkeys(("queries", "median_ms", "p95_ms", "sql_ms", "ratio", "python_ms"))
    return {"page": page, "url": url, "status": "error", "error": error, **empty}


def number(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def render_table(rows: list[tuple[str, ...]], columns: tuple[str, ...]) -> str:
    """Plain text: the first column left-aligned, the others right-aligned."""
    widths = [max(len(row[i]) for row in [columns, *rows]) for i in range(len(columns))]

    def line(row) -> str:
        right = [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        cells = [row[0].ljust(widths[0]), *right]
        return "  ".join(cells).rstrip()

    return "\n".join([line(columns), line(tuple("-" * width for width in widths)), *map(line, rows)])


def result_table(pages: list[dict]) -> str:
    rows = [
        (
            page["page"] + _status_mark(page["status"]),
            "—" if page["queries"] is None else str(page["queries"]),
            number(page["median_ms"]),
            number(page["p95_ms"]),
            number(page["sql_ms"]),
            number(page["ratio"]),
            number(page["python_ms"]),
        )
        for page in pages
    ]
    return render_table(rows, COLUMNS)


def _status_mark(status) -> str:
    if status == 200:
        return ""
    return " [error]" if status == "error" else f" [HTTP {status}]"


def comparison_table(demo: list[dict], province: list[dict]) -> str:
    """Pages measured on both, in the province's order: how many times slower the province is."""
    demo_by_page = {page["page"]: page for page in demo}
    rows = []
    for page in province:
        base = demo_by_page.get(page["page"])
        if base is None or page["median_ms"] is None or base["median_ms"] is None:
            continue
        ratio = page["median_ms"] / base["median_ms"] if base["median_ms"] else None
        rows.append(
            (
                page["page"],
                number(base["median_ms"]),
                number(page["median_ms"]),
                number(ratio, 2),
                str(base["queries"]),
                str(page["queries"]),
            )
        )
    return render_table(rows, COMPARISON_COLUMNS)


def merge_pages(old: list[dict], new: list[dict]) -> list[dict]:
    """The pages of an earlier result with those measured again replaced (a run with --only), in order."""
    fresh = {page["page"]: page for page in new}
    merged = [fresh.pop(page["page"], page) for page in old]
    return merged + [page for page in new if page["page"] in fresh]


def sibling_database_url(url: str, suffix: str = "_demo") -> str:
    """The database named like `url`'s plus `suffix`, on the same server (…/province → …/province_demo)."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name:
        raise ValueError(f"no database name in {url!r}")
    return urlunsplit(parts._replace(path=f"/{name}{suffix}"))


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def is_read_statement(sql: str) -> bool:
    """A statement that may be run again without changing anything: a SELECT (or a WITH … SELECT)."""
    head = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else ""
    return head in ("SELECT", "WITH") and " RETURNING " not in sql.upper()
