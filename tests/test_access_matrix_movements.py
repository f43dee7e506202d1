"""The access matrix of movements, registrations, initiatives and exemplary models: every persona × object ×
view/edit through the real helpers (movements.access, achievements.access), as tests/test_access_matrix.py
does for agencies, units and people. Codes: E view and edit · V view only (edit → 403) · - invisible (404).

For a registration, "edit" is compiling it (pledges, titles, submit): the unit's emulation officer and the
agency's managers; the unit head and the staff of the unit see it. Reviewing (approve, return) is the
secretariat's, checked separately.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from achievements.access import (
    get_initiative_for_user,
    get_model_for_user,
    initiatives_for_user,
    models_for_user,
)
from movements.access import (
    REVIEW,
    get_movement_for_user,
    get_registration_for_user,
    movements_for_user,
    registrations_for_user,
)
from movements.models import Registration
from tests.factories import ExemplaryModelFactory, InitiativeFactory, MovementFactory, RoundFactory
from tests.test_access_matrix import Matrix

COLUMNS = (
    "movement", "other_movement",
    "reg_division", "reg_office", "reg_other",
    "initiative", "other_initiative",
    "model", "other_model",
)  # fmt: skip

MATRIX = {
    #                 movements | registrations   | initiatives | models
    #                 STN SK    | PKH  VP   SK    | PKH  SK     | PKH SK
    "admin":         "E   E       E    E    E       E    E        E   E",
    "agency_admin":  "E   -       E    E    -       E    -        E   -",
    "secretariat":   "E   -       E    E    -       E    -        E   -",
    "council":       "V   -       V    V    -       V    -        V   -",
    "leader":        "V   -       V    V    -       V    -        V   -",
    "head":          "V   -       V    -    -       V    -        V   -",
    "officer":       "V   -       E    -    -       E    -        E   -",
    "staff":         "V   -       -    V    -       V    -        V   -",
    "editor":        "V   -       -    -    -       V    -        V   -",
    "anonymous":     "-   -       -    -    -       -    -        -   -",
    "inactive":      "-   -       -    -    -       -    -        -   -",
}  # fmt: skip
REVIEWERS = {"admin", "agency_admin", "secretariat"}

KIND = {
    "movement": "movement", "other_movement": "movement",
    "reg_division": "registration", "reg_office": "registration", "reg_other": "registration",
    "initiative": "initiative", "other_initiative": "initiative",
    "model": "model", "other_model": "model",
}  # fmt: skip
GETTERS = {
    "movement": get_movement_for_user,
    "registration": get_registration_for_user,
    "initiative": get_initiative_for_user,
    "model": get_model_for_user,
}
LISTS = {
    "movement": movements_for_user,
    "registration": registrations_for_user,
    "initiative": initiatives_for_user,
    "model": models_for_user,
}
OUTCOME = {("view", "E"): "ok", ("view", "V"): "ok", ("view", "-"): "404",
           ("edit", "E"): "ok", ("edit", "V"): "403", ("edit", "-"): "404"}  # fmt: skip


def code(persona: str, column: str) -> str:
    codes = MATRIX[persona].split()
    assert len(codes) == len(COLUMNS), f"row {persona} has {len(codes)} cells"
    return codes[COLUMNS.index(column)]


@pytest.fixture
def matrix(world):
    m = Matrix(world)
    w = world
    w.movement = MovementFactory(agency=w.agency)
    w.other_movement = MovementFactory(agency=w.other_agency)
    round_, other_round = RoundFactory(movement=w.movement), RoundFactory(movement=w.other_movement)
    w.reg_division = Registration.objects.create(round=round_, unit=w.division)
    w.reg_office = Registration.objects.create(round=round_, unit=w.office)
    w.reg_other = Registration.objects.create(round=other_round, unit=w.other_unit)
    w.initiative = InitiativeFactory(unit=w.division)
    w.other_initiative = InitiativeFactory(unit=w.other_unit)
    w.model = ExemplaryModelFactory(agency=w.agency)
    w.model.units.set([w.division])
    w.other_model = ExemplaryModelFactory(agency=w.other_agency)
    return m


def outcome(getter, user, pk, action) -> str:
    try:
        found = getter(user, pk, action=action)
    except Http404:
        return "404"
    except PermissionDenied:
        return "403"
    return "ok" if found.pk == pk else f"wrong object {found!r}"


def _cells():
    for persona in MATRIX:
        for column in COLUMNS:
            for action in ("view", "edit"):
                yield pytest.param(
                    persona, column, action, code(persona, column), id=f"{persona}-{column}-{action}"
                )


@pytest.mark.parametrize(("persona", "column", "action", "expected"), list(_cells()))
def test_access_cell(matrix, persona, column, action, expected):
    user, target = matrix.user(persona), getattr(matrix.w, column)
    assert outcome(GETTERS[KIND[column]], user, target.pk, action) == OUTCOME[action, expected]


@pytest.mark.parametrize("persona", MATRIX)
@pytest.mark.parametrize("kind", sorted(set(KIND.values())))
def test_list_contents(matrix, persona, kind):
    columns = [c for c in COLUMNS if KIND[c] == kind]
    visible = {getattr(matrix.w, c) for c in columns if code(persona, c) != "-"}
    assert set(LISTS[kind](matrix.user(persona))) == visible


@pytest.mark.parametrize("persona", MATRIX)
def test_only_the_secretariat_and_administrators_review(matrix, persona):
    allowed = outcome(get_registration_for_user, matrix.user(persona), matrix.w.reg_division.pk, REVIEW)
    assert allowed == (
        "ok" if persona in REVIEWERS else ("403" if code(persona, "reg_division") != "-" else "404")
    )
