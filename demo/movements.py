"""The demo's emulation work, built through the domain functions (actor=None: the system).

- In the 2021 Sở TN&MT: the twelve movements of the seed (the Province's 2021 movement launched by Plan
  25/KH-UBND, the Department's Plan 07/KH-STNMT and the eleven that the dispatch's item 2 lists — Plan 07 is
  one of them), linked to the seed's documents: Plan 25 → the dispatch → the movements. Every unit registered
  for 2021 under Plan 07 (the Department's own plan asks its units to register), all approved.
- In today's Sở NN&MT thành phố Cần Thơ (where the demo accounts work): the City's movement of the year,
  received as an incoming plan and relayed (the draft dispatch), the agency's own movement of the year with an
  open registration round where every unit stands in some state, an interim review with two unit reports.
- Initiatives of 2021 and of this year, and three exemplary models and new factors. They are recorded in
  today's agency: its staff carry the 2021 Department's history (achievements.domain takes authors from the
  agency's lineage, and the people of the merged Department belong to its successor now).

Deterministic: random.Random(SEED) drawn in a fixed order; dates from the tables below, or relative to today
only for the current year (the registration deadline, and this year's dates capped at today).
Names of people are the demo's; plan and decision numbers other than the seed's are invented.
"""

import datetime as dt
import io
import random
from decimal import Decimal
from typing import NamedTuple

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from achievements import domain as achievements
from awards.catalogue import ensure_catalogue
from awards.models import Award
from documents import domain as documents
from documents.models import DocumentKind
from movements.domain import movements, registrations, reviews
from movements.models import DocumentRole, Kind, Level, Status
from organisations.models import Unit, UnitKind
from people.models import Assignment

from . import data
from .documents import _stand_in_pdf

D = dt.date
SEED = data.SEED + 4  # issue 4
THEME_2021 = (
    "Đoàn kết, sáng tạo, thi đua thực hiện thắng lợi các chỉ tiêu, nhiệm vụ phát triển kinh tế - xã hội "
    "năm 2021"
)
PROVINCE_ST = "Chủ tịch UBND tỉnh Sóc Trăng"
PRIME_MINISTER = "Thủ tướng Chính phủ"
MINISTER_TNMT = "Bộ trưởng Bộ Tài nguyên và Môi trường"
LTT, CSTD = "lao-dong-tien-tien", "chien-si-thi-dua-co-so"
TT_LDTT, TT_LDXS = "tap-the-lao-dong-tien-tien", "tap-the-lao-dong-xuat-sac"


class MovementSpec(NamedTuple):
    key: str
    name: str
    level: str
    kind: str
    launched_by: str
    period: tuple  # (start, end or None: no end set)
    status: str  # as of 2026
    launched_on: dt.date | None = None  # None: the launch date is not known for sure
    theme: str = ""
    takes_registrations: bool = False  # units register once a year, under the agency's own movement


# The Sở TN&MT's movements in 2021 (seed item 1 and the list of item 2). A start of 1 January of the year
# where only the year is known; where even that is not known, 2021 (the year the seed names it). The
# Department's records of the long-running movements closed when it merged (01/03/2025); today's agency
# keeps its own records of those it still takes part in (CONTINUING).
TNMT_MOVEMENTS = [
    MovementSpec(
        "province_2021", "Phong trào thi đua năm 2021 của tỉnh Sóc Trăng", Level.PROVINCE, Kind.REGULAR,
        PROVINCE_ST, (D(2021, 1, 1), D(2021, 12, 31)), Status.CLOSED, D(2021, 2, 8), THEME_2021,
    ),
    MovementSpec(
        "plan_07", "Phong trào thi đua năm 2021 của Sở Tài nguyên và Môi trường", Level.AGENCY, Kind.REGULAR,
        "Giám đốc Sở Tài nguyên và Môi trường tỉnh Sóc Trăng", (D(2021, 1, 1), D(2021, 12, 31)),
        Status.CLOSED, D(2021, 1, 20), takes_registrations=True,
    ),
    # QĐ 1620/QĐ-TTg ngày 20/9/2011 (kế hoạch thực hiện phong trào), renewed for each period since.
    MovementSpec(
        "rural", "Cả nước chung sức xây dựng nông thôn mới", Level.NATIONAL, Kind.REGULAR, PRIME_MINISTER,
        (D(2011, 9, 20), None), Status.CLOSED, D(2011, 9, 20),
    ),
    MovementSpec(
        "office_culture", "Cán bộ, công chức, viên chức tỉnh Sóc Trăng thi đua thực hiện văn hóa công sở",
        Level.PROVINCE, Kind.THEMATIC, PROVINCE_ST, (D(2019, 1, 1), D(2025, 12, 31)), Status.CLOSED,
    ),
    # No end was set; the Province of Sóc Trăng ended on 30/06/2025 and its movement with it.
    MovementSpec(
        "covid", "Sóc Trăng cùng cả nước chung sức phòng, chống dịch bệnh Covid-19", Level.PROVINCE,
        Kind.THEMATIC, PROVINCE_ST, (D(2020, 1, 1), None), Status.CLOSED,
    ),
    MovementSpec(
        "traffic", "Toàn dân tham gia bảo đảm trật tự, an toàn giao thông trên địa bàn tỉnh Sóc Trăng",
        Level.PROVINCE, Kind.THEMATIC, PROVINCE_ST, (D(2020, 1, 1), D(2021, 12, 31)), Status.CLOSED,
    ),
    MovementSpec(
        "plastic", "Hành động để giảm thiểu ô nhiễm nhựa và ni lông", Level.CENTRAL, Kind.THEMATIC,
        "Bộ Tài nguyên và Môi trường", (D(2019, 1, 1), None), Status.CLOSED,
    ),
    # UNCERTAIN launcher: the seed does not say who launched it; recorded as the Province's, whose movements
    # it is listed among (start: 2021, the year the seed names it). Closed with the Province.
    MovementSpec(
        "ideas", "Hiến kế, đề xuất giải pháp, ý tưởng sáng tạo", Level.PROVINCE, Kind.THEMATIC, PROVINCE_ST,
        (D(2021, 1, 1), None), Status.CLOSED,
    ),
    # Launch year not known for sure: held from 2021, the year the seed names it.
    MovementSpec(
        "business", "Doanh nghiệp Việt Nam hội nhập và phát triển", Level.NATIONAL, Kind.THEMATIC,
        PRIME_MINISTER, (D(2021, 1, 1), None), Status.CLOSED,
    ),
    # QĐ 1730/QĐ-TTg ngày 05/9/2016 (kế hoạch tổ chức thực hiện phong trào).
    MovementSpec(
        "poverty", "Cả nước chung tay vì người nghèo, không để ai bị bỏ lại phía sau", Level.NATIONAL,
        Kind.THEMATIC, PRIME_MINISTER, (D(2016, 9, 5), None), Status.CLOSED, D(2016, 9, 5),
    ),
    # Led by the Central Steering Committee of the movement under the Vietnam Fatherland Front; dated here
    # from 2000 (its 20-year review covered 2000–2020); launch date not known for sure.
    MovementSpec(
        "culture", "Toàn dân đoàn kết xây dựng đời sống văn hóa", Level.CENTRAL, Kind.REGULAR,
        "Ban Chỉ đạo Trung ương phong trào (Ủy ban Trung ương MTTQ Việt Nam)", (D(2000, 1, 1), None),
        Status.CLOSED,
    ),
    MovementSpec(
        "sector", "Thi đua yêu nước ngành tài nguyên và môi trường giai đoạn 2020 - 2025", Level.CENTRAL,
        Kind.REGULAR, MINISTER_TNMT, (D(2020, 1, 1), D(2025, 12, 31)), Status.CLOSED,
    ),
]  # fmt: skip

CONTINUING = ("rural", "poverty", "culture")  # national movements today's agency still takes part in

# The way from "preparing" to each status (the moves of movements.workflow.MOVEMENTS).
STATUS_PATHS = {
    Status.PREPARING: (),
    Status.LAUNCHED: (Status.LAUNCHED,),
    Status.IN_PROGRESS: (Status.LAUNCHED, Status.IN_PROGRESS),
    Status.INTERIM_REVIEW: (Status.LAUNCHED, Status.IN_PROGRESS, Status.INTERIM_REVIEW),
    Status.CLOSED: (Status.LAUNCHED, Status.IN_PROGRESS, Status.FINAL_REVIEW, Status.CLOSED),
}

ROUND_2021 = (D(2021, 1, 20), D(2021, 3, 15))  # Plan 07's date; the deadline of the 2021 registration
UNIT_PLEDGES = [
    "Hoàn thành 100% nhiệm vụ chuyên môn được giao đúng tiến độ, bảo đảm chất lượng.",
    "Giải quyết đúng hạn 100% hồ sơ thủ tục hành chính; không có hồ sơ trễ hạn.",
    "Không có cán bộ vi phạm kỷ luật; 100% công chức, viên chức hoàn thành tốt nhiệm vụ trở lên.",
    "Thực hiện tốt văn hóa công sở; tiết kiệm điện, nước, văn phòng phẩm; không dùng đồ nhựa dùng một lần.",
    "Có ít nhất một sáng kiến, giải pháp được công nhận cấp cơ sở trong năm.",
]
PERSON_PLEDGES = [
    "Hoàn thành xuất sắc nhiệm vụ được giao.",
    "Hoàn thành tốt nhiệm vụ; chấp hành nghiêm kỷ luật, kỷ cương hành chính.",
    "Có sáng kiến được công nhận cấp cơ sở.",
    "",
]
RETURN_REASONS = [
    "Chỉ tiêu của đơn vị chưa lượng hóa được (ghi rõ tỷ lệ, số lượng); đề nghị bổ sung.",
    "Đăng ký danh hiệu Chiến sĩ thi đua cơ sở cần kèm dự kiến sáng kiến; đề nghị bổ sung hoặc đổi sang "
    "Lao động tiên tiến.",
    "Thiếu đăng ký danh hiệu tập thể của đơn vị; đề nghị bổ sung.",
]
# States of this year's registrations, unit by unit in the order of the unit tree (the Văn phòng aside).
CURRENT_STATES = ["approved", "submitted", "returned", "approved", "draft", "submitted"]


def today() -> dt.date:
    return timezone.localdate()


def this_year(month: int, day: int) -> dt.date:
    """The day in the current year, or today if it has not come yet (nothing is dated in the future)."""
    return min(D(today().year, month, day), today())


def award(code: str) -> Award:
    return Award.objects.get(code=code)


def staff_of(unit: Unit, on: dt.date, exclude=()) -> list:
    """The people whose primary post was in `unit` on `on`, in staff-code order."""
    posts = (
        Assignment.objects.current(on)
        .filter(unit=unit, is_primary=True)
        .exclude(person__in=list(exclude))
        .select_related("person")
        .order_by("person__staff_code")
    )
    return [post.person for post in posts]


def load_movements(*, agencies: dict, units: dict, staff: dict, seed_documents: dict) -> dict:
    """Build it all; `agencies`, `units`, `staff` are demo.build's (keys "TNMT", "TNMT/VP", "TNMT/VP/4")."""
    ensure_catalogue()  # the titles (a migration writes them; a test database may have been flushed)
    rng = random.Random(SEED)
    held = create_tnmt_movements(agencies["TNMT"], seed_documents)
    register_2021(rng, held["plan_07"])
    current = create_current_movements(agencies["NNMT_CT"])
    spared = [staff[spec.person].person for spec in data.ACCOUNTS if spec.username == "nhanvien"]
    register_current(rng, current["own"], units["NNMT_CT/VP"], spared)
    review_current(current["own"], [units["NNMT_CT/VP"], units["NNMT_CT/QLDD"]])
    record_initiatives(rng, agencies, units, held, current["own"])
    record_models(agencies, units, held, current["own"])
    return {**held, **current}


# --- Movements ------------------------------------------------------------------------------------------


def create_movement(agency, spec: MovementSpec):
    fields = {
        "name": spec.name,
        "theme": spec.theme,
        "kind": spec.kind,
        "level": spec.level,
        "launched_by": spec.launched_by,
        "launched_on": spec.launched_on,
        "period_start": spec.period[0],
        "period_end": spec.period[1],
        "takes_registrations": spec.takes_registrations,
    }
    return movements.create_movement(actor=None, agency=agency, fields=fields)


def advance(movement, to: str):
    for status in STATUS_PATHS[to]:
        movement = movements.move_movement(actor=None, movement=movement, to=status)
    return movement


def create_tnmt_movements(agency, seed: dict) -> dict:
    """The twelve movements, and the seed's chain: Plan 25 launches the Province's movement, the dispatch
    implements it (issued outside thidua's relay in the story, so linked, not relayed) and guides the agency
    in the movements of its item 2; Plan 07 launches the Department's own."""
    held = {spec.key: create_movement(agency, spec) for spec in TNMT_MOVEMENTS}
    link = movements.link_document
    link(actor=None, movement=held["province_2021"], document=seed["plan_25"], role=DocumentRole.LAUNCHING)
    link(
        actor=None, movement=held["province_2021"], document=seed["dispatch"], role=DocumentRole.IMPLEMENTING
    )
    link(actor=None, movement=held["plan_07"], document=seed["plan_07"], role=DocumentRole.LAUNCHING)
    for spec in TNMT_MOVEMENTS[1:]:
        link(actor=None, movement=held[spec.key], document=seed["dispatch"], role=DocumentRole.GUIDING)
    return {spec.key: advance(held[spec.key], spec.status) for spec in TNMT_MOVEMENTS}


def create_current_movements(agency) -> dict:
    """The agency's own movement of the year, then the City's: its plan received, the movement relayed."""
    year = today().year
    own = MovementSpec(
        "own", f"Phong trào thi đua năm {year} của {agency.name}", Level.AGENCY, Kind.REGULAR,
        f"Giám đốc {agency.name}", (D(year, 1, 1), D(year, 12, 31)), Status.IN_PROGRESS, this_year(1, 15),
        f"Đoàn kết, kỷ cương, đổi mới, sáng tạo, hoàn thành xuất sắc nhiệm vụ năm {year}", True,
    )  # fmt: skip
    city = MovementSpec(
        "city", f"Phong trào thi đua năm {year}", Level.PROVINCE, Kind.REGULAR,
        "Chủ tịch UBND thành phố Cần Thơ",
        (D(year, 1, 1), D(year, 12, 31)), Status.PREPARING, this_year(1, 8),
        f"Đoàn kết, kỷ cương, sáng tạo, thi đua hoàn thành thắng lợi các chỉ tiêu, nhiệm vụ năm {year}",
    )  # fmt: skip
    own_movement = advance(create_movement(agency, own), own.status)
    for spec in (spec for spec in TNMT_MOVEMENTS if spec.key in CONTINUING):
        advance(create_movement(agency, spec), Status.IN_PROGRESS)
    city_movement = create_movement(agency, city)
    plan = register_city_plan(agency, city.launched_on)
    movements.link_document(actor=None, movement=city_movement, document=plan, role=DocumentRole.LAUNCHING)
    dispatch = movements.relay_movement(actor=None, movement=city_movement, on=this_year(1, 20))
    return {"own": own_movement, "city": city_movement, "city_plan": plan, "city_dispatch": dispatch}


def register_city_plan(agency, issued_on: dt.date):
    """The City's plan of the year, entered in the incoming register (number invented for the demo)."""
    fields = {
        "number": 12,
        "notation": "KH-UBND",
        "issued_on": issued_on,
        "subject": f"Phát động phong trào thi đua năm {issued_on.year}",
        "sender_name": "UBND thành phố Cần Thơ",
        "arrival_date": min(issued_on + dt.timedelta(days=2), today()),
    }
    kind = DocumentKind.objects.get(code="ke_hoach")
    return documents.register_incoming(actor=None, agency=agency, kind=kind, fields=fields)


# --- Registrations --------------------------------------------------------------------------------------


def fill_registration(rng: random.Random, registration, unit: Unit, people: list, on: dt.date) -> None:
    """The unit's collective title (not for a board of directors) and 1–3 staff with their titles."""
    if unit.kind != UnitKind.LEADERSHIP:
        code = TT_LDXS if rng.random() < 0.2 else TT_LDTT
        registrations.add_entry(actor=None, registration=registration, award=award(code), on=on)
    for person in rng.sample(people, min(len(people), rng.randint(1, 3))):
        code = CSTD if rng.random() < 0.3 else LTT
        pledges = rng.choice(PERSON_PLEDGES)
        registrations.add_entry(
            actor=None, registration=registration, award=award(code), person=person, pledges=pledges, on=on
        )


def start(rng: random.Random, round_, unit: Unit, people: list, on: dt.date):
    pledges = "\n".join(rng.sample(UNIT_PLEDGES, 2))
    registration = registrations.start_registration(
        actor=None, round=round_, unit=unit, pledges=pledges, on=on
    )
    fill_registration(rng, registration, unit, people, on)
    return registration


def register_2021(rng: random.Random, movement) -> None:
    """Every unit of the Department registered between 25/01 and the deadline; all approved."""
    opens_on, deadline = ROUND_2021
    note = "Theo Kế hoạch số 07/KH-STNMT ngày 20/01/2021; các đơn vị gửi bản đăng ký trước ngày 15/03/2021."
    round_ = registrations.open_round(
        actor=None, movement=movement, year=2021, opens_on=opens_on, deadline=deadline, note=note
    )
    for index, unit in enumerate(registrations.round_units(round_)):
        on = D(2021, 1, 25) + dt.timedelta(days=index)
        registration = start(rng, round_, unit, staff_of(unit, on), on)
        submitted_on = min(on + dt.timedelta(days=10), deadline)
        registrations.submit_registration(actor=None, registration=registration, on=submitted_on)
        approved_on = min(submitted_on + dt.timedelta(days=3), deadline)
        registrations.approve_registration(actor=None, registration=registration, on=approved_on)


def settle(rng: random.Random, registration, state: str, on: dt.date) -> None:
    """Bring a compiled registration to `state` (draft stays as it is)."""
    if state == "draft":
        return
    registrations.submit_registration(actor=None, registration=registration, on=on)
    if state == "approved":
        registrations.approve_registration(actor=None, registration=registration, on=on)
    elif state == "returned":
        reason = rng.choice(RETURN_REASONS)
        registrations.return_registration(actor=None, registration=registration, reason=reason, on=on)


def register_current(rng: random.Random, movement, office: Unit, spared: list) -> None:
    """This year's round, open until two weeks from today whatever day the demo is loaded (so a unit officer
    can always still submit); every unit of the agency in some state, the Văn phòng of the demo officer
    (canbothidua) left in draft with a few titles — without the demo staff member (nhanvien), who may add
    her own."""
    year, now = today().year, today()
    opens_on = this_year(1, 20)
    round_ = registrations.open_round(
        actor=None, movement=movement, year=year, opens_on=opens_on, deadline=now + dt.timedelta(days=14),
        note=f"Các đơn vị đăng ký danh hiệu thi đua năm {year} của tập thể và cá nhân.",
    )  # fmt: skip
    units = [unit for unit in registrations.round_units(round_) if unit.pk != office.pk]
    start(
        rng, round_, office, staff_of(office, now, exclude=spared), max(opens_on, now - dt.timedelta(days=3))
    )
    for index, unit in enumerate(units):
        on = max(opens_on, now - dt.timedelta(days=12 - index % 10))
        registration = start(rng, round_, unit, staff_of(unit, now), on)
        settle(
            rng,
            registration,
            CURRENT_STATES[index % len(CURRENT_STATES)],
            min(on + dt.timedelta(days=2), now),
        )


def review_current(movement, units: list) -> None:
    """The mid-year review (sơ kết) of the agency's movement, with the reports of two units."""
    year = today().year
    review = reviews.open_review(
        actor=None, movement=movement, kind="interim", title=f"Sơ kết 6 tháng đầu năm {year}",
        reports_due=D(year, 7, 10),
    )  # fmt: skip
    results = [
        "Hoàn thành 100% văn bản tham mưu đúng hạn; tổ chức 2 đợt tuyên truyền phong trào thi đua; "
        "100% công chức, viên chức đăng ký danh hiệu thi đua.",
        "Giải quyết 1.245 hồ sơ đất đai, 98,6% đúng hạn; rà soát, cập nhật cơ sở dữ liệu đất đai "
        "cho 3 khu vực; đề xuất 1 sáng kiến cải tiến quy trình tiếp nhận hồ sơ.",
    ]
    for unit, text in zip(units, results, strict=True):
        reviews.submit_unit_report(actor=None, review=review, unit=unit, results=text)


# --- Initiatives and models -----------------------------------------------------------------------------


class InitiativeSpec(NamedTuple):
    unit: str  # symbol of the unit (the 2021 Department's and today's agency share them)
    title: str
    kind: str
    year: int | None  # None: the current year
    shares: tuple  # per author, in per cent
    movement: str  # key of the movement
    effect: str
    scope: str
    recognised: tuple | None = None  # (month, day, decision)


DECISION_2021 = "Quyết định số 215/QĐ-STNMT"  # invented, like every decision number below
INITIATIVES = [
    InitiativeSpec(
        unit="VPDKDD",
        title="Ứng dụng mã QR tra cứu tình trạng giải quyết hồ sơ đăng ký đất đai",
        kind="sang-kien",
        year=2021,
        shares=("60", "40"),
        movement="ideas",
        effect="Người dân tự tra cứu hồ sơ; giảm khoảng 30% lượt hỏi trực tiếp tại bộ phận một cửa.",
        scope="Văn phòng Đăng ký đất đai và các chi nhánh",
        recognised=(12, 15, DECISION_2021),
    ),
    InitiativeSpec(
        unit="TNN",
        title="Số hóa hồ sơ cấp phép khai thác, sử dụng tài nguyên nước",
        kind="giai-phap",
        year=2021,
        shares=("100",),
        movement="plan_07",
        effect="Tra cứu giấy phép trong vài phút thay vì vài ngày; hồ sơ giấy được bảo quản tốt hơn.",
        scope="Phòng Tài nguyên nước, Khí tượng thủy văn và Biến đổi khí hậu",
        recognised=(12, 15, DECISION_2021),
    ),
    InitiativeSpec(
        unit="TTQT",
        title="Quy trình lấy mẫu nhanh nước mặt bằng thiết bị đo cầm tay",
        kind="sang-kien",
        year=2021,
        shares=("50", "30", "20"),
        movement="plastic",
        effect="Rút ngắn khoảng một nửa thời gian quan trắc tại hiện trường.",
        scope="Trung tâm Quan trắc tài nguyên và môi trường",
    ),
    InitiativeSpec(
        unit="TTCNTT",
        title="Trợ lý tra cứu văn bản thi đua, khen thưởng trên cổng thông tin điện tử",
        kind="giai-phap",
        year=None,
        shares=("70", "30"),
        movement="own",
        effect="Cán bộ tìm văn bản, mẫu biểu thi đua nhanh, đúng phiên bản hiện hành.",
        scope="Toàn Sở",
        recognised=(6, 30, "Quyết định số 98/QĐ-SNNMT"),
    ),
    InitiativeSpec(
        unit="CCTL",
        title="Cảnh báo sớm xâm nhập mặn qua tin nhắn cho hợp tác xã",
        kind="de-tai",
        year=None,
        shares=("40", "35", "25"),
        movement="own",
        effect="Hợp tác xã chủ động lấy nước ngọt, giảm thiệt hại cho lúa vụ Đông Xuân.",
        scope="Các khu vực ven biển",
    ),
]


def recognition(spec: InitiativeSpec, year: int) -> dict:
    if spec.recognised is None:
        return {}
    month, day, decision = spec.recognised
    on = D(year, month, day) if year < today().year else this_year(month, day)
    return {"recognition_level": "co-so", "recognised_on": on, "recognised_by": decision}


def record_initiatives(rng: random.Random, agencies: dict, units: dict, held: dict, own) -> None:
    """A past year's (2021) initiative is recorded by the Department that recognised it, on its unit of then,
    its authors from that unit (some have moved on to today's agency since); this year's by today's agency."""
    chosen = {**held, "own": own}
    for spec in INITIATIVES:
        year = spec.year or today().year
        key = "TNMT" if spec.year else "NNMT_CT"
        agency, unit = agencies[key], units[f"{key}/{spec.unit}"]
        people = staff_of(unit, D(year, 6, 30) if spec.year else today())
        authors = list(zip(rng.sample(people, len(spec.shares)), map(Decimal, spec.shares), strict=True))
        fields = {
            "title": spec.title, "kind": spec.kind, "year": year, "movement": chosen[spec.movement],
            "effect": spec.effect, "scope": spec.scope, **recognition(spec, year),
        }  # fmt: skip
        initiative = achievements.record_initiative(
            actor=None, agency=agency, unit=unit, fields=fields, authors=authors
        )
        if spec.recognised:
            decision = SimpleUploadedFile(
                "quyet-dinh-cong-nhan.pdf", _stand_in_pdf(f"{spec.recognised[2]} công nhận sáng kiến")
            )
            achievements.add_evidence(actor=None, initiative=initiative, upload=decision)


def tiny_png(colour: tuple) -> bytes:
    """A small plain picture standing in for a photo."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (48, 32), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def youngest(people: list) -> list:
    return sorted(people, key=lambda person: (person.date_of_birth, person.staff_code))[-1:]


def record_models(agencies: dict, units: dict, held: dict, own) -> None:
    """The 2021 models in the Department of then, this year's in today's agency."""
    vp, ttqt, vpdkdd = units["TNMT/VP"], units["TNMT/TTQT"], units["TNMT/VPDKDD"]
    year = today().year
    specs = [
        ("mo-hinh-moi", "Mô hình “Công sở không rác thải nhựa”", 2021, held["plastic"], [], [vp, ttqt],
         "Các phòng họp dùng bình, ly thủy tinh thay chai nhựa; rác được phân loại tại nguồn ở mọi tầng.",
         (46, 139, 87)),
        ("dien-hinh", "Tập thể tiêu biểu trong cải cách thủ tục hành chính về đất đai", 2021, held["plan_07"],
         staff_of(units["TNMT/VPDKDD"], D(2021, 6, 30))[:1], [vpdkdd],
         "Đơn vị giải quyết đúng hạn 99% hồ sơ, tiếp nhận hồ sơ trực tuyến ở tất cả các chi nhánh.",
         (30, 90, 160)),
        ("nhan-to-moi", f"Nhân tố mới trong chuyển đổi số năm {year}", year, own,
         youngest(staff_of(units["NNMT_CT/TTCNTT"], today())), [units["NNMT_CT/TTCNTT"]],
         "Viên chức trẻ tự học lập trình, xây dựng công cụ tra cứu văn bản cho toàn Sở.", (200, 120, 40)),
    ]  # fmt: skip
    for kind, title, model_year, movement, people, model_units, story, colour in specs:
        fields = {"kind": kind, "title": title, "year": model_year, "story": story, "movement": movement}
        agency = agencies["TNMT" if model_year < year else "NNMT_CT"]
        model = achievements.record_model(
            actor=None, agency=agency, fields=fields, people=people, units=model_units
        )
        photo = SimpleUploadedFile("anh.png", tiny_png(colour), content_type="image/png")
        achievements.add_photo(actor=None, model=model, upload=photo, caption=title)
