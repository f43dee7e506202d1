"""Which awards print a certificate, with which template, and the certificates an issued decision creates
(law-nominations.md §6.2–6.3).

- Giấy khen (individual and collective) and Chiến sĩ thi đua cơ sở: a bằng or Giấy khen with its frame
  (NĐ 98/2023 Điều 54 khoản 1 điểm c, Điều 58; Điều 104 for the design);
- Lao động tiên tiến and Tập thể lao động tiên tiến carry money only (NĐ 98/2023 Điều 54 khoản 1 điểm d,
  khoản 2 điểm b): a certificate only where the agency's template says so (`money_only_printed`);
- the titles the Province decides (Tập thể lao động xuất sắc, CSTĐ tỉnh, Bằng khen) are printed by it.
"""

import datetime as dt

from django.db.models import Q

from awards.models import AwardKind

from .models import Certificate, CertificateTemplate, Issue

CERTIFIED = frozenset({"chien-si-thi-dua-co-so", "giay-khen", "giay-khen-tap-the"})
MONEY_ONLY = frozenset({"lao-dong-tien-tien", "tap-the-lao-dong-tien-tien"})

# NĐ 98/2023 is in force from 01/01/2024 (Điều 116); before it the designs came from NĐ 85/2014 as amended by
# NĐ 101/2018, whose Giấy khen article was not read (law-nominations.md §6.3: R).
ND98_FROM = dt.date(2024, 1, 1)
ND98_CITATION = ("Nghị định số 98/2023/NĐ-CP, Điều 104", "V1")
ND85_CITATION = ("Nghị định số 85/2014/NĐ-CP (sửa đổi bởi Nghị định số 101/2018/NĐ-CP)", "R")

# The name of the form or title as printed in red (NĐ 98/2023 Điều 104: line 5); the catalogue's names say
# who gives it ("Giấy khen của Giám đốc Sở"), the certificate does not.
PRINTED_NAMES = {
    "giay-khen": "GIẤY KHEN",
    "giay-khen-tap-the": "GIẤY KHEN",
    "chien-si-thi-dua-co-so": "CHIẾN SĨ THI ĐUA CƠ SỞ",
    "lao-dong-tien-tien": "LAO ĐỘNG TIÊN TIẾN",
    "tap-the-lao-dong-tien-tien": "TẬP THỂ LAO ĐỘNG TIÊN TIẾN",
    "tap-the-lao-dong-xuat-sac": "TẬP THỂ LAO ĐỘNG XUẤT SẮC",
}
# A row of red flags either side of the emblem (Điều 104 for CSTĐCS, Điều 106 for TTLĐXS).
FLAGGED = frozenset({"chien-si-thi-dua-co-so", "tap-the-lao-dong-xuat-sac"})


def default_template(agency, day: dt.date) -> CertificateTemplate:
    """The template of an agency that has set none (not saved): the Giám đốc's title from the agency's name,
    its place name, and the decree of the day."""
    citation, status = ND98_CITATION if day >= ND98_FROM else ND85_CITATION
    return CertificateTemplate(
        agency=agency,
        valid_from=ND98_FROM if day >= ND98_FROM else dt.date(2014, 12, 1),
        decider_title=f"GIÁM ĐỐC {agency.name.upper()}",
        place_name=agency.place_name,
        money_only_printed=False,
        citation=citation,
        source_status=status,
    )


def template_for(agency, day: dt.date) -> CertificateTemplate:
    """The agency's template in use on `day` (the latest that started by then), else the default."""
    current = Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    found = (
        CertificateTemplate.objects.filter(current, agency=agency, valid_from__lte=day)
        .order_by("-valid_from", "-id")
        .first()
    )
    return found or default_template(agency, day)


def prints_certificate(award, template) -> bool:
    if award.code in CERTIFIED:
        return True
    return award.code in MONEY_ONLY and template.money_only_printed


def printed_name(award) -> str:
    return PRINTED_NAMES.get(award.code) or award.name.upper()


def award_verb(award) -> str:
    """Line 4: "TẶNG" for a form of reward (Giấy khen), "TẶNG DANH HIỆU" for a title (CSTĐCS, TTLĐTT…)."""
    return "TẶNG" if award.kind == AwardKind.FORM else "TẶNG DANH HIỆU"


def create_certificates(decision) -> list[Certificate]:
    """One original certificate per line with a ledger row whose award prints one (called by issue_decision in
    its transaction, once the ledger rows are written); a line that already has its original is skipped."""
    template = template_for(decision.agency, decision.decided_on)
    lines = decision.lines.select_related("award").filter(record__isnull=False).order_by("position")
    done = set(
        Certificate.objects.filter(line__decision=decision, issue=Issue.ORIGINAL).values_list(
            "line_id", flat=True
        )
    )
    created = []
    for line in lines:
        if line.pk in done or not prints_certificate(line.award, template):
            continue
        created.append(
            Certificate.objects.create(
                record_id=line.record_id,
                line=line,
                issue=Issue.ORIGINAL,
                issued_on=decision.decided_on,
                name=line.name,
            )
        )
    return created
