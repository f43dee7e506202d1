"""A ballot cannot be changed once cast, not even by a queryset update that skips Ballot.save(): the database
refuses any UPDATE of council_ballot (the close deletes the box and writes it again; it never updates it)."""

from django.db import migrations

MESSAGE = "A ballot cannot be changed once cast."
POSTGRES = [
    f"""CREATE OR REPLACE FUNCTION council_ballot_immutable() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION '{MESSAGE}'; END; $$ LANGUAGE plpgsql""",
    "CREATE TRIGGER council_ballot_no_update BEFORE UPDATE ON council_ballot "
    "FOR EACH ROW EXECUTE FUNCTION council_ballot_immutable()",
]
POSTGRES_UNDO = [
    "DROP TRIGGER IF EXISTS council_ballot_no_update ON council_ballot",
    "DROP FUNCTION IF EXISTS council_ballot_immutable()",
]
SQLITE = [
    "CREATE TRIGGER council_ballot_no_update BEFORE UPDATE ON council_ballot "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
]
SQLITE_UNDO = ["DROP TRIGGER IF EXISTS council_ballot_no_update"]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("council", "0002_roles")]
    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRES_UNDO, "sqlite": SQLITE_UNDO}),
        )
    ]
