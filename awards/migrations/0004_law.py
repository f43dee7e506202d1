"""The rule sets, award rules and base salaries as data (the tables live in awards/law.py)."""

from django.db import migrations


def load(apps, schema_editor):
    from awards.law import ensure_law

    ensure_law(apps)


class Migration(migrations.Migration):
    dependencies = [("awards", "0003_rule_sets")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
