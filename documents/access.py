"""Loading documents for a user, and what the user may do with one: every view and API endpoint goes through
these.

- see: the members of an agency (its lineage included) see its issued, published, replaced and revoked
  documents and its incoming register; a draft or a document submitted for signature is seen only by its
  creator, the head and the emulation officer of the drafting unit (and of the units above it), and the
  agency's secretariat, administrators and leaders;
- draft: the agency's secretariat and administrators, and the head or officer of the drafting unit;
- edit a draft: its creator, the agency's secretariat and administrators, the officer of the drafting unit —
  only while it is a draft or submitted;
- issue, publish, replace, revoke, register incoming documents: the agency's secretariat and administrators.
  (The văn thư — the clerk who numbers documents — is not a role of its own yet: the secretariat stands in.)
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from accounts.models import Role, RoleGrant
from organisations.access import agencies_for_user, units_for_user
from organisations.scope import scope_for

from .models import EDITABLE_STATES, Direction, Document, Status

VIEW, EDIT = "view", "edit"
PUBLIC_STATES = {Status.ISSUED, Status.PUBLISHED, Status.REPLACED, Status.REVOKED}


def _draft_reader_filter(scope) -> Q:
    """Drafts and submitted documents the scope may see, within the agencies it is a member of."""
    condition = Q(created_by_id=scope.user_id) | Q(agency_id__in=scope.manage_agencies)
    if scope.read_units:
        condition |= Q(drafting_unit_id__in=scope.read_units)
    if Role.AGENCY_LEADER in scope.roles:
        leads = RoleGrant.objects.active().filter(user_id=scope.user_id, role=Role.AGENCY_LEADER)
        condition |= Q(agency_id__in=leads.values("agency_id"))
    return condition


def documents_for_user(user):
    scope = scope_for(user)
    if not scope.is_authenticated:
        return Document.objects.none()
    if scope.installation_admin:
        return Document.objects.all()
    published = Q(status__in=PUBLIC_STATES) | Q(direction=Direction.INCOMING)
    drafts = Q(status__in=EDITABLE_STATES, direction=Direction.OUTGOING) & _draft_reader_filter(scope)
    return Document.objects.filter(scope.agency_filter("agency_id"), published | drafts)


def can_draft(user, agency, drafting_unit=None) -> bool:
    """May start a draft in `agency` (for `drafting_unit`, when given)."""
    scope = scope_for(user)
    if scope.can_manage_agency(agency.pk):
        return True
    return (
        drafting_unit is not None
        and drafting_unit.agency_id == agency.pk
        and (drafting_unit.pk in scope.read_units)
    )


def draftable_agencies(user):
    """The agencies in which the user may start a draft (managed ones, and those of her units)."""
    scope = scope_for(user)
    agencies = agencies_for_user(user)
    if scope.installation_admin:
        return agencies
    unit_agencies = units_for_user(user).filter(pk__in=scope.read_units).values("agency_id")
    return agencies.filter(pk__in=[*scope.manage_agencies]) | agencies.filter(pk__in=unit_agencies)


def draftable_units(user, agencies):
    """The units in force of `agencies` the user may draft for: all for their managers, else her own."""
    scope = scope_for(user)
    units = units_for_user(user).active().filter(agency__in=agencies).select_related("agency")
    if scope.installation_admin:
        return units
    return units.filter(Q(agency_id__in=scope.manage_agencies) | Q(pk__in=scope.read_units))


def can_edit(user, document) -> bool:
    if document.direction != Direction.OUTGOING or not document.is_editable:
        return False
    scope = scope_for(user)
    return (
        (scope.user_id is not None and document.created_by_id == scope.user_id)
        or scope.can_manage_agency(document.agency_id)
        or (document.drafting_unit_id is not None and document.drafting_unit_id in scope.edit_units)
    )


def can_manage_documents(user, agency_id) -> bool:
    """Issue, publish, replace and revoke the agency's documents and keep its incoming register."""
    return scope_for(user).can_manage_agency(agency_id)


def can_register_incoming(user) -> bool:
    """Keeps the incoming register of some agency (the register's button; the form offers which ones)."""
    scope = scope_for(user)
    return scope.installation_admin or bool(scope.manage_agencies)


def can_issue(user, document) -> bool:
    return (
        document.direction == Direction.OUTGOING
        and document.status == Status.SUBMITTED
        and can_manage_documents(user, document.agency_id)
    )


def can_add_attachment(user, document) -> bool:
    if document.direction == Direction.INCOMING:
        return can_manage_documents(user, document.agency_id)
    return can_edit(user, document)


def allowed_actions(user, document) -> set[str]:
    """The status changes the user may make on the document now (for the buttons of its page)."""
    manage = can_manage_documents(user, document.agency_id) and document.direction == Direction.OUTGOING
    status = document.status
    actions = {
        "edit": can_edit(user, document),
        "submit": status == Status.DRAFT and can_edit(user, document),
        "return": status == Status.SUBMITTED and (can_edit(user, document) or manage),
        "issue": can_issue(user, document),
        "publish": manage and status == Status.ISSUED,
        "replace": manage and status in {Status.ISSUED, Status.PUBLISHED},
        "revoke": manage and status in {Status.ISSUED, Status.PUBLISHED},
        "attach": can_add_attachment(user, document),
    }
    return {name for name, allowed in actions.items() if allowed}


def get_document_for_user(user, pk, *, action=VIEW) -> Document:
    document = (
        documents_for_user(user)
        .select_related("agency", "kind", "drafting_unit", "replaces", "created_by")
        .filter(pk=pk)
        .first()
    )
    if document is None:
        raise Http404
    if action == EDIT and not can_edit(user, document):
        raise PermissionDenied
    return document
