from organisations.scope import scope_for
from people.access import people_for_user


def test_officer_sees_division_and_team_people_only(world):
    seen = set(people_for_user(world.officer))
    assert seen == {world.division_person, world.team_person}
    assert scope_for(world.officer).edit_units == {world.division.pk, world.team.pk}
