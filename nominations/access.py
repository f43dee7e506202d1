"""Loading rounds, proposals and postings for a user, and what she may do with them: every view and API
endpoint goes through these.

- rounds: the members of an agency see its rounds; its secretariat and administrators open them;
- proposals: the agency's secretariat, administrators, leaders and council members see them all; a unit's
  head and emulation officer see those of her units; a nominee sees her own (to confirm her line);
- compile (propose, edit, submit, withdraw): the unit's emulation officer, and the agency's managers;
- appraise (return, appraise, post, make ready, comments): the agency's secretariat and administrators.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from organisations.scope import scope_for

from .models import Comment, Posting, Proposal, Round

VIEW, EDIT, APPRAISE, CONFIRM = "view", "edit", "appraise", "confirm"


def rounds_for_user(user):
    scope = scope_for(user)
    if not scope.is_authenticated:
        return Round.objects.none()
    if scope.installation_admin:
        return Round.objects.all()
    return Round.objects.filter(scope.agency_filter("agency_id"))


def can_manage_rounds(user, agency_id) -> bool:
    return scope_for(user).can_manage_agency(agency_id)


def get_round_for_user(user, pk, *, action=VIEW) -> Round:
    found = rounds_for_user(user).select_related("agency", "movement").filter(pk=pk).first()
    if found is None:
        raise Http404
    if action in (EDIT, APPRAISE) and not can_manage_rounds(user, found.agency_id):
        raise PermissionDenied
    return found


def proposals_for_user(user):
    scope = scope_for(user)
    if not scope.is_authenticated:
        return Proposal.objects.none()
    if scope.installation_admin:
        return Proposal.objects.all()
    reach = Q(round__agency_id__in=scope.read_agencies) | Q(unit_id__in=scope.read_units)
    if scope.person_id is not None:
        reach |= Q(person_id=scope.person_id)
    return Proposal.objects.filter(reach)


def can_compile(user, unit) -> bool:
    """May propose for `unit`, edit its proposals and submit or withdraw them."""
    scope = scope_for(user)
    return scope.can_manage_agency(unit.agency_id) or unit.pk in scope.edit_units


def compiling_unit_ids(user):
    """The units whose proposals the user compiles (None: every unit of the agencies she manages)."""
    scope = scope_for(user)
    return None if scope.installation_admin or scope.manage_agencies else set(scope.edit_units)


def can_appraise(user, proposal_or_round) -> bool:
    round_ = getattr(proposal_or_round, "round", proposal_or_round)
    return scope_for(user).can_manage_agency(round_.agency_id)


def can_confirm(user, proposal) -> bool:
    person_id = scope_for(user).person_id
    return person_id is not None and proposal.person_id == person_id


def get_proposal_for_user(user, pk, *, action=VIEW) -> Proposal:
    proposal = (
        proposals_for_user(user)
        .select_related("round__agency", "unit__agency", "award", "person", "rule_set", "posting")
        .filter(pk=pk)
        .first()
    )
    if proposal is None:
        raise Http404
    allowed = {
        VIEW: lambda: True,
        EDIT: lambda: can_compile(user, proposal.unit),
        APPRAISE: lambda: can_appraise(user, proposal),
        CONFIRM: lambda: can_confirm(user, proposal),
    }
    if not allowed[action]():
        raise PermissionDenied
    return proposal


def appraisable_proposals(user):
    """Proposals whose appraisal the user does: those of the agencies whose secretariat she is."""
    scope = scope_for(user)
    if scope.installation_admin:
        return Proposal.objects.all()
    return Proposal.objects.filter(round__agency_id__in=scope.manage_agencies)


def get_posting_for_user(user, pk, *, action=VIEW) -> Posting:
    posting = (
        Posting.objects.filter(round__in=rounds_for_user(user))
        .select_related("round__agency")
        .filter(pk=pk)
        .first()
    )
    if posting is None:
        raise Http404
    if action == APPRAISE and not can_appraise(user, posting.round):
        raise PermissionDenied
    return posting


def get_comment_for_user(user, pk) -> Comment:
    """A comment to handle: only the agency's secretariat and administrators."""
    comment = (
        Comment.objects.filter(posting__round__in=rounds_for_user(user))
        .select_related("posting__round", "proposal")
        .filter(pk=pk)
        .first()
    )
    if comment is None:
        raise Http404
    if not can_appraise(user, comment.posting.round):
        raise PermissionDenied
    return comment
