"""The versioned law as data: rule sets, each title's money coefficient and council threshold per rule set,
and the base salary by date — from shared/reference/law.md, with its status tags (V1/V2 verified, R reported,
U unverified). Changing a coefficient or adding a rule set is a change of these rows (and a migration that
calls `ensure_law()`), or an edit in the admin — never a change of the code that reads them.
"""

import datetime as dt
from decimal import Decimal

from .standards import criteria, dossier_for

D = dt.date

RULE_SETS = [
    # code, name, instruments, effective_from, effective_to, first_year, last_year, status
    (
        "2017",
        "Luật TĐKT 2003 và Nghị định 91/2017/NĐ-CP",
        "Luật Thi đua, khen thưởng 2003 (sửa đổi 2005, 2009, 2013); Nghị định 91/2017/NĐ-CP; "
        "Thông tư 12/2019/TT-BNV",
        D(2017, 10, 1),
        D(2023, 12, 31),
        2017,
        2023,
        "V2",
    ),
    (
        "2024",
        "Luật TĐKT 2022 và Nghị định 98/2023/NĐ-CP",
        "Luật Thi đua, khen thưởng số 06/2022/QH15; Nghị định 98/2023/NĐ-CP; Thông tư 01/2024/TT-BNV "
        "(ký ngày 24/02/2024, hiệu lực từ 15/04/2024)",
        D(2024, 1, 1),
        D(2025, 6, 30),
        2024,
        2024,
        "V2",
    ),
    (
        "2025-07",
        "Luật TĐKT 2022 và Nghị định 152/2025/NĐ-CP",
        "Luật Thi đua, khen thưởng số 06/2022/QH15; Nghị định 152/2025/NĐ-CP; Thông tư 15/2025/TT-BNV",
        D(2025, 7, 1),
        D(2026, 9, 30),
        2025,
        2025,
        "V2",
    ),
    (
        "2026-10",
        "Luật TĐKT 2022 sửa đổi 2026 (Luật 06/2026/QH16)",
        "Luật Thi đua, khen thưởng số 06/2022/QH15, sửa đổi bởi Luật số 06/2026/QH16; "
        "Nghị định 152/2025/NĐ-CP",
        D(2026, 10, 1),
        None,
        2026,
        None,
        "R",
    ),
]

# Money coefficients (law.md §5.2, corrected by law-nominations.md §6.2 and §10): the titles' are the same in
# every rule set; the Bằng khen of the provincial chairman is 1,5 (individual) and 3,0 (collective) from
# 01/01/2024 already (NĐ 98/2023 Điều 58, V1 — migration 0010), 1,0 and 2,0 before. The commune chairman's
# Giấy khen (0,15 under NĐ 98/2023 Điều 58 khoản 1 điểm g) is not in the catalogue: a Sở does not award it.
TITLE_COEFFICIENTS = {
    "lao-dong-tien-tien": "0.3",
    "chien-si-thi-dua-co-so": "1.0",
    "chien-si-thi-dua-tinh": "3.0",
    "chien-si-thi-dua-toan-quoc": "4.5",
    "tap-the-lao-dong-tien-tien": "0.8",
    "tap-the-lao-dong-xuat-sac": "1.5",
    "co-thi-dua-tinh": "8.0",
    "co-thi-dua-chinh-phu": "12.0",
}
FORMS_BEFORE_2025 = {
    "giay-khen": "0.3",
    "giay-khen-tap-the": "0.6",
    "bang-khen-tinh": "1.0",
    "bang-khen-tinh-tap-the": "2.0",
    "bang-khen-thu-tuong": "3.5",
    "bang-khen-thu-tuong-tap-the": "7.0",
}
FORMS_SINCE_2024 = {**FORMS_BEFORE_2025, "bang-khen-tinh": "1.5", "bang-khen-tinh-tap-the": "3.0"}
COEFFICIENTS = {
    "2017": {**TITLE_COEFFICIENTS, **FORMS_BEFORE_2025},
    "2024": {**TITLE_COEFFICIENTS, **FORMS_SINCE_2024},
    "2025-07": {**TITLE_COEFFICIENTS, **FORMS_SINCE_2024},
    "2026-10": {**TITLE_COEFFICIENTS, **FORMS_SINCE_2024},
}
COEFFICIENT_CITATIONS = {
    "2017": ("Nghị định 91/2017/NĐ-CP, Điều 69–73", "V2"),
    "2024": ("Nghị định 98/2023/NĐ-CP, Điều 54–58", "R"),
    "2025-07": ("Nghị định 152/2025/NĐ-CP, Điều 50 và Điều 54 khoản 1", "V2"),
    "2026-10": ("Nghị định 152/2025/NĐ-CP, Điều 50 và Điều 54 (chưa đối chiếu Luật 06/2026/QH16)", "U"),
}
# The coefficients read in the full text of NĐ 98/2023 (law-nominations.md §6.2, V1 — migrations 0010, 0011);
# the others of the 2024 rule set keep the rule set's citation above.
ND98 = "Nghị định 98/2023/NĐ-CP"
COEFFICIENT_SOURCES = {
    "2024": {
        "lao-dong-tien-tien": (f"{ND98}, Điều 54 khoản 1 điểm d", "V1"),
        "chien-si-thi-dua-co-so": (f"{ND98}, Điều 54 khoản 1 điểm c", "V1"),
        "tap-the-lao-dong-tien-tien": (f"{ND98}, Điều 54 khoản 2 điểm b", "V1"),
        "tap-the-lao-dong-xuat-sac": (f"{ND98}, Điều 54 khoản 2 điểm a", "V1"),
        "co-thi-dua-tinh": (f"{ND98}, Điều 54 khoản 2 điểm e", "V1"),
        "giay-khen": (f"{ND98}, Điều 58 khoản 1 điểm e", "V1"),
        "giay-khen-tap-the": (f"{ND98}, Điều 58 khoản 2 điểm c", "V1"),
        "bang-khen-tinh": (f"{ND98}, Điều 58 khoản 1 điểm b", "V1"),
        "bang-khen-tinh-tap-the": (f"{ND98}, Điều 58 khoản 2 điểm a", "V1"),
    },
}

# Council thresholds (law.md §4): share of the WHOLE membership voting for; absent: simple majority.
_NINETY = ("chien-si-thi-dua-tinh", "chien-si-thi-dua-toan-quoc")
_EIGHTY = ("chien-si-thi-dua-co-so", "co-thi-dua-tinh", "co-thi-dua-chinh-phu")
_SINCE_2024 = {**dict.fromkeys(_NINETY, "0.9"), **dict.fromkeys(_EIGHTY, "0.8")}
# 2017 and 2024 read in the full texts (law-nominations.md §2.4, V1 — migration 0011): NĐ 91 says a secret
# ballot, NĐ 98 a ballot.
COUNCIL = {
    "2017": (dict.fromkeys(_NINETY, "0.9"), "Nghị định 91/2017/NĐ-CP, Điều 45 khoản 8 (bỏ phiếu kín)", "V1"),
    "2024": (_SINCE_2024, "Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7 (bỏ phiếu)", "V1"),
    "2025-07": (
        _SINCE_2024,
        "Nghị định 152/2025/NĐ-CP (điều khoản chưa đối chiếu; giữ mức của NĐ 98/2023)",
        "U",
    ),
    "2026-10": (
        _SINCE_2024,
        "Nghị định 152/2025/NĐ-CP (điều khoản chưa đối chiếu; giữ mức của NĐ 98/2023)",
        "U",
    ),
}
# Secret ballot: NĐ 91/2017 Điều 45 khoản 8 says "bỏ phiếu kín" for the titles it sets a threshold for;
# NĐ 98/2023 Điều 30 khoản 7 says "bỏ phiếu" only (law-nominations.md §2.4): an agency may still choose
# secret (council-secret).
SECRET_BALLOT = {"2017": set(_NINETY)}
# Ratio caps (law.md §8): in 2017–2023 Chiến sĩ thi đua cơ sở ≤ 15 % of the unit's Lao động tiên tiến.
QUOTAS = {
    "2017": {
        "chien-si-thi-dua-co-so": ("lao-dong-tien-tien", "0.15", "Nghị định 91/2017/NĐ-CP, Điều 9 khoản 3")
    },
}
# Tie-break when a cap leaves room for fewer than qualify: women first (law.md §7.1 item 7).
WOMEN_FIRST = "Nghị định 152/2025/NĐ-CP, Điều 4 khoản 6"
MAJORITY_CITATION = "Biểu quyết theo đa số (quy chế hoạt động của Hội đồng)"

# Settings an agency may change; the defaults are the reference's reading (law.md §5.1, §4, §6.4, §7.1).
SETTINGS = [
    # code, name, default, allowed values, citation, status
    ("rounding", "Cách làm tròn tiền thưởng", "up", "up,nearest,down,none",
     "Nghị định 152/2025/NĐ-CP, Điều 49 khoản 2 (“làm tròn số lên hàng chục nghìn đồng”)", "R"),
    ("min-service-months", "Số tháng công tác tối thiểu trong năm để xét Lao động tiên tiến", "6", "",
     "Thông tư 15/2025/TT-BNV (chưa đối chiếu; Thông tư 01/2024/TT-BNV: 6 tháng)", "U"),
    ("council-presence", "Tỷ lệ thành viên Hội đồng có mặt khi xét danh hiệu", "0.8", "",
     "Quy chế của tỉnh (mẫu Bắc Ninh QĐ 86/2025, Điều 8 khoản 4)", "R"),
    ("publicity-days", "Số ngày làm việc công khai danh sách đề nghị", "10", "",
     "Nghị định 152/2025/NĐ-CP, Điều 44 khoản 2 (phạm vi áp dụng chưa đối chiếu)", "U"),
    ("posting-own-days",
     "Số ngày làm việc công khai danh sách đề nghị khen thưởng cấp Sở, cấp tỉnh (0: không công khai)",
     "5", "",
     "Thông tư 07/2026/TT-BGDĐT, Điều 19 khoản 4 (mô hình ngành; quy định của thành phố chưa đối chiếu)",
     "U"),
    ("head-with-collective", "Đề nghị cùng năm cho tập thể và người đứng đầu tập thể đó", "yes", "yes,no",
     "Quy định của cơ quan (không có quy định chung)", "U"),
    # the council's meetings (law-nominations.md §2.3–2.5)
    ("council-quorum", "Số thành viên Hội đồng phải có mặt để họp (trên tổng số thành viên)", "2/3",
     "2/3,1/2,3/4",
     "Thông tư 12/2019/TT-BNV, Điều 11; mô hình Thông tư 07/2026/TT-BGDĐT, Điều 25 khoản 3 điểm c",
     "V1"),
    ("council-documents-days", "Số ngày làm việc gửi tài liệu họp Hội đồng trước ngày họp", "3", "",
     "Mô hình Quyết định 1609/QĐ-BGDĐT năm 2026 (quy chế Hội đồng Bộ Giáo dục và Đào tạo)", "U"),
    ("council-substitutes", "Thành viên vắng mặt được cử người dự họp và biểu quyết thay (có giấy ủy quyền)",
     "no", "yes,no", "Mô hình Thông tư 25/2025/TT-BKHCN, Điều 23 (quy chế Hội đồng của cơ quan)", "V2"),
    ("council-abstain", "Cho phép phiếu không biểu quyết (tính là không đồng ý)", "no", "yes,no",
     "Quy chế hoạt động của Hội đồng (không có quy định chung)", "U"),
    ("council-recuse-unit", "Thành viên không biểu quyết đề nghị của đơn vị mình", "no", "yes,no",
     "Quy chế hoạt động của Hội đồng (không có quy định chung)", "U"),
    ("council-recuse-relatives", "Thành viên không biểu quyết đề nghị cho người thân đã kê khai", "yes",
     "yes,no", "Quy chế hoạt động của Hội đồng (không có quy định chung)", "U"),
    ("council-recusal-base", "Cách tính tỷ lệ khi có thành viên không biểu quyết (tự đề nghị, người thân…)",
     "members", "members,voting",
     "Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7 (tỷ lệ trên tổng số thành viên Hội đồng)", "V1"),
    ("council-secret", "Hình thức biểu quyết của Hội đồng", "rule", "rule,secret",
     "Nghị định 91/2017/NĐ-CP, Điều 45 khoản 8 (bỏ phiếu kín); Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7",
     "V1"),
]  # fmt: skip

BASE_SALARIES = [
    # effective_from, amount, instrument, status
    (D(2017, 7, 1), 1_300_000, "Nghị định 47/2017/NĐ-CP (chưa có trong tài liệu tham chiếu)", "U"),
    (D(2018, 7, 1), 1_390_000, "Nghị định 72/2018/NĐ-CP", "R"),
    (D(2019, 7, 1), 1_490_000, "Nghị định 38/2019/NĐ-CP", "V2"),
    (D(2023, 7, 1), 1_800_000, "Nghị định 24/2023/NĐ-CP", "V2"),
    (D(2024, 7, 1), 2_340_000, "Nghị định 73/2024/NĐ-CP, Điều 3 khoản 2", "V2"),
    (D(2026, 7, 1), 2_530_000, "Nghị định 161/2026/NĐ-CP, Điều 3 khoản 2", "V1"),
]


def ensure_law(apps=None) -> None:
    """Write the rule sets, award rules and base salaries (idempotent); `apps` inside a migration."""
    get = apps.get_model if apps else _model
    RuleSet, AwardRule, Award = get("awards", "RuleSet"), get("awards", "AwardRule"), get("awards", "Award")
    BaseSalary = get("awards", "BaseSalary")
    awards = {award.code: award for award in Award.objects.all()}
    for code, name, instruments, start, end, first, last, status in RULE_SETS:
        rule_set, _ = RuleSet.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "instruments": instruments,
                "effective_from": start,
                "effective_to": end,
                "first_year": first,
                "last_year": last,
                "source_status": status,
            },
        )
        _award_rules(AwardRule, get("awards", "Criterion"), rule_set, awards)
    Setting = get("awards", "Setting")
    for position, (code, name, default, choices, citation, status) in enumerate(SETTINGS):
        Setting.objects.update_or_create(
            code=code,
            defaults={"name": name, "default": default, "choices": choices, "citation": citation,
                      "source_status": status, "position": position},
        )  # fmt: skip
    for start, amount, instrument, status in BASE_SALARIES:
        BaseSalary.objects.update_or_create(
            effective_from=start,
            defaults={"amount": amount, "instrument": instrument, "source_status": status},
        )


def _award_rules(AwardRule, Criterion, rule_set, awards: dict) -> None:
    standards = criteria()[rule_set.code]
    thresholds, council_citation, council_status = COUNCIL[rule_set.code]
    sources = COEFFICIENT_SOURCES.get(rule_set.code, {})
    for code, coefficient in COEFFICIENTS[rule_set.code].items():
        citation, status = sources.get(code, COEFFICIENT_CITATIONS[rule_set.code])
        threshold = thresholds.get(code)
        rule, _ = _update_or_create(
            AwardRule,
            {"rule_set": rule_set, "award": awards[code]},
            {
                "coefficient": Decimal(coefficient),
                "coefficient_citation": citation,
                "council_threshold": Decimal(threshold) if threshold else None,
                "council_citation": council_citation if threshold else MAJORITY_CITATION,
                "source_status": status,
                "council_status": council_status if threshold else "R",
                "council_secret": code in SECRET_BALLOT.get(rule_set.code, ()),
                **_quota(rule_set.code, code),
                "dossier": dossier_for(rule_set.code, code),
            },
        )
        _criteria(Criterion, rule, standards.get(code, []))


def _update_or_create(model, keys: dict, values: dict):
    """update_or_create with only the fields `model` has: a migration's historical model may predate some."""
    fields = {field.name for field in model._meta.get_fields()}
    return model.objects.update_or_create(**keys, defaults={k: v for k, v in values.items() if k in fields})


def _quota(rule_set: str, award: str) -> dict:
    quota_of, share, citation = QUOTAS.get(rule_set, {}).get(award, ("", None, ""))
    return {
        "quota_of": quota_of,
        "quota_share": Decimal(share) if share else None,
        "quota_citation": citation,
    }


def _criteria(Criterion, rule, rows: list) -> None:
    """Replace the rule's criteria with the rows of awards/standards.py (their order is their position)."""
    Criterion.objects.filter(rule=rule).delete()
    Criterion.objects.bulk_create(
        Criterion(rule=rule, position=n, code=code, params=params, citation=citation, source_status=status)
        for n, (code, params, citation, status) in enumerate(rows)
    )


def _model(app_label: str, name: str):
    from django.apps import apps

    return apps.get_model(app_label, name)
