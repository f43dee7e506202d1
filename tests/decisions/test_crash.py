"""Issuing a decision is one transaction: when its last step fails — the awardees' inbox rows, written after
the number, the ledger rows, the certificates and the proposals' moves — nothing of it remains: no number
taken from the series, no ledger row, no certificate, no proposal moved, the decision still a signed draft.

The failure is the database's own: a trigger refuses any new notification row while the test runs."""

import pytest
from django.db import DatabaseError, connection

from awards.models import AwardRecord
from decisions.domain.issuing import issue_decision
from decisions.models import Certificate, Status
from documents.models import NumberSequence
from documents.models import Status as DocumentStatus
from nominations.models import Proposal
from notifications.models import Notification

TABLE = Notification._meta.db_table


def query(sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)


def refuse_notifications():
    if connection.vendor == "postgresql":
        query(
            "CREATE OR REPLACE FUNCTION decisions_test_crash() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION 'crash'; END $$ LANGUAGE plpgsql"
        )
        query(
            f"CREATE TRIGGER decisions_test_crash BEFORE INSERT ON {TABLE} "
            "FOR EACH ROW EXECUTE FUNCTION decisions_test_crash()"
        )
    else:
        query(
            f"CREATE TRIGGER decisions_test_crash BEFORE INSERT ON {TABLE} "
            "BEGIN SELECT RAISE(ABORT, 'crash'); END"
        )


def allow_notifications():
    if connection.vendor == "postgresql":
        query(f"DROP TRIGGER IF EXISTS decisions_test_crash ON {TABLE}")
        query("DROP FUNCTION IF EXISTS decisions_test_crash()")
    else:
        query("DROP TRIGGER IF EXISTS decisions_test_crash")


@pytest.mark.django_db
def test_a_failure_at_the_last_step_leaves_nothing_issued(dw):
    decision = dw.signed()
    passed = set(Proposal.objects.filter(round=dw.round, status="passed").values_list("pk", flat=True))
    numbers = list(NumberSequence.objects.values_list("agency_id", "year", "series", "last_number"))
    refuse_notifications()
    try:
        with pytest.raises(DatabaseError):
            issue_decision(actor=dw.world.clerk, decision=decision)
    finally:
        allow_notifications()
    decision.refresh_from_db()
    decision.document.refresh_from_db()
    assert decision.status == Status.DRAFT and decision.decided_on is None
    assert decision.document.status == DocumentStatus.APPROVED and decision.document.number is None
    assert list(NumberSequence.objects.values_list("agency_id", "year", "series", "last_number")) == numbers
    assert not AwardRecord.objects.filter(decision=decision.document).exists()
    assert not decision.lines.filter(record__isnull=False).exists()
    assert not Certificate.objects.filter(line__decision=decision).exists()
    assert (
        set(Proposal.objects.filter(round=dw.round, status="passed").values_list("pk", flat=True)) == passed
    )

    issued = issue_decision(actor=dw.world.clerk, decision=decision)  # and it can be issued afterwards
    assert issued.status == Status.ISSUED and issued.document.number is not None
    assert AwardRecord.objects.filter(decision=issued.document).count() == 3
