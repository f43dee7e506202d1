"""Stage: sending documents to units and people (dissemination) — for about 1.5 % of the documents issued
these last two years, each sent to one to four units of its department: the head of each unit receives it
(via the unit) and mostly forwards it to the unit's staff, who mostly confirm they read it (and, where asked,
that they implemented it); the newest are still waiting. The unit of `unithead-1` and `staff-1` receives the
department's ten newest of them, so that their "Việc cần làm" lists are not empty."""

import datetime as dt

from dissemination.models import Dissemination, Receipt

from .bulk import insert, normalised
from .emulation import moment
from .world import World, rng

SHARE, FOCUS_DOCUMENTS = 0.015, 10
READ, FORWARDED, IMPLEMENTED = 0.85, 0.7, 0.7


def create_dissemination(world: World) -> None:
    draw, today = rng(world.config, "dissemination"), world.config.today
    since = today - dt.timedelta(days=730)
    issued = [
        p for p in world.papers if p[2] == "outgoing" and p[3] in ("issued", "published") and p[4] >= since
    ]
    chosen = sorted(draw.sample(issued, min(len(issued), max(1, round(world.config.documents * SHARE)))))
    focus = world.focus_unit
    newest = {
        p[0]
        for p in sorted((p for p in chosen if p[1] == focus.plan.pk), key=lambda p: p[4])[-FOCUS_DOCUMENTS:]
    }
    sendings = [(p, _units(world, draw, p, focus if p[0] in newest else None)) for p in chosen]
    rows = [_dissemination(draw, paper) for paper, _units_ in sendings]
    insert(Dissemination, rows, label="Triển khai văn bản", total=len(rows), stream=world.stream)
    heads, staff, posts = [], [], _posts_by_unit(world)
    for row, (paper, units) in zip(rows, sendings, strict=True):
        for unit in units:
            head, forwarded = _head_receipt(draw, world, row, paper, unit, posts.get(unit, []))
            heads.append(head)
            staff += forwarded
    insert(
        Receipt, normalised(heads), label="Văn bản đến trưởng đơn vị", total=len(heads), stream=world.stream
    )
    insert(Receipt, normalised(staff), label="Văn bản chuyển cán bộ", total=len(staff), stream=world.stream)
    holders = {account.person_id for account in world.accounts.values()}
    for receipt in heads + staff:
        if receipt.person_id in holders:
            paper = receipt.paper
            world.received.setdefault(receipt.person_id, []).append((paper[0], paper[5], paper[4]))


def _posts_by_unit(world: World) -> dict:
    found = {}
    for person in world.people:
        for post in person.posts:
            found.setdefault(post.unit, []).append((person, post))
    return found


def _units(world: World, draw, paper, focus) -> list:
    day = paper[4]
    units = [u for u in world.units if u.plan.pk == paper[1] and u.head and u.in_force(day)]
    chosen = draw.sample(units, min(len(units), draw.randint(1, 4)))
    if focus is not None and focus not in chosen:
        chosen.append(focus)
    return chosen


def _dissemination(draw, paper) -> Dissemination:
    day = paper[4] + dt.timedelta(days=draw.randint(0, 3))
    row = Dissemination(
        document_id=paper[0],
        created_at=moment(day),
        due_date=day + dt.timedelta(days=draw.randint(7, 20)),
        requires_implementation=draw.random() < 0.3,
        note="Đề nghị các đơn vị triển khai đến toàn thể công chức, viên chức và người lao động.",
    )
    row.normalise()
    return row


def _state(draw, receipt: Receipt, day: dt.date, today: dt.date, requires: bool) -> None:
    """Read (and implemented, where asked) some days later, unless that is still to come."""
    read_on = day + dt.timedelta(days=draw.randint(0, 6))
    if read_on >= today or draw.random() >= READ:
        return
    receipt.read_at = moment(read_on, 10)
    if requires and draw.random() < IMPLEMENTED:
        receipt.implemented_at = moment(min(read_on + dt.timedelta(days=5), today - dt.timedelta(days=1)), 16)
        receipt.implementation_note = "Đã triển khai đến toàn thể công chức, viên chức của đơn vị."


def _head_receipt(draw, world: World, row: Dissemination, paper, unit, posts: list) -> tuple:
    today, day = world.config.today, row.created_at.date()
    head = Receipt(dissemination=row, person_id=unit.head.pk, via_unit=unit.unit, created_at=row.created_at)
    head.paper = paper
    _state(draw, head, day, today, row.requires_implementation)
    if head.read_at is None or draw.random() >= FORWARDED:
        return head, []
    head.forwarded_at = head.read_at
    seen, forwarded = {unit.head.pk}, []
    for person, post in posts:
        if post.start > day or (post.end is not None and post.end < day) or person.pk in seen:
            continue
        seen.add(person.pk)
        receipt = Receipt(
            dissemination=row,
            person_id=person.pk,
            via_unit=unit.unit,
            forwarded_from=head,
            created_at=head.forwarded_at,
        )
        receipt.paper = paper
        _state(draw, receipt, head.forwarded_at.date(), today, row.requires_implementation)
        forwarded.append(receipt)
    return head, forwarded
