"""movements.workflow: the tables of movements and registrations, and the refusal they give."""

import pytest
from django.core.exceptions import ValidationError

from movements.domain import registrations
from movements.models import Registration, RegistrationStatus
from movements.workflow import MOVEMENTS, REGISTRATIONS
from tests.factories import RoundFactory
from tests.movements.test_domain_movements import ALLOWED_MOVES


def pairs(workflow) -> set[tuple[str, str]]:
    return {(source, move.target) for move in workflow.moves for source in move.sources}


def test_the_movements_table_has_the_allowed_moves():
    assert pairs(MOVEMENTS) == set(ALLOWED_MOVES)
    assert MOVEMENTS.targets_from("in_progress") == ("interim_review", "final_review")
    assert MOVEMENTS.targets_from("interim_review") == ("in_progress", "final_review")


def test_the_registrations_table():
    assert pairs(REGISTRATIONS) == {
        ("draft", "submitted"),
        ("returned", "submitted"),
        ("submitted", "returned"),
        ("submitted", "approved"),
    }


def test_a_refused_registration_move_names_the_action_and_the_state(world, english):
    round = RoundFactory(movement__agency=world.agency)
    registration = Registration.objects.create(round=round, unit=world.division, status="approved")
    with pytest.raises(ValidationError) as caught:
        registrations.return_registration(actor=world.secretariat, registration=registration, reason="Sửa")
    assert caught.value.messages == ["A registration that is “Approved” cannot be returned."]
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED and registration.return_reason == ""
