"""What PostgreSQL's planner does with a query, for the tests that an index is used (issue 12).

The tables are filled with enough rows for the planner to prefer an index over a scan, analysed, and the plan
read with EXPLAIN: a test fails when a query's order or filter no longer matches its index.
"""

import pytest
from django.db import connection

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the plans of PostgreSQL's planner"
)


def analyse(*models) -> None:
    """Fresh statistics for the tables of `models`, as autovacuum would give them after a bulk load."""
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f'ANALYZE "{model._meta.db_table}"')


def plan(queryset) -> str:
    """The planner's plan for `queryset` (EXPLAIN, text format)."""
    return queryset.explain()


def assert_uses_index(queryset, index_name: str) -> str:
    """The plan of `queryset` reads the index `index_name` (an Index Scan, Index Only Scan or Bitmap Index
    Scan on it); the plan is returned for further checks."""
    text = plan(queryset)
    assert f" on {index_name}" in text or f" using {index_name}" in text, text
    return text
