"""The people's parts of other apps' pages (lib/panels.py). Home: the agency's staff figures, the people of
the user's units, her own record. A unit's page: its head and the people working in it now.

Each panel costs a fixed number of queries (counts and grouped aggregates, never one query per row), so the
page costs the same whatever the size of the agency.
"""

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from lib.panels import Panel, panel
from organisations.access import agencies_for_user, can_edit_unit, units_for_user
from organisations.scope import scope_for

from .access import can_add_person_to_unit, can_rate_unit, people_for_user
from .models import Assignment, Gender, QualityRating, Rating, StaffCategory, UnitHead, UnitQualityRating

MAX_UNITS = 50


def _counts(queryset, field, choices) -> list[tuple[str, int]]:
    """[(label, count)] in the order of the choices, zeros included, from one grouped query."""
    found = dict(queryset.order_by().values_list(field).annotate(n=Count("pk")))
    return [(label, found.get(value, 0)) for value, label in choices]


@panel("home", order=20)
def agency_figures(request, _obj) -> Panel | None:
    """Staff currently in post in the agencies the user may read: by category and gender, leaders, ratings."""
    user, scope = request.user, scope_for(request.user)
    if not scope.read_agencies or scope.installation_admin:
        return None
    today = timezone.localdate()
    staff = people_for_user(user).filter(
        agency_id__in=scope.read_agencies, pk__in=Assignment.objects.current(today).values("person_id")
    )
    leaders = Assignment.objects.current(today).filter(is_leadership=True).values("person_id")
    year = today.year - 1
    ratings = QualityRating.objects.filter(person__in=staff, year=year)
    figures = {
        "agencies": list(agencies_for_user(user).active().filter(pk__in=scope.read_agencies)),
        "staff": staff.count(),
        "leaders": staff.filter(pk__in=leaders).count(),
        "by_category": _counts(staff, "staff_category", StaffCategory.choices),
        "by_gender": _counts(staff, "gender", Gender.choices),
        "rating_year": year,
        "ratings": _counts(ratings, "rating", Rating.choices),
    }
    return Panel("people/_home_agency.html", figures)


@panel("home", order=30)
def my_units(request, _obj) -> Panel | None:
    """The units of a unit head or officer (with the units below them) and how many people are in each now."""
    scope = scope_for(request.user)
    if not scope.read_units:
        return None
    today = timezone.localdate()
    current = Q(assignments__start_date__lte=today) & (
        Q(assignments__end_date__isnull=True) | Q(assignments__end_date__gte=today)
    )
    units = (
        units_for_user(request.user)
        .active()
        .filter(pk__in=scope.read_units)
        .select_related("agency")
        .annotate(people_count=Count("assignments__person", filter=current, distinct=True))
        .order_by("agency__name", "position", "name")
    )
    rows = [
        {"unit": unit, "people": unit.people_count, "can_edit": unit.pk in scope.edit_units}
        for unit in units[:MAX_UNITS]
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
    """The unit was loaded through organisations.access; its people through people.access."""
    in_unit = Assignment.objects.current().filter(unit=unit).order_by("-is_leadership", "start_date")
    people = (
        people_for_user(request.user)
        .in_units([unit.pk])
        .prefetch_related(Prefetch("assignments", queryset=in_unit, to_attr="unit_assignments"))
    )
    headship = UnitHead.objects.filter(unit=unit).select_related("person").first()
    return Panel(
        "people/_unit_people.html",
        {
            "unit": unit,
            "people": people,
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
