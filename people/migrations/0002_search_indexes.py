"""On PostgreSQL, trigram indexes make the accent-folded `search_text` substring search use an index.
SQLite has no trigram index for LIKE; the folded column keeps the same query working there."""

from django.db import migrations

INDEXES = [
    ("people_person", "people_person_search_trgm"),
    ("organisations_unit", "organisations_unit_search_trgm"),
    ("organisations_agency", "organisations_agency_search_trgm"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for table, name in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_text gin_trgm_ops)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _table, name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial"), ("organisations", "0002_initial")]
    operations = [migrations.RunPython(create, drop)]
