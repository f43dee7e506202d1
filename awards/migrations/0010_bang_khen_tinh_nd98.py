"""Correction of the law data (law-nominations.md §6.2 and §10, status V1): the Bằng khen of the provincial
chairman carries coefficient 1,5 (individual) and 3,0 (collective) from 01/01/2024 already — Nghị định
98/2023/NĐ-CP, Điều 58 khoản 1 điểm b and khoản 2 điểm a — not only from 01/07/2025 (NĐ 152/2025). The 2024
rule set said 1,0 and 2,0 (status R).

The ledger rows of 2024 achievements whose amount the old coefficient gave are repriced with the new one
(awards.money.reprice_records); rows with another amount stay. Reversible: backwards restores both."""

from decimal import Decimal

from django.db import migrations

RULE_SET = "2024"
ND98 = "Nghị định 98/2023/NĐ-CP"
OLD_CITATION, OLD_STATUS = f"{ND98}, Điều 54–58", "R"
CHANGES = [
    # award, old coefficient, new coefficient, new citation, new status
    ("bang-khen-tinh", "1.0", "1.5", f"{ND98}, Điều 58 khoản 1 điểm b", "V1"),
    ("bang-khen-tinh-tap-the", "2.0", "3.0", f"{ND98}, Điều 58 khoản 2 điểm a", "V1"),
]


def _apply(apps, *, forwards: bool) -> None:
    from awards.money import reprice_records

    AwardRule = apps.get_model("awards", "AwardRule")
    for award, old, new, citation, status in CHANGES:
        before, after = (old, new) if forwards else (new, old)
        AwardRule.objects.filter(rule_set__code=RULE_SET, award__code=award).update(
            coefficient=Decimal(after),
            coefficient_citation=citation if forwards else OLD_CITATION,
            source_status=status if forwards else OLD_STATUS,
        )
        reprice_records(apps, rule_set=RULE_SET, award=award, old=before, new=after)


def forwards(apps, schema_editor):
    _apply(apps, forwards=True)


def backwards(apps, schema_editor):
    _apply(apps, forwards=False)


class Migration(migrations.Migration):
    dependencies = [("awards", "0009_remove_awardrecord_initiative")]
    operations = [migrations.RunPython(forwards, backwards)]
