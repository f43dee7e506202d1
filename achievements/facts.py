"""The initiatives the rules engine reads (a fact source of awards.subjects, registered in
AchievementsConfig.ready): each author's recognised initiatives of the years judged, with the award her share
already served — one query whatever the number of people."""

from awards.facts import Facts
from awards.facts import Initiative as InitiativeFact

from .models import InitiativeAuthor


def initiative_facts(facts: dict[int, Facts], person_ids: list[int], since: int, year: int) -> None:
    authorships = InitiativeAuthor.objects.filter(
        person_id__in=person_ids,
        initiative__year__gte=since,
        initiative__year__lte=year,
        initiative__recognition_level__gt="",
    ).order_by("initiative__year", "initiative_id")
    rows = authorships.values_list(
        "person_id", "initiative__year", "initiative__recognition_level", "award_record__award__code"
    )
    for person_id, initiative_year, level, used_for in rows:
        facts[person_id].initiatives.append(InitiativeFact(initiative_year, level, used_for))
