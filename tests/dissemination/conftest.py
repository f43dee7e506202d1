"""Shared fixtures: an issued công văn of the world's agency, unit heads, and accounts for the recipients."""

import datetime as dt

import pytest

from accounts.models import Role
from documents.models import Document, DocumentKind
from people.models import UnitHead
from tests.factories import account_with_role


def issued_document(
    agency, *, number=5, status="issued", subject="V/v triển khai phong trào thi đua năm 2021"
):
    return Document.objects.create(
        agency=agency,
        direction="outgoing",
        kind=DocumentKind.objects.get(code="cong_van"),
        status=status,
        number=number,
        year=2021,
        notation=f"{agency.symbol}-VP",
        issued_on=dt.date(2021, 2, 10),
        subject=subject,
    )


@pytest.fixture
def document(world):
    return issued_document(world.agency)


@pytest.fixture
def heads(world):
    """The division has a head (Lê Văn Minh); the office has none, but Trần Thị Lan holds its leadership
    post. Accounts: `minh` (division head), `huong` (staff of the team, under the division); world.staff is
    Trần Thị Lan's account."""
    UnitHead.objects.update_or_create(unit=world.division, defaults={"person": world.division_person})
    world.office_person.assignments.update(is_leadership=True)
    world.minh = account_with_role(Role.STAFF, person=world.division_person, username="minh")
    world.huong = account_with_role(Role.STAFF, person=world.team_person, username="huong")
    return world


@pytest.fixture
def predecessor_document(world):
    """A dispatch of "Sở Tài nguyên và Môi trường", merged into the world's agency on 01/03/2025 (its unit
    closed then, continued by the office): the seed dispatch 46/STNMT-VP in small."""
    from tests.factories import AgencyFactory, UnitFactory

    old = AgencyFactory(name="Sở Tài nguyên và Môi trường", symbol="STNMT", valid_to=dt.date(2025, 2, 28))
    old.successor = world.agency
    old.save()
    world.old_agency = old
    world.old_unit = UnitFactory(
        agency=old, name="Văn phòng", symbol="VP", valid_to=dt.date(2025, 2, 28), successor=world.office
    )
    return issued_document(old, number=46)
