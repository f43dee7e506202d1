"""THE access matrix: every persona × every kind of object × view/edit, asserted through the real helpers.

The expected table is data: one row per persona, one column per object. Codes:
    E  may view and edit          (get_*_for_user returns the object for action="view" and action="edit")
    V  may view, not edit         (action="edit" raises PermissionDenied)
    -  not visible                (Http404 for both actions; absent from the *_for_user lists)
Activity log rows have only a view code (V or -).

The policy (accounts/scope.py): the installation admin sees and changes everything; an agency's system admin
everything of its agency and its accounts; the secretariat views and edits every unit and person of its agency
but no accounts; council members and the agency leader view everything of the agency and edit nothing; a unit
head views the unit tree and the people of her unit and sub-units; a unit officer also edits those people;
staff and portal editors view the unit tree and only themselves; anonymous and inactive accounts see nothing.
Everyone views their own account; only account managers edit it.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.access import accounts_for_user, get_account_for_user
from accounts.models import Role
from activity.access import activity_for_user
from activity.domain import log_action
from organisations.access import agencies_for_user, get_agency_for_user, get_unit_for_user, units_for_user
from organisations.scope import forget_scope
from people.access import can_add_person_to_unit, can_edit_person, get_person_for_user, people_for_user
from tests.factories import UserFactory, account_with_role, staff_in

COLUMNS = (
    "agency", "other_agency",
    "office", "division", "team", "other_unit",
    "office_person", "division_person", "team_person", "other_person", "own_person",
    "own_account", "account", "other_account",
    "log_agency", "log_other_agency", "log_installation",
)  # fmt: skip

MATRIX = {
    #                 agencies | units         | people               | accounts    | activity log
    #                 STN SK   | VP PKH TKH SK | VP PKH TKH SK own    | own STN SK  | STN SK none
    "admin":         "E   E      E  E   E   E    E  E   E   E  E      E   E   E     V   V  V",
    "agency_admin":  "E   -      E  E   E   -    E  E   E   -  E      E   E   -     V   -  -",
    "secretariat":   "V   -      E  E   E   -    E  E   E   -  E      V   -   -     V   -  -",
    "council":       "V   -      V  V   V   -    V  V   V   -  V      V   -   -     -   -  -",
    "leader":        "V   -      V  V   V   -    V  V   V   -  V      V   -   -     -   -  -",
    "head":          "V   -      V  V   V   -    -  V   V   -  V      V   -   -     -   -  -",
    "officer":       "V   -      V  V   V   -    -  E   E   -  V      V   -   -     -   -  -",
    "staff":         "V   -      V  V   V   -    V  -   -   -  V      V   -   -     -   -  -",
    "editor":        "V   -      V  V   V   -    -  -   -   -  V      V   -   -     -   -  -",
    "anonymous":     "-   -      -  -   -   -    -  -   -   -  -      -   -   -     -   -  -",
    "inactive":      "-   -      -  -   -   -    -  -   -   -  -      -   -   -     -   -  -",
}  # fmt: skip

# can_add_person_to_unit: "+" may add a person to the unit, "." may not. Personas not listed: nowhere.
ADD_TO_UNIT_COLUMNS = ("office", "division", "team", "other_unit")
ADD_TO_UNIT = {
    #                 VP PKH TKH SK
    "admin":         "+  +   +   +",
    "agency_admin":  "+  +   +   .",
    "secretariat":   "+  +   +   .",
    "officer":       ".  +   +   .",
}  # fmt: skip

PERSONAS = tuple(MATRIX)
KIND = {
    **dict.fromkeys(("agency", "other_agency"), "agency"),
    **dict.fromkeys(("office", "division", "team", "other_unit"), "unit"),
    **dict.fromkeys(
        ("office_person", "division_person", "team_person", "other_person", "own_person"), "person"
    ),
    **dict.fromkeys(("own_account", "account", "other_account"), "account"),
    **dict.fromkeys(("log_agency", "log_other_agency", "log_installation"), "log"),
}
GETTERS = {
    "agency": get_agency_for_user,
    "unit": get_unit_for_user,
    "person": get_person_for_user,
    "account": get_account_for_user,
}
LISTS = {
    "agency": agencies_for_user,
    "unit": units_for_user,
    "person": people_for_user,
    "account": accounts_for_user,
    "log": activity_for_user,
}
EXPECTED_OUTCOME = {("view", "E"): "ok", ("view", "V"): "ok", ("view", "-"): "404",
                    ("edit", "E"): "ok", ("edit", "V"): "403", ("edit", "-"): "404"}  # fmt: skip


def expected(persona: str, column: str) -> str:
    codes = MATRIX[persona].split()
    assert len(codes) == len(COLUMNS), f"row {persona} has {len(codes)} cells"
    return codes[COLUMNS.index(column)]


def _cells():
    for persona in PERSONAS:
        for column in COLUMNS:
            actions = ("view",) if KIND[column] == "log" else ("view", "edit")
            for action in actions:
                code = expected(persona, column)
                yield pytest.param(persona, column, action, code, id=f"{persona}-{column}-{action}")


class Matrix:
    """The `world` personas plus an agency admin, an inactive account, two more accounts and log rows."""

    def __init__(self, w):
        self.w = w
        w.agency_admin = account_with_role(Role.SYSTEM_ADMIN, agency=w.agency, username="quantri")
        w.inactive = account_with_role(Role.SECRETARIAT, agency=w.agency, username="danghi")
        w.inactive.is_active = False
        w.inactive.save(update_fields=["is_active"])
        w.account = UserFactory(username="nguoidung", person=w.division_person)
        w.other_account = UserFactory(username="sokhac", person=w.other_person)
        w.log_agency = log_action(actor=None, action="test.matrix", target=w.office, agency=w.agency)
        w.log_other_agency = log_action(
            actor=None, action="test.matrix", target=w.other_unit, agency=w.other_agency
        )
        w.log_installation = log_action(actor=None, action="test.matrix", target=w.admin)

    def user(self, persona):
        return AnonymousUser() if persona == "anonymous" else getattr(self.w, persona)

    def target(self, persona, column):
        if column == "own_person":
            return self._own_person(persona)
        if column == "own_account":
            return self.w.staff if persona == "anonymous" else self.user(persona)
        return getattr(self.w, column)

    def _own_person(self, persona):
        """The persona's own person record: staff already has one; the others get one in the office."""
        if persona in ("staff", "anonymous"):
            return self.w.office_person
        person = staff_in(self.w.office, family_name="Võ", middle_name="Thị", given_name="Mai")
        user = self.user(persona)
        user.person = person
        user.save(update_fields=["person"])
        forget_scope(user)
        return person

    def visible(self, persona, kind):
        return {self.target(persona, c) for c in COLUMNS if KIND[c] == kind and expected(persona, c) != "-"}


@pytest.fixture
def matrix(world):
    return Matrix(world)


def outcome(getter, user, pk, action) -> str:
    try:
        found = getter(user, pk, action=action)
    except Http404:
        return "404"
    except PermissionDenied:
        return "403"
    return "ok" if found.pk == pk else f"wrong object {found!r}"


@pytest.mark.parametrize(("persona", "column", "action", "code"), list(_cells()))
def test_access_cell(matrix, persona, column, action, code):
    user, target, kind = matrix.user(persona), matrix.target(persona, column), KIND[column]
    if kind == "log":
        assert activity_for_user(user).filter(pk=target.pk).exists() == (code == "V")
        return
    assert outcome(GETTERS[kind], user, target.pk, action) == EXPECTED_OUTCOME[action, code]
    if kind == "person" and action == "edit":
        assert can_edit_person(user, target) == (code == "E")


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("kind", ["agency", "unit", "person", "log"])
def test_list_contents(matrix, persona, kind):
    visible = matrix.visible(persona, kind)  # first: it links the persona to its own person record
    assert set(LISTS[kind](matrix.user(persona))) == visible


@pytest.mark.parametrize("persona", PERSONAS)
def test_accounts_listed(matrix, persona):
    """The account list is for account managers: it holds the accounts they manage, not one's own."""
    named = {matrix.w.account, matrix.w.other_account}
    listed = set(accounts_for_user(matrix.user(persona))) & named
    assert listed == {a for a in named if a in matrix.visible(persona, "account")}


def _add_cells():
    for persona in PERSONAS:
        codes = ADD_TO_UNIT.get(persona, " ".join("." * len(ADD_TO_UNIT_COLUMNS))).split()
        for column, code in zip(ADD_TO_UNIT_COLUMNS, codes, strict=True):
            yield pytest.param(persona, column, code == "+", id=f"{persona}-{column}")


@pytest.mark.parametrize(("persona", "column", "allowed"), list(_add_cells()))
def test_can_add_person_to_unit(matrix, persona, column, allowed):
    assert can_add_person_to_unit(matrix.user(persona), matrix.target(persona, column)) is allowed
