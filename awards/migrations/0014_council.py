"""The council's settings (law-nominations.md §2.3–2.5: quorum, documents sent ahead, substitutes, abstention,
recusal and its denominator, secret ballot) and the rule set's secret ballot (Nghị định 91/2017/NĐ-CP Điều 45
khoản 8), written by awards.law.ensure_law."""

from django.db import migrations, models


def write_law(apps, schema_editor):
    from awards.law import ensure_law

    ensure_law(apps)


class Migration(migrations.Migration):
    dependencies = [("awards", "0013_nomination_settings")]
    operations = [
        migrations.AddField(
            model_name="awardrule",
            name="council_secret",
            field=models.BooleanField(
                default=False, help_text="The rule set asks the council for a secret ballot.", verbose_name="secret ballot"
            ),
        ),
        migrations.RunPython(write_law, migrations.RunPython.noop),
    ]
