"""Who may read the rules engine's screens, and what each reader sees of "who is due".

- the catalogue (titles, reward forms, rule sets, criteria): every signed-in account — it is the law;
- the ledger and the agency's own rule settings: changed by the agency's secretariat and administrators;
- the law's parameter tables and evidence tags: the readers of the law (`reads_law`: administrators, the
  secretariat, council members); other staff read the same law in words;
- who is due: the agency's secretariat, administrators, leaders and council members see the whole agency
  (its current form: the agency without a successor; the lineage brings its history in); a unit head or a
  unit officer sees the people and units of her units (and the units below them); anyone else is refused.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.roles import Role
from organisations.models import Agency, Unit
from organisations.scope import scope_for

from .models import Award


def awards_for_user(user):
    """The catalogue: the same for every signed-in account, nothing for anonymous visitors."""
    return Award.objects.all() if scope_for(user).is_authenticated else Award.objects.none()


def get_award_for_user(user, code: str) -> Award:
    award = awards_for_user(user).filter(code=code).first()
    if award is None:
        raise Http404
    return award


def can_keep_ledger(user, agency) -> bool:
    """May record awards in the agency's ledger: its secretariat and administrators."""
    return scope_for(user).can_manage_agency(agency.pk)


def can_change_settings(user, agency) -> bool:
    """May set the agency's own value of a rule setting: its secretariat and administrators."""
    return agency is not None and scope_for(user).can_manage_agency(agency.pk)


LAW_ROLES = (Role.SYSTEM_ADMIN, Role.SECRETARIAT, Role.COUNCIL_MEMBER)


def reads_law(user) -> bool:
    """Sees the law's parameter tables (settings, council thresholds, caps) and the reference's evidence
    tags (V1, V2, R, U): administrators, the emulation secretariat and the council members, who apply them.
    Everyone else reads the awards, their criteria and money in words, with "cần xác nhận" marks."""
    return scope_for(user).has_role(*LAW_ROLES)


def can_see_due(user) -> bool:
    scope = scope_for(user)
    return scope.installation_admin or bool(scope.read_agencies) or bool(scope.read_units)


def agencies_read_whole(user):
    """The agencies in force whose due list and settings the user reads whole, by name: any, for the
    installation's administrators; those of her agency-wide reading roles otherwise."""
    scope = scope_for(user)
    agencies = Agency.objects.filter(successor__isnull=True).order_by("name", "pk")
    if scope.installation_admin:
        return agencies
    return agencies.filter(pk__in=scope.read_agencies)


def due_scope(user) -> tuple[Agency, set[int] | None]:
    """(the agency whose due list the user sees, the units she is limited to — None for the whole agency).

    Raises PermissionDenied for accounts without an agency-wide reading role or a unit role."""
    scope = scope_for(user)
    if scope.installation_admin or scope.read_agencies:
        agency = agencies_read_whole(user).first()
        if agency is not None:
            return agency, None
    if scope.read_units:
        unit = Unit.objects.filter(pk__in=scope.read_units).select_related("agency").order_by("pk").first()
        if unit is not None:
            return unit.agency.current_successor(), set(scope.read_units)
    raise PermissionDenied


def due_scope_of(user, agency_id: int | None) -> tuple[Agency, set[int] | None]:
    """due_scope, for the agency of `agency_id` when one is asked (the API's ?agency=): an agency in force
    whose due list the user reads whole (any, for the installation's administrators), or her own; another
    answers Http404, as for an object she cannot see."""
    agency, allowed = due_scope(user)
    if agency_id is None or agency_id == agency.pk:
        return agency, allowed
    scope = scope_for(user)
    if allowed is None and (scope.installation_admin or agency_id in scope.read_agencies):
        asked = Agency.objects.filter(pk=agency_id, successor__isnull=True).first()
        if asked is not None:
            return asked, None
    raise Http404


def due_units(agency: Agency, unit_ids: set[int] | None):
    """The units a reader of the due list may choose from: the agency's (its lineage included), or hers."""
    if unit_ids is not None:
        return Unit.objects.filter(pk__in=unit_ids).select_related("agency")
    return Unit.objects.filter(agency_id__in=agency.lineage_ids()).select_related("agency")
