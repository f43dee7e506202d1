"""The home dashboard: what each role sees first."""

from organisations.access import agencies_for_user, units_for_user
from people.access import people_for_user


def dashboard_for(user, scope) -> dict:
    people = people_for_user(user)
    return {
        "agencies": list(agencies_for_user(user).active().select_related("parent")[:10]),
        "unit_count": units_for_user(user).active().count(),
        "people_count": people.count(),
        "me": user.person if user.person_id else None,
    }
