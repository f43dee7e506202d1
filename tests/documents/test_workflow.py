"""documents.workflow: the lifecycle's table, and the refusal it gives."""

import pytest
from django.core.exceptions import ValidationError

from documents import domain
from documents.models import Status
from documents.workflow import DOCUMENTS
from tests.documents.test_domain import make_draft

LIFECYCLE = {
    ("draft", "submitted"),
    ("returned", "submitted"),
    ("submitted", "draft"),
    ("submitted", "approved"),
    ("submitted", "returned"),
    ("approved", "returned"),
    ("approved", "issued"),
    ("issued", "published"),
    ("issued", "replaced"),
    ("issued", "revoked"),
    ("published", "replaced"),
    ("published", "revoked"),
}


def test_the_table_is_the_lifecycle():
    assert {(source, move.target) for move in DOCUMENTS.moves for source in move.sources} == LIFECYCLE
    assert [move.action for move in DOCUMENTS.moves] == [
        "submit",
        "withdraw",
        "approve",
        "return",
        "issue",
        "publish",
        "replace",
        "revoke",
    ]


def test_a_refused_move_names_the_action_and_the_state(world, english):
    document = make_draft(world.agency)
    with pytest.raises(ValidationError) as caught:
        domain.publish_document(actor=world.secretariat, document=document)
    assert (caught.value.code, caught.value.messages) == (
        "transition",
        ["A document that is “Draft” cannot be published."],
    )
    document.refresh_from_db()
    assert document.status == Status.DRAFT
