"""The demo's award ledger, 2017–2025: each year's grassroots initiatives of some excellent staff, then the
titles the Director could award for that year, decided by the rules engine itself (eligible, within the cap)
on 20 January of the next year — so chains build up (Chiến sĩ thi đua cơ sở two years running) and "who is
due" has something to say.

2021, the seed's year, is left undecided, like the current year: its "who is due" shows the year as it stood
when the seed dispatch was written. Decision numbers and initiative titles are invented.
"""

import datetime as dt
import random
from decimal import Decimal

from achievements import domain as achievements
from achievements.models import Initiative
from awards import domain
from awards.catalogue import ensure_catalogue
from awards.due import staff_of_year, who_is_due
from awards.eligibility import Engine
from awards.law import ensure_law
from awards.money import amount_for
from people.models import QualityRating, Rating

from . import data

SEED = data.SEED + 5  # issue 5
DECIDED_YEARS = [2017, 2018, 2019, 2020, 2022, 2023, 2024, 2025]
AWARDED = ("lao-dong-tien-tien", "chien-si-thi-dua-co-so")  # what the Director awards in the demo
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


def load_award_history(*, agencies: dict) -> int:
    """Record the demo's awards of every decided year; returns how many were recorded."""
    ensure_catalogue()  # the law as the migrations wrote it (a test database may have been flushed since)
    ensure_law()
    rng, engine, authors = random.Random(SEED), Engine(), set()
    recorded = 0
    for year in DECIDED_YEARS:
        keys = ("TNMT", "NNPTNT") if year <= 2024 else ("NNMT_CT",)
        for key in keys:
            authors = recognise_initiatives(rng, agencies[key], year, authors)
            recorded += decide_year(engine, agencies[key], year)
    return recorded


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


def decide_year(engine: Engine, agency, year: int) -> int:
    decided_on = dt.date(year + 1, 1, 20)
    base = engine.base_salary_on(decided_on)
    count = 0
    for due in who_is_due(agency=agency, year=year, engine=engine):
        if due.award.code not in AWARDED:
            continue
        rule = engine.rules[(engine.rule_set_for(year).code, due.award.code)]
        amount = amount_for(rule, base).amount
        for row in (row for row in due.eligible if not row.over_cap):
            _record(agency, due.award, row.subject, year, decided_on, amount)
            count += 1
    return count


def _record(agency, award, person, year: int, decided_on: dt.date, amount: int) -> None:
    symbol = agency.symbol
    values = {
        "actor": None,
        "agency": agency,
        "award": award,
        "person": person,
        "year": year,
        "decision": f"Quyết định số {40 + year % 100}/QĐ-{symbol} ngày {decided_on:%d/%m/%Y} (mẫu)",
        "decided_on": decided_on,
        "amount": amount,
    }
    initiative = _free_initiative(person, year) if award.code == "chien-si-thi-dua-co-so" else None
    if initiative is None:
        domain.record_award(**values)
    else:
        achievements.record_award_on_initiative(initiative=initiative, **values)


def _free_initiative(person, year: int):
    """Her grassroots initiative of the year whose share has served no award yet (None: she has none)."""
    return Initiative.objects.filter(
        year=year,
        recognition_level="co-so",
        authors__person=person,
        authors__award_record__isnull=True,
    ).first()
