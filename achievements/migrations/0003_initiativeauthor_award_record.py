# The link "this author's share of the initiative served that award" moves from the award ledger
# (awards.AwardRecord.initiative) to the author (InitiativeAuthor.award_record): first the new field, then the
# data (0004), then awards 0009 drops the old field.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("achievements", "0002_initial"),
        ("awards", "0008_law_dossiers"),
    ]

    operations = [
        migrations.AddField(
            model_name="initiativeauthor",
            name="award_record",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="initiative_authorship",
                to="awards.awardrecord",
                verbose_name="award it served",
            ),
        ),
    ]
