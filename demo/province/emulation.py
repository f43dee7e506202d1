"""Stage: the emulation work — movements, registration rounds with the units' registrations and their titles,
reviews with unit reports, and exemplary models.

Every department in force in January holds its movement of the year (launched by its plan of the year, closed
with its year-end report) and the province's; the current ones also take part in three long-running movements.
Registration rounds exist for the last three years (the years the province has kept them in thidua): every
unit in force during the year registers its collective title(s) and the titles of each member in post that
day — past rounds approved, this year's in every state, as in the demo (demo.movements: its pledges and
reasons). Each closed year has a final review (tổng kết), this year an interim one (sơ kết), two in five
units reporting for the last years.
"""

import datetime as dt

from django.utils import timezone

from achievements.models import ExemplaryModel
from awards.catalogue import ensure_catalogue
from awards.models import Award
from demo.movements import CURRENT_STATES, PERSON_PLEDGES, RETURN_REASONS, UNIT_PLEDGES
from movements.models import (
    DocumentRole,
    Movement,
    MovementDocument,
    Registration,
    RegistrationEntry,
    RegistrationRound,
    Review,
    UnitReport,
)

from .bulk import insert
from .places import PROVINCE_NAME
from .world import D, World, rng

REGISTRATION_YEARS, REPORTING_SHARE, AIMING_HIGHER = 3, 0.4, 0.35
LONG_RUNNING = (
    (
        "Cả nước chung tay vì người nghèo, không để ai bị bỏ lại phía sau",
        "national",
        "thematic",
        "Thủ tướng Chính phủ",
        D(2016, 9, 5),
    ),
    (
        "Toàn dân đoàn kết xây dựng đời sống văn hóa",
        "central",
        "regular",
        "Ban Chỉ đạo Trung ương phong trào (Ủy ban Trung ương MTTQ Việt Nam)",
        D(2000, 1, 1),
    ),
    (
        f"Cán bộ, công chức, viên chức {PROVINCE_NAME} thi đua thực hiện văn hóa công sở",
        "province",
        "thematic",
        f"Chủ tịch UBND {PROVINCE_NAME}",
        D(2019, 1, 1),
    ),
)
RESULTS = (
    "Hoàn thành 100% nhiệm vụ được giao đúng tiến độ; {count} hồ sơ được giải quyết, {share}% đúng hạn.",
    "Tổ chức {times} đợt tuyên truyền phong trào thi đua; 100% công chức, viên chức đăng ký danh hiệu "
    "thi đua.",
    "Đề xuất {times} sáng kiến cải tiến quy trình làm việc; không có cán bộ vi phạm kỷ luật.",
)


def moment(day: dt.date, hour: int = 9):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def create_emulation(world: World) -> None:
    ensure_catalogue()
    draw = rng(world.config, "emulation")
    yearly = create_movements(world)
    rounds = create_rounds(world, yearly)
    create_registrations(world, draw, rounds)
    create_reviews(world, draw, yearly)
    create_models(world, draw)


def _year_movement(world: World, plan, year: int, *, province: bool) -> Movement:
    agency, current = plan.agency, year == world.config.today.year
    name = f"Phong trào thi đua năm {year} của {PROVINCE_NAME if province else agency.name}"
    movement = Movement(
        agency=agency,
        name=name,
        kind="regular",
        level="province" if province else "agency",
        launched_by=f"Chủ tịch UBND {PROVINCE_NAME}" if province else f"Giám đốc {agency.name}",
        launched_on=D(year, 1, 8 if province else 20),
        period_start=D(year, 1, 1),
        period_end=D(year, 12, 31),
        theme=f"Đoàn kết, kỷ cương, đổi mới, sáng tạo, hoàn thành xuất sắc nhiệm vụ năm {year}",
        takes_registrations=not province,
        status="in_progress" if current else "closed",
    )
    movement.normalise()
    return movement


def create_movements(world: World) -> dict:
    """(agency id, year) → the department's own movement of the year; the others saved beside them."""
    config, own, rows = world.config, {}, []
    for year in [*config.rated_years, config.today.year]:
        for plan in world.in_force(min(D(year, 1, 15), config.today)):
            own[(plan.pk, year)] = _year_movement(world, plan, year, province=False)
            rows += [own[(plan.pk, year)], _year_movement(world, plan, year, province=True)]
    for plan in world.all_agencies:
        for name, level, kind, launcher, start in LONG_RUNNING:
            status = "closed" if plan.predecessor else "in_progress"
            row = Movement(
                agency=plan.agency,
                name=name,
                level=level,
                kind=kind,
                launched_by=launcher,
                launched_on=start,
                period_start=start,
                status=status,
                takes_registrations=False,
            )
            row.normalise()
            rows.append(row)
    insert(Movement, rows, label="Phong trào thi đua", total=len(rows), stream=world.stream)
    links = []
    for (agency_id, year), movement in own.items():
        world.movements[(agency_id, year)] = movement.pk
        for purpose, role in (("plan", DocumentRole.LAUNCHING), ("review", DocumentRole.REVIEW)):
            document = world.documents.get((agency_id, year, purpose))
            if document:
                links.append(MovementDocument(movement=movement, document_id=document[0], role=role))
    insert(MovementDocument, links, label="Văn bản của phong trào", total=len(links), stream=world.stream)
    return own


def create_rounds(world: World, yearly: dict) -> list:
    today, rows = world.config.today, []
    for (_agency_id, year), movement in yearly.items():
        if year <= today.year - REGISTRATION_YEARS:
            continue
        opens = min(D(year, 1, 20), today)
        deadline = today + dt.timedelta(days=14) if year == today.year else D(year, 3, 15)
        note = f"Các đơn vị đăng ký danh hiệu thi đua năm {year} của tập thể và cá nhân."
        rows.append(
            RegistrationRound(movement=movement, year=year, opens_on=opens, deadline=deadline, note=note)
        )
    insert(RegistrationRound, rows, label="Đợt đăng ký thi đua", total=len(rows), stream=world.stream)
    return rows


def _round_units(world: World, round_: RegistrationRound) -> list:
    first, last = D(round_.year, 1, 1), D(round_.year, 12, 31)
    units = [u for u in world.units if u.plan.pk == round_.movement.agency_id]
    return [u for u in units if (u.unit.valid_from or first) <= last and (u.unit.valid_to or last) >= first]


def _staff_on(world: World, day: dt.date) -> dict:
    """Unit id → the people whose primary post is there on `day`."""
    found = {}
    for person in world.people:
        post = person.post_on(day)
        if post is not None:
            found.setdefault(post.unit.pk, []).append(person)
    return found


def create_registrations(world: World, draw, rounds: list) -> None:
    awards = {award.code: award for award in Award.objects.all()}
    registrations, entries = [], []
    for round_ in rounds:
        current = round_.year == world.config.today.year
        day = min(round_.opens_on + dt.timedelta(days=10), world.config.today)
        staff = _staff_on(world, day)
        for index, unit in enumerate(_round_units(world, round_)):
            state = CURRENT_STATES[index % len(CURRENT_STATES)] if current else "approved"
            registration = _registration(draw, round_, unit, state, day)
            registrations.append(registration)
            entries += _entries(draw, awards, registration, unit, staff.get(unit.pk, []))
    insert(
        Registration,
        registrations,
        label="Bản đăng ký thi đua",
        total=len(registrations),
        stream=world.stream,
    )
    insert(RegistrationEntry, entries, label="Danh hiệu đăng ký", total=len(entries), stream=world.stream)


def _registration(draw, round_, unit, state: str, day: dt.date) -> Registration:
    row = Registration(
        round=round_, unit=unit.unit, status=state, pledges="\n".join(draw.sample(UNIT_PLEDGES, 2))
    )
    if state != "draft":
        row.submitted_at = moment(day)
    if state in ("approved", "returned"):
        row.reviewed_at = moment(min(day + dt.timedelta(days=3), round_.deadline))
    if state == "returned":
        row.return_reason = draw.choice(RETURN_REASONS)
    row.normalise()
    return row


def _entries(draw, awards: dict, registration, unit, people: list) -> list:
    """The unit's Tập thể lao động tiên tiến (one in five aiming at Tập thể lao động xuất sắc too), and each
    member's Lao động tiên tiến (one in three aiming at Chiến sĩ thi đua cơ sở too)."""
    wanted = []
    if unit.spec.staffing != "leadership":
        wanted.append((None, "tap-the-lao-dong-tien-tien", ""))
        if draw.random() < 0.2:
            wanted.append((None, "tap-the-lao-dong-xuat-sac", ""))
    for person in people:
        wanted.append((person.pk, "lao-dong-tien-tien", draw.choice(PERSON_PLEDGES)))
        if draw.random() < AIMING_HIGHER:
            wanted.append((person.pk, "chien-si-thi-dua-co-so", "Có sáng kiến được công nhận cấp cơ sở."))
    found = []
    for person_id, code, pledges in wanted:
        entry = RegistrationEntry(
            registration=registration, award=awards[code], person_id=person_id, pledges=pledges
        )
        entry.normalise()
        found.append(entry)
    return found


def create_reviews(world: World, draw, yearly: dict) -> None:
    today, reviews, reports = world.config.today, [], []
    for (agency_id, year), movement in yearly.items():
        interim = year == today.year
        title = f"Sơ kết 6 tháng đầu năm {year}" if interim else f"Tổng kết phong trào thi đua năm {year}"
        summary = world.documents.get((agency_id, year, "review"))
        review = Review(
            movement=movement,
            kind="interim" if interim else "final",
            title=title,
            reports_due=D(year, 7, 10) if interim else D(year, 12, 10),
            summary_document_id=summary[0] if summary else None,
        )
        review.normalise()
        reviews.append(review)
        if year > today.year - REGISTRATION_YEARS + 1:
            units = [u for u in world.units if u.plan.pk == agency_id and u.in_force(review.reports_due)]
            for unit in draw.sample(units, round(len(units) * REPORTING_SHARE)):
                reports.append((review, unit))
    insert(Review, reviews, label="Sơ kết, tổng kết", total=len(reviews), stream=world.stream)
    rows = [_report(draw, review, unit) for review, unit in reports]
    insert(UnitReport, rows, label="Báo cáo của đơn vị", total=len(rows), stream=world.stream)


def _report(draw, review, unit) -> UnitReport:
    share = f"{draw.randint(950, 1000) / 10:.1f}".replace(".", ",")
    text = draw.choice(RESULTS).format(count=draw.randint(50, 3000), share=share, times=draw.randint(1, 4))
    row = UnitReport(review=review, unit=unit.unit, results=text)
    row.normalise()
    return row


def create_models(world: World, draw) -> None:
    """Two exemplary models or new factors per current department for each of the last three years."""
    rows, people = [], []
    for plan in world.agencies:
        staff = [p for p in world.people if p.posts[-1].unit.plan is plan and p.posts[-1].end is None]
        for year in range(world.config.today.year - 2, world.config.today.year + 1):
            for kind in ("dien-hinh", "mo-hinh-moi"):
                chosen = draw.sample(staff, min(len(staff), 2))
                title = f"{'Điển hình' if kind == 'dien-hinh' else 'Mô hình'} tiên tiến năm {year}: " + (
                    ", ".join(p.name for p in chosen) or plan.agency.name
                )
                model = ExemplaryModel(
                    agency=plan.agency,
                    kind=kind,
                    title=title,
                    year=year,
                    story=f"Gương điển hình trong phong trào thi đua năm {year} của {plan.agency.name}.",
                )
                model.normalise()
                rows.append(model)
                people.append(chosen)
    insert(ExemplaryModel, rows, label="Điển hình tiên tiến", total=len(rows), stream=world.stream)
    through = ExemplaryModel.people.through
    links = [
        through(exemplarymodel_id=m.pk, person_id=p.pk)
        for m, chosen in zip(rows, people, strict=True)
        for p in chosen
    ]
    through.objects.bulk_create(links, batch_size=5_000)
