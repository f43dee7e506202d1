"""The law is edited in the Django admin (data, not code): a coefficient changed there is what the engine
reads; nothing is deleted; the ledger is read-only there."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from awards.eligibility import Engine
from awards.facts import Facts
from awards.models import AwardRecord, AwardRule
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_a_coefficient_changed_in_the_admin_changes_the_money(superuser_client):
    rule = AwardRule.objects.get(rule_set__code="2025-07", award__code="lao-dong-tien-tien")
    page = superuser_client.get(reverse("admin:awards_awardrule_change", args=[rule.pk]))
    assert page.status_code == 200 and "criteria-TOTAL_FORMS" in page.content.decode()

    AwardRule.objects.filter(pk=rule.pk).update(coefficient=Decimal("0.4"))  # what the admin form saves

    facts = Facts(kind="individual", hired_on=dt.date(2020, 1, 1), ratings={2025: "HTTNV"})
    verdict = Engine().evaluate(facts, "lao-dong-tien-tien", 2025, decision_date=dt.date(2026, 11, 24))
    assert verdict.amount.amount == 1_020_000  # 0,4 × 2.530.000 = 1.012.000, rounded up


@pytest.mark.parametrize("model", ["award", "ruleset", "awardrule", "basesalary", "setting"])
def test_law_rows_cannot_be_deleted(superuser_client, model):
    response = superuser_client.get(reverse(f"admin:awards_{model}_changelist"))
    assert response.status_code == 200
    assert 'value="delete_selected"' not in response.content.decode()


def test_the_ledger_is_read_only_in_the_admin(superuser_client):
    response = superuser_client.get(reverse("admin:awards_awardrecord_add"))
    assert response.status_code == 403
    assert not AwardRecord.objects.exists()
