"""The demo's councils (Hội đồng Thi đua - Khen thưởng), built through council's domain functions in the order
the story happened, each step's activity-log rows dated to its day (demo.nominations.dated):

- the council of the 2021 Sở TN&MT Sóc Trăng: nine seats from its staff by the Giám đốc's decision of January
  2022 — the Giám đốc in the chair, a Phó Giám đốc standing vice-chair, the Phó Chánh Văn phòng in charge of
  emulation (today's secretariat, thuongtruc) its secretary member, six heads of units — and its meeting of
  February 2022 (the round's proposals became ready on 08/02/2022) on the thirteen proposals of the 2021
  round: eight members present voted electronically, the ninth, absent, in writing; the members proposed
  themselves did not vote on their own proposals; the tally passed all but the Chiến sĩ thi đua cơ sở of the
  unit's fighter, which got fewer votes than the majority of the membership it needs (the provincial
  fighter's, on which her Chiến sĩ thi đua cấp tỉnh rests, passed). Closed: the proposals moved, the minutes
  drafted; the decisions follow (demo.decisions);
- today's council of the Sở NN&MT thành phố Cần Thơ: eleven seats by the Giám đốc's decision of 01/07/2025,
  the Sở's first day — the demo's council member (hoidong) a vice-chair, the secretariat (thuongtruc) its
  secretary member — and a meeting today (or the next working day when today is not one) on the current
  round's ready proposals, by secret ballot (the Sở's choice for the meeting), convened on time, ten present
  and one absent whose written vote the secretary entered, the ballot open: seven have voted; hoidong and
  thuongtruc have a ballot to cast and one member without an account has not voted — the secretary marks him
  as not voting (or waits) and closes the ballot.

The members vote through `council.domain.ballot.cast(actor=None, membership=…)`: no account is needed for a
seat. Dates of the 2021 story are fixed; today's are relative to today (working days of the agency).
"""

import datetime as dt

from django.utils import timezone

from accounts.models import User
from awards.council import required_votes
from awards.eligibility import settings_of
from council.domain import ballot, meetings, terms
from council.models import CouncilRole, Meeting, Membership, Participation, Presence, Recusal
from council.quorum import seats as seats_on
from council.roles import ensure_roles
from documents import domain as documents
from documents.body import item as entry
from documents.models import DocumentKind, NumberSequence
from notifications.domain import settle
from people.models import Assignment
from workdays.calendar import is_working_day

from . import data
from .documents import _director
from .nominations import START_OF_DAY, dated

D = dt.date
CHAIR, STANDING, VICE, SECRETARY, MEMBER = (
    "chu-tich", "pho-chu-tich-thuong-truc", "pho-chu-tich", "uy-vien-thu-ky", "uy-vien"
)  # fmt: skip
CSTD, CSTD_TINH = "chien-si-thi-dua-co-so", "chien-si-thi-dua-tinh"
HONORIFIC = {"female": "Bà", "male": "Ông"}

DECIDED_2021, MEETING_2021 = D(2022, 1, 7), D(2022, 2, 15)
HEADS_2021 = ("VP", "TTR", "KHTC", "QLDD", "VPDKDD", "TTCNTT")  # the units whose heads sit as members
HEADS_NOW = ("VP", "KHTC", "TTR", "MT", "CCTL", "TTQT", "VPDKDD")
NUMBERS_BEFORE = {DECIDED_2021: 8, data.CITY_MERGER: 5}  # outgoing numbers used that year before the decision
VOTED_NOW = 7  # today's members present who have voted already

BASES_2021 = [
    "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều của Luật "
    "Thi đua, khen thưởng ngày 16 tháng 11 năm 2013",
    "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành một "
    "số điều của Luật Thi đua, khen thưởng",
]
BASES_NOW = [
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
    "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết và "
    "hướng dẫn thi hành Luật Thi đua, khen thưởng",
]
DUTIES = (
    "Hội đồng Thi đua - Khen thưởng Sở có nhiệm vụ tham mưu Giám đốc Sở tổ chức các phong trào thi đua, "
    "xét và đề nghị khen thưởng đối với tập thể, cá nhân thuộc Sở. Thường trực Hội đồng gồm Chủ tịch, Phó "
    "Chủ tịch Thường trực và Ủy viên kiêm Thư ký; bộ phận thi đua, khen thưởng của Văn phòng Sở là bộ phận "
    "thường trực."
)
EXECUTION = (
    "Chánh Văn phòng Sở, Thủ trưởng các phòng, đơn vị trực thuộc Sở và các ông (bà) có tên tại Điều 1 chịu "
    "trách nhiệm thi hành Quyết định này kể từ ngày ký./."
)


# --- Seats ------------------------------------------------------------------------------------------------


def post_of(person, on: dt.date) -> Assignment:
    return (
        Assignment.objects.current(on)
        .filter(person=person, is_primary=True)
        .select_related("unit__agency")
        .get()
    )


def head_of(agency, symbol: str, on: dt.date):
    """The holder of the unit's highest leadership post on `on` (staff-code order among equals)."""
    posts = Assignment.objects.current(on).filter(
        unit__agency=agency, unit__symbol=symbol, is_leadership=True, is_primary=True
    )
    found = min(
        posts.select_related("person"),
        key=lambda a: (data.LEADERSHIP_RANK.get(a.position, 9), a.person.staff_code),
    )
    return found.person


def deputies(agency, on: dt.date) -> list:
    posts = Assignment.objects.current(on).filter(
        unit__agency=agency, unit__symbol="BGD", position="Phó Giám đốc", is_primary=True
    )
    return [a.person for a in posts.select_related("person").order_by("person__staff_code")]


def account(username: str) -> User:
    return User.objects.select_related("person").get(username=username)


def seats_2021(agency, on: dt.date) -> list[tuple]:
    """(person, role code): nine, in the order of the decision."""
    people = [
        (_director(agency, on), CHAIR),
        (deputies(agency, on)[0], STANDING),
        (account("thuongtruc").person, SECRETARY),
    ]
    return people + [(head_of(agency, symbol, on), MEMBER) for symbol in HEADS_2021]


def seats_now(agency, on: dt.date) -> list[tuple]:
    """(person, role code): eleven, hoidong a vice-chair and thuongtruc the secretary member."""
    council_member = account("hoidong").person
    standing = next(p for p in deputies(agency, on) if p != council_member)
    people = [
        (_director(agency, on), CHAIR),
        (standing, STANDING),
        (council_member, VICE),
        (account("thuongtruc").person, SECRETARY),
    ]
    return people + [(head_of(agency, symbol, on), MEMBER) for symbol in HEADS_NOW]


def seat(term, person, role: CouncilRole) -> Membership:
    """A seat through add_member (the 2021 Sở's staff, moved to its successors by the mergers of 2025, still
    sit on its council of the time)."""
    return terms.add_member(actor=None, term=term, person=person, role=role)


# --- The decision forming the council -------------------------------------------------------------------


def title_of(person, on: dt.date) -> str:
    post = post_of(person, on)
    if post.unit.symbol == "BGD":
        return f"{post.position} Sở"
    return f"{post.position}, {post.unit.name}"


def decision_body(council_name: str, people: list[tuple], roles: dict, on: dt.date) -> list[dict]:
    """Điều 1 the members (name, post on the day, role), Điều 2 the council's duties, Điều 3 who executes."""
    last = len(people)
    lines = [
        entry(
            f"{n}.",
            f"{HONORIFIC[person.gender]} {person.full_name}, {title_of(person, on)} — {roles[code].name}"
            + ("." if n == last else ";"),
        )
        for n, (person, code) in enumerate(people, start=1)
    ]
    opening = f"Kiện toàn {council_name}, gồm các ông (bà) có tên sau:"
    return [entry("Điều 1.", opening), *lines, entry("Điều 2.", DUTIES), entry("Điều 3.", EXECUTION)]


def form_decision(agency, office, council_name: str, people: list[tuple], bases: list[str], on: dt.date):
    """The Giám đốc's decision forming the council, drafted, signed off and issued on `on` (a Quyết định
    numbered in the agency's outgoing series, after the numbers used before it that year)."""
    roles = {role.code: role for role in CouncilRole.objects.all()}
    director = _director(agency, on)
    fields = {
        "drafting_unit": office,
        "subject": f"Về việc kiện toàn {council_name}",
        "body": decision_body(council_name, people, roles, on),
        "recipients": ["Như Điều 3", "Lưu: VT, VP"],
        "archive_note": "VP",
        "signer_position": "GIÁM ĐỐC",
        "signer_name": director.full_name,
        "signer": director,
    }
    kind = DocumentKind.objects.get(code="quyet_dinh")
    draft = documents.create_draft(
        actor=None, agency=agency, kind=kind, fields=fields, bases=[{"text": text} for text in bases]
    )
    documents.submit_for_signature(actor=None, document=draft)
    documents.approve_document(actor=None, document=draft)
    NumberSequence.objects.get_or_create(
        agency=agency, year=on.year, series="outgoing", defaults={"last_number": NUMBERS_BEFORE[on]}
    )
    decision = documents.issue_document(actor=None, document=draft, issued_on=on)
    for user in User.objects.filter(person=director):  # old news for today's Giám đốc
        settle(user=user, target=decision)
    return decision


def create_term(agency, office, council, people: list[tuple], bases: list[str], *, on, ends_on=None):
    """The decision, the term from its day and the seats in its order."""
    roles = {role.code: role for role in CouncilRole.objects.all()}
    decision = form_decision(agency, office, council.name, people, bases, on)
    term = terms.start_term(actor=None, council=council, starts_on=on, ends_on=ends_on, decision=decision)
    return [seat(term, person, roles[code]) for person, code in people]


# --- A meeting --------------------------------------------------------------------------------------------


def working_day_from(day: dt.date, agency) -> dt.date:
    """`day` if it is a working day of the agency, else the next one."""
    while not is_working_day(day, agency=agency):
        day += dt.timedelta(days=1)
    return day


def sent_before(agency, meeting_day: dt.date) -> dt.date:
    """The day the documents are due: the agency's council-documents-days working days before the meeting."""
    left, day = int(settings_of(agency).get("council-documents-days", "3") or 0), meeting_day
    while left > 0:
        day -= dt.timedelta(days=1)
        left -= is_working_day(day, agency=agency)
    return day


def convene(council, title: str, *, day, sent_on, place: str, all_secret=None, actor=None) -> Meeting:
    """Prepared and convened on `sent_on`, on every ready proposal of the agency."""
    with dated(sent_on, 0):
        meeting = meetings.prepare_meeting(
            actor=actor, council=council, title=title, date=day, time=START_OF_DAY, place=place,
            all_secret=all_secret,
        )  # fmt: skip
        proposals = list(meetings.agenda_candidates(meeting))
        meetings.set_agenda(actor=actor, meeting=meeting, proposals=proposals)
        meetings.convene(actor=actor, meeting=meeting)
    Meeting.objects.filter(pk=meeting.pk).update(documents_sent_on=sent_on)  # the domain dates it today
    meeting.refresh_from_db()
    return meeting


def attend(meeting, seats: list[Membership], written: Membership, *, actor=None) -> None:
    for membership in seats:
        presence = Presence.WRITTEN if membership == written else Presence.PRESENT
        meetings.record_attendance(actor=actor, meeting=meeting, membership=membership, presence=presence)


def recused(meeting) -> set[tuple[int, int]]:
    return set(Recusal.objects.filter(item__meeting=meeting).values_list("item_id", "membership_id"))


def choices_of(meeting, voters: list[Membership], failing=None) -> dict[int, dict]:
    """Each voter's choices: for on every item he votes on, except `failing` (an item), which gets one vote
    fewer than it needs, the others against."""
    out, skip = {}, recused(meeting)
    needed = required_votes(seats_on(meeting).count(), failing.threshold) - 1 if failing is not None else 0
    for membership in voters:
        mine = {}
        for item in meeting.items.order_by("position"):
            if (item.pk, membership.pk) in skip:
                continue
            if item == failing:
                mine[item.pk] = "for" if needed > 0 else "against"
                needed -= 1
            else:
                mine[item.pk] = "for"
        out[membership.pk] = mine
    return out


def redate(meeting, day: dt.date) -> None:
    """The moments the domain writes as now, moved to the morning of a past meeting."""
    moment = timezone.make_aware(dt.datetime.combine(day, START_OF_DAY))
    Meeting.objects.filter(pk=meeting.pk).update(
        opened_at=moment + dt.timedelta(minutes=30), closed_at=moment + dt.timedelta(hours=2)
    )
    Participation.objects.filter(item__meeting=meeting).update(recorded_at=moment + dt.timedelta(hours=1))


def settle_meeting(meeting) -> None:
    """A meeting of long ago: its notices have been read."""
    for user in meetings.member_users(meeting):
        settle(user=user, target=meeting)


# --- The two councils -------------------------------------------------------------------------------------


def council_name(agency) -> str:
    return f"Hội đồng Thi đua - Khen thưởng {agency.name}"


def load_2021(agency, office) -> Meeting:
    """The 2021 Sở's council and its meeting of February 2022 (see the module)."""
    decided = working_day_from(DECIDED_2021, agency)
    with dated(decided, 0):
        council = terms.create_council(actor=None, agency=agency, name=council_name(agency))
        seats = create_term(
            agency, office, council, seats_2021(agency, decided), BASES_2021, on=decided,
            ends_on=agency.valid_to,
        )  # fmt: skip
    day = working_day_from(MEETING_2021, agency)
    title = "Phiên họp xét khen thưởng thành tích năm 2021"
    meeting = convene(council, title, day=day, sent_on=sent_before(agency, day), place="Phòng họp Sở")
    written, present = seats[-1], seats[:-1]
    provincial = meeting.items.filter(proposal__award__code=CSTD_TINH).values("proposal__person")
    fighters = meeting.items.filter(proposal__award__code=CSTD).exclude(proposal__person__in=provincial)
    failing = fighters.first() or meeting.items.last()
    with dated(day, 0):
        attend(meeting, seats, written)
        meetings.add_guest(
            actor=None,
            meeting=meeting,
            name="Trần Minh Tâm",
            position="Chuyên viên Ban Thi đua - Khen thưởng tỉnh",
        )
        meetings.open_ballot(actor=None, meeting=meeting)
    choices = choices_of(meeting, seats, failing)
    with dated(day, 1):
        for membership in present:
            ballot.cast(actor=None, meeting=meeting, choices=choices[membership.pk], membership=membership)
        ballot.record_written(actor=None, meeting=meeting, membership=written, choices=choices[written.pk])
        meetings.close_ballot(actor=None, meeting=meeting)
    redate(meeting, day)
    settle_meeting(meeting)
    return meeting


def load_today(agency, office) -> Meeting:
    """Today's council and its open ballot (see the module)."""
    since = working_day_from(agency.valid_from or data.CITY_MERGER, agency)
    with dated(since, 0):
        council = terms.create_council(actor=None, agency=agency, name=council_name(agency))
        seats = create_term(agency, office, council, seats_now(agency, since), BASES_NOW, on=since)
    today = timezone.localdate()
    day = working_day_from(today, agency)
    title = f"Phiên họp xét khen thưởng thành tích năm {today.year}"
    secretary = account("thuongtruc")
    meeting = convene(
        council, title, day=day, sent_on=sent_before(agency, day), place="Phòng họp số 1 của Sở",
        all_secret=True, actor=secretary,
    )  # fmt: skip
    waiting = {account("hoidong").person_id, secretary.person_id}
    written = seats[-1]
    with dated(today, 0):
        attend(meeting, seats, written, actor=secretary)
        meetings.open_ballot(actor=secretary, meeting=meeting)
    voters = [m for m in seats[:-1] if m.person_id not in waiting][:VOTED_NOW]
    choices = choices_of(meeting, [*voters, written])
    with dated(today, 1):
        for membership in voters:
            ballot.cast(actor=None, meeting=meeting, choices=choices[membership.pk], membership=membership)
        ballot.record_written(
            actor=secretary, meeting=meeting, membership=written, choices=choices[written.pk]
        )
    return meeting


def load_councils(*, agencies: dict, units: dict) -> dict:
    """Both councils; `agencies`, `units` are demo.build's. Returns the meetings by agency key."""
    ensure_roles()  # the roles as the migration wrote them (a test database may have been flushed since)
    return {
        "TNMT": load_2021(agencies["TNMT"], units["TNMT/VP"]),
        "NNMT_CT": load_today(agencies["NNMT_CT"], units["NNMT_CT/VP"]),
    }
