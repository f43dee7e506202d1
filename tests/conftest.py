"""Personas shared by the tests: one agency with a small unit tree, a second agency, one account per role."""

from types import SimpleNamespace

import pytest
from django.utils import translation

from accounts.models import Role
from tests.factories import AgencyFactory, UnitFactory, account_with_role, staff_in


@pytest.fixture
def world(db):
    """
    Agency "STN" (Sở Thử nghiệm) with units:
        office (VP)
        division (PKH) ─ team (TKH, under the division)
    Agency "other" with one unit. One person in each unit; one account per role.
    """
    agency = AgencyFactory(name="Sở Thử nghiệm", symbol="STN")
    other_agency = AgencyFactory(name="Sở Khác", symbol="SK")
    office = UnitFactory(agency=agency, name="Văn phòng", symbol="VP")
    division = UnitFactory(agency=agency, name="Phòng Kế hoạch", symbol="PKH")
    team = UnitFactory(agency=agency, parent=division, name="Tổ Kế hoạch", symbol="TKH")
    other_unit = UnitFactory(agency=other_agency, name="Văn phòng Sở Khác", symbol="VP")
    w = SimpleNamespace(
        agency=agency,
        other_agency=other_agency,
        office=office,
        division=division,
        team=team,
        other_unit=other_unit,
    )
    w.office_person = staff_in(office, family_name="Trần", middle_name="Thị", given_name="Lan")
    w.division_person = staff_in(division, family_name="Lê", middle_name="Văn", given_name="Minh")
    w.team_person = staff_in(team, family_name="Đặng", middle_name="Thị", given_name="Hương")
    w.other_person = staff_in(other_unit, family_name="Phạm", middle_name="Văn", given_name="Nam")
    w.admin = account_with_role(Role.SYSTEM_ADMIN, username="admin")
    w.secretariat = account_with_role(Role.SECRETARIAT, agency=agency, username="thuongtruc")
    w.council = account_with_role(Role.COUNCIL_MEMBER, agency=agency, username="hoidong")
    w.leader = account_with_role(Role.AGENCY_LEADER, agency=agency, username="giamdoc")
    w.head = account_with_role(Role.UNIT_HEAD, unit=division, username="truongphong")
    w.officer = account_with_role(Role.UNIT_OFFICER, unit=division, username="canbothidua")
    w.staff = account_with_role(Role.STAFF, person=w.office_person, username="nhanvien")
    w.editor = account_with_role(Role.PORTAL_EDITOR, agency=agency, username="bientap")
    return w


@pytest.fixture
def english(settings):
    """Run a test in English: for tests that compare messages with their English msgids.
    The Vietnamese catalogue itself is checked by tests/test_translations.py."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def login(client):
    """login(user) -> the test client, logged in as `user`."""

    def as_user(user):
        client.force_login(user)
        return client

    return as_user


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    """Every test starts with an empty cache of its own, in memory (the rate-limit counters): no test is
    throttled by the requests of another, and none touches data/cache."""
    from django.core.cache import caches

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"},
        "portal": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests-portal"},
    }
    caches["default"].clear()
    caches["portal"].clear()
