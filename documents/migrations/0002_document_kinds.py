"""The document kinds of Nghị định 30/2020/NĐ-CP as data (the table lives in documents/kinds.py)."""

from django.db import migrations


def load(apps, schema_editor):
    from documents.kinds import ensure_kinds

    ensure_kinds(apps.get_model("documents", "DocumentKind"))


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
