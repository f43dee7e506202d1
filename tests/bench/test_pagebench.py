"""bench/pagebench.py: the accounts and pages it chooses, and one real measurement (no timed asserts)."""

import datetime as dt

import pytest
from django.utils import timezone

from awards.models import Award
from bench.pagebench import World, accounts_by_role, largest_agency, measure, pages_for, run, signed_in
from nominations.models import Proposal, Round
from tests.factories import staff_in


def test_accounts_are_chosen_by_their_role_grants_in_the_largest_agency(world):
    agency = largest_agency()

    accounts = accounts_by_role(agency)

    assert agency == world.agency  # three people, the other agency one
    assert accounts == {
        "admin": world.admin,
        "secretariat": world.secretariat,
        "agency leader": world.leader,
        "unit head": world.head,
        "staff": world.staff,
    }


def test_a_revoked_grant_does_not_count(world):
    world.secretariat.role_grants.update(revoked_at=timezone.now())
    assert "secretariat" not in accounts_by_role(world.agency)


def test_the_pages_are_the_hot_pages_of_every_role_and_the_api(world):
    staff_in(world.office, family_name="Nguyễn", middle_name="Văn", given_name="An")
    pages = pages_for(World(agency=world.agency, accounts=accounts_by_role(world.agency)))

    names = [page.name for page in pages]
    assert names[:5] == [
        f"home ({role})" for role in ("admin", "secretariat", "agency leader", "unit head", "staff")
    ]
    assert {
        "people search (accented)",
        "person page",
        "who is due",
        "API due",
        "API documents search",
    } <= set(names)
    assert all(page.api == page.url.startswith("/api/v1/") for page in pages)
    assert "registration page" not in names  # none in this world


def test_the_nomination_pages_show_the_agencys_round_and_a_submitted_proposal(world):
    today = timezone.localdate()
    round_ = Round.objects.create(
        agency=world.agency, name="Xét khen thưởng", year=today.year, deadline=today
    )
    award = Award.objects.get(code="lao-dong-tien-tien")
    Proposal.objects.create(round=round_, unit=world.office, award=award, person=world.office_person)
    submitted = Proposal.objects.create(
        round=round_, unit=world.division, award=award, person=world.division_person, status="submitted"
    )
    Round.objects.create(
        agency=world.other_agency, name="Đợt khác", year=today.year, deadline=today + dt.timedelta(days=1)
    )

    pages = {
        p.name: p.url for p in pages_for(World(agency=world.agency, accounts=accounts_by_role(world.agency)))
    }

    assert pages["nominations queue"] == "/app/nominations/queue/"
    assert pages["nominations round"] == f"/app/nominations/rounds/{round_.pk}/"
    assert pages["proposal page"] == f"/app/nominations/proposals/{submitted.pk}/"
    assert pages["API nominations"] == "/api/v1/nominations"


def test_without_rounds_there_is_no_nomination_page(world):
    names = [p.name for p in pages_for(World(agency=world.agency, accounts=accounts_by_role(world.agency)))]

    assert not {"nominations queue", "nominations round", "proposal page", "API nominations"} & set(names)


def test_a_measurement_gives_the_queries_and_splits_the_time(world):
    page = next(
        p
        for p in pages_for(World(agency=world.agency, accounts=accounts_by_role(world.agency)))
        if p.name == "people list"
    )

    result = measure(page, signed_in(world.secretariat), {}, runs=3)

    assert result["status"] == 200 and result["queries"] > 3
    assert 0 < result["sql_ms"] < result["median_ms"] <= result["p95_ms"]
    assert result["python_ms"] == pytest.approx(result["median_ms"] - result["sql_ms"])


def test_a_run_measures_every_home_page_signed_in_past_the_second_factor(world, settings):
    settings.THIDUA_REQUIRE_2FA = True

    result = run("test", runs=1, only="home")

    assert [page["page"] for page in result["pages"]] == [f"home ({role})" for role in result["accounts"]]
    assert {page["status"] for page in result["pages"]} == {200}  # not sent to the second step (302)
    assert result["dataset"]["people"] == 4 and result["accounts"]["secretariat"] == "thuongtruc"
