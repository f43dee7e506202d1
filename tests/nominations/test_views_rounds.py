"""nominations.views.rounds: the list of rounds, opening one (the secretariat only, permission before the
form), and a round's page — the unit officer's proposals with counts, caps and missing parts, the
secretariat's table of units; past years read-only."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext as translate

from awards.models import AwardRule, RuleSet
from nominations import law
from nominations.domain.proposals import propose
from nominations.domain.rounds import open_round
from nominations.models import Proposal, Round, Status
from tests.factories import MovementFactory, account_with_role, staff_in
from tests.nominations.conftest import award, complete_dossier

pytestmark = pytest.mark.django_db


def round_url(round_):
    return reverse("nominations:round", args=[round_.pk])


def staff_of(unit, count):
    return [staff_in(unit, family_name="Võ", middle_name="Thị", given_name=f"Tên {n}") for n in range(count)]


def queries_of(client, url) -> int:
    client.get(url)  # warm: the session, the account's scope
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def cap_fighters(year: int, share="0.15"):
    """The rule set of `year` caps Chiến sĩ thi đua cơ sở at a share of Lao động tiên tiến (as 2017–2023)."""
    rule_set = RuleSet.objects.for_year(year)
    AwardRule.objects.filter(rule_set=rule_set, award__code="chien-si-thi-dua-co-so").update(
        quota_of="lao-dong-tien-tien", quota_share=Decimal(share), quota_citation="Nghị định 91/2017/NĐ-CP"
    )


# --- the list -------------------------------------------------------------------------------------------


def test_the_list_shows_the_agency_rounds_and_the_open_button_to_the_secretariat(world, nom, login):
    response = login(world.secretariat).get(reverse("nominations:rounds"))

    assert list(response.context["page"]) == [nom.round]
    assert response.context["can_open"] is True
    assert reverse("nominations:round_new") in response.content.decode()


def test_the_officer_sees_the_round_without_the_open_button(world, nom, login):
    response = login(world.officer).get(reverse("nominations:rounds"))

    assert list(response.context["page"]) == [nom.round]
    assert reverse("nominations:round_new") not in response.content.decode()


def test_another_agency_does_not_see_the_round(world, nom, login):
    outsider = account_with_role("unit_officer", unit=world.other_unit, username="canbokhac")
    client = login(outsider)

    assert list(client.get(reverse("nominations:rounds")).context["page"]) == []
    assert client.get(round_url(nom.round)).status_code == 404


# --- opening a round ----------------------------------------------------------------------------------------


def round_data(nom, **more):
    return {
        "agency": nom.round.agency_id,
        "name": "Xét khen thưởng chuyên đề Chuyển đổi số",
        "track": "cong-trang",
        "year": nom.today.year,
        "deadline": (nom.today + dt.timedelta(days=20)).strftime("%d/%m/%Y"),
        "awards": [nom.ldtt.pk, nom.ttldtt.pk],
        "note": "Các đơn vị gửi hồ sơ đúng hạn.",
        **more,
    }


def test_the_secretariat_opens_a_round(world, nom, login):
    response = login(world.secretariat).post(reverse("nominations:round_new"), round_data(nom))

    opened = Round.objects.exclude(pk=nom.round.pk).get()
    assert response.status_code == 302 and response.url == round_url(opened)
    assert opened.name == "Xét khen thưởng chuyên đề Chuyển đổi số" and opened.created_by == world.secretariat
    assert set(opened.awards.values_list("code", flat=True)) == {
        "lao-dong-tien-tien",
        "tap-the-lao-dong-tien-tien",
    }
    assert opened.deadline == nom.today + dt.timedelta(days=20)


def test_a_round_for_a_movement_names_it_and_errors_show_per_field(world, nom, login):
    data = round_data(nom, track="chuyen-de", awards=[])

    response = login(world.secretariat).post(reverse("nominations:round_new"), data)

    assert response.status_code == 200 and Round.objects.count() == 1
    errors = response.context["form"].errors
    assert errors["awards"] == [translate("Tick at least one award the round admits.")]
    movement = MovementFactory(agency=world.agency)
    data = round_data(nom, track="chuyen-de")
    response = login(world.secretariat).post(reverse("nominations:round_new"), data)
    assert response.context["form"].errors["movement"] == [
        translate("A round for a movement or theme names the movement.")
    ]
    response = login(world.secretariat).post(
        reverse("nominations:round_new"), data | {"movement": movement.pk}
    )
    assert Round.objects.get(movement=movement).track == "chuyen-de"


@pytest.mark.parametrize("persona", ["officer", "head", "staff", "leader"])
def test_only_the_secretariat_opens_a_round_even_with_a_valid_form(world, nom, login, persona):
    client = login(getattr(world, persona))

    assert client.get(reverse("nominations:round_new")).status_code == 403
    response = client.post(reverse("nominations:round_new"), round_data(nom))

    assert response.status_code == 403
    assert Round.objects.count() == 1


# --- a round's page -------------------------------------------------------------------------------------


def test_the_officer_sees_her_units_proposals_counts_and_missing_parts(world, nom, login):
    (minh,) = propose(actor=world.officer, round=nom.round, unit=world.division, award=nom.ldtt,
                      people=[world.division_person])  # fmt: skip
    (huong,) = propose(actor=world.officer, round=nom.round, unit=world.team, award=nom.ldtt,
                       people=[world.team_person])  # fmt: skip
    propose(actor=None, round=nom.round, unit=world.office, award=nom.ldtt, people=[world.office_person])

    response = login(world.officer).get(round_url(nom.round))

    assert [p.pk for p in response.context["page"]] == [minh.pk, huong.pk]
    assert [(badge.label, n) for badge, n in response.context["counts"]] == [(str(Status.DRAFT.label), 2)]
    missing = [part.code for part in response.context["page"][0].missing]
    assert law.COVER in missing and law.REPORT in missing
    body = response.content.decode()
    for name in ("propose_registration", "propose_due", "propose_blank"):
        assert reverse(f"nominations:{name}", args=[nom.round.pk]) in body
    assert reverse("nominations:unit_dossier", args=[nom.round.pk, world.division.pk]) in body
    assert reverse("nominations:queue") not in body


def test_a_complete_dossier_shows_no_missing_part(world, nom, login):
    (minh,) = propose(actor=world.officer, round=nom.round, unit=world.division, award=nom.ldtt,
                      people=[world.division_person])  # fmt: skip
    complete_dossier(nom.round, world.division)
    Proposal.objects.filter(pk=minh.pk).update(report="Báo cáo thành tích.")

    response = login(world.officer).get(round_url(nom.round))

    assert response.context["page"][0].missing == []


def test_the_round_page_shows_the_caps_use_and_an_overrun(world, nom, login):
    cap_fighters(nom.today.year)
    people = [world.division_person, *staff_of(world.division, 6)]
    propose(actor=None, round=nom.round, unit=world.division, award=nom.ldtt, people=people)
    propose(actor=None, round=nom.round, unit=world.division, award=nom.cstdcs, people=people[:2])

    response = login(world.officer).get(round_url(nom.round))

    (quota,) = response.context["quotas"]
    assert (quota.agency.count, quota.agency.base, quota.agency.cap) == (2, 7, 1)
    assert quota.units[world.division.pk].exceeded
    assert 'data-testid="over-cap"' in response.content.decode()


def test_the_secretariat_sees_every_unit_with_counts_and_the_queue(world, nom, login):
    propose(actor=None, round=nom.round, unit=world.division, award=nom.ldtt, people=[world.division_person])
    propose(actor=None, round=nom.round, unit=world.office, award=nom.ldtt, people=[world.office_person])

    response = login(world.secretariat).get(round_url(nom.round))

    rows = {unit.pk: unit for unit in response.context["units_page"]}
    assert set(rows) == {world.office.pk, world.division.pk, world.team.pk}
    assert (rows[world.division.pk].total, rows[world.team.pk].total) == (1, 0)
    assert rows[world.office.pk].draft == 1
    body = response.content.decode()
    assert reverse("nominations:queue") in body
    assert reverse("nominations:posting_new", args=[nom.round.pk]) in body
    assert 'data-testid="proposals-table"' not in body  # not every proposal at once


def test_a_past_year_round_is_read_only(world, nom, login):
    year = nom.today.year - 2
    old = open_round(actor=None, agency=world.agency, name=f"Xét khen thưởng năm {year}", year=year,
                     deadline=dt.date(year + 1, 1, 15), awards=[nom.ldtt])  # fmt: skip

    for user in (world.officer, world.secretariat):
        response = login(user).get(round_url(old))
        assert response.context["may_propose"] is False
        body = response.content.decode()
        assert reverse("nominations:propose_blank", args=[old.pk]) not in body
        assert reverse("nominations:posting_new", args=[old.pk]) not in body
        assert 'data-testid="history"' in body
        assert login(user).get(reverse("nominations:propose_blank", args=[old.pk])).status_code == 403


def test_after_the_deadline_the_officer_is_offered_no_proposing(world, nom, login):
    Round.objects.filter(pk=nom.round.pk).update(deadline=nom.today - dt.timedelta(days=1))

    assert login(world.officer).get(round_url(nom.round)).context["may_propose"] is False
    assert login(world.secretariat).get(round_url(nom.round)).context["may_propose"] is True


def _proposals(world, nom, count):
    people = [world.division_person, *staff_of(world.division, count - 1)]
    propose(actor=None, round=nom.round, unit=world.division, award=nom.ldtt, people=people)


@pytest.mark.parametrize("persona", ["officer", "secretariat"])
def test_the_round_page_query_count_does_not_grow(world, nom, login, persona):
    cap_fighters(nom.today.year)
    client = login(getattr(world, persona))
    _proposals(world, nom, 1)
    one = queries_of(client, round_url(nom.round))
    staff = staff_of(world.division, 7)
    propose(actor=None, round=nom.round, unit=world.division, award=nom.cstdcs, people=staff)

    eight = queries_of(client, round_url(nom.round))

    assert Proposal.objects.count() == 8
    assert one == eight


def test_query_count_of_the_list_is_the_same_with_one_and_eight_rounds(world, nom, login):
    client = login(world.officer)
    one = queries_of(client, reverse("nominations:rounds"))
    for n in range(7):
        open_round(actor=None, agency=world.agency, name=f"Đợt {n}", year=nom.today.year,
                   deadline=nom.today, awards=[award("lao-dong-tien-tien")])  # fmt: skip

    eight = queries_of(client, reverse("nominations:rounds"))

    assert len(client.get(reverse("nominations:rounds")).context["page"]) == 8
    assert one == eight
