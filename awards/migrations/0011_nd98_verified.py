"""The law data read in the full texts this round (law-nominations.md §10, status V1), each with its citation:

- the coefficients of the 2024 rule set read in Nghị định 98/2023/NĐ-CP: Điều 54 (Lao động tiên tiến 0,3,
  Chiến sĩ thi đua cơ sở 1,0, Tập thể lao động tiên tiến 0,8, Tập thể lao động xuất sắc 1,5, Cờ thi đua
  tỉnh 8,0) and Điều 58 (Giấy khen 0,3 and 0,6) — the numbers stay, the citation and tag change (R → V1);
- the council's thresholds: Nghị định 91/2017/NĐ-CP Điều 45 khoản 8 (secret ballot, 90 %) and Nghị định
  98/2023/NĐ-CP Điều 30 khoản 7 (ballot, 90 % / 80 % of all members) — V2 → V1;
- Thông tư 01/2024/TT-BNV: signed 24/02/2024, in force 15/04/2024, and its six months of service for Lao
  động tiên tiến (Điều 1 khoản 5 điểm d) — V2 → V1.

Not data here: the TĐKT fund's 20 % for organising work (NĐ 98/2023 Điều 50 khoản 3 điểm a, Điều 52 khoản
1 điểm a, now V1) — the system keeps no fund yet. Reversible: backwards restores every old value."""

from django.db import migrations

ND91, ND98 = "Nghị định 91/2017/NĐ-CP", "Nghị định 98/2023/NĐ-CP"
OLD_COEFFICIENT = (f"{ND98}, Điều 54–58", "R")
COEFFICIENTS = {  # award → (citation, status) in the 2024 rule set
    "lao-dong-tien-tien": (f"{ND98}, Điều 54 khoản 1 điểm d", "V1"),
    "chien-si-thi-dua-co-so": (f"{ND98}, Điều 54 khoản 1 điểm c", "V1"),
    "tap-the-lao-dong-tien-tien": (f"{ND98}, Điều 54 khoản 2 điểm b", "V1"),
    "tap-the-lao-dong-xuat-sac": (f"{ND98}, Điều 54 khoản 2 điểm a", "V1"),
    "co-thi-dua-tinh": (f"{ND98}, Điều 54 khoản 2 điểm e", "V1"),
    "giay-khen": (f"{ND98}, Điều 58 khoản 1 điểm e", "V1"),
    "giay-khen-tap-the": (f"{ND98}, Điều 58 khoản 2 điểm c", "V1"),
}
COUNCIL = {  # rule set → (old citation, old status), (new citation, new status) of the ballot thresholds
    "2017": ((f"{ND91}, Điều 45 khoản 8", "V2"), (f"{ND91}, Điều 45 khoản 8 (bỏ phiếu kín)", "V1")),
    "2024": ((f"{ND98}, Điều 30 khoản 7", "V2"), (f"{ND98}, Điều 30 khoản 7 (bỏ phiếu)", "V1")),
}
TT01_OLD = "Luật Thi đua, khen thưởng số 06/2022/QH15; Nghị định 98/2023/NĐ-CP; Thông tư 01/2024/TT-BNV"
TT01_NEW = f"{TT01_OLD} (ký ngày 24/02/2024, hiệu lực từ 15/04/2024)"
SERVICE = ("V2", "V1")  # the 2024 rule set's "service-months" criterion (TT 01/2024 Điều 1 khoản 5 điểm d)


def _apply(apps, *, forwards: bool) -> None:
    AwardRule, RuleSet = apps.get_model("awards", "AwardRule"), apps.get_model("awards", "RuleSet")
    Criterion = apps.get_model("awards", "Criterion")
    for award, new in COEFFICIENTS.items():
        citation, status = new if forwards else OLD_COEFFICIENT
        AwardRule.objects.filter(rule_set__code="2024", award__code=award).update(
            coefficient_citation=citation, source_status=status
        )
    for rule_set, (old, new) in COUNCIL.items():
        citation, status = new if forwards else old
        # only the rules with a threshold: the others cite the council's simple majority
        AwardRule.objects.filter(rule_set__code=rule_set, council_threshold__isnull=False).update(
            council_citation=citation, council_status=status
        )
    RuleSet.objects.filter(code="2024").update(instruments=TT01_NEW if forwards else TT01_OLD)
    Criterion.objects.filter(rule__rule_set__code="2024", code="service-months").update(
        source_status=SERVICE[1] if forwards else SERVICE[0]
    )


def forwards(apps, schema_editor):
    _apply(apps, forwards=True)


def backwards(apps, schema_editor):
    _apply(apps, forwards=False)


class Migration(migrations.Migration):
    dependencies = [("awards", "0010_bang_khen_tinh_nd98")]
    operations = [migrations.RunPython(forwards, backwards)]
