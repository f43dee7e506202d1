"""Benchmark: "who is due" (ai đến hạn) for one agency of many people — what the task worker spends building
the snapshot and what the pages and the API spend reading it.

Usage:
  .venv/bin/python bench/due.py make [--people N]   # a synthetic agency "Sở Đo tải" (bulk_create), once
  .venv/bin/python bench/due.py run [--year Y]      # build, page, partials, API, .xlsx: a table of figures
  .venv/bin/python bench/due.py old [--year Y]      # the in-memory computation alone (awards.due.who_is_due)

Against the configured database (DATABASE_URL, THIDUA_DATA_DIR): `make` WRITES a whole agency, so point it at
a scratch database (e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/due_bench after `migrate`), never at
a real one. With a province database that has a `secretariat-1` account, `run --username secretariat-1` reads
that account's agency instead (read only but for the snapshot rows the build writes). Figures, not a test.
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import RoleGrant, User  # noqa: E402
from accounts.roles import Role  # noqa: E402
from achievements.models import Initiative, InitiativeAuthor  # noqa: E402
from awards.models import Award  # noqa: E402
from demo.province.registered import Grant, write_decision  # noqa: E402
from documents import domain as documents  # noqa: E402
from documents.kinds import ensure_kinds  # noqa: E402
from documents.models import DocumentKind  # noqa: E402
from organisations.models import Agency, Unit  # noqa: E402
from people.models import (  # noqa: E402
    Assignment,
    Discipline,
    DisciplineForm,
    Gender,
    Leave,
    LeaveKind,
    Person,
    Proceeding,
    QualityRating,
    Rating,
    UnitQualityRating,
)

SYMBOL, USERNAME, OFFICER = "SDT", "bench-due", "bench-due-officer"
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Ngọc", "Thanh", "Quốc", "Thu", "Đức", "Kim"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Đức", "Hà", "Hương", "Lan", "Minh", "Nam", "Oanh", "Phúc", "Quân"]
RATINGS = [Rating.EXCELLENT] * 15 + [Rating.GOOD] * 60 + [Rating.COMPLETED] * 20 + [Rating.NOT_COMPLETED] * 5
YEARS = range(2019, 2026)


def make(people: int) -> None:
    if Agency.objects.filter(symbol=SYMBOL).exists():
        print("The agency exists already.")
        return
    rng = random.Random(12)
    started = time.perf_counter()
    with transaction.atomic():
        agency = Agency.objects.create(
            name="Sở Đo tải",
            short_name="SỞ ĐO TẢI",
            symbol=SYMBOL,
            place_name="Cần Thơ",
            valid_from=dt.date(2008, 1, 1),
            kind="department",
        )
        units = _units(agency)
        staff = _people(agency, people, rng)
        homes = _assignments(staff, units, rng)
        _records(agency, staff, units, homes, rng)
        user = User.objects.create_user(USERNAME, password="bench-only-123456")
        RoleGrant.objects.create(user=user, role=Role.SECRETARIAT, agency=agency)
        officer = User.objects.create_user(OFFICER, password="bench-only-123456")
        RoleGrant.objects.create(user=officer, role=Role.UNIT_OFFICER, agency=agency, unit=units[1])
    print(f"Made {people} people in {len(units)} units in {time.perf_counter() - started:.1f} s.")


def _units(agency) -> list:
    tops = Unit.objects.bulk_create(
        Unit(agency=agency, name=f"Phòng số {n}", symbol=f"P{n}", position=n, valid_from=dt.date(2008, 1, 1))
        for n in range(20)
    )
    children = Unit.objects.bulk_create(
        Unit(
            agency=agency,
            parent=top,
            name=f"Tổ {m} của {top.name}",
            symbol=f"P{n}T{m}",
            position=m,
            valid_from=dt.date(2008, 1, 1),
        )
        for n, top in enumerate(tops)
        for m in range(9)
    )
    for unit in tops + children:
        unit.normalise()
    Unit.objects.bulk_update(tops + children, ["search_text"])
    return tops + children


def _people(agency, count: int, rng) -> list:
    staff = []
    for n in range(count):
        female = rng.random() < 0.5
        person = Person(
            agency=agency,
            staff_code=f"DT{n:06d}",
            family_name=rng.choice(FAMILY),
            middle_name="Thị" if female else rng.choice(MIDDLE),
            given_name=rng.choice(GIVEN),
            gender=Gender.FEMALE if female else Gender.MALE,
            date_of_birth=dt.date(1970 + n % 30, 1 + n % 12, 1),
        )
        person.normalise()
        staff.append(person)
    return Person.objects.bulk_create(staff, batch_size=2000)


def _assignments(staff, units, rng) -> dict:
    """Person id → her unit (the last)."""
    posts, homes = [], {}
    for person in staff:
        unit = rng.choice(units)
        if rng.random() < 0.05:  # moved in 2023
            posts.append(
                Assignment(
                    person=person,
                    unit=rng.choice(units),
                    start_date=dt.date(2015, 1, 1),
                    end_date=dt.date(2023, 6, 30),
                )
            )
            posts.append(Assignment(person=person, unit=unit, start_date=dt.date(2023, 7, 1)))
        else:
            posts.append(
                Assignment(person=person, unit=unit, start_date=dt.date(2010 + rng.randrange(12), 3, 1))
            )
        homes[person.pk] = unit
    Assignment.objects.bulk_create(posts, batch_size=5000)
    return homes


def _records(agency, staff, units, homes, rng) -> None:
    awards = (Award.objects.get(code="lao-dong-tien-tien"), Award.objects.get(code="chien-si-thi-dua-co-so"))
    rows = {"ratings": [], "disciplines": [], "proceedings": [], "leaves": []}
    ledger = {}
    for person in staff:
        _person_rows(person, homes[person.pk], awards, rng, rows, ledger)
    QualityRating.objects.bulk_create(rows["ratings"], batch_size=5000)
    for year, grants in sorted(ledger.items()):
        day = dt.date(year + 1, 1, 20)
        document = _decision_document(agency, year, day)
        write_decision(agency=agency, document_id=document.pk, year=year, day=day, grants=grants)
    Discipline.objects.bulk_create(rows["disciplines"])
    Proceeding.objects.bulk_create(rows["proceedings"])
    Leave.objects.bulk_create(rows["leaves"])
    UnitQualityRating.objects.bulk_create(
        UnitQualityRating(unit=unit, year=year, rating=rng.choice(RATINGS))
        for unit in units
        for year in YEARS
    )
    _initiatives(agency, staff, units, rng)


def _person_rows(person, home, awards, rng, rows, ledger) -> None:
    """One person's ratings, the titles of her good years (to the ledger's grants by year), and rarely a
    discipline, an open proceeding, a maternity leave — drawn in this order from `rng`."""
    ldtt, cstd = awards
    for year in YEARS:
        if year == 2025 and rng.random() < 0.3:
            continue  # not rated yet
        rating = rng.choice(RATINGS)
        rows["ratings"].append(QualityRating(person=person, year=year, rating=rating))
        if year < 2025 and rating in (Rating.EXCELLENT, Rating.GOOD) and rng.random() < 0.8:
            ledger.setdefault(year, []).append(_grant(ldtt, person, home))
            if rating == Rating.EXCELLENT and rng.random() < 0.5:
                ledger[year].append(_grant(cstd, person, home))
    if rng.random() < 0.01:
        rows["disciplines"].append(
            Discipline(
                person=person,
                form=DisciplineForm.REPRIMAND,
                start_date=dt.date(2024, 3, 1),
                end_date=dt.date(2025, 3, 1),
            )
        )
    if rng.random() < 0.005:
        rows["proceedings"].append(
            Proceeding(person=person, kind="discipline", opened_on=dt.date(2025, 9, 1))
        )
    if person.gender == Gender.FEMALE and rng.random() < 0.03:
        rows["leaves"].append(
            Leave(
                person=person, kind=LeaveKind.MATERNITY, start=dt.date(2024, 2, 1), end=dt.date(2024, 7, 31)
            )
        )


def _initiatives(agency, staff, units, rng) -> None:
    authors = []
    for person in rng.sample(staff, len(staff) // 20):
        year = rng.choice((2024, 2025))
        initiative = Initiative.objects.create(
            agency=agency,
            unit=units[0],
            title=f"Sáng kiến của {person.staff_code}",
            year=year,
            recognition_level="co-so",
            recognised_on=dt.date(year, 11, 1),
        )
        authors.append(InitiativeAuthor(initiative=initiative, person=person, share=100))
    InitiativeAuthor.objects.bulk_create(authors)


def _grant(award, person, unit) -> Grant:
    return Grant(
        award=award,
        unit_id=unit.pk,
        name=person.full_name,
        unit_name=unit.name,
        person_id=person.pk,
        position_title="Chuyên viên",
        sort_key=person.sort_key,
    )


def _decision_document(agency, year: int, day: dt.date):
    """The agency's decision awarding the titles of `year`, registered as incoming (a year before thidua)."""
    ensure_kinds()
    fields = {
        "number": 20 + year % 100,
        "notation": f"QĐ-{SYMBOL}",
        "issued_on": day,
        "arrival_date": day,
        "sender_name": agency.name,
        "signer_position": "GIÁM ĐỐC",
        "subject": f"Về việc tặng danh hiệu thi đua năm {year}",
    }
    kind = DocumentKind.objects.get(code="quyet_dinh")
    return documents.register_incoming(actor=None, agency=agency, kind=kind, fields=fields)


def old(year: int, username: str) -> None:
    """The in-memory computation as the page ran it before the snapshots (phases timed)."""
    from awards.access import due_scope
    from awards.due import _posts_of_year, staff_of_year, who_is_due
    from awards.eligibility import Engine
    from awards.subjects import people_facts

    agency, _allowed = due_scope(User.objects.get(username=username))
    engine = Engine(agency)
    started = time.perf_counter()
    members, _units = staff_of_year(agency, year)
    ids = [i for group in members.values() for i in group]
    staffed = time.perf_counter()
    people_facts(_posts_of_year(agency, year).values("person_id"), year)  # as who_is_due reads them
    facts = time.perf_counter()
    result = who_is_due(agency=agency, year=year, engine=engine)
    whole = time.perf_counter()
    rows = sum(len(d.eligible) + len(d.one_step) + len(d.deferred) for d in result)
    print(f"| staff of the year ({len(ids)} people) | {staffed - started:.2f} s |")
    print(f"| facts (subjects.people_facts)        | {facts - staffed:.2f} s |")
    print(f"| who_is_due whole ({rows} rows)       | {whole - facts:.2f} s |")


def run(year: int, username: str, repeat: int) -> None:
    """The worker's build and .xlsx, then each page and partial: queries, median time, size."""
    from awards import snapshots
    from awards.access import due_scope

    user = User.objects.get(username=username)
    agency, _allowed = due_scope(user)
    started = time.perf_counter()
    snapshot = snapshots.build_snapshot(agency=agency, year=year)
    built = time.perf_counter() - started
    started = time.perf_counter()
    export = snapshots.build_export(snapshot=snapshot)
    exported = time.perf_counter() - started
    entries = snapshot.entries.count()
    print("| worker | rows | seconds |")
    print("|---|---:|---:|")
    print(f"| snapshot build (facts, engine, rows written) | {entries} | {built:.2f} |")
    print(f"| .xlsx of the whole list ({export.file.size // 1024} KB) | {export.rows} | {exported:.2f} |")
    award = snapshot.entries.order_by("position").values_list("award__code", flat=True).first()
    entry = snapshot.entries.filter(person__isnull=False).order_by("position").values_list("pk", flat=True)[0]
    drill = f"/app/awards/due/?year={year}&award={award}&group=eligible"
    pages = [
        ("page: counts", f"/app/awards/due/?year={year}", {}),
        ("page: drill-down, 50 rows", drill, {}),
        ("page: drill-down, page 100", f"{drill}&page=100", {}),
        (
            "partial: rows, page 3 (htmx)",
            f"{drill}&page=3",
            {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "due-rows"},
        ),
        (
            "partial: status (htmx)",
            f"/app/awards/due/status/?year={year}&shown={snapshot.pk}",
            {"HTTP_HX_REQUEST": "true"},
        ),
        ("partial: unit picker", "/app/awards/due/units/?unit-search=to%203", {"HTTP_HX_REQUEST": "true"}),
        (
            "partial: every check of a row",
            f"/app/awards/due/checks/?entry={entry}",
            {"HTTP_HX_REQUEST": "true"},
        ),
        (".xlsx download (written)", f"/app/awards/due/export.xlsx?year={year}", {}),
        ("API: 50 items", f"/api/v1/due?year={year}", {}),
        ("API: offset 20 000", f"/api/v1/due?year={year}&offset=20000", {}),
    ]
    client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0])
    client.force_login(user)
    print()
    print("| request | queries | median ms | KB |")
    print("|---|---:|---:|---:|")
    for name, path, headers in pages:
        times = []
        for _ in range(repeat + 1):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(path, **headers)
                body = b"".join(response.streaming_content) if response.streaming else response.content
                times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        print(f"| {name} | {len(queries)} | {statistics.median(times[1:]):.0f} | {len(body) // 1024} |")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", choices=["make", "run", "old"])
    parser.add_argument("--people", type=int, default=20000)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--username", default=USERNAME)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if args.command == "make":
        make(args.people)
    elif args.command == "old":
        old(args.year, args.username)
    else:
        run(args.year, args.username, args.repeat)


if __name__ == "__main__":
    main()
