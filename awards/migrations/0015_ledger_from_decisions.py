
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0014_council'),
        ('documents', '0007_annexes_issued_through'),
    ]

    operations = [
        migrations.AddField(
            model_name='awardrecord',
            name='certificate_number',
            field=models.PositiveIntegerField(blank=True, help_text="Số sổ vàng: the awardee's number in the decision.", null=True, verbose_name='golden book number'),
        ),
        migrations.AddField(
            model_name='awardrecord',
            name='revoked_on',
            field=models.DateField(blank=True, null=True, verbose_name='revoked on'),
        ),
        # The free-text decision becomes a link to the decision's document. Rows before this migration came
        # only from the demo loader, which rebuilds the ledger from decisions (`manage.py load_demo`).
        migrations.RemoveField(model_name='awardrecord', name='decision'),
        migrations.AddField(
            model_name='awardrecord',
            name='decision',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='award_records', to='documents.document', verbose_name='decision'),
        ),
    ]
