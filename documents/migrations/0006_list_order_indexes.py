"""The registers' order as an index (issue 12): the latest first, drafts (no date, no number) last on both
databases — of one agency, and of all (a merged agency's lineage, an administrator). Without it every page of
the list sorted all the agency's documents. No table rebuild on SQLite: the full-text triggers stay."""

import documents.models
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0005_number_series'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='document',
            options={'ordering': [models.OrderBy(models.F('issued_on'), descending=True, nulls_last=True), models.OrderBy(models.F('number'), descending=True, nulls_last=True), models.OrderBy(models.F('id'), descending=True)], 'verbose_name': 'document', 'verbose_name_plural': 'documents'},
        ),
        migrations.AddIndex(
            model_name='document',
            index=documents.models.NullsLastIndex(fields=['agency', '-issued_on', '-number', '-id'], name='document_agency_latest'),
        ),
        migrations.AddIndex(
            model_name='document',
            index=documents.models.NullsLastIndex(fields=['-issued_on', '-number', '-id'], name='document_latest'),
        ),
    ]
