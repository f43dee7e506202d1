"""PostgreSQL reads the API's list of registrations in its order through an index (issue 12): the rounds
latest opened first, then by unit — the constraint one_registration_per_unit (round, unit) read backwards
(or the round's index with an incremental sort by unit) — never a sort of a province's registrations
through their units."""

import datetime as dt
import re

import pytest

from api.movements import REGISTRATION_ORDER
from movements.access import registrations_for_user
from movements.models import Movement, Registration, RegistrationRound
from organisations.models import Unit
from tests.factories import MovementFactory, UnitFactory
from tests.planner import analyse, on_postgresql, plan

pytestmark = [on_postgresql, pytest.mark.django_db]
FULL_SORT = re.compile(r"(->\s+)?Sort\s+\(")  # a Sort node, not an Incremental Sort nor a "Sort Key"


@pytest.fixture
def registrations(world):
    """6 000 registrations: 60 units of the world's agency in 100 rounds (10 movements × 10 years)."""
    units = UnitFactory.create_batch(60, agency=world.agency)
    rounds = [
        RegistrationRound.objects.create(
            movement=movement, year=year, opens_on=dt.date(year, 1, 1), deadline=dt.date(year, 3, 31)
        )
        for movement in MovementFactory.create_batch(10, agency=world.agency)
        for year in range(2016, 2026)
    ]
    Registration.objects.bulk_create(
        [Registration(round=round_, unit=unit) for round_ in rounds for unit in units], batch_size=2000
    )
    # the movements too: with the statistics an earlier test left (a few movements of another agency), the
    # planner expects one movement of this agency and sorts a handful of rows it thinks the page holds
    analyse(Registration, RegistrationRound, Unit, Movement)


def test_the_registrations_are_read_in_their_order_through_an_index(world, registrations):
    for user in (world.secretariat, world.admin):
        queryset = registrations_for_user(user).select_related("round__movement", "unit")
        text = plan(queryset.order_by(*REGISTRATION_ORDER)[:50])
        indexes = ("one_registration_per_unit", "movements_registration_round_id")
        assert any(f" on {name}" in text or f" using {name}" in text for name in indexes), text
        sorts = [line for line in text.splitlines() if FULL_SORT.match(line.strip())]
        assert not sorts, text  # an incremental sort by unit within a round may follow the index
