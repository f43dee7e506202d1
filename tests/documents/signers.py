"""Signers for the tests (documents.signing): the persona accounts of tests/conftest.py `world` given the
people and posts the signing rule reads, and a clerk (văn thư)."""

from types import SimpleNamespace

from accounts.models import Role
from organisations.models import UnitKind
from tests.factories import AssignmentFactory, PersonFactory, UnitFactory, account_with_role


def _person(unit, position, **names):
    person = PersonFactory(agency=unit.agency, **names)
    AssignmentFactory(person=person, unit=unit, position=position, is_leadership=True)
    return person


def add_signers(world) -> SimpleNamespace:
    """world.leader becomes the director (Giám đốc) with a person; a deputy director (KT.) is added; the unit
    head (world.head) heads the division (TL./TUQ.); world.clerk numbers and issues."""
    board = UnitFactory(agency=world.agency, name="Ban Giám đốc", symbol="BGD", kind=UnitKind.LEADERSHIP)
    director = _person(board, "Giám đốc", family_name="Trần", middle_name="Văn", given_name="Giám")
    world.leader.person = director
    world.leader.save()
    deputy_person = _person(board, "Phó Giám đốc", family_name="Lý", middle_name="Thị", given_name="Phó")
    deputy = account_with_role(
        Role.AGENCY_LEADER, agency=world.agency, person=deputy_person, username="phogiamdoc"
    )
    head_person = _person(
        world.division, "Trưởng phòng", family_name="Võ", middle_name="Văn", given_name="Trưởng"
    )
    world.head.person = head_person
    world.head.save()
    clerk_person = _person(world.office, "Văn thư", family_name="Đỗ", middle_name="Thị", given_name="Thư")
    world.clerk = account_with_role(Role.CLERK, agency=world.agency, person=clerk_person, username="vanthu")
    world.deputy = deputy
    for account in (world.leader, world.head):
        vars(account).pop("scope", None)
    return SimpleNamespace(director=director, deputy=deputy_person, head=head_person, clerk=clerk_person)


def signed_by(person, authority: str = "") -> dict:
    """The `fields` of a draft whose signer is `person` signing with `authority`."""
    return {"signer": person, "signing_authority": authority}
