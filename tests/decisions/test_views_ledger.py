"""decisions.views.ledger: the agency's ledger (filters by year, award and unit), a person's awards and a
unit's (its collective awards and its staff's), each row with its decision's number and date, amount and
golden book number, a revoked row marked; each reader sees the rows decisions.access gives her; the queries
of every page do not grow with the rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.domain import write_ledger_row
from awards.models import Award, AwardRecord
from lib.vnmoney import format_vnd
from people.models import Person

pytestmark = pytest.mark.django_db
LEDGER = reverse("decisions:ledger")


def person_url(person):
    return reverse("decisions:ledger_person", args=[person.pk])


def unit_url(unit):
    return reverse("decisions:ledger_unit", args=[unit.pk])


def more_rows(decision, count):
    """`count` older rows of the decision's awardees (Lao động tiên tiến of earlier years)."""
    award = Award.objects.get(code="lao-dong-tien-tien")
    people = list(Person.objects.filter(pk__in=decision.lines.values("person_id")))
    for n in range(count):
        person = people[n % len(people)]
        write_ledger_row(actor=None, agency=decision.agency, award=award, person=person,
                         year=decision.year - 1 - n // len(people), decision=decision.document,
                         amount=1_000_000, certificate_number=n + 1)  # fmt: skip


def test_the_ledger_lists_the_rows_with_their_decision(dw, login):
    decision = dw.issued()
    response = login(dw.world.secretariat).get(LEDGER)

    html = response.content.decode()
    records = list(response.context["page"])
    assert {r.pk for r in records} == set(AwardRecord.objects.values_list("pk", flat=True)) and len(
        records
    ) == 3
    assert all(r.linked and r.decision_pk == decision.pk for r in records)
    assert reverse("decisions:detail", args=[decision.pk]) in html and decision.document.reference in html
    paid = next(r for r in records if r.amount)
    assert format_vnd(paid.amount) in html


def test_the_filters(dw, login):
    decision = dw.issued()
    more_rows(decision, 2)
    client = login(dw.world.secretariat)
    award = Award.objects.get(code="chien-si-thi-dua-co-so")

    by_award = client.get(LEDGER, {"award": award.pk}).context["page"]
    assert [r.award_id for r in by_award] == [award.pk]
    by_year = client.get(LEDGER, {"year": decision.year - 1}).context["page"]
    assert {r.year for r in by_year} == {decision.year - 1} and len(by_year) == 2
    by_unit = client.get(LEDGER, {"unit": dw.world.team.pk}).context["page"]
    assert {r.person_id for r in by_unit} == {dw.world.team_person.pk}


def test_a_persons_awards(dw, login, english):
    decision = dw.issued()
    lan = dw.world.office_person
    response = login(dw.world.secretariat).get(person_url(lan))

    records = list(response.context["page"])
    assert [r.person_id for r in records] == [lan.pk]
    assert decision.document.reference in response.content.decode()


def test_a_revoked_award_stays_marked(dw, login, english):
    dw.issued()
    record = AwardRecord.objects.get(person=dw.world.office_person)
    AwardRecord.objects.filter(pk=record.pk).update(revoked_on=record.decided_on)
    response = login(dw.world.secretariat).get(person_url(dw.world.office_person))

    html = response.content.decode()
    assert f'data-testid="revoked-{record.pk}"' in html and "revoked on" in html


def test_a_staff_member_sees_her_own_awards_only(dw, login):
    dw.issued()
    client = login(dw.world.staff)  # Trần Thị Lan's account

    assert [r.person_id for r in client.get(person_url(dw.world.office_person)).context["page"]] == [
        dw.world.office_person.pk
    ]
    assert client.get(person_url(dw.world.team_person)).status_code == 404
    mine = client.get(LEDGER).context["page"]
    assert {r.person_id for r in mine} == {dw.world.office_person.pk}
    assert not any(r.linked for r in mine)  # she does not read the agency's decisions: no link


def test_a_units_awards(dw, login):
    dw.issued()
    response = login(dw.world.secretariat).get(unit_url(dw.world.office))

    people = {r.person_id for r in response.context["page"]}
    office_people = set(Person.objects.in_units([dw.world.office.pk]).values_list("pk", flat=True))
    assert people and people <= office_people and dw.world.office_person.pk in people
    assert response.context["collective"] == []


def _queries(client, address) -> int:
    client.get(address)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200
    return len(captured)


def test_the_ledger_pages_queries_do_not_grow_with_the_rows(dw, login):
    decision = dw.issued()
    client = login(dw.world.secretariat)
    lan = dw.world.office_person
    addresses = [LEDGER, person_url(lan), unit_url(dw.world.office), f"{LEDGER}?year={decision.year}"]
    before = [_queries(client, address) for address in addresses]
    more_rows(decision, 12)

    assert AwardRecord.objects.count() == 15
    assert [_queries(client, address) for address in addresses] == before
