"""The demo's nominations (demo/nominations.py): the current year's round of the Sở NN&MT Cần Thơ in progress
so that every demo account finds work, the 2021 round of the Sở TN&MT Sóc Trăng ready for its council, and an
activity log that reads as the history of both."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import User
from activity.models import ActivityLog
from demo.nominations import ROUND_UNITS
from nominations.access import appraisable_proposals, compiling_unit_ids, proposals_for_user
from nominations.domain.posting import closing_day
from nominations.dossier import missing_parts
from nominations.drafting import period_of, report_text
from nominations.models import Comment, Posting, Proposal, Round, Source, Status, UnitDossier, Verdict
from people.models import Assignment, QualityRating
from tests.demo.helpers import agency

pytestmark = pytest.mark.django_db
ORDER = [Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.APPRAISED, Status.POSTED, Status.READY]


def current_round() -> Round:
    return Round.objects.get(agency=agency("NNMT_CT"), year=timezone.localdate().year)


def round_2021() -> Round:
    return Round.objects.get(agency=agency("TNMT"), year=2021)


def proposals_of(round_) -> list[Proposal]:
    return list(
        Proposal.objects.filter(round=round_).select_related("award", "person", "unit", "rule_set", "round")
    )


def user(username: str) -> User:
    return User.objects.select_related("person").get(username=username)


def test_the_current_round_has_a_proposal_in_every_state(demo):
    round_ = current_round()
    found = proposals_of(round_)
    assert round_.name == f"Xét khen thưởng công trạng năm {round_.year}" and round_.track == "cong-trang"
    assert 0 < (round_.deadline - timezone.localdate()).days <= 7
    assert {p.status for p in found} == set(ORDER)
    assert sum(p.status == Status.DRAFT for p in found) == 2
    assert {p.source for p in found} == set(Source.values)
    (blank,) = [p for p in found if p.source == Source.BLANK]
    assert blank.achievement.startswith("Chủ trì số hóa")


def test_every_proposal_past_the_draft_has_a_complete_dossier_from_its_units_meeting(demo):
    for round_ in (current_round(), round_2021()):
        sent = [p for p in proposals_of(round_) if p.status != Status.DRAFT]
        for proposal in sent:
            assert missing_parts(proposal) == [], proposal
            assert proposal.report.startswith(("I. SƠ LƯỢC LÝ LỊCH", "I. SƠ LƯỢC ĐẶC ĐIỂM")), proposal
        for dossier in UnitDossier.objects.filter(round=round_).select_related("cover"):
            assert dossier.cover.subject.startswith(f"Đề nghị khen thưởng thành tích năm {round_.year}")
            assert dossier.minutes.startswith(f"Hôm nay, ngày {dossier.met_on:%d/%m/%Y}")
            assert 0 < dossier.members_present <= dossier.members_total
        assert {d.unit_id for d in UnitDossier.objects.filter(round=round_)} == {p.unit_id for p in sent}


def test_the_round_judged_on_this_years_ratings_all_but_one_eligible_the_one_justified(demo):
    found = [p for p in proposals_of(current_round()) if p.status != Status.DRAFT]
    eligible = [p for p in found if p.verdict == Verdict.ELIGIBLE]
    assert len(eligible) == len(found) - 1 >= 12
    assert all(not p.justification for p in eligible)
    (commendation,) = [p for p in found if p.verdict == Verdict.NOT_ELIGIBLE]
    assert commendation.award.code == "bang-khen-tinh"
    assert commendation.justification.startswith("Chủ trì chỉnh lý hồ sơ địa chính")


def test_this_years_ratings_the_round_units_people_by_one_decision_before_the_first_proposal(demo):
    round_ = current_round()
    ratings = list(QualityRating.objects.filter(year=round_.year))
    ((decision, day),) = {(r.decision, r.decided_on) for r in ratings}
    assert decision.startswith("Quyết định số ") and decision.endswith("/QĐ-SNNMT")
    posts = Assignment.objects.current(day).filter(
        unit__agency=round_.agency, unit__symbol__in=ROUND_UNITS, is_primary=True
    )
    assert {r.person_id for r in ratings} == set(posts.values_list("person_id", flat=True))
    accounts = set(User.objects.values_list("person_id", flat=True))
    assert all(r.rating in ("good", "excellent") for r in ratings if r.person_id in accounts)
    logged = ActivityLog.objects.filter(action="people.rating.recorded", data__after__year=round_.year)
    assert {timezone.localdate(row.created_at) for row in logged} == {day}
    opened = ActivityLog.objects.for_object(round_).get(action="nominations.round.opened").created_at
    created = [
        ActivityLog.objects.for_object(p).get(action="nominations.proposal.created").created_at
        for p in proposals_of(round_)
    ]
    assert timezone.localdate(opened) < day < timezone.localdate(min(created))


def cited(person, years) -> list[str]:
    """How a report cites each of her ratings of `years`: "(Quyết định số 9/QĐ-STNMT ngày 07/01/2022)"."""
    ratings = QualityRating.objects.filter(person=person, year__in=years).order_by("year")
    assert [r.year for r in ratings] == list(years), person
    return [f"({r.decision} ngày {r.decided_on:%d/%m/%Y})" for r in ratings]


def test_the_reports_of_this_years_nominees_cite_their_ratings_decisions(demo):
    round_ = current_round()
    individual = [p for p in proposals_of(round_) if p.person_id and p.status != Status.DRAFT]
    for proposal in individual:
        citations = cited(proposal.person, period_of(proposal).years)
        assert citations[-1].startswith("(Quyết định số ") and "/QĐ-SNNMT ngày " in citations[-1]
        for text in (proposal.report, report_text(proposal)):
            assert all(citation in text for citation in citations), proposal
            assert "chưa ghi số quyết định" not in text and "chưa có kết quả xếp loại" not in text
    (commendation,) = [p for p in individual if p.award.code == "bang-khen-tinh"]
    two_years = cited(commendation.person, (round_.year - 1, round_.year))
    assert len(set(two_years)) == 2 and all(c in report_text(commendation) for c in two_years)


def test_the_2021_reports_cite_the_2021_rating_decision(demo):
    individual = [p for p in proposals_of(round_2021()) if p.person_id]
    assert individual
    for proposal in individual:
        assert proposal.report_form == "Mẫu số 02"
        (citation,) = cited(proposal.person, (2021,))
        assert "/QĐ-STNMT ngày " in citation
        for text in (proposal.report, report_text(proposal)):
            lines = [line for line in text.splitlines() if line.startswith("- Năm 2021: ")]
            assert any(line.endswith(f"{citation}.") for line in lines), proposal


def test_one_person_proposed_for_two_awards_is_flagged_at_appraisal(demo):
    flagged = [p for p in proposals_of(current_round()) if p.flags]
    assert len(flagged) == 2
    assert {p.status for p in flagged} == {Status.APPRAISED}
    assert len({p.person_id for p in flagged}) == 1
    assert {p.award.code for p in flagged} == {"lao-dong-tien-tien", "giay-khen"}
    assert all(flag["code"] == "twice" for p in flagged for flag in p.flags)
    assert all(p.opinion.startswith("Hồ sơ đầy đủ. Lưu ý") for p in flagged)


def test_a_proposal_returned_for_its_report_only(demo):
    (returned,) = [p for p in proposals_of(current_round()) if p.status == Status.RETURNED]
    assert returned.returned_fields == ["report"]
    assert returned.return_reason.startswith("Báo cáo thành tích chưa nêu")
    assert returned.may_change("report") and not returned.may_change("achievement")
    assert returned.person == user("truongphong").person


def test_the_secretariats_queue_has_one_overdue_and_one_due_soon(demo):
    today = timezone.localdate()
    queue = appraisable_proposals(user("thuongtruc")).filter(round=current_round(), status=Status.SUBMITTED)
    due = sorted(queue.values_list("appraisal_due_on", flat=True))
    assert len(due) >= 5
    assert due[0] < today
    assert any(today <= day <= today + dt.timedelta(days=7) for day in due)


def test_postings_one_open_with_two_comments_one_handled_one_closed_before_the_ready(demo):
    today = timezone.localdate()
    round_ = current_round()
    open_posting = Posting.objects.get(round=round_, closes_on__gte=today)
    assert open_posting.opens_on < today
    assert open_posting.closes_on == closing_day(open_posting.opens_on, 5, agency=round_.agency)
    comments = Comment.objects.filter(posting=open_posting, source="staff")  # the portal's: demo/portal.py
    comments = list(comments.order_by("received_on", "pk"))
    assert [c.handling for c in comments] == ["accepted", "pending"]
    assert comments[0].handling_reason.startswith("Tiếp thu")
    assert {p.status for p in open_posting.proposals.all()} == {Status.POSTED}

    closed = Posting.objects.get(round=round_, closes_on__lt=today)
    ready = list(closed.proposals.all())
    assert ready and {p.status for p in ready} == {Status.READY}
    assert not Comment.objects.filter(posting=closed, handling="pending").exists()
    assert Comment.objects.filter(posting=closed, handling="rejected").count() == 1


def test_nominees_who_confirmed_their_line_and_who_did_not(demo):
    found = proposals_of(current_round())
    confirmed = {p.person_id for p in found if p.confirmation == "confirmed"}
    assert confirmed == {user("bientap").person_id}
    pending = {p.person_id for p in found if p.confirmation == "pending"}
    assert {user(name).person_id for name in ("nhanvien", "truongphong", "vanthu")} <= pending


def test_every_demo_account_with_a_role_finds_work(demo):
    round_, today = current_round(), timezone.localdate()
    secretariat = appraisable_proposals(user("thuongtruc")).filter(round=round_)
    assert secretariat.filter(status=Status.SUBMITTED).exists()
    assert secretariat.filter(status=Status.POSTED, posting__closes_on__gte=today).exists()
    officer = user("canbothidua")
    units = compiling_unit_ids(officer)
    mine = proposals_for_user(officer).filter(round=round_, unit_id__in=units)
    assert mine.filter(status=Status.DRAFT).count() == 2
    assert mine.filter(status=Status.RETURNED).exists()
    nominee = user("nhanvien")
    to_confirm = proposals_for_user(nominee).filter(person=nominee.person, confirmation="pending")
    assert to_confirm.exclude(status__in=[Status.READY, Status.WITHDRAWN]).exists()
    for name in ("giamdoc", "hoidong"):
        assert proposals_for_user(user(name)).filter(round=round_, status=Status.READY).exists()


def test_the_2021_round_is_ready_for_its_council_under_the_2017_rules(demo):
    round_ = round_2021()
    found = proposals_of(round_)
    assert round_.name == "Xét khen thưởng công trạng năm 2021" and round_.deadline == dt.date(2022, 1, 14)
    assert len(found) == 13
    assert {p.award.code for p in found} == {
        "lao-dong-tien-tien",
        "chien-si-thi-dua-co-so",
        "tap-the-lao-dong-tien-tien",
        "chien-si-thi-dua-tinh",
    }
    for proposal in found:  # its council (demo.council) and the decisions (demo.decisions) settled it
        assert proposal.status in {Status.DECIDED, Status.AWARDED, Status.NOT_PASSED}
        assert proposal.rule_set.code == "2017"
        assert proposal.verdict == Verdict.ELIGIBLE
        assert proposal.report_form == ("Mẫu số 01" if proposal.is_collective else "Mẫu số 02")
        assert proposal.received_on == dt.date(2022, 1, 10)
        assert proposal.posting is None


def moves(proposal) -> list[tuple]:
    rows = (
        ActivityLog.objects.for_object(proposal)
        .filter(data__before__has_key="status")
        .order_by("created_at", "id")
    )
    return [
        (row.data["before"]["status"], row.data["after"]["status"], timezone.localdate(row.created_at))
        for row in rows
    ]


def test_the_log_reads_as_the_history_of_each_proposal(demo):
    today = timezone.localdate()
    for round_ in (current_round(), round_2021()):
        opened = ActivityLog.objects.for_object(round_).get(action="nominations.round.opened")
        for proposal in proposals_of(round_):
            created = ActivityLog.objects.for_object(proposal).get(action="nominations.proposal.created")
            assert opened.created_at <= created.created_at
            state, day = Status.DRAFT, timezone.localdate(created.created_at)
            for before, after, on in moves(proposal):
                assert before == state and day <= on <= today, proposal
                state, day = after, on
                if after == Status.SUBMITTED and before == Status.DRAFT:
                    assert on == proposal.received_on
            assert state == proposal.status, proposal
