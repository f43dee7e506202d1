"""documents.access: who sees drafts and issued documents, who edits and who issues."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.models import Role
from documents import domain
from documents.access import (
    EDIT,
    allowed_actions,
    can_draft,
    can_issue,
    documents_for_user,
    get_document_for_user,
)
from tests.documents.signers import signed_by
from tests.documents.test_domain import kind, make_draft, make_issued, officer_draft
from tests.factories import account_with_role

EVERYONE = ("admin", "secretariat", "council", "leader", "head", "officer", "staff", "editor")


def visible_to(world, document) -> set[str]:
    return {
        name for name in EVERYONE if documents_for_user(getattr(world, name)).filter(pk=document.pk).exists()
    }


def test_a_draft_is_seen_by_its_drafters_and_the_agencys_leadership(world):
    draft = make_draft(world.agency, actor=world.officer, unit=world.division)
    assert visible_to(world, draft) == {"admin", "secretariat", "leader", "head", "officer"}


def test_a_draft_of_a_sub_unit_is_seen_by_the_head_above(world):
    draft = make_draft(world.agency, unit=world.team)
    assert visible_to(world, draft) == {"admin", "secretariat", "leader", "head", "officer"}
    office_draft = make_draft(world.agency, unit=world.office)
    assert visible_to(world, office_draft) == {"admin", "secretariat", "leader"}


def test_the_creator_sees_her_draft(world):
    creator = account_with_role(Role.SECRETARIAT, agency=world.agency, username="vanthu")
    draft = make_draft(world.agency, actor=creator)
    creator.role_grants.update(role=Role.PORTAL_EDITOR)  # no longer a manager; still its creator
    creator = type(creator).objects.get(pk=creator.pk)
    assert documents_for_user(creator).filter(pk=draft.pk).exists()


def test_issued_and_incoming_documents_are_seen_by_every_member(world):
    issued = make_issued(world.agency)
    incoming = domain.register_incoming(
        actor=None, agency=world.agency, kind=kind(), fields={"subject": "Đến"}
    )
    assert visible_to(world, issued) == set(EVERYONE)
    assert visible_to(world, incoming) == set(EVERYONE)
    outsider = account_with_role(Role.STAFF, person=world.other_person)
    assert not documents_for_user(outsider).filter(pk__in=[issued.pk, incoming.pk]).exists()


def test_get_document_for_user_hides_and_refuses(world):
    draft = make_draft(world.agency, actor=world.officer, unit=world.division)
    with pytest.raises(Http404):
        get_document_for_user(world.staff, draft.pk)
    with pytest.raises(PermissionDenied):
        get_document_for_user(world.head, draft.pk, action=EDIT)
    for name in ("officer", "secretariat", "admin"):
        assert get_document_for_user(getattr(world, name), draft.pk, action=EDIT) == draft


def test_an_issued_document_cannot_be_opened_for_editing(world):
    document = make_issued(world.agency, on=dt.date(2021, 3, 1))
    assert get_document_for_user(world.staff, document.pk) == document
    with pytest.raises(PermissionDenied):
        get_document_for_user(world.secretariat, document.pk, action=EDIT)


def test_can_draft(world):
    assert can_draft(world.secretariat, world.agency)
    assert can_draft(world.officer, world.agency, world.division)
    assert can_draft(world.head, world.agency, world.team)
    assert not can_draft(world.officer, world.agency)
    assert not can_draft(world.officer, world.agency, world.office)
    assert not can_draft(world.staff, world.agency, world.office)
    assert not can_draft(world.secretariat, world.other_agency)


def test_only_a_signed_off_document_is_issued_by_the_clerk_or_the_secretariat(world, signers):
    document = officer_draft(world, signers.director)
    domain.submit_for_signature(actor=world.officer, document=document)
    assert not can_issue(world.secretariat, document) and not can_issue(world.clerk, document)
    domain.approve_document(actor=world.leader, document=document)
    assert all(can_issue(getattr(world, n), document) for n in ("secretariat", "admin", "clerk"))
    assert not any(can_issue(getattr(world, n), document) for n in ("officer", "head", "leader", "staff"))
    elsewhere = account_with_role(Role.CLERK, agency=world.other_agency, username="vanthukhac")
    assert not can_issue(elsewhere, document)


def test_allowed_actions_follow_the_status(world, signers):
    document = officer_draft(world, signers.director)
    assert allowed_actions(world.officer, document) == {"edit", "submit", "attach"}
    assert allowed_actions(world.head, document) == set()
    assert allowed_actions(world.leader, document) == set()
    domain.submit_for_signature(actor=world.officer, document=document)
    assert allowed_actions(world.officer, document) == {"withdraw"}
    assert allowed_actions(world.leader, document) == {"approve", "return"}
    assert allowed_actions(world.deputy, document) == set()  # a signer, but not the one chosen
    assert allowed_actions(world.secretariat, document) == {"withdraw"}
    domain.approve_document(actor=world.leader, document=document)
    assert allowed_actions(world.leader, document) == set()
    assert allowed_actions(world.clerk, document) == {"return", "issue"}
    assert allowed_actions(world.secretariat, document) == {"return", "issue"}
    domain.issue_document(actor=world.clerk, document=document)
    assert allowed_actions(world.secretariat, document) == {"publish", "replace", "revoke"}
    assert allowed_actions(world.officer, document) == allowed_actions(world.clerk, document) == set()


def test_the_signer_and_the_clerk_see_what_waits_for_them(world, signers):
    draft = make_draft(world.agency, unit=world.office, **signed_by(signers.head, "TL."))
    assert not documents_for_user(world.clerk).filter(pk=draft.pk).exists()
    assert visible_to(world, draft) == {"admin", "secretariat", "leader", "head"}  # head: its signer
    domain.submit_for_signature(actor=None, document=draft)
    assert not documents_for_user(world.clerk).filter(pk=draft.pk).exists()
    domain.approve_document(actor=world.head, document=draft)
    assert documents_for_user(world.clerk).filter(pk=draft.pk).exists()
