"""The emulation titles as data (the table lives in awards/catalogue.py)."""

from django.db import migrations


def load(apps, schema_editor):
    from awards.catalogue import ensure_catalogue

    ensure_catalogue(apps.get_model("awards", "Award"))


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
