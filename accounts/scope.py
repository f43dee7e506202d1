"""Computing an account's Scope (organisations.scope) from its active role grants.

`accounts.User.scope` asks `cached_scope` once per request: the Scope computed by `compute_scope` (a few
queries) is kept in the cache until something it was computed from changes — the account's grants (their
post_save/post_delete and `forget_scope` bump the account's scope version), its person (a person saved bumps
hers), an agency or a unit (organisations.TREE_VERSION); the account's own row (active, superuser, linked
person), loaded fresh by every request, is part of the key. A revoked grant or a closed account therefore
takes effect on the next request. The access helpers of every app ask the Scope through
`organisations.scope.scope_for`, and nothing else decides access.
"""

from lib.cacheversions import bump, remember
from organisations.models import TREE_VERSION, Unit, descendant_ids
from organisations.scope import ANONYMOUS, Scope, scope_version

from .roles import Role

SCOPE_SECONDS = 3600  # a kept scope is computed again at least this often, whatever happens


def person_version(person_id) -> str:
    """The version of what an account's scope reads of its person (her agency)."""
    return f"scope-person:{person_id}"


def cached_scope(user) -> Scope:
    """`compute_scope(user)`, kept in the cache across requests (see the module's docstring)."""
    if not user or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    key = f"scope:{user.pk}:{int(user.is_superuser)}:{user.person_id or 0}"
    versions = [TREE_VERSION, scope_version(user.pk)]
    if user.person_id:
        versions.append(person_version(user.person_id))
    return remember(key, versions, lambda: compute_scope(user), timeout=SCOPE_SECONDS)


def grants_changed(instance, **_signal) -> None:
    """post_save / post_delete of a role grant (AccountsConfig.ready)."""
    bump(scope_version(instance.user_id))


def person_changed(instance, created=False, **_signal) -> None:
    """post_save / post_delete of a person (AccountsConfig.ready): her account's scope reads her agency. A
    person just created has no account yet."""
    if not created:
        bump(person_version(instance.pk))


ADMIN_ROLES = {Role.SYSTEM_ADMIN}
MANAGE_ROLES = ADMIN_ROLES | {Role.SECRETARIAT}
READ_ROLES = MANAGE_ROLES | {Role.AGENCY_LEADER, Role.COUNCIL_MEMBER}


def compute_scope(user) -> Scope:
    if not user or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    grants = list(user.role_grants.active().select_related("agency"))
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
    heads = {g.unit_id for g in grants if g.role == Role.UNIT_HEAD}
    officers = {g.unit_id for g in grants if g.role == Role.UNIT_OFFICER}
    if not heads | officers:
        return set(), set()
    agency_units = list(
        Unit.objects.filter(agency__units__in=heads | officers).only("pk", "parent_id").distinct()
    )
    return descendant_ids(heads | officers, agency_units), descendant_ids(officers, agency_units)
