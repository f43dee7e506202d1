"""The demo's nominations (đề nghị khen thưởng), built through nominations' domain functions in the order the
story happened, each step's activity-log rows dated to its day (the log and each proposal's history read as
what happened when):

- in today's Sở NN&MT thành phố Cần Thơ, the year-end merit round of the current year, opened eight weeks
  ago, its deadline a few days ahead, in progress so that every demo account has work: drafts and a return
  for the unit officer of the Văn phòng (canbothidua), a queue for the secretariat (thuongtruc) with one
  proposal overdue and one due in a working day or two, proposals appraised (two of one person flagged: the
  same subject for two awards), posted (a posting still open, two comments, one handled) and ready for the
  council (a closed posting, its comment handled), a line confirmed by its nominee (bientap) and lines still
  to confirm (nhanvien, truongphong, vanthu; nominees without an account stay unconfirmed). Some proposals
  come from the units' approved registrations (after the day each was approved), some from "who is due",
  one is blank with its achievement summary;
- in the 2021 Sở TN&MT Sóc Trăng, its merit round of 2021 opened on 04/01/2022: thirteen proposals of two
  units — among them the story's provincial fighter (demo.awards) for Chiến sĩ thi đua cơ sở, her third year
  running, and Chiến sĩ thi đua cấp tỉnh — drafted, submitted, appraised and made ready in January–February
  2022 (no posting under the 2017 rule set for the Sở's and the Province's awards). The council (demo.council)
  and the decisions (demo.decisions) complete it.

Before its first proposal, the Sở rates the current year's units of the round — those whose proposals go
past the draft — and their staff by one decision (the rest of the Sở and its other units still wait for their
ratings: "who is due" shows them one step away), so the engine judges the proposals on the record: all
eligible but the Bằng khen, which carries its unit's justification (its nominee misses more than a rating).

Deterministic: the people are taken in staff-code order from "who is due" and the registrations; dates are
working days before today on the agency's calendar (the current round) or fixed (2021). Names of people are
the demo's; the comments' authors are invented.
"""

import datetime as dt
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from random import Random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Max
from django.utils import timezone

from accounts.models import User
from achievements.models import Initiative
from activity.models import ActivityLog
from awards.due import who_is_due
from awards.models import Award
from movements.models import RegistrationEntry, RegistrationRound, RegistrationStatus
from nominations import law
from nominations.domain import appraisal, dossiers, posting, proposals, rounds
from nominations.dossier import missing_parts, parts
from nominations.drafting import draft_cover_letter, draft_minutes, draft_report
from nominations.models import Channel, Evidence, Proposal, Round, Source, Status, Verdict
from people.domain import record_rating, record_unit_rating
from people.models import Assignment
from workdays.calendar import is_working_day, working_day_after

from . import data
from .documents import _stand_in_pdf

D = dt.date
LDTT, CSTD, GK, BKT = "lao-dong-tien-tien", "chien-si-thi-dua-co-so", "giay-khen", "bang-khen-tinh"
CSTD_TINH = "chien-si-thi-dua-tinh"
TTLDTT, TTLDXS, GKTT = "tap-the-lao-dong-tien-tien", "tap-the-lao-dong-xuat-sac", "giay-khen-tap-the"
CURRENT_AWARDS = (LDTT, CSTD, TTLDTT, TTLDXS, GK, GKTT, BKT)
AWARDS_2021 = (LDTT, CSTD, TTLDTT, CSTD_TINH)
OPENED_AGO, DEADLINE_AHEAD = 40, 5  # working days before today; calendar days after it
RATED_AGO = 36  # working days before today: the year's rating decision, a few days before the first proposal
ROUND_UNITS = ("TTQT", "VPDKDD", "MT", "CCBVMT", "TTCNTT", "VP")  # the units whose proposals pass the draft
POSTING_DAYS = 5
START_OF_DAY = dt.time(8)

# What each unit achieved in the year, as its officer summarises it on each proposal (current round, 2021).
ACHIEVEMENTS = {
    "TTQT": "Vận hành liên tục 12 trạm quan trắc tự động; hoàn thành 4 đợt quan trắc môi trường định kỳ đúng "
    "tiến độ, số liệu được cập nhật lên hệ thống của thành phố.",
    "VPDKDD": "Giải quyết đúng hạn 98% hồ sơ đăng ký đất đai; hoàn thành chỉnh lý biến động hồ sơ địa chính "
    "sau sắp xếp đơn vị hành chính.",
    "MT": "Tham mưu thẩm định 36 hồ sơ đánh giá tác động môi trường, đúng hạn 100%; chủ trì kiểm tra 18 "
    "cơ sở sản xuất.",
    "CCBVMT": "Hoàn thành kế hoạch kiểm soát ô nhiễm làng nghề; tổ chức 6 lớp tập huấn phân loại rác tại "
    "nguồn.",
    "TTCNTT": "Vận hành ổn định hệ thống một cửa điện tử; đưa trợ lý tra cứu văn bản thi đua lên cổng thông "
    "tin của Sở.",
    "VP": "Tham mưu tổ chức Hội nghị tổng kết và các hội nghị của Sở đúng kế hoạch; số hóa hồ sơ lưu trữ "
    "của cơ quan.",
}
ACHIEVEMENTS_2021 = {
    "VP": "Tham mưu ban hành Kế hoạch 07/KH-STNMT và hướng dẫn các phong trào thi đua năm 2021; bảo đảm hoạt "
    "động của cơ quan trong thời gian giãn cách.",
    "VPDKDD": "Giải quyết đúng hạn 99% hồ sơ; tiếp nhận hồ sơ trực tuyến ở tất cả chi nhánh; ứng dụng mã QR "
    "tra cứu tình trạng hồ sơ.",
}
BLANK_ACHIEVEMENT = (
    "Chủ trì số hóa 12.000 trang hồ sơ lưu trữ của cơ quan trong ba tháng, sớm hơn kế hoạch; tham mưu "
    "tổ chức chu đáo Hội nghị tổng kết công tác năm của Sở."
)
JUSTIFICATIONS = {
    BKT: "Chủ trì chỉnh lý hồ sơ địa chính của toàn bộ các khu vực sau sắp xếp đơn vị hành chính, xong trước "
    "kế hoạch ba tháng; chưa đủ hai năm liên tục đạt Chiến sĩ thi đua cơ sở. Đơn vị đề nghị Hội đồng xem "
    "xét, trình Chủ tịch UBND thành phố khen thưởng thành tích xuất sắc trong năm.",
}
OPINION = "Hồ sơ đầy đủ, đúng mẫu; thành tích phù hợp với danh hiệu, hình thức đề nghị."
OPINION_CHAIN = (
    "Hồ sơ đầy đủ. Cá nhân có ba năm liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở (2019, 2020 và năm 2021 "
    "đề nghị cùng đợt) và sáng kiến được UBND tỉnh công nhận năm 2021; đề nghị Hội đồng xét cả hai đề nghị: "
    "Giám đốc Sở quyết định Chiến sĩ thi đua cơ sở, trình UBND tỉnh danh hiệu Chiến sĩ thi đua cấp tỉnh."
)
OPINION_FLAGGED = (
    "Hồ sơ đầy đủ. Lưu ý: cùng một người được đề nghị hai hình thức trong năm; đề nghị Hội đồng chọn một."
)
RETURN_REASON = (
    "Báo cáo thành tích chưa nêu kết quả tham mưu tổng kết phong trào thi đua năm {year} và số văn bản đã "
    "tham mưu; đề nghị bổ sung mục II của báo cáo."
)


# --- Dating the log ---------------------------------------------------------------------------------------


@contextmanager
def dated(day: dt.date, slot: int):
    """The activity-log rows written in the block dated to `day` (slot k: 08:00 + 5k minutes), never later
    than now: the domain functions log at the time they run, the demo tells what happened when."""
    mark = ActivityLog.objects.aggregate(last=Max("pk"))["last"] or 0
    yield
    moment = timezone.make_aware(dt.datetime.combine(day, START_OF_DAY)) + dt.timedelta(minutes=5 * slot)
    ActivityLog.objects.filter(pk__gt=mark).update(created_at=min(moment, timezone.now()))


@dataclass
class Timeline:
    """Steps to run in the order of their days (and, on one day, in the order they were added)."""

    steps: list = field(default_factory=list)

    def at(self, day: dt.date, step, *args, **kwargs) -> None:
        self.steps.append((day, len(self.steps), partial(step, *args, **kwargs)))

    def run(self) -> None:
        slots = Counter()
        for day, _order, step in sorted(self.steps, key=lambda s: s[:2]):
            with dated(day, slots[day]):
                step(on=day)
            slots[day] += 1


def working_days_back(today: dt.date, count: int, *, agency) -> list[dt.date]:
    """[today, the working day before, …]: `count` + 1 days, index n the n-th working day before today."""
    days, day = [today], today
    while len(days) <= count:
        day -= dt.timedelta(days=1)
        if is_working_day(day, agency=agency):
            days.append(day)
    return days


# --- One round's story ------------------------------------------------------------------------------------


@dataclass
class Story:
    round: Round
    units: dict  # symbol → Unit of the round's agency
    secretariat: object = None  # the account that appraises (None: the system)
    due: dict = field(default_factory=dict)  # award code → awards.due.AwardDue
    chosen: set = field(default_factory=set)  # people already picked
    spared: set = field(default_factory=set)  # the demo accounts' people: picked only by name
    postings: dict = field(default_factory=dict)  # unit symbol → Posting
    comments: dict = field(default_factory=dict)  # a name in the story → Comment

    def live(self, symbol: str, *states, person=None):
        found = Proposal.objects.live().filter(round=self.round, unit=self.units[symbol])
        if states:
            found = found.filter(status__in=states)
        if person is not None:
            found = found.filter(person=person)
        return list(found.select_related("award", "person", "unit__agency", "round__agency").order_by("pk"))

    def pick(self, codes, symbol: str, count: int, *, eligible_only=False) -> list:
        """`count` people of the unit listed as due for the first award of `codes` that lists enough (eligible
        or one step away), in staff-code order, not picked before."""
        for code in codes:
            due = self.due[code]
            rows = due.eligible if eligible_only else due.eligible + due.one_step
            found = sorted(
                {
                    row.subject.pk: row.subject
                    for row in rows
                    if row.unit.symbol == symbol and not row.over_cap
                    and row.subject.pk not in self.chosen | self.spared
                }.values(),
                key=lambda person: person.staff_code,
            )[:count]  # fmt: skip
            if len(found) == count:
                self.chosen |= {person.pk for person in found}
                return found
        raise LookupError(f"nobody due for {codes} in {symbol}")


def award(code: str) -> Award:
    return Award.objects.get(code=code)


# --- The unit's steps -----------------------------------------------------------------------------------


def propose(
    story: Story, symbol: str, code: str, people=(), *, source=Source.DUE, achievement="", actor=None, on
) -> None:
    proposals.propose(
        actor=actor, round=story.round, unit=story.units[symbol], award=award(code), people=people,
        source=source, achievement=achievement or ACHIEVEMENTS.get(symbol, ""), on=on,
    )  # fmt: skip


def propose_registered(story: Story, symbol: str, registration_round, *, actor=None, on) -> None:
    entries = RegistrationEntry.objects.filter(
        registration__round=registration_round,
        registration__unit=story.units[symbol],
        registration__status=RegistrationStatus.APPROVED,
    ).select_related("registration__unit", "award", "person")
    proposals.propose_from_registration(actor=actor, round=story.round, entries=entries.order_by("pk"), on=on)


def staff_count(unit, on: dt.date) -> int:
    return Assignment.objects.current(on).filter(unit=unit, is_primary=True).count()


def prepare(story: Story, symbol: str, *, achievements=ACHIEVEMENTS, actor=None, on) -> None:
    """The unit's review meeting on `on`: the minutes with its figures, then each draft's summary, vote,
    justification, report and certificate, and the tờ trình listing them — a complete dossier."""
    unit = story.units[symbol]
    total = max(staff_count(unit, on), 3)
    present = total - 1 if total > 5 else total
    dossiers.save_unit_dossier(
        actor=actor, round=story.round, unit=unit, minutes="", met_on=on, members_total=total,
        members_present=present,
    )  # fmt: skip
    for proposal in story.live(symbol, Status.DRAFT):
        values = {"achievement": proposal.achievement or achievements.get(symbol, "")}
        if any(part.code == law.BALLOT for part in parts(proposal)):
            values["unit_votes"] = present
        if proposal.verdict == Verdict.NOT_ELIGIBLE:
            values["justification"] = JUSTIFICATIONS[proposal.award.code]
        proposal = proposals.update_proposal(actor=actor, proposal=proposal, **values)
        proposal = draft_report(actor=actor, proposal=proposal)
        if any(part.code == law.CERTIFICATE for part in missing_parts(proposal)):
            add_certificate(proposal, actor)
    draft_minutes(actor=actor, round=story.round, unit=unit)
    draft_cover_letter(actor=actor, round=story.round, unit=unit)


def add_certificate(proposal, actor) -> None:
    title = f"Giấy chứng nhận sáng kiến cấp cơ sở năm {proposal.round.year} — {proposal.subject_name}"
    upload = SimpleUploadedFile("giay-chung-nhan-sang-kien.pdf", _stand_in_pdf(title), "application/pdf")
    dossiers.add_evidence(actor=actor, proposal=proposal, upload=upload, kind=Evidence.Kind.CERTIFICATE)


def submit(story: Story, symbol: str, *, actor=None, on) -> None:
    """The unit submits its drafts (their dossier complete since its meeting)."""
    for proposal in story.live(symbol, Status.DRAFT):
        proposals.submit_proposal(actor=actor, proposal=proposal, on=on)


def appraise(story: Story, symbol: str, *, opinion=OPINION, person=None, on) -> None:
    for proposal in story.live(symbol, Status.SUBMITTED, person=person):
        flagged = bool(appraisal.overlaps(proposal))
        appraisal.appraise_proposal(
            actor=story.secretariat, proposal=proposal, opinion=OPINION_FLAGGED if flagged else opinion, on=on
        )


def return_for_report(story: Story, symbol: str, person, *, on) -> None:
    (proposal,) = story.live(symbol, Status.SUBMITTED, person=person)
    reason = RETURN_REASON.format(year=story.round.year)
    appraisal.return_proposal(
        actor=story.secretariat, proposal=proposal, reason=reason, fields=["report"], on=on
    )


def post(story: Story, symbol: str, *, on) -> None:
    story.postings[symbol] = posting.open_posting(
        actor=story.secretariat, round=story.round, proposals=story.live(symbol, Status.APPRAISED),
        channel=Channel.PORTAL, opens_on=on, working_days=POSTING_DAYS,
    )  # fmt: skip


def comment(story: Story, name: str, symbol: str, person, text: str, author: str, *, on) -> None:
    """A comment received on `on`, entered by the secretariat — by the system when the posting has closed by
    today (the domain refuses a person adding a comment to a closed posting)."""
    found = story.postings[symbol]
    (proposal,) = story.live(symbol, Status.POSTED, person=person)
    actor = story.secretariat if found.is_open() else None
    story.comments[name] = posting.record_comment(
        actor=actor, posting=found, proposal=proposal, text=text, received_on=on, author=author
    )


def handle(story: Story, name: str, accepted: bool, reason: str, *, on) -> None:
    found = story.comments[name]
    posting.handle_comment(actor=story.secretariat, comment=found, accepted=accepted, reason=reason)


def make_ready(story: Story, symbol: str, *, on) -> None:
    for proposal in story.live(symbol, Status.APPRAISED, Status.POSTED):
        posting.make_ready(actor=story.secretariat, proposal=proposal, on=on)


def confirm(story: Story, account: User, *, on) -> None:
    for proposal in Proposal.objects.live().filter(round=story.round, person=account.person):
        appraisal.confirm_line(actor=account, proposal=proposal, correct=True)


# --- The current round ------------------------------------------------------------------------------------


def load_nominations(*, agencies: dict, units: dict) -> dict:
    """Build both rounds; `agencies`, `units` are demo.build's (keys "NNMT_CT", "NNMT_CT/VP"). Returns the
    rounds by agency key."""
    current = load_current(agencies["NNMT_CT"], _units_of(units, "NNMT_CT"))
    seed = load_2021(agencies["TNMT"], _units_of(units, "TNMT"))
    return {"NNMT_CT": current, "TNMT": seed}


def _units_of(units: dict, key: str) -> dict:
    return {name.split("/", 1)[1]: unit for name, unit in units.items() if name.startswith(f"{key}/")}


def _registration_round(agency):
    return RegistrationRound.objects.filter(movement__agency=agency, year=timezone.localdate().year).get()


def load_current(agency, units: dict) -> Round:
    today = timezone.localdate()
    wd = working_days_back(today, OPENED_AGO, agency=agency)
    users = User.objects.select_related("person").in_bulk(
        ["thuongtruc", "canbothidua", "nhanvien", "truongphong", "vanthu", "bientap"], field_name="username"
    )
    opened = rounds.open_round(
        actor=users["thuongtruc"], agency=agency, name=f"Xét khen thưởng công trạng năm {today.year}",
        year=today.year, deadline=today + dt.timedelta(days=DEADLINE_AHEAD),
        awards=Award.objects.filter(code__in=CURRENT_AWARDS),
        note=f"Các đơn vị đề nghị khen thưởng thành tích năm {today.year} của tập thể và cá nhân.",
    )  # fmt: skip
    _redate(opened, wd[OPENED_AGO])
    story = Story(round=opened, units=units, secretariat=users["thuongtruc"])
    story.spared = {user.person_id for user in User.objects.filter(person__isnull=False)}
    with dated(wd[RATED_AGO], 0):
        rate_round_units(story, on=wd[RATED_AGO])
    story.due = {row.award.code: row for row in who_is_due(agency=agency, year=today.year)}
    timeline = Timeline()
    schedule_ready(timeline, story, wd)
    schedule_overdue(timeline, story, wd)
    schedule_posted(timeline, story, wd)
    schedule_appraised(timeline, story, wd)
    schedule_registered(timeline, story, wd, _registration_round(agency), users)
    schedule_office(timeline, story, wd, users)
    timeline.run()
    return opened


def rate_round_units(story: Story, *, on: dt.date) -> None:
    """The year's review of the round's units (ROUND_UNITS) by one rating decision of the Sở dated `on`: the
    people in post in them (staff-code order) and the units themselves (in that order), drawn as demo.build
    rates a year; the demo accounts' people, whom the story proposes by name, rated at least good."""
    from .build import draw_rating, rating_decision  # here: demo.build imports this module

    agency, year = story.round.agency, on.year
    decision = rating_decision(agency, on)
    rng = Random(data.SEED * 10_000 + year)
    units = [story.units[symbol] for symbol in ROUND_UNITS]
    posts = Assignment.objects.current(on).filter(unit__in=units, is_primary=True).select_related("person")
    for post in posts.order_by("person__staff_code"):
        rating = draw_rating(rng, leader=post.is_leadership)
        if post.person_id in story.spared and rating not in ("good", "excellent"):
            rating = "good"
        record_rating(
            actor=None, person=post.person, year=year, rating=rating, decision=decision, decided_on=on
        )
    for unit in units:
        roll = rng.random()
        rating = "completed" if roll < data.UNIT_COMPLETED_SHARE else "good"
        rating = "excellent" if roll > 1 - data.UNIT_EXCELLENT_SHARE else rating
        record_unit_rating(actor=None, unit=unit, year=year, rating=rating, note=decision)


def _redate(obj, day: dt.date) -> None:
    """The log row of an object made outside the timeline, dated to its day."""
    moment = timezone.make_aware(dt.datetime.combine(day, START_OF_DAY))
    ActivityLog.objects.for_object(obj).update(created_at=min(moment, timezone.now()))


def schedule_ready(t: Timeline, s: Story, wd: list) -> None:
    """Trung tâm Quan trắc: the unit and two staff from "who is due", appraised, posted (the posting has
    closed, its comment handled), ready for the council."""
    people = s.pick([LDTT], "TTQT", 2, eligible_only=True)
    t.at(wd[34], propose, s, "TTQT", TTLDTT)
    t.at(wd[34], propose, s, "TTQT", LDTT, people)
    t.at(wd[32], prepare, s, "TTQT")
    t.at(wd[31], submit, s, "TTQT")
    t.at(wd[22], appraise, s, "TTQT")
    t.at(wd[POSTING_DAYS + 5], post, s, "TTQT")
    text = "Đề nghị không xét vì đồng chí thường xuyên đi làm muộn."
    t.at(wd[8], comment, s, "late", "TTQT", people[0], text, "Ý kiến gửi qua cổng thông tin (không ghi tên)")
    reason = "Không tiếp thu: đã kiểm tra bảng chấm công cả năm, đồng chí không vi phạm thời gian làm việc."
    t.at(wd[7], handle, s, "late", False, reason)
    t.at(wd[4], make_ready, s, "TTQT")


def schedule_overdue(t: Timeline, s: Story, wd: list) -> None:
    """Văn phòng Đăng ký đất đai: submitted 24 working days ago — its Lao động tiên tiến is past the 20 days
    of appraisal, its Bằng khen (25 days: the city decides) due in a working day or two; the Bằng khen is
    not eligible on the record and carries its justification."""
    t.at(wd[28], propose, s, "VPDKDD", LDTT, s.pick([LDTT], "VPDKDD", 1, eligible_only=True))
    t.at(wd[28], propose, s, "VPDKDD", BKT, s.pick([BKT, LDTT], "VPDKDD", 1))
    t.at(wd[26], prepare, s, "VPDKDD")
    t.at(wd[24], submit, s, "VPDKDD")


def schedule_posted(t: Timeline, s: Story, wd: list) -> None:
    """Phòng Môi trường: the unit and two staff, appraised, on a posting opened two working days ago (open
    until after today) with two comments on one of them, the first handled."""
    people = s.pick([LDTT], "MT", 2, eligible_only=True)
    t.at(wd[26], propose, s, "MT", TTLDTT)
    t.at(wd[26], propose, s, "MT", LDTT, people)
    t.at(wd[24], prepare, s, "MT")
    t.at(wd[23], submit, s, "MT")
    t.at(wd[12], appraise, s, "MT")
    t.at(wd[2], post, s, "MT")
    first = "Đề nghị làm rõ: trong năm đồng chí có trực tiếp chủ trì đợt kiểm tra cơ sở sản xuất nào không?"
    t.at(wd[2], comment, s, "question", "MT", people[0], first, "Ông Lê Văn Tám, khu vực Ninh Kiều")
    answer = "Tiếp thu: Phòng Môi trường đã bổ sung, đồng chí chủ trì 5 trong 18 đợt kiểm tra của năm."
    t.at(wd[1], handle, s, "question", True, answer)
    second = "Đề nghị xem xét lại vì trong năm đồng chí nghỉ phép dài ngày."
    t.at(wd[1], comment, s, "leave", "MT", people[0], second, "Ý kiến gửi qua cổng thông tin (không ghi tên)")


def schedule_appraised(t: Timeline, s: Story, wd: list) -> None:
    """Chi cục Bảo vệ môi trường: one person proposed for two awards (Lao động tiên tiến and Giấy khen) —
    flagged at appraisal — and a colleague; appraised, not posted yet."""
    twice, other = s.pick([LDTT], "CCBVMT", 2, eligible_only=True)
    t.at(wd[20], propose, s, "CCBVMT", LDTT, [twice, other])
    t.at(wd[20], propose, s, "CCBVMT", GK, [twice])
    t.at(wd[18], prepare, s, "CCBVMT")
    t.at(wd[17], submit, s, "CCBVMT")
    t.at(wd[7], appraise, s, "CCBVMT")


def schedule_registered(t: Timeline, s: Story, wd: list, registration_round, users: dict) -> None:
    """Trung tâm Công nghệ thông tin: its approved registration proposed the working day after its approval,
    and the demo editor (bientap), author of this year's recognised initiative, for Chiến sĩ thi đua cơ sở;
    submitted, and the editor has confirmed his line."""
    registration = registration_round.registrations.get(unit=s.units["TTCNTT"])
    approved = timezone.localdate(registration.reviewed_at)
    days = [max(wd[n], working_day_after(approved, 1, agency=s.round.agency)) for n in (5, 4, 3, 2)]
    t.at(days[0], propose_registered, s, "TTCNTT", registration_round)
    t.at(days[0], propose, s, "TTCNTT", CSTD, [users["bientap"].person])
    t.at(days[1], prepare, s, "TTCNTT")
    t.at(days[2], submit, s, "TTCNTT")
    t.at(days[3], confirm, s, users["bientap"])


def schedule_office(t: Timeline, s: Story, wd: list, users: dict) -> None:
    """The Văn phòng, compiled by its officer (canbothidua): the staff member (nhanvien) submitted, her line
    not confirmed yet; the unit's head (truongphong) returned for her report only; two drafts — the clerk
    (vanthu) and a blank Giấy khen with its achievement summary."""
    officer = users["canbothidua"]
    staff, head, clerk = (users[name].person for name in ("nhanvien", "truongphong", "vanthu"))
    t.at(wd[9], propose, s, "VP", LDTT, [staff, head], actor=officer)
    t.at(wd[7], prepare, s, "VP", actor=officer)
    t.at(wd[5], submit, s, "VP", actor=officer)
    t.at(wd[2], return_for_report, s, "VP", head)
    t.at(wd[3], propose, s, "VP", LDTT, [clerk], actor=officer)
    blank = s.pick([GK, LDTT], "VP", 1, eligible_only=True)
    t.at(
        wd[1], propose, s, "VP", GK, blank, source=Source.BLANK, achievement=BLANK_ACHIEVEMENT, actor=officer
    )


# --- The 2021 round of the Sở TN&MT Sóc Trăng -------------------------------------------------------------

OPENED_2021, DEADLINE_2021 = D(2022, 1, 4), D(2022, 1, 14)
# The provincial fighter's unit proposes seven of its Lao động tiên tiến: the 15 % cap of Chiến sĩ thi
# đua cơ sở (NĐ 91/2017 Điều 9 khoản 3, counted on the round's proposals by nominations.quotas) leaves room
# for one.
FIGHTER_BASE = 7
DAYS_2021 = {
    "propose": D(2022, 1, 5),
    "meeting": D(2022, 1, 6),
    "submit": D(2022, 1, 10),
    "appraise": D(2022, 1, 20),
    "ready": D(2022, 2, 8),
}


def provincial_fighter(agency):
    """The author of the 2021 initiative the Province recognised: demo.awards makes her the story's
    provincial fighter."""
    found = Initiative.objects.get(agency=agency, year=2021, recognition_level="tinh")
    return found.authors.select_related("person").get().person


def load_2021(agency, units: dict) -> Round:
    """Two units' proposals of 2021 (Văn phòng: the unit and two staff; Văn phòng Đăng ký đất đai: the unit,
    one staff and an author of its recognised initiative for Chiến sĩ thi đua cơ sở; in the unit of the
    provincial fighter, seven staff (FIGHTER_BASE) and her Chiến sĩ thi đua cơ sở and cấp tỉnh), all
    eligible on the record, brought to `ready` by the system."""
    opened = rounds.open_round(
        actor=None, agency=agency, name="Xét khen thưởng công trạng năm 2021", year=2021,
        deadline=DEADLINE_2021, awards=Award.objects.filter(code__in=AWARDS_2021),
        note="Các đơn vị đề nghị khen thưởng thành tích năm 2021 của tập thể và cá nhân.",
    )  # fmt: skip
    _redate(opened, OPENED_2021)
    story = Story(round=opened, units=units)
    story.due = {row.award.code: row for row in who_is_due(agency=agency, year=2021)}
    t = Timeline()
    provincial = provincial_fighter(agency)
    story.chosen.add(provincial.pk)
    home = Assignment.objects.current(DAYS_2021["propose"]).get(person=provincial, is_primary=True).unit
    fighter = story.pick([CSTD], "VPDKDD", 1, eligible_only=True)
    for symbol, count in (("VP", 2), ("VPDKDD", 1)):
        count = max(count, FIGHTER_BASE) if symbol == home.symbol else count
        people = story.pick([LDTT], symbol, count, eligible_only=True)
        text = ACHIEVEMENTS_2021[symbol]
        t.at(DAYS_2021["propose"], propose, story, symbol, TTLDTT, achievement=text)
        t.at(DAYS_2021["propose"], propose, story, symbol, LDTT, people, achievement=text)
        if symbol == "VPDKDD":
            t.at(DAYS_2021["propose"], propose, story, symbol, CSTD, fighter, achievement=text)
        if symbol == home.symbol:
            for code in (CSTD, CSTD_TINH):
                t.at(DAYS_2021["propose"], propose, story, symbol, code, [provincial], achievement=text)
            t.at(DAYS_2021["appraise"], appraise, story, symbol, opinion=OPINION_CHAIN, person=provincial)
        t.at(DAYS_2021["meeting"], prepare, story, symbol, achievements=ACHIEVEMENTS_2021)
        t.at(DAYS_2021["submit"], submit, story, symbol)
        t.at(DAYS_2021["appraise"], appraise, story, symbol)
        t.at(DAYS_2021["ready"], make_ready, story, symbol)
    t.run()
    return opened
