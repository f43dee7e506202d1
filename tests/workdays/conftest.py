import datetime as dt

import pytest

from accounts.models import Role
from tests.factories import account_with_role
from workdays.models import DayException, Kind


@pytest.fixture
def agency_admin(world):
    """A system administrator of the agency "STN" (not of the whole installation)."""
    return account_with_role(Role.SYSTEM_ADMIN, agency=world.agency, username="quantri_stn")


@pytest.fixture
def exception_of(db):
    """exception_of(agency, day, kind="off", reason=…) -> a DayException row, as the calendar reads it."""

    def make(agency, day: dt.date, kind=Kind.OFF, reason="Nghỉ theo thông báo của UBND tỉnh"):
        return DayException.objects.create(agency=agency, day=day, kind=kind, reason=reason)

    return make
