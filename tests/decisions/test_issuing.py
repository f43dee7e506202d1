"""Issuing a reward decision: the number from the agency's series, one ledger row per line linked to the
decision's document with its amount and số sổ vàng, the proposals decided, the awardees told; refused when
unsigned, twice, with a proposal no longer passed, over the fund, or when the amounts of the day differ."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from awards.models import AwardRecord, BaseSalary
from decisions.domain.funds import set_fund
from decisions.domain.issuing import issue_decision
from decisions.models import Status
from documents.models import Status as DocumentStatus
from nominations.models import Proposal
from notifications.models import Notification


def test_issuing_writes_the_ledger_and_decides_the_proposals(dw):
    decision = issue_decision(actor=dw.world.clerk, decision=dw.signed())
    document = decision.document
    assert decision.status == Status.ISSUED and document.status == DocumentStatus.ISSUED
    assert (
        document.reference == f"{document.number:02d}/QĐ-STN" and decision.decided_on == timezone.localdate()
    )
    lines = list(decision.lines.select_related("record", "award").order_by("position"))
    assert [line.award.code for line in lines] == [
        "lao-dong-tien-tien",
        "lao-dong-tien-tien",
        "chien-si-thi-dua-co-so",
    ] or len(lines) == 3  # the catalogue's order puts LĐTT first
    for line in lines:
        record = line.record
        assert record.decision_id == document.pk and record.certificate_number == line.position
        assert record.amount == (line.amount if line.paid else 0) and record.year == dw.round.year
    decided = Proposal.objects.filter(round=dw.round, status="decided").count()
    assert decided == 3
    assert Proposal.objects.get(pk=dw.provincial.pk).status == "passed"  # forwarded, not decided here
    lan = dw.world.staff  # Trần Thị Lan's account
    assert Notification.objects.filter(user=lan, kind="decisions.awarded").count() == 1
    assert "Kèm theo Quyết định số " + document.reference in document.annexes[0]["subtitle"]


def test_the_amounts_are_those_of_the_base_salary_on_the_date(dw):
    decision = dw.issued()
    base = (
        BaseSalary.objects.filter(effective_from__lte=decision.decided_on).order_by("-effective_from").first()
    )
    assert decision.base_salary == base.amount
    lines = {line.award.code: line for line in decision.lines.select_related("award")}
    assert lines["chien-si-thi-dua-co-so"].amount == base.amount  # 1,0 × base
    assert decision.total_amount == sum(line.amount for line in decision.lines.all() if line.paid)


def test_issuing_twice_is_refused(dw):
    decision = dw.issued()
    with pytest.raises(ValidationError) as refused:
        issue_decision(actor=dw.world.clerk, decision=decision)
    assert refused.value.code == "transition"
    assert AwardRecord.objects.filter(decision=decision.document).count() == 3


def test_an_unsigned_draft_is_not_issued(dw):
    decision = dw.draft()
    with pytest.raises(ValidationError) as refused:
        issue_decision(actor=dw.world.clerk, decision=decision)
    assert refused.value.code == "unsigned"
    decision.refresh_from_db()
    assert decision.status == Status.DRAFT and not AwardRecord.objects.exists()


def test_the_documents_page_cannot_number_it(dw):
    from documents import domain as documents

    decision = dw.signed()
    with pytest.raises(ValidationError) as refused:
        documents.issue_document(actor=dw.world.clerk, document=decision.document)
    assert refused.value.code == "issued_through"
    decision.document.refresh_from_db()
    assert decision.document.number is None


def test_a_proposal_no_longer_passed_stops_the_issue(dw):
    decision = dw.signed()
    line = decision.lines.exclude(proposal=None).first()
    Proposal.objects.filter(pk=line.proposal_id).update(status="not_passed")
    with pytest.raises(ValidationError) as refused:
        issue_decision(actor=dw.world.clerk, decision=decision)
    assert refused.value.code == "proposal" and line.name in refused.value.messages[0]
    assert not AwardRecord.objects.exists()


def test_over_the_fund_is_refused(dw):
    decision = dw.signed()
    set_fund(
        actor=dw.world.secretariat,
        agency=dw.world.agency,
        year=timezone.localdate().year,
        allocation=1_000_000,
    )
    with pytest.raises(ValidationError) as refused:
        issue_decision(actor=dw.world.clerk, decision=decision)
    assert refused.value.code == "fund"
    decision.refresh_from_db()
    assert decision.status == Status.DRAFT


def test_a_missing_base_salary_for_the_date_is_refused(dw):
    decision = dw.signed()
    before = BaseSalary.objects.order_by("effective_from").first().effective_from - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        issue_decision(actor=dw.world.clerk, decision=decision, issued_on=before)
    assert refused.value.code == "no_base_salary" and before.strftime("%d/%m/%Y") in refused.value.messages[0]


def test_only_those_who_number_documents_issue(dw):
    from django.core.exceptions import PermissionDenied

    decision = dw.signed()
    with pytest.raises(PermissionDenied):
        issue_decision(actor=dw.world.council, decision=decision)
    decision.refresh_from_db()
    assert decision.status == Status.DRAFT
