"""The signing step: the reason a signer returns a draft with, and the states "returned" and "approved".

SQLite rebuilds documents_document to add the column, which drops the full-text triggers of 0003: they are
created again and the index rebuilt (see 0003_search_index)."""

import importlib

from django.db import migrations, models

search_index = importlib.import_module("documents.migrations.0003_search_index")


def restore_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in (*search_index.SQLITE_BACKWARD[:3], *search_index.SQLITE_TRIGGERS):
        schema_editor.execute(statement)
    schema_editor.execute("INSERT INTO documents_document_fts(documents_document_fts) VALUES ('rebuild')")


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0003_search_index'),
    ]

    operations = [
        # Going back, the column's removal rebuilds the table again: the triggers are restored after it.
        migrations.RunPython(migrations.RunPython.noop, restore_sqlite_triggers),
        migrations.AddField(
            model_name='document',
            name='return_reason',
            field=models.TextField(blank=True, help_text='Why the signer returned the draft; shown to the drafter.', verbose_name='reason for return'),
        ),
        migrations.AlterField(
            model_name='document',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted for signature'), ('returned', 'Returned by the signer'), ('approved', 'Signed off'), ('issued', 'Issued'), ('published', 'Published'), ('replaced', 'Replaced'), ('revoked', 'Revoked'), ('registered', 'Registered (incoming)')], default='draft', max_length=12, verbose_name='status'),
        ),
        migrations.RunPython(restore_sqlite_triggers, migrations.RunPython.noop),
    ]
