"""What an account may see and change, as sets of agencies and units: the Scope every access helper asks.

The Scope is a value of this app — agencies and units are what it is made of — so every app can read it,
from this one up. It is computed by the accounts app from the account's active role grants
(`accounts.scope.compute_scope`), kept in the cache across requests (`accounts.scope.cached_scope`, until the
account's grants, its person, or an agency or a unit change) and on the account as `user.scope`; an app below
accounts reads it through `scope_for(user)` without knowing how it was computed. A Scope is a value of
frozensets: it pickles, for the cache.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from lib.cacheversions import bump


@dataclass(frozen=True)
class Scope:
    user_id: int | None = None
    person_id: int | None = None
    roles: frozenset = field(default_factory=frozenset)
    installation_admin: bool = False
    admin_agencies: frozenset = field(default_factory=frozenset)  # manage accounts, edit the agency
    manage_agencies: frozenset = field(default_factory=frozenset)  # edit every unit and person
    read_agencies: frozenset = field(default_factory=frozenset)  # see every person
    member_agencies: frozenset = field(default_factory=frozenset)  # see the agency and its unit tree
    read_units: frozenset = field(default_factory=frozenset)  # see the people of these units
    edit_units: frozenset = field(default_factory=frozenset)  # edit the people of these units

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @property
    def manages_accounts(self) -> bool:
        """May open the account screens (the accounts themselves are checked by accounts.access)."""
        return self.installation_admin or bool(self.admin_agencies)

    @property
    def reads_activity(self) -> bool:
        """May open the activity log (the entries themselves are filtered by activity.access)."""
        return self.installation_admin or bool(self.manage_agencies)

    def has_role(self, *roles) -> bool:
        return self.installation_admin or bool(self.roles.intersection(roles))

    def can_view_agency(self, agency_id) -> bool:
        return self.installation_admin or agency_id in self.member_agencies

    def can_edit_agency(self, agency_id) -> bool:
        return self.installation_admin or agency_id in self.admin_agencies

    def can_manage_agency(self, agency_id) -> bool:
        return self.installation_admin or agency_id in self.manage_agencies

    def can_read_all_people(self, agency_id) -> bool:
        return self.installation_admin or agency_id in self.read_agencies

    def agency_filter(self, field: str = "agency_id") -> Q:
        """Q for objects of the agencies this scope is a member of ('pk' for agencies themselves)."""
        if self.installation_admin:
            return Q()
        return Q(**{f"{field}__in": self.member_agencies})


ANONYMOUS = Scope()


def scope_for(user) -> Scope:
    """The account's Scope (computed once and kept on it); nothing for an anonymous visitor or no user."""
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    return user.scope


def scope_version(user_id) -> str:
    """The version (lib.cacheversions) of an account's scope: bumped when its grants change."""
    return f"scope:{user_id}"


def forget_scope(user) -> None:
    """Drop the kept scope after the account's grants (or an agency's lineage) changed: on this account object
    and, for every later request, in the cache."""
    vars(user).pop("scope", None)
    if getattr(user, "pk", None) is not None:
        bump(scope_version(user.pk))
