"""Stage: the documents — about `--documents` of them over the years, more in recent years, shared among the
departments by size.

Each year every department issues its plan launching the year's movement (Kế hoạch phát động phong trào thi
đua), its decision recognising the grassroots initiatives (15/12), its year-end report on emulation and
awards (20/12) and, on 20 January, the decision awarding the titles of the year before — a decision of the
years before thidua, registered in the agency's incoming register as decisions.domain.registering registers
one (the ledger stage writes its decisions.Decision, lines and ledger rows). The others: 88 % outgoing —
numbered within (agency, series "outgoing", year) in the order of their dates, as
documents.domain.issue_document numbers them, with the frozen header, signed by the director (or "KT." by a
deputy, "TL." by the head of the Văn phòng); the last weeks' partly still drafts, submitted, returned or
signed off without a number — and 12 % incoming, registered with the year's arrival numbers. The number
sequences are set to the last numbers used. Every row gets its folded search text from Document.normalise();
the full-text index follows by itself (PostgreSQL: a generated column; SQLite: the FTS triggers).
"""

import datetime as dt
from dataclasses import dataclass

from documents.kinds import ensure_kinds
from documents.models import Document, DocumentKind, NumberSequence

from . import wording
from .bulk import insert
from .world import MERGER_DAY, D, World, rng

INCOMING_SHARE, RECENT_DAYS, UNISSUED_SHARE = 0.12, 45, 0.35
UNISSUED = (("draft", 40), ("submitted", 25), ("returned", 10), ("approved", 25))
ISSUED = (("issued", 94), ("published", 5), ("revoked", 1))
SENDERS = (
    ("UBND tỉnh Vĩnh Long", "KH-UBND"),
    ("UBND tỉnh Vĩnh Long", "UBND-VX"),
    ("Ban Thi đua - Khen thưởng tỉnh Vĩnh Long", "BTĐKT-NV"),
    ("Bộ Nội vụ", "BNV-TĐKT"),
    ("Sở Tài chính tỉnh Vĩnh Long", "STC-QLNS"),
    ("Sở Nội vụ tỉnh Vĩnh Long", "SNV-CCVC"),
)
SIGNERS_ELSEWHERE = (
    ("CHỦ TỊCH", "Trương Văn Thái"),
    ("PHÓ CHỦ TỊCH", "Võ Thị Mỹ Hạnh"),
    ("GIÁM ĐỐC", "Huỳnh Minh Trí"),
    ("TRƯỞNG BAN", "Lê Thị Hồng Nhung"),
)  # invented
REGISTERED = {"awards"}  # the agency's own decisions of before thidua, registered as incoming ones
INCOMING_KINDS = ("cong_van", "ke_hoach", "quyet_dinh", "thong_bao", "huong_dan")
SPECIAL = {  # purpose → (kind, subject)
    "plan": ("ke_hoach", "Phát động phong trào thi đua năm {year}"),
    "initiatives": ("quyet_dinh", "Về việc công nhận sáng kiến cấp cơ sở năm {year}"),
    "review": ("bao_cao", "Tổng kết công tác thi đua, khen thưởng năm {year}"),
    "awards": ("quyet_dinh", "Về việc tặng danh hiệu Lao động tiên tiến, Chiến sĩ thi đua cơ sở năm {year}"),
}


@dataclass(slots=True, eq=False)
class Draft:
    plan: object  # AgencyPlan
    kind: str
    day: dt.date  # issued (outgoing), arrived (incoming), last changed (unissued)
    direction: str = "outgoing"
    status: str = "issued"
    purpose: str = ""
    year: int = 0  # the year the purpose concerns
    number: int | None = None
    rare: bool = False


def create_documents(world: World, award_years: list[int]) -> None:
    draw = rng(world.config, "documents")
    ensure_kinds()
    kinds = {kind.code: kind for kind in DocumentKind.objects.all()}
    drafts = special_drafts(world, draw, award_years)
    drafts += random_drafts(world, draw, max(world.config.documents - len(drafts), 0))
    for index in rare_documents(draw, len(drafts), world.config.documents):
        drafts[index].rare = True
    number(drafts)
    signers, drafters = _signers(world), _drafting_units(world)
    rows = (_row(world, draw, d, kinds, signers, drafters) for d in drafts)
    insert(
        Document,
        rows,
        label="Văn bản",
        total=len(drafts),
        stream=world.stream,
        saved=lambda chunk: _remember(world, chunk),
        build_ahead=True,
    )
    _sequences(drafts)
    for draft, paper in zip(drafts, world.papers, strict=True):
        if draft.purpose:
            world.documents[(draft.plan.pk, draft.year, draft.purpose)] = (paper[0], paper[5])


def rare_documents(draw, available: int, wanted: int) -> list[int]:
    """The documents holding wording.RARE_TERM: max(1, --documents // 1000) of them."""
    return draw.sample(range(available), min(available, max(1, wanted // 1000)))


def special_drafts(world: World, draw, award_years: list[int]) -> list[Draft]:
    config, found = world.config, []
    dates = [("plan", y, D(y, 1, draw.randint(10, 25))) for y in [*config.rated_years, config.today.year]]
    dates += [("review", y, D(y, 12, 20)) for y in config.rated_years]
    dates += [("initiatives", y, D(y, 12, 15)) for y in award_years]
    dates += [("awards", y, D(y + 1, 1, 20)) for y in award_years]
    for purpose, year, day in dates:
        if day > config.today:
            continue
        for plan in world.in_force(day):
            if purpose in REGISTERED:
                found.append(Draft(plan, SPECIAL[purpose][0], day, "incoming", "registered", purpose, year))
            else:
                found.append(Draft(plan, SPECIAL[purpose][0], day, purpose=purpose, year=year))
    return found


def random_drafts(world: World, draw, count: int) -> list[Draft]:
    config = world.config
    years = [*config.rated_years, config.today.year]
    year_weights = [1 + 0.15 * i for i in range(len(years))]
    choices = {when: world.in_force(when) for when in (MERGER_DAY - dt.timedelta(days=1), MERGER_DAY)}
    kinds, kind_weights = list(wording.KIND_WEIGHTS), list(wording.KIND_WEIGHTS.values())
    found = []
    for year in draw.choices(years, weights=year_weights, k=count):
        last = min(D(year, 12, 31), config.today)
        day = D(year, 1, 1) + dt.timedelta(days=draw.randrange((last - D(year, 1, 1)).days + 1))
        plans = choices[MERGER_DAY if day >= MERGER_DAY else MERGER_DAY - dt.timedelta(days=1)]
        plan = draw.choices(plans, weights=[p.weight for p in plans])[0]
        found.append(_random_draft(draw, plan, day, config.today, kinds, kind_weights))
    return found


def _random_draft(draw, plan, day: dt.date, today: dt.date, kinds: list, weights: list) -> Draft:
    if draw.random() < INCOMING_SHARE:
        return Draft(plan, draw.choice(INCOMING_KINDS), day, "incoming", "registered")
    kind = draw.choices(kinds, weights=weights)[0]
    if (today - day).days < RECENT_DAYS and draw.random() < UNISSUED_SHARE:
        return Draft(plan, kind, day, status=_pick(draw, UNISSUED))
    return Draft(plan, kind, day, status=_pick(draw, ISSUED))


def _pick(draw, table) -> str:
    return draw.choices([name for name, _w in table], weights=[w for _n, w in table])[0]


def number(drafts: list[Draft]) -> None:
    """Outgoing numbers within (agency, year) and arrival numbers of incoming ones, in date order."""
    last = {}
    for index in sorted(range(len(drafts)), key=lambda i: (drafts[i].day, i)):
        draft = drafts[index]
        if draft.direction == "outgoing" and draft.status in ("draft", "submitted", "returned", "approved"):
            continue
        key = (draft.plan.pk, draft.day.year, draft.direction)
        last[key] = draft.number = last.get(key, 0) + 1


def _sequences(drafts: list[Draft]) -> None:
    last = {}
    for draft in drafts:
        if draft.number is not None:
            key = (draft.plan.pk, draft.day.year, draft.direction)
            last[key] = max(last.get(key, 0), draft.number)
    rows = [NumberSequence(agency_id=a, year=y, series=s, last_number=n) for (a, y, s), n in last.items()]
    NumberSequence.objects.bulk_create(rows, batch_size=5_000)


def _signers(world: World) -> dict:
    """Agency id → [(person, position, authority, start, end)]: its leaders and the head of its Văn phòng."""
    found = {}
    for person in world.people:
        for post in person.posts:
            staffing = post.unit.spec.staffing
            if (
                person.rank > 1
                or staffing not in ("leadership", "office")
                or (staffing == "office" and person.rank)
            ):
                continue
            authority = "TL." if staffing == "office" else "KT." if person.rank else ""
            found.setdefault(post.unit.plan.pk, []).append(
                (person, post.position, authority, post.start, post.end)
            )
    return found


def _signer(draw, signers: list, day: dt.date):
    present = [s for s in signers if s[3] <= day and (s[4] is None or s[4] >= day)] or signers
    return draw.choice(present) if present else None


def _drafting_units(world: World) -> dict:
    """Agency id → (its Văn phòng, its top units other than the Ban Giám đốc): who drafts documents."""
    found = {}
    for plan in world.all_agencies:
        units = [u for u in plan.units if u.parent is None and u.spec.staffing != "leadership"] or plan.units
        found[plan.pk] = (next((u for u in units if u.spec.staffing == "office"), None), units)
    return found


def _drafting_unit(draw, drafters: tuple):
    office, units = drafters
    return office if office and draw.random() < 0.5 else draw.choice(units)


def _row(world: World, draw, draft: Draft, kinds: dict, signers: dict, drafters: dict) -> Document:
    plan, unit = draft.plan, _drafting_unit(draw, drafters[draft.plan.pk])
    agency, kind = plan.agency, kinds[draft.kind]
    ctx = wording.context(
        draw,
        agency=agency.name,
        profile=plan.spec.profile,
        year=draft.year or draft.day.year,
        unit=unit.unit.name,
    )
    subject = (
        SPECIAL[draft.purpose][1].format(**ctx) if draft.purpose else wording.subject(draw, draft.kind, ctx)
    )
    row = Document(
        agency=agency,
        direction=draft.direction,
        kind=kind,
        status=draft.status,
        subject=subject,
        body=wording.body(draw, draft.kind, ctx, rare=draft.rare),
        addressees=wording.addressees(draw, draft.kind),
    )
    if draft.purpose in REGISTERED:
        _registered(row, draft, signers.get(plan.pk, []))
    elif draft.direction == "incoming":
        _incoming(draw, row, draft)
    else:
        _outgoing(draw, row, draft, unit, _signer(draw, signers.get(plan.pk, []), draft.day))
    row.normalise()
    row.generated_on = draft.day  # not a field: the day the later stages date the document's events by
    return row


def _incoming(draw, row: Document, draft: Draft) -> None:
    sender, notation = draw.choice(SENDERS)
    row.series, row.year, row.arrival_number, row.arrival_date = (
        "incoming",
        draft.day.year,
        draft.number,
        draft.day,
    )
    row.sender_name, row.notation, row.number = sender, notation, draw.randint(1, 450)
    row.issued_on = draft.day - dt.timedelta(days=draw.randint(1, 6))
    row.signer_position, row.signer_name = draw.choice(SIGNERS_ELSEWHERE)


def _registered(row: Document, draft: Draft, signers: list) -> None:
    """The agency's own decision of 20 January, registered on its day: its number as the agency's outgoing
    numbers of the year ran by then (about six in five days), signed by the director in post."""
    agency = draft.plan.agency
    row.series, row.year, row.arrival_number = "incoming", draft.day.year, draft.number
    row.arrival_date = draft.day
    row.sender_name, row.notation, row.issued_on = agency.name, f"QĐ-{agency.symbol}", draft.day
    row.number = draft.day.timetuple().tm_yday * 6 // 5 + agency.pk % 9
    present = [s for s in signers if not s[2] and s[3] <= draft.day and (s[4] is None or s[4] >= draft.day)]
    row.signer_position, row.signer_name = "GIÁM ĐỐC", present[0][0].name if present else ""


def _outgoing(draw, row: Document, draft: Draft, unit, signer) -> None:
    row.drafting_unit, row.archive_note, row.recipients = (
        unit.unit,
        unit.unit.symbol,
        wording.recipients(draw),
    )
    if signer is not None:
        person, position, authority, _start, _end = signer
        row.signer_id, row.signer_name, row.signer_position = person.pk, person.name, position.upper()
        row.signing_authority, row.authority_title = authority, "GIÁM ĐỐC" if authority else ""
    if draft.status == "returned":
        row.return_reason = "Đề nghị bổ sung số liệu và rà soát lại thể thức văn bản trước khi trình ký."
    if draft.number is None:
        return
    agency = draft.plan.agency
    kind = row.kind
    row.notation = (
        f"{agency.symbol}-{unit.unit.symbol}" if kind.is_dispatch else f"{kind.abbreviation}-{agency.symbol}"
    )
    row.series, row.number, row.year, row.issued_on = "outgoing", draft.number, draft.day.year, draft.day
    row.superior_name = (agency.parent.short_name or agency.parent.name).upper() if agency.parent else ""
    row.issuer_name, row.place_name = (agency.short_name or agency.name).upper(), agency.place_name


def _remember(world: World, chunk: list) -> None:
    """What the later stages need of each document, without its body."""
    for doc in chunk:
        world.papers.append(
            (
                doc.pk,
                doc.agency_id,
                doc.direction,
                doc.status,
                doc.generated_on,
                doc.reference,
                doc.subject,
                doc.drafting_unit_id,
            )
        )
