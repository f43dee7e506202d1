# The head of a unit, kept until now on organisations.Unit.head, moves here (the units know nothing of people).

import django.db.models.deletion
from django.db import migrations, models


def copy_heads(apps, schema_editor):
    Unit, UnitHead = apps.get_model("organisations", "Unit"), apps.get_model("people", "UnitHead")
    heads = Unit.objects.filter(head__isnull=False).values_list("pk", "head_id")
    UnitHead.objects.bulk_create(UnitHead(unit_id=unit, person_id=person) for unit, person in heads)


def copy_heads_back(apps, schema_editor):
    Unit, UnitHead = apps.get_model("organisations", "Unit"), apps.get_model("people", "UnitHead")
    for headship in UnitHead.objects.all():
        Unit.objects.filter(pk=headship.unit_id).update(head_id=headship.person_id)


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0002_initial"),
        ("people", "0004_proceedings_and_leaves"),
    ]

    operations = [
        migrations.CreateModel(
            name="UnitHead",
            fields=[
                (
                    "unit",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="headship",
                        serialize=False,
                        to="organisations.unit",
                        verbose_name="unit",
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="headships",
                        to="people.person",
                        verbose_name="head",
                    ),
                ),
            ],
            options={"verbose_name": "head of a unit", "verbose_name_plural": "heads of units"},
        ),
        migrations.RunPython(copy_heads, copy_heads_back),
    ]
