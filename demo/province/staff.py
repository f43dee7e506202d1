"""Stage 2: the people and their posts over the years.

Per department (the merged Departments as one pool): each unit's head and deputies, in post since before the
history starts and staying; then the other staff spread over the units by their usual size — 85 % in post when
the history starts, 15 % recruited since; about one in ten leaves before today, one in five is moved once to
another unit (one in twenty twice). The merged Departments' staff hold their last post until the day before
the merger and continue in the successor unit from 01/03/2025 (people.domain.continue_after_merger's rule);
they all belong to the successor since, as the merger leaves them. Names, genders, birth dates and e-mail
addresses follow the demo's tables (demo.build.identity).
"""

import datetime as dt
from itertools import accumulate

from demo.build import identity
from lib.vntext import fold
from people.models import Assignment, Person

from .activity_rows import log_people
from .bulk import insert, normalised
from .catalogue import BIRTH_YEARS, DEFAULT_FEMALE_SHARE, FEMALE_SHARE, POST_CATEGORY, STAFFING
from .world import LAST_DAY_BEFORE_MERGER, MERGER_DAY, D, PersonPlan, Post, World, rng

RECRUITED, LEAVING, MOVED_ONCE, MOVED_TWICE = 0.15, 0.10, 0.22, 0.06
MOVE_NOTES = ("Điều động", "Luân chuyển", "Điều động theo nhu cầu công tác")
MERGER_NOTE = "Tiếp tục công tác sau sắp xếp, hợp nhất cơ quan"


class Pool:
    """The units a department's people may be placed in on a day: the merged Departments' before the merger,
    the successor's after it — drawn by their usual size."""

    def __init__(self, before: list, after: list | None = None):
        self.before, self.after = before, after
        self.weights = {id(units): _cumulative(units) for units in (before, after) if units}

    def units(self, day: dt.date) -> list:
        if self.after is not None and day >= MERGER_DAY:
            return self.after
        return self.before

    def choose(self, draw, day: dt.date, avoid=None):
        """A unit in force on `day`, by size; another than `avoid` where there is one."""
        units = self.units(day)
        for _attempt in range(20):
            unit = draw.choices(units, cum_weights=self.weights[id(units)])[0]
            if unit is not avoid or len(units) == 1:
                return unit
        return next((u for u in units if u is not avoid), units[0])


def _cumulative(units: list) -> list:
    weights = [STAFFING[u.spec.staffing].weight for u in units]
    if not any(weights):
        weights = [1] * len(units)
    return list(accumulate(weights))

    def homes(self) -> list:
        return sorted({u.plan.pk: u.plan for u in self.before}.values(), key=lambda plan: plan.pk)


def pools(world: World) -> list[tuple[Pool, float]]:
    """(pool, share of the people) per department, the merged Departments as one pool."""
    found = []
    for plan in world.agencies:
        if plan.units:
            found.append((Pool(plan.units), plan.weight))
        else:  # the successor: its people come from the Departments it continues
            before = [unit for p in world.predecessors for unit in p.units]
            found.append((Pool(before, plan.units), plan.weight))
    return found


def create_staff(world: World) -> None:
    draw, config = rng(world.config, "staff"), world.config
    pool_shares = pools(world)
    sizes = [round(config.people * share) for _pool, share in pool_shares]
    sizes[0] += config.people - sum(sizes)
    for (pool, _share), size in zip(pool_shares, sizes, strict=True):
        leaders = _leaders(world, draw, pool)
        staff = [_staff_member(world, draw, pool) for _ in range(max(size - len(leaders), 0))]
        world.people.extend(leaders + staff)
    _continue_after_merger(world)
    save_people(world, draw)


def _leaders(world: World, draw, pool: Pool) -> list[PersonPlan]:
    found = []
    for unit in pool.before:
        staffing = STAFFING[unit.spec.staffing]
        deputies = draw.randint(*staffing.deputies)
        for rank, position in [(0, staffing.head)] + [(1, staffing.deputy)] * deputies:
            person = _new_person(world, draw, unit, position, rank, recruit=False)
            unit.head = unit.head or person
            found.append(person)
    return found


def _staff_member(world: World, draw, pool: Pool) -> PersonPlan:
    recruit = draw.random() < RECRUITED
    hired = (
        _day_between(draw, world.config.start, world.config.today - dt.timedelta(days=30))
        if recruit
        else None
    )
    unit = pool.choose(draw, hired or world.config.start)
    person = _new_person(world, draw, unit, _position(draw, unit), 2, recruit=recruit, hired=hired)
    _move_and_leave(world, draw, pool, person)
    return person


def _position(draw, unit) -> str:
    staff = STAFFING[unit.spec.staffing].staff or ((STAFFING[unit.spec.staffing].deputy, 1),)
    return draw.choices([p for p, _w in staff], weights=[w for _p, w in staff])[0]


def _new_person(world, draw, unit, position: str, rank: int, *, recruit: bool, hired=None) -> PersonPlan:
    start = world.config.start
    if recruit:
        born = _day_between(draw, D(hired.year - 34, 1, 1), D(hired.year - 22, 12, 31))
    else:
        low, high = BIRTH_YEARS[rank]
        born = _day_between(draw, D(low, 1, 1), D(min(high, start.year - 23), 12, 31))
        hired = _day_between(draw, D(born.year + 22, 8, 1), start - dt.timedelta(days=1))
    share = FEMALE_SHARE.get(position, DEFAULT_FEMALE_SHARE if rank == 2 else 0.3)
    gender = "female" if draw.random() < share else "male"
    category = POST_CATEGORY.get(position, STAFFING[unit.spec.staffing].category)
    person = PersonPlan(unit.plan, gender, born, hired, category, rank)
    person.posts.append(Post(unit, position, rank < 2, hired))
    return person


def _day_between(draw, first: dt.date, last: dt.date) -> dt.date:
    if last <= first:
        return first
    return first + dt.timedelta(days=draw.randrange((last - first).days + 1))


def _move_and_leave(world: World, draw, pool: Pool, person: PersonPlan) -> None:
    config = world.config
    since = max(person.hired, config.start)
    first, last = since + dt.timedelta(days=180), config.today - dt.timedelta(days=30)
    if draw.random() < LEAVING and first < last:
        person.left = _day_between(draw, first, last)
    moves = draw.random()
    count = 2 if moves < MOVED_TWICE else 1 if moves < MOVED_ONCE else 0
    until = (person.left or config.today) - dt.timedelta(days=30)
    days = sorted({_day_between(draw, since + dt.timedelta(days=90), until) for _ in range(count)})
    for day in days:
        if day <= person.posts[-1].start or day > until:
            continue
        _split_for_merger(person, day)
        unit = pool.choose(draw, day, avoid=person.posts[-1].unit)
        person.posts[-1].end = day - dt.timedelta(days=1)
        person.posts.append(Post(unit, _position(draw, unit), False, day, note=draw.choice(MOVE_NOTES)))
    person.posts[-1].end = person.left


def _split_for_merger(person: PersonPlan, day: dt.date) -> None:
    """Before a move on or after the merger, the post in a merged Department continues in its successor."""
    last = person.posts[-1]
    if day < MERGER_DAY or last.unit.successor is None or last.start > LAST_DAY_BEFORE_MERGER:
        return
    end, last.end = last.end, LAST_DAY_BEFORE_MERGER
    person.posts.append(
        Post(last.unit.successor, last.position, last.leadership, MERGER_DAY, end, MERGER_NOTE)
    )


def _continue_after_merger(world: World) -> None:
    for person in world.people:
        last = person.posts[-1]
        running = last.end is None or last.end > LAST_DAY_BEFORE_MERGER
        if last.unit.successor is not None and running:
            _split_for_merger(person, MERGER_DAY)
    for plan in world.predecessors:
        for unit in plan.units:
            unit.successor.head = unit.successor.head or unit.head


# --- Saving -----------------------------------------------------------------------------------------------


def save_people(world: World, draw) -> None:
    codes, handles = {}, {}
    people = [_person_row(world, draw, person, codes, handles) for person in world.people]
    insert(Person, people, label="Cán bộ", total=len(people), stream=world.stream, keep=True)
    for plan, row in zip(world.people, people, strict=True):
        plan.pk, plan.name, plan.sort_key = row.pk, row.full_name, row.sort_key
    log_people(world, people)
    posts = [(person, post) for person in world.people for post in person.posts]
    rows = (_assignment(person, post) for person, post in posts)
    kept = insert(
        Assignment,
        normalised(rows),
        label="Quá trình công tác",
        total=len(posts),
        stream=world.stream,
        keep=True,
    )
    for (_person, post), row in zip(posts, kept, strict=True):
        post.pk = row.pk
        post.unit.members += post.end is None


def _assignment(person: PersonPlan, post: Post) -> Assignment:
    return Assignment(
        person_id=person.pk,
        unit_id=post.unit.pk,
        position=post.position,
        is_leadership=post.leadership,
        start_date=post.start,
        end_date=post.end,
        note=post.note,
    )


def _person_row(world: World, draw, person: PersonPlan, codes: dict, handles: dict) -> Person:
    home = person.posts[0].unit.plan
    codes[home.pk] = codes.get(home.pk, 0) + 1
    final = home.successor or person.posts[-1].unit.plan  # a merger moves all the staff, past ones too
    row = Person(
        agency=final.agency,
        staff_code=f"{home.spec.key}-{codes[home.pk]:05d}",
        gender=person.gender,
        date_of_birth=person.born,
        staff_category=person.category,
        **identity(draw, person.gender),
    )
    if person.category in ("civil_servant", "public_employee"):
        row.email = _email(row, home.spec.domain, handles)
    if draw.random() < 0.6:
        row.phone = f"09{draw.randrange(10**8):08d}"
    row.normalise()
    return row


def _email(row: Person, domain: str, handles: dict) -> str:
    initials = "".join(fold(w)[0] for w in f"{row.family_name} {row.middle_name}".split())
    base = fold(row.given_name).replace(" ", "") + initials
    key = (base, domain)
    handles[key] = handles.get(key, 0) + 1
    suffix = handles[key] if handles[key] > 1 else ""
    return f"{base}{suffix}@{domain}"
