"""Awards resting on an initiative: the link is the author's share (InitiativeAuthor.award_record), written by
achievements.domain.record_award_on_initiative, kept when the authors are edited, and read by the engine
through the fact source achievements registers (awards.subjects.register_fact_source)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from achievements import domain as achievements
from achievements.facts import initiative_facts
from achievements.models import InitiativeAuthor
from awards.due import verdicts_of_people
from awards.models import Award, AwardRecord
from awards.subjects import FACT_SOURCES, people_facts, register_fact_source
from tests.awards.records import decision_document

pytestmark = pytest.mark.django_db
D = dt.date
CSTD = "chien-si-thi-dua-co-so"


def initiative_of(world, *authors, year=2024):
    return achievements.record_initiative(
        actor=None,
        agency=world.agency,
        unit=world.division,
        fields={"title": "Sổ tay thủ tục", "year": year, "recognition_level": "co-so",
                "recognised_on": D(year, 12, 1)},
        authors=list(authors),
    )  # fmt: skip


def on_initiative(world, initiative, person, code=CSTD, actor=None, year=2024):
    return achievements.record_award_on_initiative(
        actor=actor,
        initiative=initiative,
        person=person,
        agency=world.agency,
        award=Award.objects.get(code=code),
        year=year,
        decision=decision_document(world.agency, 5, D(year + 1, 1, 20)),
        decided_on=D(year + 1, 1, 20),
    )


def test_the_award_is_linked_to_the_authors_share(world):
    initiative = initiative_of(
        world, (world.division_person, Decimal("60")), (world.team_person, Decimal("40"))
    )

    record = on_initiative(world, initiative, world.division_person, actor=world.secretariat)

    author = InitiativeAuthor.objects.get(initiative=initiative, person=world.division_person)
    assert (author.award_record, record.initiative_authorship) == (record, author)
    assert InitiativeAuthor.objects.get(person=world.team_person).award_record is None  # her share is free


def test_a_refused_link_records_nothing(world, english):
    initiative = initiative_of(world, (world.division_person, Decimal("100")))
    on_initiative(world, initiative, world.division_person)

    with pytest.raises(ValidationError) as refused:
        on_initiative(world, initiative, world.division_person, code="giay-khen")

    assert refused.value.code == "initiative_used"
    (message,) = refused.value.messages
    assert message.startswith("This initiative was already the basis of “") and "used once" in message
    assert AwardRecord.objects.count() == 1


def test_only_the_agencys_managers_record_an_award_on_an_initiative(world):
    initiative = initiative_of(world, (world.division_person, Decimal("100")))

    with pytest.raises(PermissionDenied):
        on_initiative(world, initiative, world.division_person, actor=world.officer)

    assert not AwardRecord.objects.exists()
    assert InitiativeAuthor.objects.get().award_record is None


def test_an_award_rests_on_one_share_only(world):
    """The one-to-one: a second author's row cannot point at an award already resting on another share."""
    first = initiative_of(world, (world.division_person, Decimal("100")))
    second = initiative_of(world, (world.division_person, Decimal("100")))
    record = on_initiative(world, first, world.division_person)

    with pytest.raises(IntegrityError), transaction.atomic():
        InitiativeAuthor.objects.filter(initiative=second).update(award_record=record)


def test_editing_the_authors_keeps_the_award_a_share_served(world):
    initiative = initiative_of(
        world, (world.division_person, Decimal("60")), (world.team_person, Decimal("40"))
    )
    record = on_initiative(world, initiative, world.division_person)

    achievements.update_initiative(
        actor=None,
        initiative=initiative,
        fields={},
        authors=[(world.division_person, Decimal("50")), (world.office_person, Decimal("50"))],
    )

    authors = {a.person: (a.share, a.award_record) for a in initiative.authors.all()}
    assert authors == {
        world.division_person: (Decimal("50"), record),
        world.office_person: (Decimal("50"), None),
    }


def test_an_author_whose_share_served_an_award_stays(world):
    initiative = initiative_of(
        world, (world.division_person, Decimal("60")), (world.team_person, Decimal("40"))
    )
    on_initiative(world, initiative, world.division_person)

    with pytest.raises(ValidationError) as refused:
        achievements.update_initiative(
            actor=None, initiative=initiative, fields={}, authors=[(world.team_person, Decimal("100"))]
        )

    assert refused.value.code == "author_used"
    assert initiative.authors.count() == 2


def test_the_engine_reads_the_initiatives_and_what_they_served(world):
    initiative = initiative_of(
        world, (world.division_person, Decimal("60")), (world.team_person, Decimal("40"))
    )
    initiative_of(world, (world.team_person, Decimal("100")), year=2023)
    on_initiative(world, initiative, world.division_person)
    facts = people_facts([world.division_person.pk, world.team_person.pk], 2024)

    assert [(i.year, i.level, i.used_for) for i in facts[world.division_person.pk].initiatives] == [
        (2024, "co-so", CSTD)
    ]
    assert [(i.year, i.used_for) for i in facts[world.team_person.pk].initiatives] == [
        (2023, None),
        (2024, None),
    ]
    assert facts[world.division_person.pk].free_initiatives(2024, "co-so") == []


def test_achievements_registers_its_fact_source_once():
    assert FACT_SOURCES.count(initiative_facts) == 1
    register_fact_source(initiative_facts)
    assert FACT_SOURCES.count(initiative_facts) == 1


@pytest.mark.parametrize("count", [1, 3])
def test_the_fact_source_costs_one_query_whatever_the_number(world, django_assert_num_queries, count):
    people = [world.division_person, world.team_person, world.office_person][:count]
    for person in people:
        initiative_of(world, (person, Decimal("100")))
    facts = {person.pk: people_facts([person.pk], 2024)[person.pk] for person in people}
    for fact in facts.values():
        fact.initiatives.clear()

    with django_assert_num_queries(1):
        initiative_facts(facts, list(facts), 2018, 2024)

    assert all(len(fact.initiatives) == 1 for fact in facts.values())


def test_verdicts_of_people_for_the_registration_page(world, django_assert_num_queries):
    wanted = [
        (world.division_person.pk, "lao-dong-tien-tien"),
        (world.division_person.pk, "tap-the-lao-dong-tien-tien"),
    ]

    verdicts = verdicts_of_people(agency=world.agency, year=2024, wanted=wanted)

    assert verdicts[wanted[0]].award.code == "lao-dong-tien-tien"
    assert verdicts[wanted[1]] is None  # a collective title: the engine cannot judge a person for it
    with django_assert_num_queries(0):
        assert verdicts_of_people(agency=world.agency, year=2024, wanted=[]) == {}
