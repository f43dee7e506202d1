"""A document's annexes (tables printed after the signature: a decision's danh sách kèm theo) and the upper app
that issues it (a reward decision is numbered from its own page, which writes the ledger in the same
transaction). SQLite rebuilds documents_document to add the columns, which drops the full-text triggers of
0003: they are restored as in 0004."""

import importlib

from django.db import migrations, models

signing_step = importlib.import_module("documents.migrations.0004_signing_step")


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0006_list_order_indexes"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, signing_step.restore_sqlite_triggers),
        migrations.AddField(
            model_name="document",
            name="annexes",
            field=models.JSONField(blank=True, default=list, editable=False, verbose_name="annexes"),
        ),
        migrations.AddField(
            model_name="document",
            name="issued_through",
            field=models.CharField(blank=True, editable=False, max_length=20),
        ),
        migrations.RunPython(signing_step.restore_sqlite_triggers, migrations.RunPython.noop),
    ]
