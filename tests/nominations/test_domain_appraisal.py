"""nominations.domain.appraisal: returns with a reason and the fields to correct, appraisal with the
duplicates flagged, bulk appraisal, the nominee's confirmation of her printed line."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from activity.models import ActivityLog
from awards.models import AgencySetting, Setting
from nominations.domain.appraisal import (
    appraise_many,
    appraise_proposal,
    confirm_line,
    overlaps,
    return_proposal,
)
from nominations.domain.proposals import propose, submit_proposal, update_proposal
from nominations.domain.rounds import open_round
from nominations.models import Confirmation, Proposal, Status
from notifications.models import Notification
from tests.factories import AssignmentFactory, account_with_role
from tests.nominations.conftest import award, complete_dossier
from workdays.calendar import working_day_after

pytestmark = pytest.mark.django_db


def submitted(world, nom, person=None, unit=None, award_=None):
    unit = unit or world.division
    people = [] if award_ is not None and not award_.is_individual else [person or world.division_person]
    (proposal,) = propose(
        actor=world.secretariat, round=nom.round, unit=unit, award=award_ or nom.ldtt, people=people
    )
    complete_dossier(nom.round, unit)
    justification = "Giải trình của đơn vị." if proposal.verdict == "not_eligible" else ""
    update_proposal(
        actor=world.secretariat, proposal=proposal, report="Báo cáo thành tích.", justification=justification
    )
    return submit_proposal(actor=world.secretariat, proposal=proposal)


def test_a_return_needs_a_reason_and_changes_nothing_without_one(world, nom):
    proposal = submitted(world, nom)
    with pytest.raises(ValidationError) as refused:
        return_proposal(actor=world.secretariat, proposal=proposal, reason="  ", fields=["report"])
    assert refused.value.error_dict["reason"][0].code == "reason_required"
    stored = Proposal.objects.get()
    assert (stored.status, stored.return_reason, stored.returned_fields) == (Status.SUBMITTED, "", [])
    assert not ActivityLog.objects.filter(action="nominations.proposal.returned").exists()


def test_a_return_names_the_fields_and_tells_the_unit(world, nom):
    proposal = submitted(world, nom)
    return_proposal(
        actor=world.secretariat, proposal=proposal, reason="Thiếu số quyết định xếp loại.", fields=["report"]
    )
    stored = Proposal.objects.get()
    assert (stored.status, stored.returned_fields) == (Status.RETURNED, ["report"])
    assert stored.correct_by == working_day_after(nom.today, 5, agency=world.agency)
    assert stored.may_change("report") and not stored.may_change("achievement")
    notice = Notification.objects.get(user=world.officer, kind="nominations.returned")
    assert "Lê Văn Minh" in notice.title and notice.body == "Thiếu số quyết định xếp loại."


def test_unknown_fields_are_refused(world, nom):
    proposal = submitted(world, nom)
    with pytest.raises(ValidationError):
        return_proposal(actor=world.secretariat, proposal=proposal, reason="Sửa", fields=["status"])
    assert Proposal.objects.get().status == Status.SUBMITTED


def test_only_the_secretariat_returns_or_appraises(world, nom):
    proposal = submitted(world, nom)
    with pytest.raises(PermissionDenied):
        return_proposal(actor=world.officer, proposal=proposal, reason="Sửa")
    with pytest.raises(PermissionDenied):
        appraise_proposal(actor=world.officer, proposal=proposal, opinion="Đủ điều kiện")
    assert Proposal.objects.get().status == Status.SUBMITTED


def test_appraisal_records_the_opinion_and_the_flags(world, nom):
    proposal = submitted(world, nom)
    # transferred during the year: the office proposes her too, for another award
    AssignmentFactory(
        person=world.division_person, unit=world.office, start_date=nom.today.replace(month=1, day=1)
    )
    submitted(world, nom, person=world.division_person, unit=world.office, award_=nom.giay_khen)
    appraise_proposal(actor=world.secretariat, proposal=proposal, opinion="Đủ tiêu chuẩn, hồ sơ đầy đủ.")
    stored = Proposal.objects.get(pk=proposal.pk)
    assert (stored.status, stored.opinion) == (Status.APPRAISED, "Đủ tiêu chuẩn, hồ sơ đầy đủ.")
    assert [flag["code"] for flag in stored.flags] == ["other-unit"]
    assert "Văn phòng" in stored.flags[0]["message"] and "Giấy khen" in stored.flags[0]["message"]


def test_a_collective_with_its_head_is_flagged_where_the_agency_forbids_it(world, nom):
    setting = Setting.objects.get(code="head-with-collective")
    AgencySetting.objects.create(agency=world.agency, setting=setting, value="no")
    AssignmentFactory(
        person=world.division_person, unit=world.division, is_leadership=True, position="Trưởng phòng"
    )
    person = submitted(world, nom)
    unit = submitted(world, nom, award_=nom.ttldtt)
    assert [f["code"] for f in overlaps(unit)] == ["head"]
    assert [f["code"] for f in overlaps(person)] == ["head"]


def test_a_printed_name_differing_only_by_accents_is_flagged(world, nom):
    proposal = submitted(world, nom)
    Proposal.objects.filter(pk=proposal.pk).update(line_name="Lê Van  Minh")
    assert [f["code"] for f in overlaps(Proposal.objects.get(pk=proposal.pk))] == ["name"]


def test_bulk_appraisal_moves_each_and_reports_the_refused(world, nom):
    first = submitted(world, nom)
    second = submitted(world, nom, person=world.team_person, unit=world.team)
    Proposal.objects.filter(pk=second.pk).update(status=Status.APPRAISED)  # moved meanwhile
    done, refused = appraise_many(actor=world.secretariat, proposals=[first, second], opinion="Đạt")
    assert [p.pk for p in done] == [first.pk] and [p.pk for p, _why in refused] == [second.pk]
    assert ActivityLog.objects.filter(action="nominations.proposal.appraised").count() == 1


def test_the_nominee_confirms_or_reports_an_error(world, nom):
    proposal = submitted(world, nom)
    nominee = account_with_role("staff", person=world.division_person, username="minh")
    with pytest.raises(PermissionDenied):
        confirm_line(actor=world.staff, proposal=proposal, correct=True)
    with pytest.raises(ValidationError):
        confirm_line(actor=nominee, proposal=proposal, correct=False, note="")
    assert Proposal.objects.get().confirmation == Confirmation.PENDING
    confirm_line(actor=nominee, proposal=proposal, correct=False, note="Ngày sinh đúng là 18/05/1985.")
    stored = Proposal.objects.get()
    assert (stored.confirmation, stored.confirmation_note) == (
        Confirmation.DISPUTED,
        "Ngày sinh đúng là 18/05/1985.",
    )
    confirm_line(actor=nominee, proposal=stored, correct=True)
    assert Proposal.objects.get().confirmation == Confirmation.CONFIRMED


def test_a_round_of_a_past_year_is_history(world, nom):
    old = open_round(
        actor=None,
        agency=world.agency,
        name="Đợt 2021",
        year=2021,
        deadline=nom.today,
        awards=[award("lao-dong-tien-tien")],
    )
    with pytest.raises(ValidationError):
        propose(
            actor=world.secretariat,
            round=old,
            unit=world.division,
            award=award("lao-dong-tien-tien"),
            people=[world.division_person],
        )
    assert not Proposal.objects.filter(round=old).exists()


def test_nothing_of_a_past_years_round_changes_but_through_the_system(world, nom):
    from nominations.domain.posting import make_ready
    from nominations.domain.proposals import withdraw_proposal

    old = open_round(
        actor=None,
        agency=world.agency,
        name="Đợt 2021",
        year=2021,
        deadline=nom.today,
        awards=[award("lao-dong-tien-tien")],
    )
    (proposal,) = propose(
        actor=None,
        round=old,
        unit=world.division,
        award=award("lao-dong-tien-tien"),
        people=[world.division_person],
    )
    for change in (
        lambda: update_proposal(actor=world.officer, proposal=proposal, report="Sửa"),
        lambda: submit_proposal(actor=world.officer, proposal=proposal),
        lambda: withdraw_proposal(actor=world.officer, proposal=proposal),
    ):
        with pytest.raises(ValidationError) as refused:
            change()
        assert refused.value.code == "history"
    Proposal.objects.filter(pk=proposal.pk).update(status=Status.APPRAISED)
    with pytest.raises(ValidationError):
        make_ready(actor=world.secretariat, proposal=proposal)
    stored = Proposal.objects.get(pk=proposal.pk)
    assert (stored.status, stored.report) == (Status.APPRAISED, "")
