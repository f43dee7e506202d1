"""decisions.views.funds: the fund page shows the year's figures and each issued decision's spending (linked
to its page), the drafts pending and the form to the secretariat only; a reader's POST is refused before
the form; the agency and the year are chosen; constant queries whatever the number of decisions.

This module is also the URL configuration of the fund's views until decisions/urls.py includes them."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from decisions.domain.funds import set_fund
from decisions.models import Fund, Status
from tests.decisions.test_funds import ISSUED_ON, YEAR, spend
from tests.factories import account_with_role

pytestmark = pytest.mark.django_db


def fund_url(name="decisions:fund", **query) -> str:
    words = "&".join(f"{key}={value}" for key, value in query.items())
    return reverse(name) + (f"?{words}" if words else "")


def set_url(**query) -> str:
    """The form's address: the fund page's form posts there, with the page's agency and year."""
    return fund_url("decisions:fund_set", **query)


def test_a_reader_sees_the_figures_and_the_decisions_without_the_form(world, login):
    set_fund(actor=None, agency=world.agency, year=YEAR, allocation=100_000_000)
    first, second = spend(world.agency, 3_000_000), spend(world.agency, 2_000_000)
    draft = spend(world.agency, 1_000_000, status=Status.DRAFT)

    response = login(world.leader).get(fund_url())

    html = response.content.decode()
    assert response.status_code == 200 and response.context["report"].remaining == 75_000_000
    assert "100.000.000 đồng" in html and "20.000.000 đồng (20 %)" in html and "80.000.000 đồng" in html
    assert "5.000.000 đồng" in html and "75.000.000 đồng" in html
    for decision in (first, second):
        assert reverse("decisions:detail", args=[decision.pk]) in html
        assert decision.document.reference in html and ISSUED_ON.strftime("%d/%m/%Y") in html
    assert reverse("decisions:detail", args=[draft.pk]) not in html  # drafts: their drafters only
    assert 'data-testid="fund-form"' not in html and 'data-testid="fund-pending"' not in html


def test_the_secretariat_sees_the_drafts_pending_and_the_form(world, login):
    set_fund(
        actor=None, agency=world.agency, year=YEAR, allocation=10_000_000, organising_share=Decimal("0.1")
    )
    draft = spend(world.agency, 9_500_000, status=Status.DRAFT)

    response = login(world.secretariat).get(fund_url())

    html = response.content.decode()
    assert response.context["drafts"] == [draft]
    assert reverse("decisions:detail", args=[draft.pk]) in html and "9.500.000 đồng" in html
    assert 'data-testid="fund-drafts-overspend"' in html  # 9.000.000 for rewards
    form = response.context["form"]
    assert (form.initial["allocation"], form.initial["organising_share"]) == ("10.000.000", 10)


def test_without_a_fund_the_page_says_so(world, login):
    response = login(world.secretariat).get(fund_url())

    assert 'data-testid="fund-none"' in response.content.decode()
    assert response.context["form"].initial == {}


def test_the_secretariat_records_the_fund(world, login):
    data = {"allocation": "150.000.000", "organising_share": "15", "note": "Dự toán"}

    response = login(world.secretariat).post(set_url(year=YEAR - 1), data)

    assert response.status_code == 302
    assert response["Location"] == fund_url(agency=world.agency.pk, year=YEAR - 1)
    fund = Fund.objects.get(agency=world.agency, year=YEAR - 1)
    assert (fund.allocation, fund.organising_share, fund.note) == (150_000_000, Decimal("0.15"), "Dự toán")


@pytest.mark.parametrize(
    ("data", "field"),
    [({"allocation": "-5", "organising_share": "20"}, "allocation"),
     ({"allocation": "mười triệu", "organising_share": "20"}, "allocation"),
     ({"allocation": "1000", "organising_share": "120"}, "organising_share")],
)  # fmt: skip
def test_a_wrong_fund_is_shown_again_with_its_error(world, login, data, field):
    response = login(world.secretariat).post(set_url(), data)

    assert response.status_code == 200 and response.context["form"].errors[field]
    assert not Fund.objects.exists()


@pytest.mark.parametrize("persona", ["leader", "council"])
def test_a_readers_post_is_refused_before_the_form(world, login, persona):
    response = login(getattr(world, persona)).post(set_url(), {"allocation": "-1"})

    assert response.status_code == 403 and not Fund.objects.exists()


def test_someone_without_an_agency_to_read_gets_nothing(world, login):
    assert login(world.staff).get(fund_url()).status_code == 404


def test_the_year_and_the_agency_are_chosen(world, login):
    set_fund(actor=None, agency=world.other_agency, year=YEAR - 2, allocation=7_000_000)
    spend(world.other_agency, 1_000_000, on=dt.date(YEAR - 2, 6, 1))
    admin = login(world.admin)

    response = admin.get(fund_url(agency=world.other_agency.pk, year=YEAR - 2))

    assert response.context["agency"] == world.other_agency and response.context["year"] == YEAR - 2
    assert response.context["report"].spent == 1_000_000 and response.context["chooser"].offers_choice
    fallback = admin.get(fund_url(year="abc")).context
    assert fallback["year"] == YEAR


def test_the_issued_decisions_are_paginated(world, login, monkeypatch):
    monkeypatch.setattr("decisions.views.funds.PAGE_SIZE", 2)
    for amount in (1, 2, 3):
        spend(world.agency, amount)

    response = login(world.secretariat).get(fund_url())

    page = response.context["page"]
    assert len(page.object_list) == 2 and page.paginator.num_pages == 2
    assert response.context["report"].spent == 6


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("persona", ["secretariat", "leader"])
def test_the_page_takes_the_same_queries_for_1_or_5_decisions(world, login, persona):
    set_fund(actor=None, agency=world.agency, year=YEAR, allocation=100_000_000)
    client = login(getattr(world, persona))
    spend(world.agency, 1_000_000)
    spend(world.agency, 1_000_000, status=Status.DRAFT)
    client.get(fund_url())  # the caches warm
    one = _queries(client, fund_url())
    for _n in range(4):
        spend(world.agency, 1_000_000)
        spend(world.agency, 1_000_000, status=Status.DRAFT)

    assert _queries(client, fund_url()) == one


def test_the_payment_list_link_resolves():
    assert reverse("decisions:payment_list", args=[7]).endswith("/7/payment-list.xlsx")


def test_another_agencys_secretariat_cannot_choose_this_agency(world, login):
    outsider = account_with_role(Role.SECRETARIAT, agency=world.other_agency, username="sk")
    set_fund(actor=None, agency=world.agency, year=YEAR, allocation=5)

    response = login(outsider).get(fund_url(agency=world.agency.pk))

    assert response.context["agency"] == world.other_agency and response.context["report"].fund is None
