
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0006_list_order_indexes'),
    ]

    operations = [
        migrations.AddField(
            model_name='document',
            name='annexes',
            field=models.JSONField(blank=True, default=list, editable=False, verbose_name='annexes'),
        ),
        migrations.AddField(
            model_name='document',
            name='issued_through',
            field=models.CharField(blank=True, editable=False, max_length=20),
        ),
    ]
