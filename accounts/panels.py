"""The accounts' parts of other pages (lib/panels.py): the home page's system overview and the user's roles.

Each panel costs a fixed number of queries (counts, never one query per row), whatever the size of the agency.
"""

from activity.access import activity_for_user
from lib.panels import Panel, panel
from organisations.access import agencies_for_user, units_for_user
from organisations.scope import scope_for
from people.access import people_for_user

from .access import accounts_for_user

LATEST_ACTIVITY = 8


@panel("home", order=10)
def system_overview(request, _obj) -> Panel | None:
    """For account administrators: agencies, units, people and accounts in force, and the latest changes."""
    user = request.user
    if not scope_for(user).manages_accounts:
        return None
    figures = {
        "agencies": agencies_for_user(user).active().count(),
        "units": units_for_user(user).active().count(),
        "people": people_for_user(user).count(),
        "accounts": accounts_for_user(user).filter(is_active=True).count(),
        "activity": list(activity_for_user(user).select_related("actor", "agency")[:LATEST_ACTIVITY]),
    }
    return Panel("accounts/_home_overview.html", figures)


@panel("home", order=90)
def my_roles(request, _obj) -> Panel:
    """Everyone sees the roles of her account."""
    grants = list(request.user.role_grants.active().select_related("agency", "unit"))
    return Panel("accounts/_home_roles.html", {"grants": grants})
