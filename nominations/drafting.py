"""The papers of a proposal drafted from the record, in the form of its period (law-nominations.md §4):

- the báo cáo thành tích of a proposal (report_text, draft_report): the CV lines from the staff record, the
  unit's achievement summary, the quality ratings of the reckoning period with their decision numbers, the
  titles and forms already received (the award ledger), the initiatives with their recognition;
- the biên bản họp bình xét of a unit (minutes_text, draft_minutes), with a vote line per proposal where the
  rule set requires a ballot;
- the unit's tờ trình (draft_cover_letter), a draft of the documents module with the list annexed.

The texts are administrative documents in fixed Vietnamese (not interface text); the unit edits them.
Every change goes through the domain functions that own the record (update_proposal, save_unit_dossier,
documents.domain), so the lock rules and the activity log apply.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from achievements.models import Initiative, InitiativeAuthor
from activity.domain import log_action
from awards.models import AwardKind, AwardRecord
from documents import domain as documents
from documents.body import item, paragraph, run
from documents.models import Document, DocumentKind
from documents.models import Status as DocumentStatus
from lib.access import require
from movements.domain.registrations import staff_during
from people.models import Assignment, QualityRating, UnitQualityRating, unit_heads

from . import law
from .access import can_compile
from .domain.dossiers import save_unit_dossier
from .domain.proposals import update_proposal
from .domain.rounds import check_open
from .models import Proposal, Track, UnitDossier, Verdict

DOTS = ".........."
# The decree whose annex holds the report forms of each era (law-nominations.md §4.3).
INSTRUMENTS = {
    "2017": "Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017",
    "2024": "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023",
    "current": "Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025",
}
# Reckoning period in years, from the footnotes of NĐ 98/2023 Mẫu 02/03 (same in NĐ 91/2017 for the lower
# awards; law-nominations.md §4.3): 1 year unless listed.
RECKONING_YEARS = {
    "bang-khen-tinh": 2,
    "bang-khen-tinh-tap-the": 2,
    "chien-si-thi-dua-tinh": 3,
    "bang-khen-thu-tuong": 5,
    "bang-khen-thu-tuong-tap-the": 5,
    "chien-si-thi-dua-toan-quoc": 6,
}
RATED_TRACKS = (Track.MERIT,)  # the reports that cite the yearly quality ratings (NĐ 98 Điều 30 khoản 11)
GENDERS = {"male": "Nam", "female": "Nữ"}
RATINGS = {
    "excellent": "Hoàn thành xuất sắc nhiệm vụ",
    "good": "Hoàn thành tốt nhiệm vụ",
    "completed": "Hoàn thành nhiệm vụ",
    "not_completed": "Không hoàn thành nhiệm vụ",
}
INITIATIVE_KINDS = {"sang-kien": "Sáng kiến", "de-tai": "Đề tài khoa học", "giai-phap": "Giải pháp"}
LEVELS = {"co-so": "cấp cơ sở", "tinh": "cấp tỉnh", "toan-quoc": "cấp toàn quốc"}
UNIT_KINDS = {
    "leadership": "Ban lãnh đạo",
    "office": "Văn phòng",
    "inspectorate": "Thanh tra",
    "division": "Phòng chuyên môn",
    "affiliate": "Đơn vị trực thuộc",
    "branch": "Chi cục, chi nhánh",
    "other": "Đơn vị khác",
}
VERDICTS = {
    Verdict.ELIGIBLE: "đủ điều kiện theo hồ sơ",
    Verdict.NOT_ELIGIBLE: "chưa đủ điều kiện theo hồ sơ, có giải trình",
    Verdict.DEFERRED: "tạm hoãn xét",
    Verdict.UNJUDGED: "do Hội đồng xem xét",
}
ACHIEVEMENT_HEADINGS = {
    Track.SUDDEN: "II. THÀNH TÍCH ĐỘT XUẤT",
    Track.THEMATIC: "II. THÀNH TÍCH TRONG PHONG TRÀO THI ĐUA",
    Track.DEDICATION: "II. QUÁ TRÌNH CỐNG HIẾN",
}


def day(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else DOTS


def writing_year(round, received_on: dt.date | None) -> int:
    """The year a paper is written: the receipt's, else the year after the achievements (today at most)."""
    if received_on:
        return received_on.year
    return min(timezone.localdate().year, round.year + 1)


# --- the period of a proposal -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """The rule set of a proposal, its report form ("Mẫu số 03"), the decree the form comes with and the
    years the report reckons."""

    rule_set_code: str
    form: str
    instrument: str
    years: tuple[int, ...]

    @property
    def issued_with(self) -> str:
        return f"(Ban hành kèm theo {self.instrument} của Chính phủ)"


def period_of(proposal) -> Period:
    code = proposal.rule_set_code
    form = law.report_form(code, proposal.award.subject, proposal.round.track)
    count = RECKONING_YEARS.get(proposal.award.code, 1)
    years = tuple(range(proposal.round.year - count + 1, proposal.round.year + 1))
    return Period(code, form, INSTRUMENTS[law.era(code)], years)


def ballot_required(proposal) -> bool:
    """Whether the rule set wants the ballot result of the unit's meeting for this proposal."""
    components = law.components(proposal.rule_set_code, proposal.award, proposal.round.track)
    return any(component.code == law.BALLOT for component in components)


# --- the record ---------------------------------------------------------------------------------------------


def _posts(person, on: dt.date) -> str:
    """Her posts on `on` (the primary first), else her last post before it: "Phó Trưởng phòng, Phòng …"."""
    held = Assignment.objects.filter(person=person, start_date__lte=on).select_related("unit")
    posts = list(
        held.filter(Q(end_date__isnull=True) | Q(end_date__gte=on)).order_by("-is_primary", "start_date")
    )
    posts = posts or list(held.order_by("-end_date", "-start_date")[:1])
    return "; ".join(f"{a.position}, {a.unit.name}" if a.position else a.unit.name for a in posts) or DOTS


def _decision(decision: str, decided_on: dt.date | None, issuer: str = "") -> str:
    if not decision.strip():
        return "chưa ghi số quyết định trên hồ sơ"
    words = [decision.strip()]
    if decided_on and day(decided_on) not in decision:  # a ledger's decision may carry its date already
        words.append(f"ngày {day(decided_on)}")
    if issuer:
        words.append(f"của {issuer}")
    return " ".join(words)


def rating_lines(person, years) -> list[str]:
    """One line per year of the period: the rating and the decision that rated her (NĐ 98/2023 Điều 30
    khoản 11)."""
    found = {r.year: r for r in QualityRating.objects.filter(person=person, year__in=years)}
    lines = []
    for year in years:
        rating = found.get(year)
        if rating is None:
            lines.append(f"- Năm {year}: chưa có kết quả xếp loại trên hồ sơ.")
            continue
        text = RATINGS.get(rating.rating, rating.get_rating_display())
        lines.append(f"- Năm {year}: {text} ({_decision(rating.decision, rating.decided_on)}).")
    return lines


def _unit_rating_lines(unit, years) -> list[str]:
    found = {r.year: r for r in UnitQualityRating.objects.filter(unit=unit, year__in=years)}
    return [
        f"- Năm {year}: {RATINGS.get(found[year].rating, '')}." if year in found else
        f"- Năm {year}: chưa có kết quả xếp loại trên hồ sơ."
        for year in years
    ]  # fmt: skip


def _initiative_line(initiative) -> str:
    kind = INITIATIVE_KINDS.get(initiative.kind, "Sáng kiến")
    if initiative.is_recognised:
        level = LEVELS.get(initiative.recognition_level, initiative.recognition_level)
        recognition = f"được công nhận {level} ngày {day(initiative.recognised_on)}"
        if initiative.recognised_by:
            recognition += f" ({initiative.recognised_by})"
    else:
        recognition = "chưa được công nhận"
    return f"- {kind} “{initiative.title}” (năm {initiative.year}): {recognition}."


def initiative_lines(proposal, years) -> list[str]:
    if proposal.person_id:
        authorships = InitiativeAuthor.objects.filter(
            person_id=proposal.person_id, initiative__year__in=years
        )
        found = [a.initiative for a in authorships.select_related("initiative").order_by("initiative__year")]
    else:
        found = list(Initiative.objects.filter(unit_id=proposal.unit_id, year__in=years).order_by("year"))
    return [_initiative_line(initiative) for initiative in found]


def ledger_lines(proposal) -> tuple[list[str], list[str]]:
    """Titles and forms already received (the award ledger), earliest first: (titles, forms)."""
    records = AwardRecord.objects.standing().filter(year__lte=proposal.round.year)
    records = records.select_related("award", "decision")
    if proposal.person_id:
        records = records.filter(person_id=proposal.person_id)
    else:
        records = records.filter(unit_id=proposal.unit_id)
    records = records.exclude(award_id=proposal.award_id, year=proposal.round.year)
    titles, forms = [], []
    for record in records.order_by("year", "decided_on", "id"):
        reference = f"Quyết định số {record.decision.reference}" if record.decision_id else ""
        decision = _decision(reference, record.decided_on, record.award.authority)
        line = f"- Năm {record.year}: {record.award.name} ({decision})."
        (titles if record.award.kind == AwardKind.TITLE else forms).append(line)
    return titles, forms


# --- the achievement report ---------------------------------------------------------------------------------


def _period_end(years) -> dt.date:
    return min(dt.date(years[-1], 12, 31), timezone.localdate())


def _cv_lines(proposal, period: Period) -> list[str]:
    person = proposal.person
    agency = proposal.unit.agency
    return [
        "I. SƠ LƯỢC LÝ LỊCH",
        f"- Họ và tên: {person.full_name}",
        f"- Sinh ngày, tháng, năm: {day(person.date_of_birth)}",
        f"- Giới tính: {GENDERS.get(person.gender, DOTS)}",
        f"- Dân tộc: {person.ethnicity or DOTS}",
        f"- Quê quán: {DOTS}",
        f"- Nơi thường trú: {DOTS}",
        f"- Đơn vị công tác: {proposal.unit.name}, {agency.name}",
        f"- Chức vụ (Đảng, chính quyền, đoàn thể): {_posts(person, _period_end(period.years))}",
        f"- Trình độ chuyên môn, nghiệp vụ: {DOTS}",
        f"- Trình độ lý luận chính trị: {DOTS}",
        f"- Học hàm, học vị: {DOTS}",
    ]


def _features_lines(proposal, period: Period) -> list[str]:
    unit = proposal.unit
    above = unit.parent.name if unit.parent_id else unit.agency.name
    staff = staff_during(unit, period.years[-1]).values("person_id").distinct().count()
    heads = ", ".join(person.full_name for person in unit_heads([unit]).get(unit.pk, [])) or DOTS
    return [
        "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH",
        "1. Đặc điểm, tình hình:",
        f"- Tên đơn vị: {unit.name}",
        f"- Trực thuộc: {above}",
        f"- Loại hình: {UNIT_KINDS.get(unit.kind, DOTS)}",
        f"- Số cán bộ, công chức, viên chức, người lao động: {staff} người",
        f"- Thủ trưởng đơn vị: {heads}",
        "2. Chức năng, nhiệm vụ:",
        DOTS,
    ]


def _achievement_lines(proposal, period: Period) -> list[str]:
    track = proposal.round.track
    if proposal.is_collective:
        parts = [("Kết quả thực hiện nhiệm vụ được giao:", _summary(proposal))]
    else:
        parts = [(f"Quyền hạn, nhiệm vụ được giao: {DOTS}", []), ("Thành tích đạt được:", _summary(proposal))]
    if track in RATED_TRACKS:
        subject = proposal.unit if proposal.is_collective else proposal.person
        rated = _unit_rating_lines if proposal.is_collective else rating_lines
        parts.append(("Kết quả đánh giá, xếp loại chất lượng:", rated(subject, period.years)))
    if initiatives := initiative_lines(proposal, period.years):
        parts.append(("Sáng kiến, đề tài, giải pháp:", initiatives))
    if proposal.is_collective:
        parts.append((f"Việc thực hiện chủ trương, chính sách, pháp luật: {DOTS}", []))
    lines = [ACHIEVEMENT_HEADINGS.get(track, "II. THÀNH TÍCH ĐẠT ĐƯỢC")]
    for number, (title, body) in enumerate(parts, start=1):
        lines += [f"{number}. {title}", *body]
    return lines


def _summary(proposal) -> list[str]:
    return [line for line in proposal.achievement.splitlines() if line.strip()] or [DOTS]


def _ledger_section(proposal) -> list[str]:
    titles, forms = ledger_lines(proposal)
    return [
        "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG",
        "1. Danh hiệu thi đua:",
        *(titles or ["- Chưa có trên sổ khen thưởng."]),
        "2. Hình thức khen thưởng:",
        *(forms or ["- Chưa có trên sổ khen thưởng."]),
    ]


def report_text(proposal) -> str:
    """The báo cáo thành tích prefilled from the record, in the sections of the form of its period; each
    heading on its own line, blanks ("……….") where the record has nothing to say."""
    period = period_of(proposal)
    first = _features_lines if proposal.is_collective else _cv_lines
    sections = [first(proposal, period), _achievement_lines(proposal, period), _ledger_section(proposal)]
    return "\n\n".join("\n".join(section) for section in sections)


def draft_report(*, actor, proposal) -> Proposal:
    """Fill the proposal's report from the record (the unit edits it afterwards). Refused, like any change,
    once the proposal is submitted (update_proposal's lock)."""
    require(actor is None or can_compile(actor, proposal.unit))
    return update_proposal(actor=actor, proposal=proposal, report=report_text(proposal))


# --- the unit's papers --------------------------------------------------------------------------------------


def unit_proposals(round, unit):
    """The unit's live proposals of the round, by award then name (the unit's own before its people)."""
    return (
        Proposal.objects.live()
        .filter(round=round, unit=unit)
        .select_related("award", "person", "rule_set", "round__agency", "unit__agency")
        .order_by("award__position", "person__sort_key", "id")
    )


def _subject_line(proposal) -> str:
    if proposal.is_collective:
        return f"Tập thể {proposal.unit.name}"
    position = f", {proposal.line_position}" if proposal.line_position else ""
    return f"Ông/bà {proposal.person.full_name}{position}"


def _vote_line(proposal, dossier) -> str:
    total = dossier.members_total if dossier else None
    votes = proposal.unit_votes
    if not total or votes is None:
        return f"- Kết quả bỏ phiếu: {votes if votes is not None else DOTS}/{total or DOTS} phiếu đồng ý."
    share = f"{votes * 100 / total:.1f}".replace(".", ",")
    return f"- Kết quả bỏ phiếu: {votes}/{total} phiếu đồng ý ({share}% tổng số thành viên Hội đồng)."


def _members_line(dossier) -> str:
    total = dossier.members_total if dossier and dossier.members_total is not None else DOTS
    present = dossier.members_present if dossier and dossier.members_present is not None else DOTS
    return f"- Thành viên Hội đồng thi đua, khen thưởng: {total} người; có mặt: {present} người."


def minutes_text(round, unit) -> str:
    """The biên bản họp bình xét of the unit: who met, the proposals agreed and, where the rule set requires
    a ballot, the votes of each."""
    dossier = UnitDossier.objects.filter(round=round, unit=unit).first()
    if dossier and dossier.met_on:
        met_on = day(dossier.met_on)
    else:
        met_on = f"{DOTS} tháng {DOTS} năm {writing_year(round, None)}"
    lines = [
        f"Hôm nay, ngày {met_on}, {unit.name} họp bình xét thi đua, khen thưởng: {round.name}.",
        "I. THÀNH PHẦN",
        _members_line(dossier),
        f"- Chủ trì: {DOTS}",
        f"- Thư ký: {DOTS}",
        "II. NỘI DUNG",
        f"Hội đồng bình xét thành tích năm {round.year} của các cá nhân, tập thể thuộc {unit.name} và thống "
        "nhất đề nghị khen thưởng như sau:",
    ]
    proposals = list(unit_proposals(round, unit))
    for number, proposal in enumerate(proposals, start=1):
        lines.append(f"{number}. {_subject_line(proposal)}: đề nghị {proposal.award.name}.")
        if ballot_required(proposal):
            lines.append(_vote_line(proposal, dossier))
    if not proposals:
        lines.append("- Chưa có đề nghị khen thưởng.")
    lines += [
        "III. KẾT LUẬN",
        f"Cuộc họp kết thúc lúc {DOTS} giờ {DOTS} cùng ngày. Biên bản được các thành viên dự họp thống nhất "
        "thông qua.",
    ]
    return "\n".join(lines)


def draft_minutes(*, actor, round, unit) -> UnitDossier:
    """Fill the unit's minutes from its proposals, keeping the meeting's day and figures."""
    require(actor is None or can_compile(actor, unit))
    dossier = UnitDossier.objects.filter(round=round, unit=unit).first()
    return save_unit_dossier(
        actor=actor,
        round=round,
        unit=unit,
        minutes=minutes_text(round, unit),
        met_on=dossier.met_on if dossier else None,
        members_total=dossier.members_total if dossier else None,
        members_present=dossier.members_present if dossier else None,
    )


# --- the tờ trình -------------------------------------------------------------------------------------------

REDRAFTABLE = {DocumentStatus.REPLACED, DocumentStatus.REVOKED}  # a new tờ trình takes their place
ISSUED = {DocumentStatus.ISSUED, DocumentStatus.PUBLISHED}


def council_name(round) -> str:
    return f"Hội đồng Thi đua - Khen thưởng {round.agency.name}"


def _cover_subject(round, unit) -> str:
    if round.track == Track.MERIT:
        return f"Đề nghị khen thưởng thành tích năm {round.year} của {unit.name}"
    return f"Đề nghị khen thưởng của {unit.name} trong đợt “{round.name}”"


def _counts(proposals) -> str:
    people = sum(1 for p in proposals if not p.is_collective)
    collectives = len(proposals) - people
    parts = [f"{people} cá nhân" if people else "", f"{collectives} tập thể" if collectives else ""]
    return " và ".join(part for part in parts if part) or "các cá nhân, tập thể"


def cover_body(round, unit, dossier, proposals) -> list[dict]:
    """The tờ trình's body: the ground, the request and the list annexed (name, award, verdict in words)."""
    blocks = []
    if dossier.met_on:
        ground = (
            f"Căn cứ kết quả họp bình xét thi đua, khen thưởng của {unit.name} ngày {day(dossier.met_on)};"
        )
        blocks.append(paragraph(ground))
    blocks.append(
        paragraph(
            f"{unit.name} kính trình {council_name(round)} xem xét, khen thưởng cho {_counts(proposals)} có "
            f"thành tích ({round.name}), theo danh sách sau:"
        )
    )
    for number, proposal in enumerate(proposals, start=1):
        verdict = VERDICTS.get(proposal.verdict, VERDICTS[Verdict.UNJUDGED])
        blocks.append(
            item(f"{number}.", run(proposal.subject_name, bold=True),
                 f" — {proposal.award.name} (kết quả kiểm tra: {verdict}).")
        )  # fmt: skip
    if not proposals:
        blocks.append(paragraph("(Chưa có đề nghị khen thưởng.)"))
    blocks.append(paragraph(f"Kính trình {council_name(round)} xem xét, quyết định./."))
    return blocks


def _cover_fields(round, unit, dossier, proposals) -> dict:
    return {
        "drafting_unit": unit,
        "subject": _cover_subject(round, unit),
        "addressees": [council_name(round)],
        "body": cover_body(round, unit, dossier, proposals),
        "recipients": ["Như trên"],
        "archive_note": unit.symbol,
    }


def _write_cover(actor, unit, dossier: UnitDossier, fields: dict) -> Document:
    cover = dossier.cover
    if cover is not None and cover.status in ISSUED:
        message = _("The cover letter has been issued already: it can no longer be redrafted.")
        raise ValidationError(message, code="issued")
    if cover is not None and cover.status not in REDRAFTABLE:
        return documents.update_draft(actor=actor, document=cover, fields=fields)
    kind = DocumentKind.objects.get(code="to_trinh")
    cover = documents.create_draft(actor=actor, agency=unit.agency, kind=kind, fields=fields)
    dossier.cover = cover
    dossier.save(update_fields=["cover"])
    return cover


@transaction.atomic
def draft_cover_letter(*, actor, round, unit) -> Document:
    """Draft the unit's tờ trình for the round (documents.Document, kind "to_trinh") listing its live
    proposals, set it on the unit's dossier; a second call updates the same draft while it is editable."""
    require(actor is None or can_compile(actor, unit))
    check_open(actor, round)
    dossier, _created = UnitDossier.objects.select_for_update().get_or_create(round=round, unit=unit)
    proposals = list(unit_proposals(round, unit))
    cover = _write_cover(actor, unit, dossier, _cover_fields(round, unit, dossier, proposals))
    log_action(
        actor=actor,
        action="nominations.dossier.changed",
        target=round,
        agency=round.agency,
        after={"unit": unit.name, "proposals": len(proposals)},
    )
    return cover
