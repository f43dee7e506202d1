"""Loading decisions, ledger rows, certificates, funds and forward packages for a user, and what she may do
with them: every view and API endpoint goes through these.

- decisions, packages and the fund: the agency's secretariat, administrators, leaders and council members
  see them (their agency's reach, its predecessors included); drafts only those who draft them, the signer
  chosen on one, and — once signed off — those who number the agency's documents (who also see what they
  issued);
- draft a decision, a package, a revocation; print certificates; set the fund: the agency's secretariat and
  administrators;
- issue (number) a decision: those who number the agency's documents (clerk, secretariat, administrators),
  once its director signed it off;
- the ledger: the agency-wide readers see every row; a unit's head and emulation officer the rows of her
  units and their people; everyone her own.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from awards.models import AwardRecord
from documents.access import can_issue_documents, issuing_filter
from documents.models import Status as DocumentStatus
from organisations.scope import scope_for
from people.models import Assignment

from .models import Certificate, Decision, ForwardPackage, Fund, Revocation, Status

VIEW, MANAGE = "view", "manage"


def can_manage_decisions(user, agency_id) -> bool:
    return scope_for(user).can_manage_agency(agency_id)


def decisions_for_user(user):
    scope = scope_for(user)
    if not scope.is_authenticated:
        return Decision.objects.none()
    if scope.installation_admin:
        return Decision.objects.all()
    drafts = Q(status=Status.DRAFT) | Q(status=Status.DISCARDED)
    reach = (Q(agency_id__in=scope.read_agencies) & ~drafts) | Q(agency_id__in=scope.manage_agencies)
    # those who number the agency's documents see a draft signed off (it waits for its number) and what they
    # issued; issuing_filter's agency_id terms hold for a decision as for a document
    signed = Q(status=Status.DRAFT, document__status=DocumentStatus.APPROVED)
    reach |= (signed | Q(status=Status.ISSUED)) & issuing_filter(user)
    if scope.person_id is not None:  # and the signer sees what he is asked to sign
        reach |= Q(status=Status.DRAFT, document__signer_id=scope.person_id)
    return Decision.objects.filter(reach)


def get_decision_for_user(user, pk, *, action=VIEW) -> Decision:
    decision = (
        decisions_for_user(user)
        .select_related("agency", "document", "meeting", "corrects__document", "package__document")
        .filter(pk=pk)
        .first()
    )
    if decision is None:
        raise Http404
    if action == MANAGE and not can_manage_decisions(user, decision.agency_id):
        raise PermissionDenied
    return decision


def can_issue_decision(user, decision) -> bool:
    """Number it: those who number the agency's documents, once the signer signed the decision off."""
    return (
        decision.status == Status.DRAFT
        and decision.document.status == DocumentStatus.APPROVED
        and can_issue_documents(user, decision.agency_id)
    )


def get_certificate_for_user(user, pk, *, action=MANAGE) -> Certificate:
    """A certificate of a decision the user sees; printing or re-issuing it is the decision's managers'."""
    certificate = (
        Certificate.objects.filter(pk=pk, line__decision__in=decisions_for_user(user))
        .select_related("line__decision__document", "line__award", "record", "original")
        .first()
    )
    if certificate is None:
        raise Http404
    if action == MANAGE and not can_manage_decisions(user, certificate.line.decision.agency_id):
        raise PermissionDenied
    return certificate


def revocations_for_user(user):
    """The revocations of the decisions she sees (a discarded draft's are none)."""
    return Revocation.objects.filter(decision__in=decisions_for_user(user)).exclude(
        decision__status=Status.DISCARDED
    )


def ledger_for_user(user):
    scope = scope_for(user)
    if not scope.is_authenticated:
        return AwardRecord.objects.none()
    if scope.installation_admin:
        return AwardRecord.objects.all()
    reach = Q(agency_id__in=scope.read_agencies)
    if scope.read_units:
        staff = Assignment.objects.filter(unit_id__in=scope.read_units).values("person_id")
        reach |= Q(unit_id__in=scope.read_units) | Q(person_id__in=staff)
    if scope.person_id is not None:
        reach |= Q(person_id=scope.person_id)
    return AwardRecord.objects.filter(reach)


def get_record_for_user(user, pk) -> AwardRecord:
    record = ledger_for_user(user).select_related("award", "person", "unit", "decision").filter(pk=pk).first()
    if record is None:
        raise Http404
    return record


def packages_for_user(user):
    scope = scope_for(user)
    if not scope.is_authenticated:
        return ForwardPackage.objects.none()
    if scope.installation_admin:
        return ForwardPackage.objects.all()
    return ForwardPackage.objects.filter(
        Q(agency_id__in=scope.read_agencies) | Q(agency_id__in=scope.manage_agencies)
    )


def get_package_for_user(user, pk, *, action=VIEW) -> ForwardPackage:
    package = packages_for_user(user).select_related("agency", "document", "meeting").filter(pk=pk).first()
    if package is None:
        raise Http404
    if action == MANAGE and not can_manage_decisions(user, package.agency_id):
        raise PermissionDenied
    return package


def funds_for_user(user):
    scope = scope_for(user)
    if not scope.is_authenticated:
        return Fund.objects.none()
    if scope.installation_admin:
        return Fund.objects.all()
    return Fund.objects.filter(Q(agency_id__in=scope.read_agencies) | Q(agency_id__in=scope.manage_agencies))
