from django.db import migrations


def add(apps, schema_editor):
    from council.roles import ensure_roles

    ensure_roles(apps)


class Migration(migrations.Migration):
    dependencies = [("council", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
