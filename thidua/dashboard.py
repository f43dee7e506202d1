"""The home dashboard: what each role sees first.

Each section is computed with a fixed number of queries (counts and grouped aggregates, never one query
per row), so the page costs the same whatever the size of the agency.
"""

from django.db.models import Count, Q
from django.utils import timezone

from accounts.access import accounts_for_user
from activity.access import activity_for_user
from movements.access import movements_for_user, registrations_for_user
from movements.models import RegistrationRound, RegistrationStatus
from organisations.access import agencies_for_user, units_for_user
from people.access import people_for_user
from people.models import Assignment, Gender, QualityRating, Rating, StaffCategory

LATEST_ACTIVITY = 8
MAX_UNITS = 50


def dashboard_for(user, scope) -> dict:
    dashboard = {"grants": list(user.role_grants.active().select_related("agency", "unit"))}
    if scope.manages_accounts:
        dashboard["admin"] = _admin_figures(user)
    if scope.read_agencies and not scope.installation_admin:
        dashboard["agency"] = _agency_figures(user, scope)
    if scope.read_units:
        dashboard["units"] = _unit_figures(user, scope)
    if scope.person_id:
        dashboard["me"] = _my_record(user, scope)
    if scope.member_agencies or scope.installation_admin:
        dashboard["emulation"] = _emulation_figures(user, scope)
    return dashboard


def _emulation_figures(user, scope) -> dict:
    """Ongoing movements; registrations waiting for the secretariat; the open rounds of the user's units."""
    today = timezone.localdate()
    figures = {"ongoing": movements_for_user(user).ongoing(today).count()}
    if scope.manage_agencies or scope.installation_admin:
        waiting = registrations_for_user(user).filter(status=RegistrationStatus.SUBMITTED)
        if not scope.installation_admin:
            waiting = waiting.filter(round__movement__agency_id__in=scope.manage_agencies)
        figures["to_review"] = waiting.count()
    if scope.edit_units:
        figures["open_rounds"] = list(
            RegistrationRound.objects.filter(
                movement__in=movements_for_user(user), opens_on__lte=today, deadline__gte=today
            )
            .select_related("movement")
            .annotate(
                mine=Count("registrations", filter=Q(registrations__unit_id__in=scope.edit_units)),
                submitted=Count(
                    "registrations",
                    filter=Q(registrations__unit_id__in=scope.edit_units)
                    & ~Q(registrations__status__in=[RegistrationStatus.DRAFT, RegistrationStatus.RETURNED]),
                ),
            )
            .order_by("deadline", "pk")[:MAX_UNITS]
        )
    return figures


def _admin_figures(user) -> dict:
    return {
        "agencies": agencies_for_user(user).active().count(),
        "units": units_for_user(user).active().count(),
        "people": people_for_user(user).count(),
        "accounts": accounts_for_user(user).filter(is_active=True).count(),
        "activity": list(activity_for_user(user).select_related("actor", "agency")[:LATEST_ACTIVITY]),
    }


def _counts(queryset, field, choices) -> list[tuple[str, int]]:
    """[(label, count)] in the order of the choices, zeros included, from one grouped query."""
    found = dict(queryset.order_by().values_list(field).annotate(n=Count("pk")))
    return [(label, found.get(value, 0)) for value, label in choices]


def _agency_figures(user, scope) -> dict:
    """Staff currently in post in the agencies the user may read: by category and gender, leaders, ratings."""
    today = timezone.localdate()
    staff = people_for_user(user).filter(
        agency_id__in=scope.read_agencies, pk__in=Assignment.objects.current(today).values("person_id")
    )
    leaders = Assignment.objects.current(today).filter(is_leadership=True).values("person_id")
    year = today.year - 1
    ratings = QualityRating.objects.filter(person__in=staff, year=year)
    return {
        "agencies": list(agencies_for_user(user).active().filter(pk__in=scope.read_agencies)),
        "staff": staff.count(),
        "leaders": staff.filter(pk__in=leaders).count(),
        "by_category": _counts(staff, "staff_category", StaffCategory.choices),
        "by_gender": _counts(staff, "gender", Gender.choices),
        "rating_year": year,
        "ratings": _counts(ratings, "rating", Rating.choices),
    }


def _unit_figures(user, scope) -> list:
    """The units of a unit head or officer (with the units below them) and how many people are in each now."""
    today = timezone.localdate()
    current = Q(assignments__start_date__lte=today) & (
        Q(assignments__end_date__isnull=True) | Q(assignments__end_date__gte=today)
    )
    units = (
        units_for_user(user)
        .active()
        .filter(pk__in=scope.read_units)
        .select_related("agency")
        .annotate(people_count=Count("assignments__person", filter=current, distinct=True))
        .order_by("agency__name", "position", "name")
    )
    return [
        {"unit": unit, "people": unit.people_count, "can_edit": unit.pk in scope.edit_units}
        for unit in units[:MAX_UNITS]
    ]


def _my_record(user, scope) -> dict | None:
    person = (
        people_for_user(user)
        .filter(pk=scope.person_id)
        .select_related("agency")
        .with_current_assignments()
        .first()
    )
    if person is None:
        return None
    return {
        "person": person,
        "assignment": person.current_assignment,
        "ratings": list(person.ratings.all()[:3]),
    }
