
import decisions.models
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('awards', '0015_ledger_from_decisions'),
        ('council', '0003_ballot_immutable'),
        ('documents', '0007_annexes_issued_through'),
        ('nominations', '0003_decision_states'),
        ('organisations', '0003_unit_head_moves_to_people'),
        ('people', '0008_rating_decision'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='CertificateTemplate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('valid_from', models.DateField(verbose_name='used from')),
                ('valid_to', models.DateField(blank=True, null=True, verbose_name='used until')),
                ('decider_title', models.CharField(max_length=200, verbose_name="decider's title")),
                ('place_name', models.CharField(max_length=100, verbose_name='place name')),
                ('money_only_printed', models.BooleanField(default=False, help_text='Lao động tiên tiến and Tập thể lao động tiên tiến carry money only unless the agency chooses to print a certificate.', verbose_name='print certificates for money-only titles')),
                ('citation', models.CharField(max_length=300, verbose_name='legal basis')),
                ('source_status', models.CharField(default='V1', max_length=4, verbose_name='reference status')),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='organisations.agency')),
            ],
            options={
                'verbose_name': 'certificate template',
                'verbose_name_plural': 'certificate templates',
                'ordering': ['agency', '-valid_from'],
            },
        ),
        migrations.CreateModel(
            name='ForwardPackage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('recipient', models.CharField(max_length=300, verbose_name='sent to')),
                ('status', models.CharField(choices=[('draft', 'Being prepared'), ('sent', 'Sent'), ('answered', 'Answered')], default='draft', max_length=10, verbose_name='status')),
                ('year', models.PositiveSmallIntegerField(verbose_name='achievement year')),
                ('sent_on', models.DateField(blank=True, null=True, verbose_name='sent on')),
                ('archive', models.FileField(blank=True, upload_to='decisions/packages/%Y/')),
                ('sha256', models.CharField(blank=True, max_length=64)),
                ('manifest', models.JSONField(blank=True, default=dict)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.agency')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('document', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='forward_package', to='documents.document')),
                ('meeting', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='forward_packages', to='council.meeting')),
            ],
            options={
                'verbose_name': 'forward package',
                'verbose_name_plural': 'forward packages',
                'ordering': ['-year', '-id'],
            },
        ),
        migrations.CreateModel(
            name='Decision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('reward', 'Reward'), ('revocation', 'Revocation'), ('correction', 'Correction')], default='reward', max_length=12, verbose_name='kind')),
                ('origin', models.CharField(choices=[('own', 'Issued by the agency'), ('registered', "Registered (another body's, or before thidua)")], default='own', max_length=12, verbose_name='origin')),
                ('status', models.CharField(choices=[('draft', 'Being drafted'), ('issued', 'Issued'), ('discarded', 'Discarded')], default='draft', max_length=10, verbose_name='status')),
                ('year', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='achievement year')),
                ('decided_on', models.DateField(blank=True, null=True, verbose_name='decided on')),
                ('issuer', models.CharField(blank=True, max_length=200, verbose_name='decided by')),
                ('base_salary', models.PositiveIntegerField(blank=True, null=True, verbose_name='base salary')),
                ('rounding', models.CharField(blank=True, max_length=10, verbose_name='rounding')),
                ('total_amount', models.PositiveBigIntegerField(default=0, verbose_name='total amount (đồng)')),
                ('awards_count', models.PositiveIntegerField(default=0, verbose_name='awards')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='decisions', to='organisations.agency', verbose_name='agency')),
                ('corrects', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='corrections', to='decisions.decision', verbose_name='decision corrected')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('document', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='decision', to='documents.document', verbose_name='document')),
                ('meeting', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='decisions', to='council.meeting', verbose_name='council meeting')),
                ('package', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='answers', to='decisions.forwardpackage', verbose_name='forward package answered')),
            ],
            options={
                'verbose_name': 'reward decision',
                'verbose_name_plural': 'reward decisions',
                'ordering': [models.OrderBy(models.F('decided_on'), descending=True, nulls_last=True), '-id'],
            },
        ),
        migrations.CreateModel(
            name='Fund',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                ('allocation', models.PositiveBigIntegerField(verbose_name='allocation (đồng)')),
                ('organising_share', models.DecimalField(decimal_places=2, max_digits=3, verbose_name='share for organising work')),
                ('note', models.TextField(blank=True, verbose_name='note')),
                ('changed_at', models.DateTimeField(auto_now=True)),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='organisations.agency')),
                ('changed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'reward fund',
                'verbose_name_plural': 'reward funds',
                'ordering': ['agency', '-year'],
            },
        ),
        migrations.CreateModel(
            name='Line',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveIntegerField(verbose_name='number in the decision')),
                ('article', models.PositiveSmallIntegerField(default=1, verbose_name='article')),
                ('match', models.CharField(blank=True, choices=[('', 'Not a higher decision'), ('exact', 'Matched (person, award and period)'), ('doubtful', 'Doubtful: to be confirmed by the secretary'), ('confirmed', 'Confirmed by the secretary')], max_length=10, verbose_name='match')),
                ('year', models.PositiveSmallIntegerField(verbose_name='achievement year')),
                ('track', models.CharField(default='cong-trang', max_length=12, verbose_name='track')),
                ('name', models.CharField(max_length=300, verbose_name='name as printed')),
                ('position_title', models.CharField(blank=True, max_length=200, verbose_name='position')),
                ('unit_name', models.CharField(blank=True, max_length=300, verbose_name='unit as printed')),
                ('achievement', models.CharField(blank=True, max_length=500, verbose_name='achievement line')),
                ('coefficient', models.DecimalField(decimal_places=2, default=0, max_digits=5, verbose_name='coefficient')),
                ('amount', models.PositiveIntegerField(default=0, verbose_name='amount (đồng)')),
                ('paid', models.BooleanField(default=True, verbose_name='paid')),
                ('unpaid_reason', models.CharField(blank=True, max_length=300, verbose_name='why not paid')),
                ('award', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='awards.award', verbose_name='award')),
                ('decision', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='lines', to='decisions.decision')),
                ('person', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='people.person')),
                ('proposal', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='decision_lines', to='nominations.proposal', verbose_name='proposal')),
                ('record', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='decision_line', to='awards.awardrecord', verbose_name='ledger row')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.unit')),
            ],
            options={
                'verbose_name': 'decision line',
                'verbose_name_plural': 'decision lines',
                'ordering': ['decision', 'position'],
            },
        ),
        migrations.CreateModel(
            name='Certificate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(default=decisions.models.new_code, max_length=40, unique=True, verbose_name='verification code')),
                ('issue', models.CharField(choices=[('original', 'Original'), ('exchange', 'Replacement (cấp đổi: damaged or misprinted)'), ('reissue', 'Re-issue (cấp lại: lost)')], default='original', max_length=10, verbose_name='issue')),
                ('number', models.PositiveIntegerField(blank=True, null=True, verbose_name='re-issue number')),
                ('issued_on', models.DateField(verbose_name='issued on')),
                ('requested_on', models.DateField(blank=True, null=True, verbose_name='requested on')),
                ('due_on', models.DateField(blank=True, null=True, verbose_name='to be settled by')),
                ('reason', models.TextField(blank=True, verbose_name='reason')),
                ('name', models.CharField(max_length=300, verbose_name='name as printed')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('original', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='reissues', to='decisions.certificate')),
                ('record', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='certificates', to='awards.awardrecord')),
                ('line', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='certificates', to='decisions.line')),
            ],
            options={
                'verbose_name': 'certificate',
                'verbose_name_plural': 'certificates',
                'ordering': ['line__decision', 'line__position', 'id'],
            },
        ),
        migrations.CreateModel(
            name='PackageItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveIntegerField()),
                ('outcome', models.CharField(choices=[('pending', 'Awaiting the decision'), ('awarded', 'Awarded'), ('refused', 'Not awarded')], default='pending', max_length=10, verbose_name='outcome')),
                ('reason', models.TextField(blank=True, verbose_name='reason')),
                ('package', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='items', to='decisions.forwardpackage')),
                ('proposal', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='nominations.proposal')),
            ],
            options={
                'verbose_name': 'forwarded proposal',
                'verbose_name_plural': 'forwarded proposals',
                'ordering': ['package', 'position'],
            },
        ),
        migrations.CreateModel(
            name='Printer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100, verbose_name='name')),
                ('offset_x', models.DecimalField(decimal_places=1, default=0, max_digits=4, verbose_name='shift right (mm)')),
                ('offset_y', models.DecimalField(decimal_places=1, default=0, max_digits=4, verbose_name='shift down (mm)')),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='organisations.agency')),
            ],
            options={
                'verbose_name': 'printer',
                'verbose_name_plural': 'printers',
                'ordering': ['agency', 'name'],
            },
        ),
        migrations.CreateModel(
            name='Revocation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('ground', models.CharField(choices=[('a', 'False declaration of achievements'), ('b', 'False information or forged papers'), ('c', 'Appraisal, review or proposal contrary to the law'), ('d', 'A later conclusion that the standard was not met')], max_length=1, verbose_name='ground')),
                ('conclusion', models.TextField(verbose_name='conclusion it rests on')),
                ('return_due', models.DateField(blank=True, null=True, verbose_name='to be returned by')),
                ('amount_due', models.PositiveIntegerField(default=0, verbose_name='money to return (đồng)')),
                ('amount_returned', models.PositiveIntegerField(default=0, verbose_name='money returned (đồng)')),
                ('object_due', models.BooleanField(default=False, verbose_name='object to return')),
                ('object_returned', models.BooleanField(default=False, verbose_name='object returned')),
                ('settled_on', models.DateField(blank=True, null=True, verbose_name='settled on')),
                ('decision', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='revocations', to='decisions.decision')),
                ('record', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='revocation', to='awards.awardrecord')),
            ],
            options={
                'verbose_name': 'revocation',
                'verbose_name_plural': 'revocations',
                'ordering': ['-decision__decided_on', '-id'],
            },
        ),
        migrations.AddIndex(
            model_name='forwardpackage',
            index=models.Index(fields=['agency', '-year', '-id'], name='package_list'),
        ),
        migrations.AddIndex(
            model_name='decision',
            index=models.Index(fields=['agency', '-decided_on', '-id'], name='decision_list'),
        ),
        migrations.AddConstraint(
            model_name='fund',
            constraint=models.UniqueConstraint(fields=('agency', 'year'), name='one_fund_per_year'),
        ),
        migrations.AddIndex(
            model_name='line',
            index=models.Index(fields=['proposal'], name='line_proposal'),
        ),
        migrations.AddConstraint(
            model_name='line',
            constraint=models.UniqueConstraint(fields=('decision', 'position'), name='one_line_per_position'),
        ),
        migrations.AddConstraint(
            model_name='packageitem',
            constraint=models.UniqueConstraint(fields=('package', 'proposal'), name='one_item_per_forwarded_proposal'),
        ),
        migrations.AddConstraint(
            model_name='printer',
            constraint=models.UniqueConstraint(fields=('agency', 'name'), name='one_printer_name'),
        ),
    ]
