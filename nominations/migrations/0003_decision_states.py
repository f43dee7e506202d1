
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('nominations', '0002_council_states'),
    ]

    operations = [
        migrations.AlterField(
            model_name='proposal',
            name='status',
            field=models.CharField(choices=[('draft', 'Being drafted'), ('submitted', 'Submitted'), ('returned', 'Returned for correction'), ('appraised', 'Appraised'), ('posted', 'Posted for comments'), ('ready', 'Ready for the council'), ('withdrawn', 'Withdrawn'), ('passed', 'Passed by the council'), ('not_passed', 'Not passed by the council'), ('decided', "Awarded by the agency's decision"), ('forwarded', 'Forwarded to the competent authority'), ('awarded', 'Awarded by the competent authority'), ('refused', 'Not awarded by the competent authority')], default='draft', max_length=10, verbose_name='status'),
        ),
    ]
