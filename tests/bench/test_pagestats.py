"""bench/pagestats.py: the page benchmark's figures and tables."""

import pytest

from bench.pagestats import (
    comparison_table,
    failed,
    is_read_statement,
    merge_pages,
    percentile,
    result_table,
    sibling_database_url,
    summarise,
)


def row(page: str, median_ms: float, queries: int = 10, status: int = 200) -> dict:
    return summarise(
        page=page, url="/", status=status, queries=queries, times=[median_ms / 1000] * 3, sql=[0.001] * 3
    )


def test_percentiles_interpolate_between_the_sorted_values():
    values = [float(n) for n in range(15, 0, -1)]  # 15 … 1, unsorted on purpose
    assert percentile(values, 0.5) == 8.0
    assert percentile(values, 0.95) == pytest.approx(14.3)
    assert percentile([4.0], 0.95) == 4.0
    with pytest.raises(ValueError):
        percentile([], 0.5)


def test_a_page_is_its_median_split_into_sql_and_python():
    result = summarise(
        page="people list",
        url="/app/people/",
        status=200,
        queries=11,
        times=[0.010, 0.012, 0.011, 0.030],
        sql=[0.002, 0.003, 0.002],
    )
    assert result["median_ms"] == pytest.approx(11.5)
    assert result["sql_ms"] == pytest.approx(2.0)
    assert result["ratio"] == pytest.approx(5.75)
    assert result["python_ms"] == pytest.approx(9.5)
    assert result["p95_ms"] > result["median_ms"]


def test_no_sql_time_gives_no_ratio():
    result = summarise(page="p", url="/", status=200, queries=0, times=[0.001], sql=[0.0])
    assert result["ratio"] is None and result["python_ms"] == pytest.approx(1.0)
    assert "—" in result_table([result])


def test_the_table_has_one_line_per_page_and_marks_pages_that_did_not_answer_200():
    table = result_table([row("home (admin)", 18.94), row("ledger", 5.0, status=404)])
    lines = table.splitlines()
    assert lines[0].split() == [
        "page",
        "queries",
        "median",
        "ms",
        "p95",
        "ms",
        "SQL",
        "ms",
        "ratio",
        "to",
        "SQL",
        "Python",
        "ms",
    ]
    assert lines[2].startswith("home (admin)") and "18.9" in lines[2]
    assert "ledger [HTTP 404]" in lines[3]
    assert len({len(line) for line in lines[:2]}) == 1  # columns aligned


def test_the_comparison_divides_the_province_by_the_demo_for_the_pages_of_both():
    demo = [row("people list", 20.0, queries=11), row("demo only", 5.0)]
    province = [row("people list", 300.0, queries=12), row("province only", 9.0)]
    lines = comparison_table(demo, province).splitlines()
    assert len(lines) == 3
    assert lines[2].split() == ["people", "list", "20.0", "300.0", "15.00", "11", "12"]


def test_the_demo_database_sits_beside_the_province_on_the_same_server():
    assert (
        sibling_database_url("postgres://postgres:secret@127.0.0.1:5432/province?sslmode=disable")
        == "postgres://postgres:secret@127.0.0.1:5432/province_demo?sslmode=disable"
    )
    with pytest.raises(ValueError):
        sibling_database_url("postgres://127.0.0.1:5432/")


@pytest.mark.parametrize(
    ("sql", "read"),
    [
        ('SELECT "people_person"."id" FROM "people_person"', True),
        ("  WITH t AS (SELECT 1) SELECT * FROM t", True),
        ('UPDATE "django_session" SET "expire_date" = now()', False),
        ('SAVEPOINT "s1"', False),
        ('INSERT INTO "x" VALUES (1) RETURNING "id"', False),
        ("", False),
    ],
)
def test_only_reading_statements_are_run_again(sql, read):
    assert is_read_statement(sql) is read


def test_a_page_that_failed_shows_no_figures_and_is_left_out_of_the_comparison():
    broken = failed(page="who is due", url="/app/awards/due/", error="ProgrammingError: no such column")
    assert "who is due [error]" in result_table([broken])
    assert len(comparison_table([row("who is due", 10.0)], [broken]).splitlines()) == 2  # the header only


def test_pages_measured_again_replace_theirs_and_keep_their_place():
    old = [row("a", 1.0), row("b", 2.0), row("c", 3.0)]
    merged = merge_pages(old, [row("b", 20.0), row("d", 4.0)])
    assert [(page["page"], page["median_ms"]) for page in merged] == [
        ("a", 1.0),
        ("b", 20.0),
        ("c", 3.0),
        ("d", 4.0),
    ]
