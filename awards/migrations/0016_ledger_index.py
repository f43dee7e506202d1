
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0015_ledger_from_decisions'),
        ('documents', '0007_annexes_issued_through'),
        ('organisations', '0003_unit_head_moves_to_people'),
        ('people', '0008_rating_decision'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='awardrecord',
            index=models.Index(fields=['agency', '-year', 'id'], name='award_record_ledger'),
        ),
    ]
