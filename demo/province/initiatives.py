"""The grassroots initiatives (sáng kiến cấp cơ sở) the ledger rests on, as the demo builds them
(demo.awards.recognise_initiatives): each decided year, some staff rated "excellent" author one — more likely
when they had one the year before — sometimes with a colleague of the unit; each is recognised by the
agency's decision of mid-December. This year's are still waiting for recognition."""

from decimal import Decimal

from achievements.models import Initiative, InitiativeAuthor

from .bulk import insert
from .world import D, World, rng

FIRST, AGAIN, CO_AUTHOR = 0.15, 0.5, 0.2
TOPICS = (
    "Số hóa hồ sơ lưu trữ và tra cứu trực tuyến",
    "Quy trình tiếp nhận hồ sơ trực tuyến một cửa",
    "Mẫu báo cáo thống kê tự động bằng bảng tính dùng chung",
    "Sổ tay hướng dẫn thủ tục hành chính cho người dân",
    "Ứng dụng tin nhắn nhắc hạn giải quyết hồ sơ",
    "Đổi mới phương pháp dạy học theo hướng phát triển năng lực",
    "Ngân hàng câu hỏi kiểm tra trực tuyến dùng chung",
    "Quy trình phân luồng người bệnh tại khu khám bệnh",
    "Bảng theo dõi điện tử lịch trực và điều động nhân lực",
    "Bản đồ số theo dõi điểm ô nhiễm môi trường",
    "Giải pháp tiết kiệm điện năng tại trụ sở cơ quan",
    "Cơ sở dữ liệu theo dõi thi đua, khen thưởng của đơn vị",
    "Mô hình dân vận khéo trong tuyên truyền chính sách",
    "Quy trình kiểm tra chéo hồ sơ trước khi trình ký",
)


def create_initiatives(world: World, years: list[int]) -> dict:
    """(person id, year) → her authorships of the year's recognised initiatives (saved, award not yet set)."""
    draw = rng(world.config, "initiatives")
    initiatives, authors, last = [], [], set()
    for year in years:
        members = _members_of_year(world, year)
        authors_of_year = set()
        for person in world.people:
            if world.ratings.get((person.pk, year)) != "excellent":
                continue
            if draw.random() >= (AGAIN if person.pk in last else FIRST):
                continue
            unit = person.last_post_of(year).unit
            team = [person, *_co_author(draw, members.get(unit.pk, []), person)]
            initiatives.append(_initiative(world, draw, unit, year, recognised=True))
            authors.append(team)
            authors_of_year.update(p.pk for p in team)
        last = authors_of_year
    _add_unrecognised(world, draw, initiatives, authors)
    return _save(world, initiatives, authors)


def _members_of_year(world: World, year: int) -> dict:
    members = {}
    for person in world.people:
        post = person.last_post_of(year)
        if post is not None and (person.pk, year) in world.ratings:
            members.setdefault(post.unit.pk, []).append(person)
    return members


def _co_author(draw, colleagues: list, author) -> list:
    if len(colleagues) < 2 or draw.random() >= CO_AUTHOR:
        return []
    other = draw.choice(colleagues)
    return [] if other is author else [other]


def _initiative(world: World, draw, unit, year: int, *, recognised: bool) -> Initiative:
    agency = unit.plan.agency
    movement = world.movements.get((agency.pk, year))
    decision = world.documents.get((agency.pk, year, "initiatives"), (None, "—"))[1]
    initiative = Initiative(
        agency=agency,
        unit=unit.unit,
        movement_id=movement,
        kind=draw.choice(("sang-kien", "sang-kien", "giai-phap")),
        title=f"{draw.choice(TOPICS)} tại {unit.unit.name}",
        year=year,
        summary="Mô tả giải pháp, các bước thực hiện và điều kiện áp dụng tại đơn vị.",
        effect=f"Rút ngắn khoảng {draw.randint(10, 40)}% thời gian xử lý công việc; áp dụng từ năm {year}.",
        scope=unit.unit.name,
    )
    if recognised:
        initiative.recognition_level, initiative.recognised_on = "co-so", D(year, 12, 15)
        initiative.recognised_by = f"Quyết định số {decision}"
    initiative.normalise()
    return initiative


def _add_unrecognised(world: World, draw, initiatives: list, authors: list) -> None:
    """This year's: proposed, not recognised yet (a few per department)."""
    year = world.config.today.year
    for plan in world.in_force(world.config.today):
        staff = [p for p in world.people if p.posts[-1].unit.plan is plan and p.posts[-1].end is None]
        for person in draw.sample(staff, min(len(staff), 3)):
            initiatives.append(_initiative(world, draw, person.posts[-1].unit, year, recognised=False))
            authors.append([person])


def _save(world: World, initiatives: list, authors: list) -> dict:
    insert(Initiative, initiatives, label="Sáng kiến", total=len(initiatives), stream=world.stream, keep=True)
    rows = []
    for initiative, team in zip(initiatives, authors, strict=True):
        shares = [Decimal("100")] if len(team) == 1 else [Decimal("60"), Decimal("40")]
        rows += [
            InitiativeAuthor(initiative=initiative, person_id=p.pk, share=s)
            for p, s in zip(team, shares, strict=True)
        ]
    insert(InitiativeAuthor, rows, label="Tác giả sáng kiến", total=len(rows), stream=world.stream, keep=True)
    found = {}
    for row in rows:
        if row.initiative.recognition_level:
            found.setdefault((row.person_id, row.initiative.year), []).append(row)
    return found
