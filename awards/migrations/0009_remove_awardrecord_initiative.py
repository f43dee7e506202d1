# The award ledger no longer points at initiatives: the link lives on the author's row
# (achievements 0003 adds it, 0004 copies the data).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0008_law_dossiers"),
        ("achievements", "0004_copy_award_links"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="awardrecord", name="initiative_used_once_per_person"),
        migrations.RemoveField(model_name="awardrecord", name="initiative"),
    ]
