"""Stage 3: what the staff records hold besides the posts — disciplines, annual ratings of people and units,
matters under review, maternity leave, and the head of each unit.

Ratings follow the demo's rules (demo.build.rate_year): everyone in post at least 183 days of a year is rated,
2 % "not completed", 8 % "completed", 60 % "good", 30 % "excellent" (leaders never below "good"); someone
disciplined that year is rated as demo.data.DISCIPLINED_RATING says. Units in force at the end of a year with
staff during it are rated too (demo shares). Disciplines touch about 0.1 % of the staff a year; a few matters
under review were closed each year and about one in 2 500 people has one open today (opened these last weeks,
after the awards of last year were decided); maternity leave comes to some young women each year.
"""

import datetime as dt

from demo.build import months_later
from demo.data import DISCIPLINED_RATING, MIN_DAYS_RATED, UNIT_COMPLETED_SHARE, UNIT_EXCELLENT_SHARE
from people.models import Discipline, Leave, Proceeding, QualityRating, UnitHead, UnitQualityRating

from .bulk import insert, normalised
from .world import D, World, rng

DISCIPLINED_SHARE, CLOSED_REVIEW_SHARE, OPEN_REVIEW_EVERY, MATERNITY_SHARE = 0.001, 0.0005, 2_500, 0.02
FORMS = (("reprimand", 70, 6), ("warning", 25, 12), ("salary_reduction", 5, 12))  # form, weight, months
REASONS = (
    "Vi phạm quy định về thời gian làm việc",
    "Chậm giải quyết hồ sơ của tổ chức, công dân quá thời hạn quy định",
    "Vi phạm quy chế làm việc của cơ quan",
    "Thiếu trách nhiệm trong thực hiện nhiệm vụ được giao",
    "Vi phạm quy định về đạo đức nghề nghiệp",
)
REVIEW_KINDS = (
    ("inspection", "Kiểm tra việc thực hiện nhiệm vụ theo đơn phản ánh"),
    ("complaint", "Giải quyết đơn khiếu nại liên quan đến việc thực hiện nhiệm vụ"),
    ("discipline", "Xem xét trách nhiệm theo kết luận kiểm tra"),
)


def create_history(world: World) -> None:
    create_disciplines(world)
    create_ratings(world)
    create_unit_ratings(world)
    create_proceedings(world)
    create_leaves(world)
    create_unit_heads(world)


def _staff(world: World, day: dt.date) -> list:
    """The people other than leaders in post on `day`."""
    return [p for p in world.people if p.rank == 2 and p.post_on(day)]


def create_disciplines(world: World) -> None:
    draw, rows = rng(world.config, "disciplines"), []
    for year in world.config.rated_years:
        mid = D(year, 6, 30)
        staff = _staff(world, mid)
        for person in draw.sample(staff, round(len(staff) * DISCIPLINED_SHARE)):
            form, _weight, months = draw.choices(FORMS, weights=[w for _f, w, _m in FORMS])[0]
            start = max(D(year, draw.randint(1, 6), draw.randint(1, 28)), person.hired)  # in post on 30/06
            end = months_later(start, months) - dt.timedelta(days=1)
            world.disciplines.setdefault(person.pk, []).append((form, start, end))
            number = f"{draw.randint(10, 390)}/QĐ-{person.posts[0].unit.plan.spec.symbol}"
            rows.append(
                Discipline(
                    person_id=person.pk,
                    form=form,
                    decision_number=number,
                    reason=draw.choice(REASONS),
                    start_date=start,
                    end_date=end,
                )
            )
    insert(Discipline, normalised(rows), label="Kỷ luật", total=len(rows), stream=world.stream)


def _rating(draw, person, disciplined_form: str | None) -> str:
    if disciplined_form:
        return DISCIPLINED_RATING.get(disciplined_form, "not_completed")
    roll = draw.random()
    if person.rank < 2:
        return "good" if roll < 0.55 else "excellent"
    if roll < 0.02:
        return "not_completed"
    if roll < 0.10:
        return "completed"
    return "good" if roll < 0.70 else "excellent"


def create_ratings(world: World) -> None:
    draw, config = rng(world.config, "ratings"), world.config
    for year in config.rated_years:
        for person in world.people:
            if person.in_post_days(year) < MIN_DAYS_RATED:
                continue
            forms = [form for form, start, _end in world.disciplines.get(person.pk, ()) if start.year == year]
            world.ratings[(person.pk, year)] = _rating(draw, person, forms[0] if forms else None)
    rows = (QualityRating(person_id=pk, year=year, rating=r) for (pk, year), r in world.ratings.items())
    insert(
        QualityRating,
        normalised(rows),
        label="Xếp loại cán bộ",
        total=len(world.ratings),
        stream=world.stream,
    )


def create_unit_ratings(world: World) -> None:
    draw = rng(world.config, "unit ratings")
    for year in world.config.rated_years:
        first, last = D(year, 1, 1), D(year, 12, 31)
        staffed = {
            post.unit.pk
            for person in world.people
            for post in person.posts
            if post.start <= last and (post.end is None or post.end >= first)
        }
        for unit in world.units:
            if unit.pk not in staffed or not unit.in_force(last):
                continue
            roll = draw.random()
            rating = "completed" if roll < UNIT_COMPLETED_SHARE else "good"
            world.unit_ratings[(unit.pk, year)] = "excellent" if roll > 1 - UNIT_EXCELLENT_SHARE else rating
    rows = (UnitQualityRating(unit_id=pk, year=y, rating=r) for (pk, y), r in world.unit_ratings.items())
    insert(
        UnitQualityRating,
        normalised(rows),
        label="Xếp loại tập thể",
        total=len(world.unit_ratings),
        stream=world.stream,
    )


def create_proceedings(world: World) -> None:
    draw, config, rows = rng(world.config, "proceedings"), world.config, []
    for year in config.rated_years:
        staff = _staff(world, D(year, 6, 30))
        for person in draw.sample(staff, max(1, round(len(staff) * CLOSED_REVIEW_SHARE))):
            opened = D(year, draw.randint(1, 10), draw.randint(1, 28))
            closed = min(
                opened + dt.timedelta(days=draw.randint(30, 150)), config.today - dt.timedelta(days=1)
            )
            rows.append(_proceeding(draw, person, opened, closed))
    current = _staff(world, config.today)
    for person in draw.sample(current, max(1, len(world.people) // OPEN_REVIEW_EVERY)):
        rows.append(_proceeding(draw, person, config.today - dt.timedelta(days=draw.randint(3, 60)), None))
    for row in rows:
        world.proceedings.setdefault(row.person_id, []).append((row.opened_on, row.closed_on))
    insert(Proceeding, normalised(rows), label="Việc đang xem xét", total=len(rows), stream=world.stream)


def _proceeding(draw, person, opened: dt.date, closed: dt.date | None) -> Proceeding:
    kind, note = draw.choice(REVIEW_KINDS)
    outcome = "Không phát hiện vi phạm; kết thúc việc xem xét." if closed else ""
    return Proceeding(
        person_id=person.pk, kind=kind, opened_on=opened, closed_on=closed, outcome=outcome, note=note
    )


def create_leaves(world: World) -> None:
    draw, config, rows = rng(world.config, "leaves"), world.config, []
    for year in [*config.rated_years, config.today.year]:
        for person in world.people:
            young = 22 <= year - person.born.year <= 40
            if person.gender != "female" or not young or draw.random() >= MATERNITY_SHARE:
                continue
            start = D(year, draw.randint(1, 12), 1)
            if start > config.today or not person.post_on(start):
                continue
            end = months_later(start, 6) - dt.timedelta(days=1)
            rows.append(Leave(person_id=person.pk, kind="maternity", start=start, end=end))
    insert(Leave, rows, label="Nghỉ thai sản", total=len(rows), stream=world.stream)


def create_unit_heads(world: World) -> None:
    rows = [UnitHead(unit_id=unit.pk, person_id=unit.head.pk) for unit in world.units if unit.head]
    insert(UnitHead, rows, label="Trưởng đơn vị", total=len(rows), stream=world.stream)
