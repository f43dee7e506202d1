"""Loading documents for a user, and what the user may do with one: every view and API endpoint goes through
these.

- see: the members of an agency (its lineage included) see its issued, published, replaced and revoked
  documents and its incoming register; a document not yet issued is seen only by its creator, the head and
  the emulation officer of the drafting unit (and of the units above it), its chosen signer, the agency's
  secretariat, administrators and leaders, and — once signed off — the agency's clerks (văn thư);
- draft: the agency's secretariat and administrators, and the head or officer of the drafting unit;
- edit a draft: its creator, the agency's secretariat and administrators, the officer of the drafting unit —
  only while it is a draft or returned by its signer;
- sign off or return a submitted draft: its chosen signer (documents.signing says who may be chosen);
- issue (number) a signed-off draft, or return it: the agency's clerks, secretariat and administrators;
- publish, replace, revoke, register incoming documents: the agency's secretariat and administrators; publish
  also its portal editors (of the agency or of a successor: an editor publishes the predecessors' archive).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from accounts.models import Role, RoleGrant
from organisations.access import agencies_for_user, units_for_user
from organisations.scope import scope_for

from .models import UNISSUED_STATES, Direction, Document, Status

VIEW, EDIT = "view", "edit"
PUBLIC_STATES = {Status.ISSUED, Status.PUBLISHED, Status.REPLACED, Status.REVOKED}


def _held_in(scope, role):
    """The agencies in which the account holds `role` (a subquery, no query of its own)."""
    return RoleGrant.objects.active().filter(user_id=scope.user_id, role=role).values("agency_id")


def _draft_reader_filter(scope) -> Q:
    """Documents not yet issued the scope may see, within the agencies it is a member of."""
    condition = Q(created_by_id=scope.user_id) | Q(agency_id__in=scope.manage_agencies)
    if scope.read_units:
        condition |= Q(drafting_unit_id__in=scope.read_units)
    if scope.person_id:
        condition |= Q(signer_id=scope.person_id)
    if Role.AGENCY_LEADER in scope.roles:
        condition |= Q(agency_id__in=_held_in(scope, Role.AGENCY_LEADER))
    if Role.CLERK in scope.roles:
        condition |= Q(status=Status.APPROVED, agency_id__in=_held_in(scope, Role.CLERK))
    return condition


def documents_for_user(user):
    scope = scope_for(user)
    if not scope.is_authenticated:
        return Document.objects.none()
    if scope.installation_admin:
        return Document.objects.all()
    published = Q(status__in=PUBLIC_STATES) | Q(direction=Direction.INCOMING)
    drafts = Q(status__in=UNISSUED_STATES, direction=Direction.OUTGOING) & _draft_reader_filter(scope)
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


def drafts_for_every_unit(user) -> bool:
    """Drafts for any unit of the agencies she manages (hundreds in a province: a unit picker, not a list)."""
    scope = scope_for(user)
    return scope.installation_admin or bool(scope.manage_agencies)


def is_drafter(user, document) -> bool:
    """Its creator, the agency's secretariat and administrators, the officer of the drafting unit."""
    scope = scope_for(user)
    return (
        (scope.user_id is not None and document.created_by_id == scope.user_id)
        or scope.can_manage_agency(document.agency_id)
        or (document.drafting_unit_id is not None and document.drafting_unit_id in scope.edit_units)
    )


def can_edit(user, document) -> bool:
    return document.direction == Direction.OUTGOING and document.is_editable and is_drafter(user, document)


def can_withdraw(user, document) -> bool:
    """The drafters take a submitted draft back from its signer (to change it)."""
    return (
        document.direction == Direction.OUTGOING
        and document.status == Status.SUBMITTED
        and is_drafter(user, document)
    )


def can_manage_documents(user, agency_id) -> bool:
    """Issue, publish, replace and revoke the agency's documents and keep its incoming register."""
    return scope_for(user).can_manage_agency(agency_id)


def portal_editor_agency_ids(user) -> set[int]:
    """The agencies whose publications the account's portal editor grants cover: each granted agency and the
    agencies it succeeded (one query, none for an account without the role)."""
    scope = scope_for(user)
    if Role.PORTAL_EDITOR not in scope.roles:
        return set()
    grants = RoleGrant.objects.active().filter(
        user_id=scope.user_id, role=Role.PORTAL_EDITOR, agency__isnull=False
    )
    return {pk for grant in grants.select_related("agency") for pk in grant.agency.lineage_ids()}


def can_publish_documents(user, agency_id) -> bool:
    """Publish the agency's documents on its portal: its secretariat, administrators and portal editors."""
    return scope_for(user).can_manage_agency(agency_id) or agency_id in portal_editor_agency_ids(user)


def can_register_incoming(user) -> bool:
    """Keeps the incoming register of some agency (the register's button; the form offers which ones)."""
    scope = scope_for(user)
    return scope.installation_admin or bool(scope.manage_agencies)


def can_issue_documents(user, agency_id) -> bool:
    """Number and issue the agency's signed-off documents: its clerks (văn thư), secretariat and
    administrators."""
    scope = scope_for(user)
    if scope.can_manage_agency(agency_id):
        return True
    return Role.CLERK in scope.roles and _held_in(scope, Role.CLERK).filter(agency_id=agency_id).exists()


def issues_documents(user) -> bool:
    """Numbers and issues documents somewhere (no query: read from the scope)."""
    scope = scope_for(user)
    return scope.installation_admin or bool(scope.manage_agencies) or Role.CLERK in scope.roles


def issuing_filter(user) -> Q:
    """Q for the documents of the agencies whose signed-off documents the account numbers and issues."""
    scope = scope_for(user)
    if scope.installation_admin:
        return Q()
    condition = Q(agency_id__in=scope.manage_agencies)
    if Role.CLERK in scope.roles:
        condition |= Q(agency_id__in=_held_in(scope, Role.CLERK))
    return condition


def is_signer(user, document) -> bool:
    """The account belongs to the person chosen to sign the document."""
    person_id = scope_for(user).person_id
    return person_id is not None and document.signer_id == person_id


def can_issue(user, document) -> bool:
    return (
        document.direction == Direction.OUTGOING
        and document.status == Status.APPROVED
        and not document.issued_through
        and can_issue_documents(user, document.agency_id)
    )


def can_return(user, document) -> bool:
    """The signer returns a submitted draft; those who issue return a signed-off one they cannot number."""
    if document.direction != Direction.OUTGOING:
        return False
    if document.status == Status.SUBMITTED:
        return is_signer(user, document)
    return document.status == Status.APPROVED and can_issue_documents(user, document.agency_id)


def can_add_attachment(user, document) -> bool:
    if document.direction == Direction.INCOMING:
        return can_manage_documents(user, document.agency_id)
    return can_edit(user, document)


def allowed_actions(user, document) -> set[str]:
    """The status changes the user may make on the document now (for the buttons of its page)."""
    manage = can_manage_documents(user, document.agency_id) and document.direction == Direction.OUTGOING
    status = document.status
    editor = can_edit(user, document)
    actions = {
        "edit": editor,
        "submit": editor,
        "withdraw": can_withdraw(user, document),
        "approve": status == Status.SUBMITTED and is_signer(user, document),
        "return": can_return(user, document),
        "issue": can_issue(user, document),
        "publish": manage and status == Status.ISSUED,
        "replace": manage and status in {Status.ISSUED, Status.PUBLISHED},
        "revoke": manage and status in {Status.ISSUED, Status.PUBLISHED},
        "attach": can_add_attachment(user, document),
    }
    return {name for name, allowed in actions.items() if allowed}


# The signing step's waiting work: the to-do list counts these, the list's `task` filter shows them.
TO_SIGN, TO_ISSUE, RETURNED = "to_sign", "to_issue", "returned"


def waiting_documents(user, task: str):
    """The documents the user sees that wait for her in `task`: drafts she is to sign, signed-off ones she
    is to number and issue, her drafts returned by their signer."""
    documents = documents_for_user(user)
    if task == TO_SIGN:
        return documents.awaiting_signature_by(user)
    if task == TO_ISSUE:
        if not issues_documents(user):
            return documents.none()
        return documents.awaiting_issuance().filter(issuing_filter(user))
    if task == RETURNED:
        return documents.returned_to(user)
    return documents


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
