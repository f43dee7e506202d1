"""The demo's award ledger, 2017–2025, written by decisions: each year's grassroots initiatives of some
excellent staff, then the titles the Director could award for that year, chosen by the rules engine itself
(eligible, within the cap) — so chains build up (Chiến sĩ thi đua cơ sở two years running) and "who is due"
has something to say. Each agency's year is its Director's decision of 20 January of the next year, from
before thidua: registered as an incoming document with its annexed list through the decisions app
(decisions.domain.registering.register_decision), priced by it — a person awarded Lao động tiên tiến and
Chiến sĩ thi đua cơ sở for one year is paid for the higher title only — and recorded (record_decision): the
ledger rows link to the decision's document. A Chiến sĩ thi đua cơ sở rests on the holder's free grassroots
initiative of the year (achievements.domain.serve_initiative), as issuing an own decision does.

The story's provincial fighter (demo.nominations proposes her for Chiến sĩ thi đua cấp tỉnh in the 2021
round): a woman of the 2021 round's units, not a leader, rated at least good in 2019–2021, authors a
grassroots initiative in 2019 and 2020 (so the engine makes her Chiến sĩ thi đua cơ sở both years), and in
2021 one recognised by the Sở and one recognised by the Province.

2021, the seed's year, is decided by the 2021 round's story (demo.decisions), the current year not at all.
Decision numbers and initiative titles are invented.
"""

import datetime as dt
import random
from decimal import Decimal

from achievements import domain as achievements
from achievements.models import Initiative
from awards.catalogue import ensure_catalogue
from awards.due import staff_of_year, who_is_due
from awards.eligibility import Engine
from awards.law import ensure_law
from decisions.domain.registering import record_decision, register_decision
from people.models import Assignment, Person, QualityRating, Rating

from . import data
from .documents import _director
from .nominations import dated

SEED = data.SEED + 5  # issue 5
DECIDED_YEARS = [2017, 2018, 2019, 2020, 2022, 2023, 2024, 2025]
LDTT, CSTD = "lao-dong-tien-tien", "chien-si-thi-dua-co-so"
AWARDED = (LDTT, CSTD)  # what the Director awards in the demo
ANOTHER_INITIATIVE = 0.75  # chance for an author of last year to have a new initiative (chains build up)
FIRST_INITIATIVE = 0.25
TOPICS = [
    "Số hóa hồ sơ lưu trữ của đơn vị",
    "Quy trình tiếp nhận hồ sơ trực tuyến một cửa",
    "Bản đồ số theo dõi điểm ô nhiễm môi trường",
    "Mẫu báo cáo thống kê tự động bằng bảng tính dùng chung",
    "Sổ tay hướng dẫn thủ tục hành chính cho người dân",
    "Ứng dụng tin nhắn nhắc hạn giải quyết hồ sơ",
]
FIGHTER_UNITS = ("VP", "VPDKDD")  # the 2021 round's units (demo.nominations)
CHAIN_YEARS = (2019, 2020)
RATED_WELL = (Rating.GOOD, Rating.EXCELLENT)
SUBJECT = "Về việc tặng danh hiệu “Lao động tiên tiến”, “Chiến sĩ thi đua cơ sở” năm {year}"
INITIATIVES_2021 = [  # (level, title, recognised by, on)
    ("co-so", "Sổ tay điện tử hướng dẫn lập hồ sơ thi đua, khen thưởng cho các đơn vị thuộc Sở",
     "Quyết định số 215/QĐ-STNMT", dt.date(2021, 12, 15)),
    ("tinh", "Quy trình phối hợp liên thông giải quyết thủ tục đất đai giữa Sở và các huyện, thị xã",
     "Quyết định số 3015/QĐ-UBND của UBND tỉnh Sóc Trăng", dt.date(2021, 12, 20)),
]  # fmt: skip


def load_award_history(*, agencies: dict, spared: set = frozenset()) -> int:
    """Record the demo's awards of every decided year; returns how many were recorded. `spared`: people the
    story must not make its provincial fighter (the accounts' people, open matters, disciplines)."""
    ensure_catalogue()  # the law as the migrations wrote it (a test database may have been flushed since)
    ensure_law()
    rng, engine, authors = random.Random(SEED), Engine(), set()
    fighter = provincial_fighter(agencies["TNMT"], spared)
    recorded = 0
    for year in DECIDED_YEARS:
        keys = ("TNMT", "NNPTNT") if year <= 2024 else ("NNMT_CT",)
        for key in keys:
            authors = recognise_initiatives(rng, agencies[key], year, authors)
            if key == "TNMT" and year in CHAIN_YEARS:
                fighter_initiative(fighter, agencies[key], year)
            recorded += decide_year(engine, agencies[key], year)
    for level, title, by, on in INITIATIVES_2021:
        fighter_initiative(fighter, agencies["TNMT"], 2021, title=title, level=level, by=by, on=on)
    return recorded


# --- Initiatives -----------------------------------------------------------------------------------------


def recognise_initiatives(rng: random.Random, agency, year: int, last_authors: set) -> set:
    """Some staff rated excellent in the year author an initiative recognised at grassroots level."""
    units = _units_of_year(agency, year)
    excellent = QualityRating.objects.filter(year=year, rating=Rating.EXCELLENT, person_id__in=units)
    authors = set()
    for rating in excellent.select_related("person").order_by("person_id"):
        chance = ANOTHER_INITIATIVE if rating.person_id in last_authors else FIRST_INITIATIVE
        if rng.random() >= chance:
            continue
        unit = units[rating.person_id]
        fields = {
            "kind": "sang-kien",
            "title": f"{rng.choice(TOPICS)} — {unit.name} {year}",
            "year": year,
            "recognition_level": "co-so",
            "recognised_on": dt.date(year, 12, 10),
            "recognised_by": f"Quyết định số {300 + len(authors)}/QĐ-{agency.symbol} (mẫu)",
        }
        authorship = [(rating.person, Decimal("100"))]
        achievements.record_initiative(
            actor=None, agency=agency, unit=unit, fields=fields, authors=authorship
        )
        authors.add(rating.person_id)
    return authors


def _units_of_year(agency, year: int) -> dict:
    """Person id → the unit of her last post of the year in the agency (as the engine's batch reads it)."""
    members, units = staff_of_year(agency, year)
    return {person_id: units[unit_id] for unit_id, ids in members.items() for person_id in ids}


def provincial_fighter(agency, spared: set) -> Person:
    """The story's provincial fighter (see the module), first in staff-code order."""
    posts = Assignment.objects.filter(
        unit__agency=agency, unit__symbol__in=FIGHTER_UNITS, is_primary=True, is_leadership=False,
        start_date__lte=dt.date(CHAIN_YEARS[0], 1, 1), person__gender="female",
    ).exclude(end_date__lt=dt.date(2022, 3, 1))  # fmt: skip
    years = (*CHAIN_YEARS, 2021)
    rated = QualityRating.objects.filter(year__in=years, rating__in=RATED_WELL)
    for post in posts.exclude(person_id__in=spared).select_related("person").order_by("person__staff_code"):
        if rated.filter(person_id=post.person_id).count() == len(years):
            return post.person
    raise LookupError("no provincial fighter for the demo's 2021 story")


def fighter_initiative(person, agency, year: int, *, title="", level="co-so", by="", on=None) -> None:
    """Her initiative of `year` at `level` (in the unit of her last post of the year), unless she authors
    one of that level already."""
    if Initiative.objects.filter(year=year, recognition_level=level, authors__person=person).exists():
        return
    unit = _units_of_year(agency, year)[person.pk]
    fields = {
        "kind": "sang-kien",
        "title": title or f"{TOPICS[year % len(TOPICS)]} — {unit.name} {year}",
        "year": year,
        "recognition_level": level,
        "recognised_on": on or dt.date(year, 12, 10),
        "recognised_by": by or f"Quyết định số {299 - year % 10}/QĐ-{agency.symbol} (mẫu)",
    }
    achievements.record_initiative(
        actor=None, agency=agency, unit=unit, fields=fields, authors=[(person, Decimal("100"))]
    )


# --- The year's decision ------------------------------------------------------------------------------------


def decision_number(agency, day: dt.date) -> int:
    """The agency's number for a decision of `day`, as its decisions run by then (about six in five days)."""
    return day.timetuple().tm_yday * 6 // 5 + sum(map(ord, agency.symbol)) % 9 + 1


def decide_year(engine: Engine, agency, year: int) -> int:
    """The Director's decision of 20 January awarding the year's eligible people (within the cap),
    registered and recorded on its day (the log says so); returns how many it awards."""
    day = dt.date(year + 1, 1, 20)
    rows = [
        (due.award, row.subject, row.unit)
        for due in who_is_due(agency=agency, year=year, engine=engine)
        if due.award.code in AWARDED
        for row in due.eligible
        if not row.over_cap
    ]
    if not rows:
        return 0
    with dated(day, 0):
        decision = register_decision(
            actor=None, agency=agency, fields=decision_fields(agency, year, day), lines=annex(rows, year),
            issuer=f"Giám đốc {agency.name}", year=year,
        )  # fmt: skip
        record_decision(actor=None, decision=decision)
        serve_initiatives(decision)
    return len(rows)


def decision_fields(agency, year: int, day: dt.date) -> dict:
    director = _director(agency, day)
    return {
        "number": decision_number(agency, day),
        "notation": f"QĐ-{agency.symbol}",
        "issued_on": day,
        "subject": SUBJECT.format(year=year),
        "sender_name": agency.name,
        "signer_name": director.full_name if director else "",
        "signer_position": "Giám đốc",
        "arrival_date": day,
    }


def annex(rows: list[tuple], year: int) -> list[dict]:
    """The decision's list: an article per award, people by unit then given name; amounts left to the
    decisions app (None: priced for the decision's day)."""
    positions = _positions({person.pk for _award, person, _unit in rows}, year)
    ordered = sorted(rows, key=lambda r: (r[0].position, r[2].name, r[1].sort_key, r[1].pk))
    articles = {}
    return [_row(award, person, unit, positions, year, articles) for award, person, unit in ordered]


def _row(award, person, unit, positions: dict, year: int, articles: dict) -> dict:
    return {
        "award": award, "person": person, "unit": unit, "name": person.full_name,
        "position_title": positions.get(person.pk, ""), "unit_name": unit.name, "amount": None,
        "year": year, "article": articles.setdefault(award.pk, len(articles) + 1),
    }  # fmt: skip


def _positions(person_ids: set, year: int) -> dict:
    """Person id → the position of her last primary post running in `year`."""
    posts = Assignment.objects.filter(
        person_id__in=person_ids, is_primary=True, start_date__lte=dt.date(year, 12, 31)
    ).exclude(end_date__lt=dt.date(year, 1, 1))
    return dict(posts.order_by("start_date", "pk").values_list("person_id", "position"))


def serve_initiatives(decision) -> None:
    """Each Chiến sĩ thi đua cơ sở of the decision rests on the holder's free grassroots initiative."""
    fighters = decision.lines.filter(award__code=CSTD, person__isnull=False)
    for line in fighters.select_related("person", "record"):
        initiative = achievements.free_initiative(line.person, line.year)
        if initiative is not None:
            achievements.serve_initiative(initiative=initiative, person=line.person, record=line.record)
