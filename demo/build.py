"""Build the demo data set from demo.data through the domain functions (actor=None: the system).

Deterministic: names come from random.Random(data.SEED) drawn in a fixed order, every date from the
tables; only the last assignments stay open. `build()` runs in one transaction; `is_loaded()` says
whether the demo is already there (the Sở TN&MT code is the marker).
"""

import calendar
import datetime as dt
import random
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from accounts import domain as accounts
from accounts.models import User
from documents.models import Document
from lib.vntext import fold
from organisations import domain as organisations
from organisations.models import Agency, Unit
from people import domain as people
from people.models import Assignment, Person, QualityRating, UnitQualityRating
from workdays.calendar import is_working_day

from . import data
from .awards import load_award_history
from .council import load_councils
from .decisions import load_decisions
from .documents import load_current_documents, load_seed_documents
from .movements import load_movements
from .nominations import load_nominations
from .portal import load_portal


def is_loaded() -> bool:
    return Agency.objects.filter(code=data.MARKER_CODE).exists()


@dataclass
class Record:
    """What the builder remembers about a person between events."""

    person: Person
    hired: dt.date
    leader: bool = False
    left: dt.date | None = None


@dataclass
class Builder:
    rng: random.Random = field(default_factory=lambda: random.Random(data.SEED))
    agencies: dict = field(default_factory=dict)  # key → Agency
    units: dict = field(default_factory=dict)  # "AGENCY/UNIT" → Unit
    staff: dict = field(default_factory=dict)  # ref → Record
    names: set = field(default_factory=set)
    handles: set = field(default_factory=set)
    codes: dict = field(default_factory=dict)  # agency key → last staff number
    women: list = field(default_factory=lambda: [0.0, 0])  # expected and actual number of women so far


@transaction.atomic
def build() -> dict:
    """Create the whole demo; returns counts for the summary."""
    b = Builder()
    create_agencies(b)
    create_units(b)
    create_initial_staff(b)
    for _date, _order, apply in timeline():
        apply(b)
    set_unit_heads(b)
    create_accounts(b)
    seed_documents = load_seed_documents(agency=b.agencies["TNMT"], office=b.units["TNMT/VP"])
    load_movements(agencies=b.agencies, units=b.units, staff=b.staff, seed_documents=seed_documents)
    load_current_documents(agency=b.agencies["NNMT_CT"], office=b.units["NNMT_CT/VP"])
    load_award_history(agencies=b.agencies, spared=spared(b))
    record_reviews_and_leave(b)  # after the ledger: an open matter defers awards judged from today
    load_nominations(agencies=b.agencies, units=b.units)  # proposals judged on the whole record
    meetings = load_councils(agencies=b.agencies, units=b.units)  # the councils vote on the ready proposals
    load_decisions(agencies=b.agencies, meeting=meetings["TNMT"])  # last: the 2021 round decided
    load_portal(agencies=b.agencies, seed_documents=seed_documents)  # what the editor published
    return summary()


def spared(b: Builder) -> set:
    """The people the history must not make the story's provincial fighter: the accounts' (the story
    proposes them by name), those with an open matter or a discipline."""
    refs = [spec.ref for spec in (*data.REVIEWS, *data.DISCIPLINES)]
    accounts = User.objects.filter(person__isnull=False).values_list("person_id", flat=True)
    return {b.staff[ref].person.pk for ref in refs} | set(accounts)


def summary() -> dict:
    return {
        "agencies": Agency.objects.count(),
        "units": Unit.objects.count(),
        "people": Person.objects.count(),
        "current": Person.objects.filter(assignments__in=Assignment.objects.current()).distinct().count(),
        "assignments": Assignment.objects.count(),
        "ratings": QualityRating.objects.count(),
        "unit_ratings": UnitQualityRating.objects.count(),
        "accounts": User.objects.count(),
        "documents": Document.objects.count(),
    }


# --- Organisation ---------------------------------------------------------------------------------------


def create_agencies(b: Builder) -> None:
    for spec in data.AGENCIES:
        fields = spec._asdict()
        key, parent = fields.pop("key"), fields.pop("parent")
        fields["parent"] = b.agencies[parent] if parent else None
        b.agencies[key] = organisations.create_agency(actor=None, fields=fields)


def create_units(b: Builder) -> None:
    for agency_key, specs in data.UNITS.items():
        agency = b.agencies[agency_key]
        valid_from = agency.valid_from
        for index, spec in enumerate(specs):
            parent = b.units[f"{agency_key}/{spec.parent}"] if spec.parent else None
            fields = {
                "name": spec.name,
                "kind": spec.kind,
                "symbol": spec.symbol,
                "parent": parent,
                "position": (index + 1) * 10,
                "valid_from": valid_from,
            }
            b.units[f"{agency_key}/{spec.symbol}"] = organisations.create_unit(
                actor=None, agency=agency, fields=fields
            )


def merge(b: Builder, old: str, new: str, on: dt.date) -> None:
    """Each unit of `old` continues in the unit of `new` with the same symbol."""
    prefix = f"{old}/"
    unit_map = {
        unit.pk: b.units[f"{new}/{key.removeprefix(prefix)}"]
        for key, unit in b.units.items()
        if key.startswith(prefix)
    }
    organisations.merge_agency(
        actor=None, agency=b.agencies[old], into=b.agencies[new], on=on, unit_map=unit_map
    )
    fresh = Person.objects.in_bulk([r.person.pk for r in b.staff.values()])
    for record in b.staff.values():
        record.person = fresh[record.person.pk]


# --- People ---------------------------------------------------------------------------------------------


def _weighted(rng: random.Random, weights: dict) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def identity(rng: random.Random, gender: str) -> dict:
    """Family, middle and given name and ethnicity, drawn for a person of `gender`."""
    roll = rng.random()
    if roll < data.KHMER_SHARE:
        family, ethnicity = _weighted(rng, data.KHMER_FAMILY), "Khmer"
    elif roll < data.KHMER_SHARE + data.HOA_SHARE:
        family, ethnicity = _weighted(rng, data.HOA_FAMILY), "Hoa"
    else:
        family, ethnicity = _weighted(rng, data.KINH_FAMILY), "Kinh"
    if ethnicity == "Khmer" and rng.random() < data.KHMER_NATIVE_SHARE:
        middle = "Thị" if gender == "female" else rng.choice(("", "Văn"))
        given = rng.choice(data.KHMER_GIVEN[gender])
    elif rng.random() < data.COMPOUND_SHARE:
        middle, given = ("Thị" if gender == "female" else ""), rng.choice(data.COMPOUND_GIVEN[gender])
    else:
        middle, given = _weighted(rng, data.MIDDLE[gender]), rng.choice(data.GIVEN[gender])
    return {"family_name": family, "middle_name": middle, "given_name": given, "ethnicity": ethnicity}


def _email(b: Builder, fields: dict, agency_key: str) -> str:
    initials = "".join(fold(w)[0] for w in f"{fields['family_name']} {fields['middle_name']}".split())
    handle = fold(fields["given_name"]).replace(" ", "") + initials
    base, n = handle, 1
    while handle in b.handles:
        n += 1
        handle = f"{base}{n}"
    b.handles.add(handle)
    return f"{handle}@{data.EMAIL_DOMAINS[agency_key]}"


def draw_gender(b: Builder, share: float) -> str:
    """A random draw nudged towards the expected share so far, keeping the total close to the target."""
    expected, actual = b.women
    female = b.rng.random() < share + 0.3 * (expected - actual)
    b.women = [expected + share, actual + female]
    return "female" if female else "male"


def person_fields(b: Builder, ref: str, agency_key: str, position: str, category: str, rank: int) -> dict:
    rng = b.rng
    gender = data.FORCED_GENDER.get(ref) or draw_gender(
        b, data.FEMALE_SHARE.get(position, data.DEFAULT_FEMALE_SHARE)
    )
    fields = identity(rng, gender)
    while (name := (fields["family_name"], fields["middle_name"], fields["given_name"])) in b.names:
        fields = identity(rng, gender)
    b.names.add(name)
    low, high = data.BIRTH_YEARS[rank]
    born = dt.date(rng.randint(low, high), 1, 1) + dt.timedelta(days=rng.randrange(365))
    b.codes[agency_key] = b.codes.get(agency_key, 0) + 1
    fields |= {
        "gender": gender,
        "date_of_birth": born,
        "staff_category": category,
        "staff_code": f"{data.STAFFED_AGENCIES[agency_key]}-{b.codes[agency_key]:03d}",
    }
    if category in (data.CIVIL, data.PUBLIC):
        fields["email"] = _email(b, fields, agency_key)
    return fields


def add_person(b: Builder, ref: str, unit_key: str, position: str, start: dt.date, rank: int) -> None:
    agency_key, symbol = unit_key.split("/")
    spec = next(s for s in data.UNITS[agency_key] if s.symbol == symbol)
    category = data.POST_CATEGORY.get(position, spec.category)
    leader = position in data.LEADERSHIP_RANK
    fields = person_fields(b, ref, agency_key, position, category, rank)
    person = people.create_person(
        actor=None,
        agency=b.agencies[agency_key],
        unit=b.units[unit_key],
        fields=fields,
        position=position,
        is_leadership=leader,
        start_date=start,
    )
    b.staff[ref] = Record(person=person, hired=start, leader=leader)


def create_initial_staff(b: Builder) -> None:
    """Everyone in post on 01/01/2017, post by post in the order of the establishment tables."""
    for agency_key in data.STAFFED_AGENCIES:
        for spec in data.UNITS[agency_key]:
            index = 0
            for position, count in spec.posts:
                for _ in range(count):
                    rank = data.LEADERSHIP_RANK.get(position, 2)
                    add_person(
                        b,
                        f"{agency_key}/{spec.symbol}/{index}",
                        f"{agency_key}/{spec.symbol}",
                        position,
                        data.HISTORY_START,
                        rank,
                    )
                    index += 1


# --- Events ---------------------------------------------------------------------------------------------


def _current_primary(person: Person, on: dt.date) -> Assignment:
    return person.assignments.current(on).filter(is_primary=True).select_related("unit__agency").get()


def hire(event: data.Hire):
    return lambda b: add_person(b, event.ref, event.unit, event.position, event.date, 3)


def transfer(event: data.Transfer):
    def apply(b: Builder) -> None:
        record = b.staff[event.ref]
        leader = event.position in data.LEADERSHIP_RANK
        people.transfer_person(
            actor=None,
            person=record.person,
            unit=b.units[event.unit],
            position=event.position,
            start_date=event.date,
            is_leadership=leader,
            note=event.note,
        )
        record.leader = leader

    return apply


def leave(event: data.Leave):
    def apply(b: Builder) -> None:
        record = b.staff[event.ref]
        people.end_assignment(
            actor=None, assignment=_current_primary(record.person, event.date), end_date=event.date
        )
        record.left = event.date

    return apply


def months_later(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the last day of that month when it is shorter (31/01 + 1 → 28/02)."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def discipline(event: data.DisciplineSpec):
    def apply(b: Builder) -> None:
        start = event.start
        end = months_later(start, event.months) - dt.timedelta(days=1)
        people.record_discipline(
            actor=None,
            person=b.staff[event.ref].person,
            form=event.form,
            start_date=start,
            end_date=end,
            decision_number=event.decision_number,
            reason=event.reason,
        )

    return apply


def record_reviews_and_leave(b: Builder) -> None:
    """The matters under review still open and the maternity leaves of the current year (demo.data)."""
    today = timezone.localdate()
    for spec in data.REVIEWS:
        fields = {"kind": spec.kind, "opened_on": today - dt.timedelta(days=spec.days_ago), "note": spec.note}
        people.open_proceeding(actor=None, person=b.staff[spec.ref].person, fields=fields)
    for spec in data.MATERNITY_LEAVES:
        start = dt.date(today.year, spec.start_month, 1)
        end = months_later(start, spec.months) - dt.timedelta(days=1)
        fields = {"kind": "maternity", "start": start, "end": end}
        people.record_leave(actor=None, person=b.staff[spec.ref].person, fields=fields)


def days_in_post(record: Record, year: int) -> int:
    start = max(record.hired, dt.date(year, 1, 1))
    end = min(record.left or dt.date(year, 12, 31), dt.date(year, 12, 31))
    return (end - start).days + 1


def rating_decision(agency, on: dt.date) -> str:
    """The agency's decision rating its staff, in the notation of its documents, numbered as its decisions
    run by that day of the year (about six in five days): "Quyết định số 419/QĐ-STNMT"."""
    number = on.timetuple().tm_yday * 6 // 5 + sum(map(ord, agency.symbol)) % 9
    return f"Quyết định số {number}/QĐ-{agency.symbol}"


def rating_day(agency, year: int) -> dt.date:
    """The day the agency rated its staff for `year`: mid-December of the year or early January of the next
    (before the 15th, when the demo records the ratings), on a working day."""
    k = (year * 3 + sum(map(ord, agency.symbol))) % 5
    day = dt.date(year, 12, 15 + k) if k % 2 else dt.date(year + 1, 1, 5 + k)
    while not is_working_day(day, agency=agency):
        day -= dt.timedelta(days=1)
    return day


def draw_rating(rng: random.Random, *, leader: bool, disciplined: str | None = None) -> str:
    """One person's rating for a year: per her discipline of the year, else drawn on demo.data's shares."""
    roll = rng.random()
    if disciplined:
        return data.DISCIPLINED_RATING[disciplined]
    if roll < data.NOT_COMPLETED_SHARE:
        return "not_completed"
    if roll < data.NOT_COMPLETED_SHARE + data.COMPLETED_SHARE:
        return "completed"
    return "excellent" if roll > 1 - data.EXCELLENT_SHARE["leader" if leader else "staff"] else "good"


def rate_year(year: int):
    """Rate everyone in post at least six months of the year, in staff-code order, each by her agency's
    rating decision of the year (one an agency, its agency known from the builder's records)."""
    disciplined = {d.ref: d.form for d in data.DISCIPLINES if d.start.year == year}

    def apply(b: Builder) -> None:
        rng = random.Random(data.SEED * 10_000 + year)
        agencies = {agency.pk: agency for agency in b.agencies.values()}
        decisions = {}  # agency pk → (decision, day)
        for ref, record in sorted(b.staff.items(), key=lambda item: item[1].person.staff_code):
            if days_in_post(record, year) < data.MIN_DAYS_RATED:
                continue
            rating = draw_rating(rng, leader=record.leader, disciplined=disciplined.get(ref))
            agency = agencies[record.person.agency_id]
            if agency.pk not in decisions:
                day = rating_day(agency, year)
                decisions[agency.pk] = (rating_decision(agency, day), day)
            decision, day = decisions[agency.pk]
            people.record_rating(
                actor=None, person=record.person, year=year, rating=rating, decision=decision, decided_on=day
            )

    return apply


def rate_units(year: int):
    """Rate every unit in force on 31/12 of the year that had staff during it, in the order of the tables."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)

    def apply(b: Builder) -> None:
        rng = random.Random(data.SEED * 10_000 + year + 5_000)
        staffed = set(
            Assignment.objects.filter(start_date__lte=last)
            .exclude(end_date__lt=first)
            .values_list("unit_id", flat=True)
        )
        units = Unit.objects.filter(pk__in=[u.pk for u in b.units.values()]).select_related("agency")
        for unit in sorted(units, key=lambda u: u.pk):  # read again: mergers closed some since they were made
            if not unit.is_active(last) or unit.pk not in staffed:
                continue
            roll = rng.random()
            if roll < data.UNIT_COMPLETED_SHARE:
                rating = "completed"
            else:
                rating = "excellent" if roll > 1 - data.UNIT_EXCELLENT_SHARE else "good"
            people.record_unit_rating(actor=None, unit=unit, year=year, rating=rating)

    return apply


def _merge(old: str, new: str, on: dt.date):
    return lambda b: merge(b, old, new, on)


def timeline() -> list:
    """(date, order, apply) for every event, sorted: ends, then mergers, starts, and ratings on a day."""
    events = [(e.date, 0, leave(e)) for e in data.LEAVES]
    events += [(on, 1, _merge(old, new, on)) for old, new, on in data.MERGERS]
    events += [(e.date, 2, transfer(e)) for e in data.TRANSFERS]
    events += [(e.date, 2, hire(e)) for e in data.HIRES]
    events += [(e.start, 3, discipline(e)) for e in data.DISCIPLINES]
    years = range(data.FIRST_RATED_YEAR, data.LAST_RATED_YEAR + 1)
    events += [(dt.date(year + 1, 1, 15), 4, rate_year(year)) for year in years]
    events += [(dt.date(year + 1, 1, 15), 5, rate_units(year)) for year in years]
    return sorted(events, key=lambda event: event[:2])


# --- Unit heads and accounts ----------------------------------------------------------------------------


def set_unit_heads(b: Builder) -> None:
    """Each unit's head: the holder of its highest leadership post on the unit's last day (or today)."""
    today = timezone.localdate()
    units = Unit.objects.filter(pk__in=[u.pk for u in b.units.values()]).order_by("pk")
    leaders = list(Assignment.objects.filter(unit__in=units, is_leadership=True).order_by("start_date", "pk"))
    for unit in units:
        on = min(unit.valid_to or today, today)
        holders = [
            a
            for a in leaders
            if a.unit_id == unit.pk and a.start_date <= on and (a.end_date is None or a.end_date >= on)
        ]
        holders.sort(key=lambda a: (data.LEADERSHIP_RANK.get(a.position, 9), a.start_date, a.pk))
        if holders:
            people.set_unit_head(actor=None, unit=unit, person=holders[0].person)


def create_accounts(b: Builder) -> None:
    for spec in data.ACCOUNTS:
        person = b.staff[spec.person].person if spec.person else None
        account = accounts.create_account(
            actor=None,
            username=spec.username,
            password=data.PASSWORD,
            person=person,
            email=person.email if person else "",
            first_name=person.full_name if person else spec.label,
        )
        if spec.role == "staff":
            continue
        agency_key, _, unit_symbol = (spec.scope or "").partition("/")
        agency = b.agencies[agency_key] if agency_key else None
        unit = b.units[spec.scope] if unit_symbol else None
        accounts.grant_role(actor=None, user=account, role=spec.role, agency=agency, unit=unit)
