"""What an account may see and change, computed once per request from its active role grants.

The access helpers of every app (`<app>/access.py`) ask the Scope; nothing else decides access.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from .models import Role, RoleGrant

ADMIN_ROLES = {Role.SYSTEM_ADMIN}
MANAGE_ROLES = ADMIN_ROLES | {Role.SECRETARIAT}
READ_ROLES = MANAGE_ROLES | {Role.AGENCY_LEADER, Role.COUNCIL_MEMBER}


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

    def people_filter(self) -> Q:
        from people.models import Person

        if self.installation_admin:
            return Q()
        condition = Q(agency_id__in=self.read_agencies) | Q(
            pk__in=Person.objects.in_units(self.read_units).values("pk")
        )
        if self.person_id:
            condition |= Q(pk=self.person_id)
        return condition


ANONYMOUS = Scope()


def compute_scope(user) -> Scope:
    if not user or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    grants = list(RoleGrant.objects.active().filter(user=user).select_related("agency"))
    installation_admin = user.is_superuser or any(
        g.role == Role.SYSTEM_ADMIN and g.agency_id is None for g in grants
    )
    agency_grants = [g for g in grants if g.agency_id is not None]
    agencies = _agency_sets(agency_grants)
    if user.person_id and not installation_admin:
        agencies["member"].add(user.person.agency_id)
    read_units, edit_units = _unit_reach(agency_grants)
    return Scope(
        user_id=user.pk,
        person_id=user.person_id,
        roles=frozenset(g.role for g in grants) | ({Role.STAFF} if user.person_id else set()),
        installation_admin=installation_admin,
        admin_agencies=frozenset(agencies["admin"]),
        manage_agencies=frozenset(agencies["manage"]),
        read_agencies=frozenset(agencies["read"]),
        member_agencies=frozenset(agencies["member"]),
        read_units=frozenset(read_units),
        edit_units=frozenset(edit_units),
    )


def _agency_sets(grants) -> dict[str, set]:
    """Agency ids by capability; a grant in an agency covers its predecessors too (its lineage)."""
    sets = {name: set() for name in ("admin", "manage", "read", "member")}
    for grant in grants:
        lineage = grant.agency.lineage_ids()
        sets["member"] |= lineage
        for name, roles in (("admin", ADMIN_ROLES), ("manage", MANAGE_ROLES), ("read", READ_ROLES)):
            if grant.role in roles:
                sets[name] |= lineage
    return sets


def _unit_reach(grants) -> tuple[set, set]:
    """(units whose people are read, units whose people are edited): the granted units and those below."""
    from organisations.models import Unit, descendant_ids

    heads = {g.unit_id for g in grants if g.role == Role.UNIT_HEAD}
    officers = {g.unit_id for g in grants if g.role == Role.UNIT_OFFICER}
    if not heads | officers:
        return set(), set()
    agency_units = list(
        Unit.objects.filter(agency__units__in=heads | officers).only("pk", "parent_id").distinct()
    )
    return descendant_ids(heads | officers, agency_units), descendant_ids(officers, agency_units)


def scope_for(user) -> Scope:
    """The user's Scope, computed once and kept on the user object for the request."""
    if user is None:
        return ANONYMOUS
    cached = getattr(user, "_thidua_scope", None)
    if cached is None:
        cached = compute_scope(user)
        if user.is_authenticated:
            user._thidua_scope = cached
    return cached


def forget_scope(user) -> None:
    """Drop the cached scope after the user's grants change."""
    if hasattr(user, "_thidua_scope"):
        del user._thidua_scope
