# The head of a unit moved to the people app (people.UnitHead), which copied it first.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0002_initial"),
        ("people", "0005_unit_heads"),
    ]

    operations = [
        migrations.RemoveField(model_name="unit", name="head"),
    ]
