"""The facts of people and units read from the database for the engine — many at once, in a fixed number of
queries whatever their number: ratings, disciplines, matters under review, maternity leave, the award ledger,
the first day in post, and what the apps above registered (achievements: initiatives and what they already
served). History follows a person across units and merged agencies (her records hang on the person, not on
the unit). A unit's facts are its own annual ratings (people.UnitQualityRating), its titles in the ledger and
its members' figures.

A fact source is `fn(facts, person_ids, since, year)`: it fills in `facts` (person id → Facts) for the years
`since`…`year`, in a fixed number of queries; an app registers it with `register_fact_source` from its
AppConfig.ready()."""

from collections import defaultdict
from collections.abc import Callable

from django.db.models import Exists, Min, OuterRef, QuerySet
from django.utils import timezone

from organisations.models import Unit
from people.models import (
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

from .facts import Discipline as DisciplineFact
from .facts import Facts, Members, Title, discipline_rank, rating_rank
from .models import AwardRecord
from .staleness import watch_app_of

FactSource = Callable[[dict[int, Facts], list[int], int, int], None]
FACT_SOURCES: list[FactSource] = []


def register_fact_source(source: FactSource) -> FactSource:
    """Have `people_facts` call `source` too (once, however often it is registered). A change to any model
    of the source's app makes the stored due lists out of date (awards.staleness)."""
    if source not in FACT_SOURCES:
        FACT_SOURCES.append(source)
    watch_app_of(source)
    return source


RATING_CODES = {
    Rating.EXCELLENT: "HTXSNV",
    Rating.GOOD: "HTTNV",
    Rating.COMPLETED: "HTNV",
    Rating.NOT_COMPLETED: "KHTNV",
}
DISCIPLINE_CODES = {
    DisciplineForm.REPRIMAND: "khien-trach",
    DisciplineForm.WARNING: "canh-cao",
    DisciplineForm.SALARY_REDUCTION: "ha-bac-luong",
    DisciplineForm.DEMOTION: "giang-chuc",
    DisciplineForm.DISMISSAL_FROM_POST: "cach-chuc",
    DisciplineForm.DISMISSAL: "buoc-thoi-viec",
}
LDTT, CSTDCS = "lao-dong-tien-tien", "chien-si-thi-dua-co-so"
HISTORY_YEARS = 6  # the longest chain a criterion looks back over, with room


def people_facts(person_ids, year: int, *, on=None) -> dict[int, Facts]:
    """Person id → Facts for judging achievements of `year` (six queries, and those of the registered fact
    sources: one for the initiatives).

    `person_ids`: ids, or a query of ids (`values_list("person_id")`, e.g. the posts of the year) used as a
    subquery — a province's 20 000 ids are not sent back to the database in every query. Rows are read as
    plain values, never model objects, one query per table, and grouped here: 20 000 people with seven years
    of history in about a second.

    `pending_review`: a matter under review (discipline, inspection, complaint) is open on `on` — today by
    default, the day the proposal is judged — whatever the year judged (NĐ 152/2025/NĐ-CP, Điều 4 khoản 4).
    `maternity_leave`: the maternity leaves that touch the years looked back over (Điều 4 khoản 5)."""
    ids = person_ids if isinstance(person_ids, QuerySet) else list(person_ids)
    since = year - HISTORY_YEARS
    pending = Proceeding.objects.open_on(on or timezone.localdate()).filter(person_id=OuterRef("pk"))
    people = Person.objects.filter(pk__in=ids).annotate(pending=Exists(pending)).order_by()
    facts = {
        pk: Facts(
            kind="individual", gender="nu" if gender == Gender.FEMALE else "nam", pending_review=pending
        )
        for pk, gender, pending in people.values_list("pk", "gender", "pending")
    }
    first_posts = (
        Assignment.objects.filter(person_id__in=ids)
        .order_by()
        .values("person_id")
        .annotate(first=Min("start_date"))
        .values_list("person_id", "first")
    )
    for person_id, first in first_posts:
        facts[person_id].hired_on = first
    _history(facts, ids, since, year)
    for source in FACT_SOURCES:
        source(facts, ids, since, year)
    return facts


def _history(facts: dict[int, Facts], ids, since: int, year: int) -> None:
    """Ratings, disciplines, the award ledger and maternity leaves (four queries, values only)."""
    ratings = QualityRating.objects.filter(person_id__in=ids, year__gte=since, year__lte=year).order_by()
    for person_id, rated, rating in ratings.values_list("person_id", "year", "rating"):
        facts[person_id].ratings[rated] = RATING_CODES[rating]
    measures = Discipline.objects.filter(person_id__in=ids).order_by("-start_date")
    for person_id, form, start, end in measures.values_list("person_id", "form", "start_date", "end_date"):
        facts[person_id].discipline.append(DisciplineFact(DISCIPLINE_CODES[form], start, end))
    records = AwardRecord.objects.standing().of_people(ids).filter(year__gte=since)
    records = records.order_by()  # Facts.held: a set
    for person_id, code, held, track in records.values_list("person_id", "award__code", "year", "track"):
        facts[person_id].titles.append(Title(code, held, track))
    leaves = Leave.objects.filter(
        person_id__in=ids, kind=LeaveKind.MATERNITY, start__year__lte=year, end__year__gte=since
    )
    for person_id, start, end in leaves.order_by("start").values_list("person_id", "start", "end"):
        facts[person_id].maternity_leave.append((start, end))


def unit_facts(members: dict[int, list[int]], people: dict[int, Facts], verdicts: dict, year: int) -> dict:
    """Unit id → Facts of a collective for `year` (two queries): its own annual ratings and its titles in the
    ledger over the years looked back over, and its member counts from the members' facts and their own
    verdicts of the year (who holds or qualifies for Lao động tiên tiến, Chiến sĩ thi đua cơ sở)."""
    result = {}
    for unit_id, person_ids in members.items():
        counts = defaultdict(int)
        for person_id in person_ids:
            person, own = people[person_id], verdicts.get(person_id, {})
            counts["rated"] += year in person.ratings
            counts["completed"] += rating_rank(person.ratings.get(year)) >= rating_rank("HTNV")
            counts["ldtt"] += _qualifies(person, own, LDTT, year)
            counts["cstdcs"] += _qualifies(person, own, CSTDCS, year)
            counts["warned"] += any(
                d.overlaps_year(year) and discipline_rank(d.level) >= discipline_rank("canh-cao")
                for d in person.discipline
            )
            counts["women"] += person.gender == "nu"
        result[unit_id] = Facts(kind="collective", members=_members(len(person_ids), counts))
    _unit_history(result, year - HISTORY_YEARS, year)
    return result


def _qualifies(person: Facts, own: dict, code: str, year: int) -> bool:
    """The member holds the title for the year (already awarded) or meets its standard."""
    return person.holds(code, year) or bool(own.get(code) and own[code].is_eligible)


def _unit_history(facts: dict[int, Facts], since: int, year: int) -> None:
    """The units' own annual ratings and their titles in the ledger (two queries, and one per generation of
    reorganisations): a unit that continues others (their `successor`) carries their history for the years
    it has none of its own, as a person's records follow her across a merger."""
    lineages = _lineages(list(facts))
    heir_of = {pk: unit_id for unit_id, lineage in lineages.items() for pk in lineage}
    ratings = UnitQualityRating.objects.filter(unit_id__in=heir_of, year__gte=since, year__lte=year)
    closest = {}  # (unit judged, year) → how far back in its lineage the rating found comes from
    for rating in ratings:
        unit_id = heir_of[rating.unit_id]
        distance = lineages[unit_id].index(rating.unit_id)
        if distance < closest.get((unit_id, rating.year), len(lineages[unit_id])):
            closest[(unit_id, rating.year)] = distance
            facts[unit_id].ratings[rating.year] = RATING_CODES[rating.rating]
    records = AwardRecord.objects.standing().filter(unit_id__in=heir_of, year__gte=since)
    records = records.select_related("award")
    for record in records:
        facts[heir_of[record.unit_id]].titles.append(Title(record.award.code, record.year, record.track))


def _lineages(unit_ids: list[int]) -> dict[int, list[int]]:
    """Unit id → the unit and the units it continued through their `successor` links, nearest first."""
    lineages = {pk: [pk] for pk in unit_ids}
    heir_of = {pk: pk for pk in unit_ids}
    frontier = list(unit_ids)
    while frontier:
        found = Unit.objects.filter(successor_id__in=frontier).exclude(pk__in=list(heir_of))
        frontier = []
        for pk, successor_id in found.values_list("pk", "successor_id"):
            heir_of[pk] = heir_of[successor_id]
            lineages[heir_of[pk]].append(pk)
            frontier.append(pk)
    return lineages


def _members(total: int, counts: dict) -> Members:
    return Members(
        total=total,
        completed_tasks=counts["completed"],
        lao_dong_tien_tien=counts["ldtt"],
        chien_si_thi_dua_co_so=counts["cstdcs"],
        disciplined_canh_cao_or_above=counts["warned"],
        women=counts["women"],
        rated=counts["rated"],
    )
