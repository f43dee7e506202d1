"""The law's data again, now with each award rule's dossier components (awards/standards.py)."""

from django.db import migrations


def load(apps, schema_editor):
    from awards.law import ensure_law

    ensure_law(apps)


class Migration(migrations.Migration):
    dependencies = [("awards", "0007_dossier")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
