"""The full-text index of documents over their folded `search_text` (see documents/search.py).

PostgreSQL: the unaccent and pg_trgm extensions, the IMMUTABLE wrapper f_unaccent(text) (unaccent() itself
cannot be used in an index; search_text is folded in Python already, f_unaccent is there for SQL that needs
it), a stored generated column `search_vector` (the tsvector of the search text, with every run of
non-letters turned into a space so that "25/kh-ubnd" gives 25, kh, ubnd as FTS5 does) with a GIN index —
stored so that ranking does not re-parse every matching body — and a trigram GIN index on the search text
(numbers and symbols, "25/kh-ubnd"). The column is not on the model: Django never writes it.

SQLite: an FTS5 external-content table kept in sync by triggers. NOTE: SQLite's schema editor rebuilds a
table for most field changes, which drops its triggers: a later migration that alters documents_document
must run SQLITE_TRIGGERS again (and 'rebuild' the index).
"""

from django.db import migrations

POSTGRESQL_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
       AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$""",
    """ALTER TABLE documents_document ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS
       (to_tsvector('simple'::regconfig, regexp_replace(search_text, '[^a-z0-9]+', ' ', 'g'))) STORED""",
    """CREATE INDEX IF NOT EXISTS documents_document_search_fts ON documents_document
       USING gin (search_vector)""",
    """CREATE INDEX IF NOT EXISTS documents_document_search_trgm ON documents_document
       USING gin (search_text gin_trgm_ops)""",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS documents_document_search_trgm",
    "DROP INDEX IF EXISTS documents_document_search_fts",
    "ALTER TABLE documents_document DROP COLUMN IF EXISTS search_vector",
    # The extensions and f_unaccent stay: other tables may use them.
]

SQLITE_TRIGGERS = [
    """CREATE TRIGGER documents_document_fts_insert AFTER INSERT ON documents_document BEGIN
           INSERT INTO documents_document_fts(rowid, search_text) VALUES (new.id, new.search_text);
       END""",
    """CREATE TRIGGER documents_document_fts_delete AFTER DELETE ON documents_document BEGIN
           INSERT INTO documents_document_fts(documents_document_fts, rowid, search_text)
           VALUES ('delete', old.id, old.search_text);
       END""",
    """CREATE TRIGGER documents_document_fts_update AFTER UPDATE OF search_text ON documents_document BEGIN
           INSERT INTO documents_document_fts(documents_document_fts, rowid, search_text)
           VALUES ('delete', old.id, old.search_text);
           INSERT INTO documents_document_fts(rowid, search_text) VALUES (new.id, new.search_text);
       END""",
]
SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE documents_document_fts USING fts5(
           search_text, content='documents_document', content_rowid='id',
           tokenize='unicode61 remove_diacritics 2')""",
    *SQLITE_TRIGGERS,
    "INSERT INTO documents_document_fts(documents_document_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS documents_document_fts_update",
    "DROP TRIGGER IF EXISTS documents_document_fts_delete",
    "DROP TRIGGER IF EXISTS documents_document_fts_insert",
    "DROP TABLE IF EXISTS documents_document_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0002_document_kinds"),
    ]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRESQL_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
