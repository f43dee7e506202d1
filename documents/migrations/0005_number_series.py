"""A document's number series: a number is unique in its agency's series and year across kinds and symbols
(the old constraint included the symbol, so 12/KH-… and 12/QĐ-… of one series both passed).

Incoming documents are in the "incoming" series. SQLite rebuilds documents_document to add the column, which
drops the full-text triggers of 0003: they are restored as in 0004."""

import importlib

from django.db import migrations, models

signing_step = importlib.import_module("documents.migrations.0004_signing_step")


def incoming_series(apps, schema_editor):
    Document = apps.get_model("documents", "Document")
    Document.objects.filter(direction="incoming").update(series="incoming")


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0004_signing_step"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, signing_step.restore_sqlite_triggers),
        migrations.RemoveConstraint(
            model_name="document",
            name="document_number_unique_in_year",
        ),
        migrations.AddField(
            model_name="document",
            name="series",
            field=models.CharField(
                default="outgoing", editable=False, max_length=20, verbose_name="number series"
            ),
        ),
        migrations.AddConstraint(
            model_name="document",
            constraint=models.UniqueConstraint(
                condition=models.Q(("direction", "outgoing"), ("number__isnull", False)),
                fields=("agency", "series", "year", "number"),
                name="document_number_unique_in_series_year",
            ),
        ),
        migrations.RunPython(incoming_series, migrations.RunPython.noop),
        migrations.RunPython(signing_step.restore_sqlite_triggers, migrations.RunPython.noop),
    ]
