"""The 2021 round of the seed's Sở TN&MT Sóc Trăng completed end to end (demo/decisions.py, issue 15 point 8):
the Giám đốc's decision of 25/02/2022 with the amounts of NĐ 91/2017 on the 2022 base salary, its ledger rows
and certificate, the Chiến sĩ thi đua cấp tỉnh forwarded and decided by the Province, the funds."""

import datetime as dt
from collections import defaultdict

import pytest
from django.contrib.contenttypes.models import ContentType

from achievements.models import InitiativeAuthor
from activity.models import ActivityLog
from awards.models import AwardKind, AwardRecord
from council.models import Meeting
from decisions.funds import fund_report
from decisions.models import Certificate, Decision, ForwardPackage, Match
from nominations.models import Proposal
from nominations.models import Status as ProposalStatus
from notifications.models import Notification
from tests.demo.helpers import agency

pytestmark = pytest.mark.django_db
BASE_2022 = 1_490_000
LDTT, CSTD, TTLDTT, CSTD_TINH = (
    "lao-dong-tien-tien", "chien-si-thi-dua-co-so", "tap-the-lao-dong-tien-tien", "chien-si-thi-dua-tinh"
)  # fmt: skip


def round_proposals():
    return Proposal.objects.filter(round__agency=agency("TNMT"), round__year=2021).select_related("award")


def own_decision() -> Decision:
    return Decision.objects.select_related("document").get(agency=agency("TNMT"), origin="own")


def province_decision() -> Decision:
    return Decision.objects.select_related("document").get(
        agency=agency("TNMT"), year=2021, origin="registered"
    )


def rounded_up(value) -> int:
    """Up to the next 10.000 đồng (the demo's rounding setting)."""
    return -(-int(value) // 10_000) * 10_000


def test_the_directors_decision_issued_with_its_number_and_amounts(demo):
    decision = own_decision()
    document = decision.document
    meeting = Meeting.objects.get(council__agency=agency("TNMT"))
    assert (decision.status, decision.meeting, decision.year) == ("issued", meeting, 2021)
    assert document.issued_on == decision.decided_on == dt.date(2022, 2, 25) > meeting.date
    assert document.reference.endswith("/QĐ-STNMT") and document.number > 9  # after the council's decision
    assert document.status == "published" and document.issued_through == "decisions"
    assert document.signer_position == "GIÁM ĐỐC" and document.signer_name
    assert decision.base_salary == BASE_2022 and decision.issuer.startswith("Giám đốc Sở Tài nguyên")
    lines = list(decision.lines.select_related("award", "record"))
    assert {line.award.code for line in lines} == {LDTT, CSTD, TTLDTT}
    for line in lines:
        assert line.paid and line.amount == rounded_up(line.coefficient * BASE_2022)
    assert {line.award.code: line.amount for line in lines} == {
        LDTT: 450_000,
        CSTD: 1_490_000,
        TTLDTT: 1_200_000,
    }
    assert decision.total_amount == sum(line.amount for line in lines) and decision.awards_count == len(lines)
    assert [len(annex["rows"]) for annex in document.annexes] == [8, 1, 2]  # an annex per article
    assert [annex["total"][-1] for annex in document.annexes] == ["3.600.000", "1.490.000", "2.400.000"]


def test_its_ledger_rows_link_to_it_and_its_proposals_are_decided(demo):
    decision = own_decision()
    for line in decision.lines.select_related("record", "proposal"):
        record = line.record
        assert (record.decision, record.decided_on, record.certificate_number, record.amount) == (
            decision.document,
            dt.date(2022, 2, 25),
            line.position,
            line.amount,
        )
        assert (record.person_id, record.year, record.award_id) == (line.person_id, 2021, line.award_id)
        assert line.proposal.status == ProposalStatus.DECIDED
    within = [p for p in round_proposals() if p.award.within_agency_authority and p.status != "not_passed"]
    assert {p.pk for p in within} == set(decision.lines.values_list("proposal_id", flat=True))


def test_the_not_passed_proposal_is_on_no_decision(demo):
    (refused,) = round_proposals().filter(status=ProposalStatus.NOT_PASSED)
    assert refused.award.code == CSTD and not refused.decision_lines.exists()
    assert not AwardRecord.objects.filter(person=refused.person, year=2021, award=refused.award).exists()


def test_the_grassroots_fighter_has_her_certificate_and_her_initiative_serves_it(demo):
    line = own_decision().lines.select_related("record").get(award__code=CSTD)
    (certificate,) = Certificate.objects.filter(line__decision=own_decision())
    assert (certificate.line, certificate.record, certificate.name, certificate.issued_on) == (
        line,
        line.record,
        line.name,
        dt.date(2022, 2, 25),
    )
    assert len(certificate.code.replace("-", "")) == 24
    authorship = InitiativeAuthor.objects.select_related("initiative").get(award_record=line.record)
    assert (authorship.person_id, authorship.initiative.year, authorship.initiative.recognition_level) == (
        line.person_id,
        2021,
        "co-so",
    )


def test_the_provincial_title_forwarded_and_decided_by_the_province(demo):
    (package,) = ForwardPackage.objects.filter(agency=agency("TNMT"))
    assert (package.status, package.sent_on, package.year) == ("answered", dt.date(2022, 2, 28), 2021)
    assert package.document.reference.endswith("/TTr-STNMT") and package.document.issued_on == dt.date(
        2022, 2, 25
    )
    (item,) = package.items.select_related("proposal__award")
    assert item.outcome == "awarded" and item.proposal.award.code == CSTD_TINH
    assert item.proposal.status == ProposalStatus.AWARDED
    decision = province_decision()
    document = decision.document
    assert (decision.package, decision.status, decision.issuer) == (
        package,
        "issued",
        "Chủ tịch Ủy ban nhân dân tỉnh Sóc Trăng",
    )
    assert (document.direction, document.reference, document.issued_on, document.arrival_date) == (
        "incoming",
        "812/QĐ-UBND",
        dt.date(2022, 4, 15),
        dt.date(2022, 4, 20),
    )
    (line,) = decision.lines.select_related("record", "award")
    assert (line.proposal, line.match) == (item.proposal, Match.EXACT)
    assert line.record.decision == document and line.record.person == item.proposal.person


def test_the_provincial_fighter_holds_her_chain_and_is_paid_the_difference(demo):
    line = province_decision().lines.select_related("record", "person").get()
    person = line.person
    fighter = AwardRecord.objects.filter(person=person, award__code=CSTD)
    assert set(fighter.values_list("year", flat=True)) >= {2019, 2020, 2021}
    full = rounded_up(3 * BASE_2022)
    assert (line.coefficient, line.amount, line.record.amount) == (3, full - BASE_2022, full - BASE_2022)
    assert "chênh lệch" in line.unpaid_reason
    provincial = InitiativeAuthor.objects.select_related("initiative").get(award_record=line.record)
    assert provincial.initiative.recognition_level == "tinh" and provincial.person == person


def test_no_person_year_of_the_story_is_paid_twice(demo):
    paid = defaultdict(int)
    for record in AwardRecord.objects.filter(year=2021, person__isnull=False, award__kind=AwardKind.TITLE):
        paid[record.person_id] += record.amount
    assert paid and max(paid.values()) <= rounded_up(3 * BASE_2022)  # the highest title's money at most
    assert sorted(paid.values())[-1] == rounded_up(
        3 * BASE_2022
    )  # the provincial fighter: 1.490.000 + the rest


def test_the_fund_of_2022_pays_the_directors_decision_only(demo):
    report = fund_report(agency("TNMT"), 2022)
    decision = own_decision()
    assert report.allocation == 180_000_000 and report.spent == decision.total_amount
    assert report.remaining == report.available - decision.total_amount and not report.overspent
    assert list(report.issued()) == [decision]  # the Province's decision is paid from its own fund


def test_the_story_is_logged_on_its_days_and_its_notices_read(demo):
    rows = ActivityLog.objects.filter(agency=agency("TNMT"), action__startswith="decisions.")
    days = {row.action: row.created_at.date() for row in rows if row.created_at.year == 2022}
    assert days["decisions.decision.issued"] == dt.date(2022, 2, 25)
    assert days["decisions.package.sent"] == dt.date(2022, 2, 28)
    assert days["decisions.package.answered"] == dt.date(2022, 4, 20)
    kinds = ContentType.objects.get_for_models(Decision, ForwardPackage, Proposal).values()
    notices = Notification.objects.filter(target_type__in=kinds, kind__startswith="decisions")
    assert not notices.filter(read_at=None).exists()
