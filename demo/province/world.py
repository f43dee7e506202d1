"""The generator's settings and what it remembers between stages (plain values; the rows are in the "
"database)."""

import datetime as dt
import random
from dataclasses import dataclass, field

D = dt.date


@dataclass(frozen=True)
class Config:
    people: int = 50_000
    units: int = 2_000
    documents: int = 100_000
    years: int = 10
    agencies: int = 10
    seed: int = 2026
    today: dt.date = field(default_factory=dt.date.today)

    @property
    def last_year(self) -> int:
        """The last rated year: the one before the current."""
        return self.today.year - 1

    @property
    def first_year(self) -> int:
        return self.last_year - self.years + 1

    @property
    def start(self) -> dt.date:
        """The first day of the history kept."""
        return D(self.first_year, 1, 1)

    @property
    def rated_years(self) -> range:
        return range(self.first_year, self.last_year + 1)


MERGER_DAY = D(2025, 3, 1)  # the first day of the successor (as the demo's Sở NN&MT tỉnh Sóc Trăng)
LAST_DAY_BEFORE_MERGER = MERGER_DAY - dt.timedelta(days=1)


def rng(config: Config, stage: str) -> random.Random:
    """The stage's own random stream: stages stay deterministic whatever the others draw."""
    return random.Random(f"{config.seed}:{stage}")


@dataclass(eq=False)
class AgencyPlan:
    spec: object  # catalogue.AgencySpec
    agency: object  # organisations.Agency (saved)
    number: int  # 1.. in generator order for the current departments; 0 for the others
    weight: float  # share of the people
    predecessor: bool = False  # merged into its successor in 2025
    successor: "AgencyPlan | None" = None
    units: list = field(default_factory=list)  # [UnitPlan]

    @property
    def pk(self) -> int:
        return self.agency.pk


@dataclass(eq=False)
class UnitPlan:
    spec: object  # catalogue.UnitSpec
    unit: object  # organisations.Unit (saved)
    plan: AgencyPlan
    parent: "UnitPlan | None" = None
    successor: "UnitPlan | None" = None
    head: object = None  # PersonPlan
    members: int = 0  # people whose first post is here (for choosing big units)

    @property
    def pk(self) -> int:
        return self.unit.pk

    def in_force(self, day: dt.date) -> bool:
        return self.unit.is_active(day)


@dataclass(eq=False, slots=True)
class Post:
    unit: UnitPlan
    position: str
    leadership: bool
    start: dt.date
    end: dt.date | None = None
    note: str = ""
    pk: int | None = None


@dataclass(eq=False, slots=True)
class PersonPlan:
    plan: AgencyPlan  # the agency that hired her (a predecessor for the merged Departments' staff)
    gender: str
    born: dt.date
    hired: dt.date
    category: str
    rank: int  # 0 head, 1 deputy, 2 other
    posts: list = field(default_factory=list)  # [Post], in order
    left: dt.date | None = None
    pk: int | None = None
    person: object = None  # people.Person (saved; dropped after the staff stage to spare memory)
    name: str = ""
    sort_key: str = ""

    def in_post_days(self, year: int) -> int:
        start = max(self.hired, D(year, 1, 1))
        end = min(self.left or D(year, 12, 31), D(year, 12, 31))
        return max((end - start).days + 1, 0)

    def last_post_of(self, year: int) -> Post | None:
        """Her last post that runs during `year` (as awards.due.staff_of_year reads it)."""
        found = None
        for post in self.posts:
            if post.start.year <= year and (post.end is None or post.end.year >= year):
                found = post
        return found

    def post_on(self, day: dt.date) -> Post | None:
        for post in self.posts:
            if post.start <= day and (post.end is None or post.end >= day):
                return post
        return None


@dataclass
class World:
    config: Config
    stream: object = None  # where the progress bars go
    province: object = None  # organisations.Agency: the People's Committee
    agencies: list = field(default_factory=list)  # [AgencyPlan]: the current departments, generator order
    predecessors: list = field(default_factory=list)  # [AgencyPlan]: merged in 2025
    units: list = field(default_factory=list)  # [UnitPlan], every unit
    people: list = field(default_factory=list)  # [PersonPlan]
    ratings: dict = field(default_factory=dict)  # (person pk, year) → rating
    unit_ratings: dict = field(default_factory=dict)  # (unit pk, year) → rating
    disciplines: dict = field(default_factory=dict)  # person pk → [(form, start, end)]
    proceedings: dict = field(default_factory=dict)  # person pk → [(opened, closed or None)]
    accounts: dict = field(default_factory=dict)  # username → User
    documents: dict = field(default_factory=dict)  # (agency pk, year, purpose) → its number ("12/QĐ-SYT")
    movements: dict = field(default_factory=dict)  # (agency pk, year) → the yearly Movement's id
    papers: list = field(
        default_factory=list
    )  # (id, agency id, direction, status, day, reference, subject, unit id)
    focus_unit: object = None  # UnitPlan: the unit of unithead-1 and staff-1
    received: dict = field(default_factory=dict)  # person id → [(document id, reference, day)] sent to her
    counts: dict = field(default_factory=dict)

    @property
    def all_agencies(self) -> list:
        return [*self.agencies, *self.predecessors]

    def in_force(self, day: dt.date) -> list:
        """The departments in force on `day` (the predecessors before the merger, the successor after)."""
        return [plan for plan in self.all_agencies if plan.agency.is_active(day)]
