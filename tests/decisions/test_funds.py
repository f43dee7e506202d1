"""decisions.funds and decisions.domain.funds: the fund's figures for a year (the organising share, what the
agency's own issued reward decisions of the year spend, the drafts pending, what remains) in two queries;
the overspend message that refuses an issue; recording the fund (permission before validation, logged)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from activity.models import ActivityLog
from decisions.domain.funds import set_fund
from decisions.domain.issuing import issue_decision
from decisions.funds import fund_of, fund_report, organising_amount, overspend_message
from decisions.models import Decision, Fund, Kind, Origin, Status
from documents import domain as documents
from documents.models import Document, DocumentKind
from documents.models import Status as DocumentStatus
from nominations.models import Proposal
from tests.council.conftest import ensure_law_data

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
YEAR = TODAY.year
ISSUED_ON = dt.date(YEAR, 1, 15) if dt.date(YEAR, 1, 15) <= TODAY else TODAY


def spend(agency, amount, *, on=ISSUED_ON, status=Status.ISSUED, origin=Origin.OWN, kind=Kind.REWARD):
    """A decision of `agency` paying `amount`, as issue_decision leaves it (the whole flow: dw.issued() — one
    decision per council meeting; the fund's figures need several, of several years)."""
    ensure_law_data()
    quyet_dinh = DocumentKind.objects.get(code="quyet_dinh")
    document = documents.create_draft(
        actor=None, agency=agency, kind=quyet_dinh, fields={"subject": f"Khen thưởng ({amount} đồng)"},
        issued_through="decisions",
    )  # fmt: skip
    if status == Status.ISSUED:
        number = Document.objects.filter(agency=agency, number__isnull=False).count() + 1
        Document.objects.filter(pk=document.pk).update(
            status=DocumentStatus.ISSUED, number=number, notation=f"QĐ-{agency.symbol}", issued_on=on,
            year=on.year,
        )  # fmt: skip
        document.refresh_from_db()
    return Decision.objects.create(
        agency=agency, document=document, status=status, origin=origin, kind=kind, total_amount=amount,
        awards_count=1, decided_on=on if status == Status.ISSUED else None, issuer="Giám đốc Sở Thử nghiệm",
    )  # fmt: skip


# --- the report ---------------------------------------------------------------------------------------------


def test_without_a_fund_the_report_knows_only_what_was_spent(world):
    spend(world.agency, 3_000_000)

    report = fund_report(world.agency, YEAR)

    assert report.fund is None and fund_of(world.agency, YEAR) is None
    assert (report.allocation, report.organising, report.available, report.remaining) == (None,) * 4
    assert (report.spent, report.issued_count) == (3_000_000, 1)
    assert not report.overspent


def test_the_report_counts_the_own_issued_reward_decisions_of_the_year(world):
    set_fund(actor=world.secretariat, agency=world.agency, year=YEAR, allocation=100_000_000)
    first, second = spend(world.agency, 3_000_000), spend(world.agency, 2_000_000)
    spend(world.agency, 9_000_000, on=dt.date(YEAR - 1, 12, 30))  # last year's fund
    spend(world.agency, 1_000_000, status=Status.DRAFT)  # pending
    spend(world.agency, 500_000, status=Status.DISCARDED)
    spend(world.agency, 7_000_000, origin=Origin.REGISTERED)  # the Province pays it from its own fund
    spend(world.agency, 4_000_000, kind=Kind.REVOCATION)
    spend(world.other_agency, 8_000_000)

    report = fund_report(world.agency, YEAR)

    assert report.allocation == 100_000_000 and report.share == Decimal("0.20")
    assert report.share_percent == 20
    assert (report.organising, report.available) == (20_000_000, 80_000_000)
    assert (report.spent, report.issued_count) == (5_000_000, 2)
    assert (report.pending, report.drafts_count) == (1_000_000, 1)
    assert (report.remaining, report.remaining_after_drafts) == (75_000_000, 74_000_000)
    assert list(report.issued()) == [first, second]
    assert [d.total_amount for d in report.drafts()] == [1_000_000]


def test_an_undated_draft_is_pending_in_this_years_fund_only(world):
    spend(world.agency, 1_000_000, status=Status.DRAFT)

    assert fund_report(world.agency, YEAR).pending == 1_000_000
    assert fund_report(world.agency, YEAR - 1).pending == 0


def test_the_figures_take_two_queries_whatever_the_number_of_decisions(world, django_assert_num_queries):
    set_fund(actor=None, agency=world.agency, year=YEAR, allocation=50_000_000)
    for amount in (1_000_000, 2_000_000, 3_000_000):
        spend(world.agency, amount)
        spend(world.agency, amount, status=Status.DRAFT)

    with django_assert_num_queries(2):
        report = fund_report(world.agency, YEAR)

    assert (report.spent, report.pending, report.remaining) == (6_000_000, 6_000_000, 34_000_000)


def test_the_organising_share_is_rounded_to_the_dong():
    assert organising_amount(1_000_003, Decimal("0.15")) == 150_000  # 150.000,45
    assert organising_amount(1_000_010, Decimal("0.15")) == 150_002  # 150.001,5 rounded up
    assert organising_amount(0, Decimal("0.20")) == 0


def test_a_report_of_overspent_issued_decisions_says_so(world):
    set_fund(actor=None, agency=world.agency, year=YEAR, allocation=10_000_000)
    spend(world.agency, 9_000_000)

    report = fund_report(world.agency, YEAR)

    assert report.remaining == -1_000_000 and report.overspent


# --- the overspend check ------------------------------------------------------------------------------------


def test_no_fund_recorded_means_no_check(world):
    draft = spend(world.agency, 10**12, status=Status.DRAFT)

    assert overspend_message(draft) == ""


def test_a_decision_within_what_remains_passes(world):
    set_fund(actor=None, agency=world.agency, year=YEAR, allocation=10_000_000)  # 8.000.000 for rewards
    spend(world.agency, 5_000_000)
    draft = spend(world.agency, 3_000_000, status=Status.DRAFT)

    assert overspend_message(draft) == ""


@pytest.mark.usefixtures("english")
def test_a_decision_over_what_remains_is_refused_with_the_amounts(world):
    set_fund(actor=None, agency=world.agency, year=YEAR, allocation=10_000_000)
    spend(world.agency, 5_000_000)
    draft = spend(world.agency, 3_500_000, status=Status.DRAFT)

    message = overspend_message(draft)

    assert "3.500.000 đồng" in message  # the decision
    assert "3.000.000 đồng left" in message  # what remains
    assert "10.000.000 đồng" in message and "2.000.000 đồng kept for organising" in message
    assert "5.000.000 đồng spent" in message and "overspend by 500.000 đồng" in message
    assert str(YEAR) in message


def test_the_year_checked_is_that_of_the_issuing_date(world):
    set_fund(actor=None, agency=world.agency, year=YEAR - 1, allocation=1_000_000)
    draft = spend(world.agency, 3_000_000, status=Status.DRAFT)

    assert overspend_message(draft) == ""  # this year has no fund recorded
    assert overspend_message(draft, on=dt.date(YEAR - 1, 12, 1)) != ""


def test_an_issued_decision_is_not_counted_twice(world):
    set_fund(actor=None, agency=world.agency, year=YEAR, allocation=10_000_000)
    issued = spend(world.agency, 8_000_000)

    assert overspend_message(issued) == ""


def test_a_registered_decision_is_never_checked_against_the_agencys_fund(world):
    set_fund(actor=None, agency=world.agency, year=YEAR, allocation=0)
    registered = spend(world.agency, 7_000_000, status=Status.DRAFT, origin=Origin.REGISTERED)

    assert overspend_message(registered) == ""


def test_issuing_over_the_fund_is_refused_and_leaves_the_draft(dw):
    decision = dw.signed()
    assert decision.total_amount > 0
    set_fund(actor=dw.world.secretariat, agency=dw.world.agency, year=YEAR, allocation=decision.total_amount)

    with pytest.raises(ValidationError) as refused:
        issue_decision(actor=dw.world.clerk, decision=decision)

    assert refused.value.error_list[0].code == "fund"
    decision.refresh_from_db()
    assert decision.status == Status.DRAFT and decision.document.number is None
    assert not Proposal.objects.filter(round=dw.round, status="decided").exists()


def test_a_draft_from_the_council_list_is_pending(dw):
    decision = dw.draft()

    report = fund_report(dw.world.agency, YEAR)

    assert report.pending == decision.total_amount > 0 and report.drafts_count == 1


# --- recording the fund -------------------------------------------------------------------------------------


def test_the_secretariat_records_the_fund_with_the_default_share(world):
    fund = set_fund(actor=world.secretariat, agency=world.agency, year=YEAR, allocation=120_000_000,
                    note="Dự toán  được giao\nnăm nay")  # fmt: skip

    fund.refresh_from_db()
    assert (fund.allocation, fund.organising_share, fund.changed_by) == (120_000_000, Decimal("0.20"),
                                                                          world.secretariat)  # fmt: skip
    assert fund.note == "Dự toán được giao\nnăm nay"
    log = ActivityLog.objects.get(action="decisions.fund.set")
    assert log.actor == world.secretariat and log.agency == world.agency
    assert log.data["after"] == {"allocation": 120_000_000, "organising_share": "0.20",
                                 "note": "Dự toán được giao\nnăm nay", "year": YEAR}  # fmt: skip
    assert "before" not in log.data


def test_changing_the_fund_logs_what_changed_and_keeps_the_share(world):
    set_fund(actor=None, agency=world.agency, year=YEAR, allocation=100, organising_share=Decimal("0.15"))

    fund = set_fund(actor=world.secretariat, agency=world.agency, year=YEAR, allocation=200)

    assert Fund.objects.filter(agency=world.agency).count() == 1
    assert (fund.allocation, fund.organising_share) == (200, Decimal("0.15"))
    log = ActivityLog.objects.filter(action="decisions.fund.set").latest("pk")
    assert log.data["before"] == {"allocation": 100}
    assert log.data["after"] == {"allocation": 200, "year": YEAR}


@pytest.mark.parametrize("persona", ["staff", "leader", "council", "head"])
def test_only_the_secretariat_records_the_fund_and_is_asked_before_validation(world, persona):
    with pytest.raises(PermissionDenied):
        set_fund(actor=getattr(world, persona), agency=world.agency, year=YEAR, allocation=-1,
                 organising_share=7)  # fmt: skip

    assert not Fund.objects.exists() and not ActivityLog.objects.filter(action="decisions.fund.set").exists()


def test_the_secretariat_of_another_agency_is_refused(world):
    with pytest.raises(PermissionDenied):
        set_fund(actor=world.secretariat, agency=world.other_agency, year=YEAR, allocation=1)


@pytest.mark.parametrize(
    ("allocation", "share", "field"),
    [(-1, None, "allocation"), (1.5, None, "allocation"), (True, None, "allocation"),
     (10, Decimal("1.01"), "organising_share"), (10, Decimal("-0.1"), "organising_share"),
     (10, "abc", "organising_share"), (10, Decimal("NaN"), "organising_share")],
)  # fmt: skip
def test_a_negative_allocation_or_a_share_outside_0_to_1_is_refused(world, allocation, share, field):
    with pytest.raises(ValidationError) as refused:
        set_fund(actor=world.secretariat, agency=world.agency, year=YEAR, allocation=allocation,
                 organising_share=share)  # fmt: skip

    assert field in refused.value.message_dict
    assert not Fund.objects.exists()


def test_a_share_of_nothing_or_everything_is_accepted(world):
    assert (
        set_fund(
            actor=None, agency=world.agency, year=YEAR, allocation=0, organising_share=0
        ).organising_share
        == 0
    )
    fund = set_fund(actor=None, agency=world.agency, year=YEAR, allocation=5, organising_share=1)
    assert fund.organising_share == 1 and fund_report(world.agency, YEAR).available == 0
