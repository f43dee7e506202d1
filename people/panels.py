"""The people's parts of other apps' pages (lib/panels.py). Home: the agency's staff figures, the people of
the user's units, her own record. A unit's page: its head and the people working in it now.

Each panel costs a fixed number of queries (counts and grouped aggregates, never one query per row), so the
page costs the same whatever the size of the agency.
"""

import hashlib
from functools import partial

from django.db.models import Count, Prefetch
from django.utils import timezone

from lib.cacheversions import remember
from lib.panels import Panel, panel
from organisations.access import can_edit_unit, units_for_user
from organisations.models import TREE_VERSION, Agency, people_counts
from organisations.scope import scope_for

from .access import can_add_person_to_unit, can_rate_unit, people_for_user
from .models import (
    PEOPLE_VERSION,
    Assignment,
    Gender,
    Person,
    QualityRating,
    Rating,
    StaffCategory,
    UnitHead,
    UnitQualityRating,
)

MAX_UNITS = 50
UNIT_PEOPLE_LIMIT = 100  # a unit's page lists this many of its people, the people list has them all
FIGURES_SECONDS = 300  # the staff figures of the home page are counted again at least this often


@panel("home", order=20)
def agency_figures(request, _obj) -> Panel | None:
    """Staff currently in post in the agencies the user may read: by category and gender, leaders, ratings.
    The same figures for every reader of these agencies, kept FIGURES_SECONDS at most and only until a
    person, an assignment, a rating, an agency or a unit changes (no query while they hold)."""
    scope = scope_for(request.user)
    if not scope.read_agencies or scope.installation_admin:
        return None
    today = timezone.localdate()
    agency_ids = sorted(scope.read_agencies)
    digest = hashlib.sha256(",".join(map(str, agency_ids)).encode()).hexdigest()[:20]
    figures = remember(
        f"home-staff:{digest}:{today.isoformat()}",
        [TREE_VERSION, PEOPLE_VERSION],
        partial(staff_figures, agency_ids, today),
        timeout=FIGURES_SECONDS,
    )
    return Panel(
        "people/_home_agency.html",
        {
            "agencies": figures["agencies"],
            "staff": figures["staff"],
            "leaders": figures["leaders"],
            "by_category": _labelled(figures["by_category"], StaffCategory.choices),
            "by_gender": _labelled(figures["by_gender"], Gender.choices),
            "rating_year": figures["rating_year"],
            "ratings": _labelled(figures["ratings"], Rating.choices),
        },
    )


def staff_figures(agency_ids, today) -> dict:
    """The figures of the staff in post on `today` in the agencies (four queries: the agencies, category and
    gender in one grouped count, the leaders, last year's ratings — through the rating-by-year index)."""
    current = Assignment.objects.current(today)
    staff = Person.objects.filter(agency_id__in=agency_ids, pk__in=current.values("person_id"))
    groups = list(staff.order_by().values_list("staff_category", "gender").annotate(n=Count("pk")))
    by_category: dict[str, int] = {}
    by_gender: dict[str, int] = {}
    for category, gender, n in groups:
        by_category[category] = by_category.get(category, 0) + n
        by_gender[gender] = by_gender.get(gender, 0) + n
    leaders = current.filter(is_leadership=True, person__agency_id__in=agency_ids).values("person_id")
    year = today.year - 1
    ratings = QualityRating.objects.filter(year=year, person__in=staff).order_by().values_list("rating")
    agencies = Agency.objects.active(today).filter(pk__in=agency_ids).only("pk", "name")
    return {
        "agencies": list(agencies),
        "staff": sum(n for _c, _g, n in groups),
        "leaders": leaders.order_by().aggregate(n=Count("person_id", distinct=True))["n"],
        "by_category": by_category,
        "by_gender": by_gender,
        "rating_year": year,
        "ratings": dict(ratings.annotate(n=Count("pk"))),
    }


def _labelled(found: dict, choices) -> list[tuple[str, int]]:
    """[(label, count)] in the order of the choices, zeros included."""
    return [(label, found.get(value, 0)) for value, label in choices]


@panel("home", order=30)
def my_units(request, _obj) -> Panel | None:
    """The units of a unit head or officer (with the units below them) and how many people are in each now
    (organisations.people_counts: kept in the cache)."""
    scope = scope_for(request.user)
    if not scope.read_units:
        return None
    units = list(
        units_for_user(request.user)
        .active()
        .filter(pk__in=scope.read_units)
        .select_related("agency")
        .order_by("agency__name", "position", "name")[:MAX_UNITS]
    )
    counts = people_counts([unit.pk for unit in units])
    rows = [
        {"unit": unit, "people": counts.get(unit.pk, 0), "can_edit": unit.pk in scope.edit_units}
        for unit in units
    ]
    return Panel("people/_home_units.html", {"rows": rows}) if rows else None


@panel("home", order=40)
def my_record(request, _obj) -> Panel | None:
    """A staff member's own record: her post now and her latest quality ratings."""
    scope = scope_for(request.user)
    if not scope.person_id:
        return None
    person = (
        people_for_user(request.user)
        .filter(pk=scope.person_id)
        .select_related("agency")
        .with_current_assignments()
        .first()
    )
    if person is None:
        return None
    record = {
        "person": person,
        "assignment": person.current_assignment,
        "ratings": list(person.ratings.all()[:3]),
    }
    return Panel("people/_home_me.html", record)


@panel("unit", order=10)
def unit_people(request, unit) -> Panel:
    """The unit was loaded through organisations.access; its people through people.access (the first
    UNIT_PEOPLE_LIMIT, alphabetically, and a link to the people list for the rest)."""
    in_unit = Assignment.objects.current().filter(unit=unit).order_by("-is_leadership", "start_date")
    people = list(
        people_for_user(request.user)
        .in_units([unit.pk])
        .prefetch_related(Prefetch("assignments", queryset=in_unit, to_attr="unit_assignments"))[
            : UNIT_PEOPLE_LIMIT + 1
        ]
    )
    headship = UnitHead.objects.filter(unit=unit).select_related("person").first()
    return Panel(
        "people/_unit_people.html",
        {
            "unit": unit,
            "people": people[:UNIT_PEOPLE_LIMIT],
            "more": len(people) > UNIT_PEOPLE_LIMIT,  # the rest in the people list, filtered by the unit
            "head": headship.person if headship else None,
            "can_choose_head": unit.is_active() and can_edit_unit(request.user, unit),
            "can_add_person": unit.is_active() and can_add_person_to_unit(request.user, unit),
        },
    )


@panel("unit", order=20)
def unit_ratings(request, unit) -> Panel:
    """The collective's annual quality ratings (one query), with the way to record one for those who keep
    ratings; the collective titles are judged on them (awards: who is due)."""
    return Panel(
        "people/_unit_ratings.html",
        {
            "unit": unit,
            "ratings": list(UnitQualityRating.objects.filter(unit=unit).order_by("-year")),
            "can_rate": can_rate_unit(request.user, unit),
        },
    )
