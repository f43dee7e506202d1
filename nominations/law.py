"""What the law says of a proposal, as data keyed by rule set (awards.RuleSet codes), each row with its
citation and its reference status (V1/V2 verified, R reported, U unverified: law-nominations.md §0):

- which rule set governs a dossier received on a date (a transitional clause that looks at the receipt);
- the appraisal time in working days, by who decides the award (law-nominations.md §5);
- the public posting required before the council (§3);
- the dossier's components and the form number of each report, by rule set and track (§4).

Changing a number here is a change of the law's data, never of the code that reads it.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils.formats import date_format

from .models import Track

ND91, ND98, ND152 = "Nghị định 91/2017/NĐ-CP", "Nghị định 98/2023/NĐ-CP", "Nghị định 152/2025/NĐ-CP"
L2022, TT07 = "Luật Thi đua, khen thưởng 2022", "Thông tư 07/2026/TT-BGDĐT (mô hình ngành)"
OLD_SETS = ("2017", "2024")  # rule sets before Nghị định 152/2025

# Rule sets whose transitional clause looks at the day the appraising body received the dossier (law.md
# §11.1 row 1: Luật 06/2026/QH16 Điều 4 khoản 4 — dossiers received before 01/10/2026 follow the old text
# unless the amended one is more favourable), with the first achievement year the clause reaches: the
# amending law changes Luật 06/2022/QH15, which governs achievements from 2024 (Điều 94, 95); earlier ones
# keep the 2003 law whenever received. Other eras follow the achievement year (awards.RuleSet).
RECEIPT_CLAUSES = {"2026-10": ("Luật 06/2026/QH16, Điều 4 khoản 4", "R", 2024)}


@dataclass(frozen=True)
class Governing:
    """The rule set a proposal is judged under, why, and (before a receipt clause's day) the newer rule set
    that applies instead where it is more favourable."""

    rule_set: object
    reason: str
    favourable: object = None


def _day(value: dt.date) -> str:
    return date_format(value, "d/m/Y")


def governing(rule_sets: list, year: int, received_on: dt.date) -> Governing:
    """`rule_sets` in order of effective date; `received_on` the day of receipt (today for a draft)."""
    by_year = next(rs for rs in rule_sets if rs.covers_year(year))
    for index in range(len(rule_sets) - 1, 0, -1):
        newer, older = rule_sets[index], rule_sets[index - 1]
        clause = RECEIPT_CLAUSES.get(newer.code)
        if clause is None or year < clause[2]:
            continue
        if received_on >= newer.effective_from and by_year.effective_from < newer.effective_from:
            reason = (
                f"Hồ sơ nhận ngày {_day(received_on)}, từ ngày {_day(newer.effective_from)}: "
                f"áp dụng {newer.name} ({clause[0]})."
            )
            return Governing(newer, reason)
        if received_on < newer.effective_from and by_year == newer:
            reason = (
                f"Hồ sơ nhận ngày {_day(received_on)}, trước ngày {_day(newer.effective_from)}: áp dụng "
                f"{older.name}, trừ khi quy định mới có lợi hơn ({clause[0]})."
            )
            return Governing(older, reason, favourable=newer)
    return Governing(by_year, f"Thành tích năm {year}: áp dụng {by_year.name}.")


def more_favourable_reason(governing: Governing) -> str:
    return f"{governing.reason} Quy định mới có lợi hơn: áp dụng {governing.favourable.name}."


# --- Appraisal time (law-nominations.md §5) -----------------------------------------------------------------

APPRAISAL_DAYS = {  # rule set → (days for the agency's own awards, days for the province's, citation, status)
    "2017": (20, 25, f"{ND91}, Điều 48 khoản 2", "V1"),
    "2024": (20, 25, f"{ND98}, Điều 32 khoản 3, khoản 4", "V1"),
    "2025-07": (20, 25, f"{ND98}, Điều 32 (giữ thời hạn; {ND152} chưa đối chiếu)", "U"),
    "2026-10": (20, 25, f"{ND98}, Điều 32 (giữ thời hạn; {ND152} chưa đối chiếu)", "U"),
}


def appraisal_days(rule_set_code: str, award, track: str) -> tuple[int | None, str]:
    """Working days from the complete dossier to the end of appraisal, and the citation; None for đột xuất
    (appraised at once: the decrees except it from the time limits)."""
    own, province, citation, _status = APPRAISAL_DAYS.get(rule_set_code, APPRAISAL_DAYS["2026-10"])
    if track == Track.SUDDEN:
        return None, citation
    return (own if award.within_agency_authority else province), citation


# --- Public posting (law-nominations.md §3) -----------------------------------------------------------------

STATE_LEVEL = {"thu-tuong", "chinh-phu"}
EXEMPT_TRACKS = {Track.SIMPLIFIED, Track.SUDDEN}


@dataclass(frozen=True)
class PostingRule:
    days: int  # working days; 0: no posting required
    citation: str
    status: str


def posting_rule(rule_set_code: str, award, track: str, settings: dict) -> PostingRule:
    """Whether the list must be posted before the council, for how many working days, and why.

    State-level awards: the agency's "publicity-days" (10 by default: NĐ 98/2023 Điều 46; NĐ 152/2025 Điều
    44). The agency's and the province's awards: none nationally before 07/2025; from then the sector model
    (5 working days before the council, TT 07/2026 Điều 19 khoản 4) through the agency's "posting-own-days"
    (0 turns it off). Simplified procedure and đột xuất are exempt."""
    if track in EXEMPT_TRACKS:
        return PostingRule(0, f"{L2022}, Điều 85; {ND98}, Điều 46 khoản 1", "V1")
    if award.authority_code in STATE_LEVEL:
        days = int(settings.get("publicity-days") or 10)
        if rule_set_code == "2017":
            return PostingRule(days, f"{ND91}, Điều 45 khoản 10; Thông tư 12/2019/TT-BNV, Điều 2", "V1")
        return PostingRule(days, f"{ND98}, Điều 46 khoản 2; {ND152}, Điều 44 khoản 2", "R")
    if rule_set_code in OLD_SETS:
        return PostingRule(
            0, f"{L2022}, Điều 84 khoản 5 (không bắt buộc với khen thưởng cấp Sở, cấp tỉnh)", "V1"
        )
    days = int(settings.get("posting-own-days") or 0)
    return PostingRule(days, f"{TT07}, Điều 19 khoản 4", "U")  # the city's own rule not read yet


# --- Dossier components and forms (law-nominations.md §4) ---------------------------------------------------

COVER, REPORT, MINUTES, BALLOT, CERTIFICATE, SUMMARY = (
    "to-trinh", "bao-cao", "bien-ban", "ket-qua-bo-phieu", "chung-nhan", "tom-tat",
)  # fmt: skip
NAMES = {
    COVER: "Tờ trình đề nghị khen thưởng",
    REPORT: "Báo cáo thành tích",
    MINUTES: "Biên bản họp bình xét",
    BALLOT: "Kết quả bỏ phiếu (ghi trong biên bản)",
    CERTIFICATE: "Giấy chứng nhận sáng kiến, đề tài hoặc kết quả hoàn thành xuất sắc nhiệm vụ",
    SUMMARY: "Tóm tắt thành tích",
}
# Report form numbers (§4.3): never carried across rule sets.
FORMS = {  # rule set → {(subject, track): form}
    "2017": {("individual", Track.MERIT): "Mẫu số 02", ("collective", Track.MERIT): "Mẫu số 01",
             ("any", Track.SUDDEN): "Mẫu số 06", ("any", Track.THEMATIC): "Mẫu số 07",
             ("any", Track.DEDICATION): "Mẫu số 03"},
    "2024": {("individual", Track.MERIT): "Mẫu số 03", ("collective", Track.MERIT): "Mẫu số 02",
             ("any", Track.SUDDEN): "Mẫu số 07", ("any", Track.THEMATIC): "Mẫu số 08",
             ("any", Track.DEDICATION): "Mẫu số 04"},
    "current": {("individual", Track.MERIT): "Mẫu số 05", ("collective", Track.MERIT): "Mẫu số 04",
                ("any", Track.SUDDEN): "Mẫu số 06", ("any", Track.THEMATIC): "Mẫu số 08",
                ("any", Track.DEDICATION): "Mẫu số 07"},
}  # fmt: skip
FORM_SOURCES = {  # where the form is, and its reference status (Mẫu số 05 of NĐ 152: V2; the others inferred)
    "2017": (f"{ND91}, Phụ lục", "V1"),
    "2024": (f"{ND98}, Phụ lục I", "V1"),
    "current": (f"{ND152}, Phụ lục", "U"),
}
BALLOT_AWARDS = {  # rule set → awards whose proposal carries the ballot result (§2.4, §4.2)
    "2017": {"chien-si-thi-dua-tinh", "chien-si-thi-dua-toan-quoc"},
    "2024": {"chien-si-thi-dua-co-so", "chien-si-thi-dua-tinh", "chien-si-thi-dua-toan-quoc",
             "co-thi-dua-tinh"},
    "current": {"chien-si-thi-dua-co-so", "chien-si-thi-dua-tinh", "chien-si-thi-dua-toan-quoc",
                "co-thi-dua-tinh", "co-thi-dua-chinh-phu"},
}  # fmt: skip
CERTIFICATE_AWARDS = {"chien-si-thi-dua-co-so", "chien-si-thi-dua-tinh", "chien-si-thi-dua-toan-quoc"}


def era(rule_set_code: str) -> str:
    """The period a rule set's forms belong to: its own code before NĐ 152/2025, else "current"."""
    return rule_set_code if rule_set_code in OLD_SETS else "current"


def report_form(rule_set_code: str, subject: str, track: str) -> str:
    """The form number of the achievement report ("Mẫu số 03"), or "" for the simplified procedure."""
    forms = FORMS[era(rule_set_code)]
    track = Track.MERIT if track == Track.SIMPLIFIED else track
    return forms.get((subject, track)) or forms.get(("any", track)) or forms[(subject, Track.MERIT)]


@dataclass(frozen=True)
class Component:
    code: str
    name: str
    required: bool
    citation: str


def components(rule_set_code: str, award, track: str) -> list[Component]:
    """What the dossier of a proposal holds under the rule set (Luật 2022 Điều 84 khoản 1–2, Điều 85; NĐ
    91/2017 Điều 50, 55; NĐ 98/2023 Điều 34, 40, 43)."""
    period = era(rule_set_code)
    if track == Track.SIMPLIFIED:
        citation = f"{ND91}, Điều 55" if period == "2017" else f"{L2022}, Điều 85; {ND98}, Điều 40"
        return [
            Component(COVER, NAMES[COVER], True, citation),
            Component(SUMMARY, NAMES[SUMMARY], True, citation),
        ]
    citation = {"2017": f"{ND91}, Điều 50", "2024": f"{L2022}, Điều 84 khoản 1, 2; {ND98}, Điều 34, 43"}.get(
        period, f"{L2022}, Điều 84 khoản 1, 2"
    )
    form = report_form(rule_set_code, award.subject, track)
    form_citation = f"{citation}; {form}, {FORM_SOURCES[period][0]}"
    parts = [
        Component(COVER, NAMES[COVER], True, citation),
        Component(REPORT, f"{NAMES[REPORT]} ({form})", True, form_citation),
        Component(MINUTES, NAMES[MINUTES], True, citation),
    ]
    if award.code in BALLOT_AWARDS[period]:
        ballot = f"{ND91}, Điều 45 khoản 8" if period == "2017" else f"{ND98}, Điều 30 khoản 7"
        parts.append(Component(BALLOT, NAMES[BALLOT], True, ballot))
    if award.code in CERTIFICATE_AWARDS:
        parts.append(Component(CERTIFICATE, NAMES[CERTIFICATE], True, f"{L2022}, Điều 84 khoản 1 điểm d"))
    if track == Track.SUDDEN:
        parts.append(Component(CERTIFICATE, NAMES[CERTIFICATE], False, f"{L2022}, Điều 84 khoản 2 điểm d"))
    return parts
