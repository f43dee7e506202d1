"""The catalogue (titles and reward forms), rule sets, award rules, criteria, caps and base salaries as data
(the tables live in awards/catalogue.py, awards/law.py and awards/standards.py)."""

from django.db import migrations


def load(apps, schema_editor):
    from awards.catalogue import ensure_catalogue
    from awards.law import ensure_law

    ensure_catalogue(apps.get_model("awards", "Award"))
    ensure_law(apps)


class Migration(migrations.Migration):
    dependencies = [("awards", "0005_settings")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
