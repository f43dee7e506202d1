"""nominations.domain.proposals: proposing (the three sources), the checks of point 14, editing under the
return's lock, submitting (the dossier complete, the clock started, one submission for a double click),
withdrawing."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from activity.models import ActivityLog
from movements.domain.registrations import (
    add_entry,
    approve_registration,
    start_registration,
    submit_registration,
)
from movements.models import RegistrationRound
from nominations.domain.appraisal import return_proposal
from nominations.domain.proposals import (
    propose,
    propose_from_registration,
    submit_proposal,
    update_proposal,
    withdraw_proposal,
)
from nominations.models import Proposal, ProposalVersion, Source, Status, Verdict
from tests.factories import MovementFactory, staff_in
from tests.nominations.conftest import complete_dossier
from workdays.calendar import working_day_after

pytestmark = pytest.mark.django_db


def ready_to_submit(world, nom, person=None):
    """A proposal of the division with its dossier complete."""
    (proposal,) = propose(
        actor=world.officer,
        round=nom.round,
        unit=world.division,
        award=nom.ldtt,
        people=[person or world.division_person],
    )
    complete_dossier(nom.round, world.division)
    return update_proposal(actor=world.officer, proposal=proposal, report="Báo cáo thành tích năm nay.")


# --- proposing -----------------------------------------------------------------------------------------


def test_many_people_are_proposed_in_one_action_each_judged(world, nom):
    second = staff_in(world.division, family_name="Võ", middle_name="Thị", given_name="Mai")  # not rated
    made = propose(
        actor=world.officer,
        round=nom.round,
        unit=world.division,
        award=nom.ldtt,
        people=[world.division_person, second],
    )
    stored = {p.person: p for p in Proposal.objects.all()}
    assert set(stored) == {world.division_person, second} and len(made) == 2
    assert stored[world.division_person].verdict == Verdict.ELIGIBLE
    assert stored[second].verdict == Verdict.NOT_ELIGIBLE
    assert ActivityLog.objects.filter(action="nominations.proposal.created").count() == 2


def test_a_person_is_proposed_with_the_verdict_the_rule_set_and_the_printed_line(world, nom):
    (proposal,) = propose(
        actor=world.officer,
        round=nom.round,
        unit=world.division,
        award=nom.ldtt,
        people=[world.division_person],
        source=Source.DUE,
    )
    stored = Proposal.objects.get(pk=proposal.pk)
    assert (stored.status, stored.source, stored.verdict) == (Status.DRAFT, Source.DUE, Verdict.ELIGIBLE)
    assert stored.rule_set.code == "2026-10"
    assert stored.rule_set_reason.startswith(f"Thành tích năm {nom.round.year}")
    assert [c["passed"] for c in stored.checks] == [True] * len(stored.checks)
    assert (stored.line_name, stored.line_position) == ("Lê Văn Minh", "Chuyên viên")
    assert stored.line_unit == "Phòng Kế hoạch, Sở Thử nghiệm"
    assert stored.report_form == "Mẫu số 05"
    log = ActivityLog.objects.get(action="nominations.proposal.created")
    assert log.data["after"]["subject"] == "Lê Văn Minh"


def test_all_or_none_when_one_person_is_outside_the_unit(world, nom):
    with pytest.raises(ValidationError) as refused:
        propose(
            actor=world.officer,
            round=nom.round,
            unit=world.division,
            award=nom.ldtt,
            people=[world.division_person, world.office_person],
        )
    assert "không công tác tại Phòng Kế hoạch" in refused.value.message_dict["person"][0]
    assert not Proposal.objects.exists()


def test_a_second_proposal_for_the_same_subject_and_award_is_refused(world, nom):
    propose(
        actor=world.officer,
        round=nom.round,
        unit=world.division,
        award=nom.ldtt,
        people=[world.division_person],
    )
    with pytest.raises(ValidationError) as refused:
        propose(
            actor=world.officer,
            round=nom.round,
            unit=world.division,
            award=nom.ldtt,
            people=[world.division_person],
        )
    assert refused.value.error_dict["award"][0].code == "duplicate"
    assert Proposal.objects.count() == 1


def test_an_award_the_round_does_not_admit_is_refused(world, nom):
    from awards.models import Award

    other = Award.objects.get(code="bang-khen-tinh")
    with pytest.raises(ValidationError) as refused:
        propose(
            actor=world.officer,
            round=nom.round,
            unit=world.division,
            award=other,
            people=[world.division_person],
        )
    assert refused.value.error_dict["award"][0].code == "not_admitted"
    assert not Proposal.objects.exists()


def test_an_officer_of_another_unit_may_not_propose(world, nom):
    with pytest.raises(PermissionDenied):
        propose(
            actor=world.officer,
            round=nom.round,
            unit=world.office,
            award=nom.ldtt,
            people=[world.office_person],
        )
    with pytest.raises(PermissionDenied):
        propose(
            actor=world.staff,
            round=nom.round,
            unit=world.office,
            award=nom.ldtt,
            people=[world.office_person],
        )
    assert not Proposal.objects.exists()


def test_after_the_deadline_only_the_secretariat_accepts_with_a_reason(world, nom):
    late = nom.round.deadline + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        propose(
            actor=world.officer,
            round=nom.round,
            unit=world.division,
            award=nom.ldtt,
            people=[world.division_person],
            on=late,
        )
    assert refused.value.code == "deadline_passed"
    with pytest.raises(ValidationError) as no_reason:
        propose(
            actor=world.secretariat,
            round=nom.round,
            unit=world.division,
            award=nom.ldtt,
            people=[world.division_person],
            on=late,
        )
    assert "late_reason" in no_reason.value.message_dict
    assert not Proposal.objects.exists()
    propose(
        actor=world.secretariat,
        round=nom.round,
        unit=world.division,
        award=nom.ldtt,
        people=[world.division_person],
        on=late,
        late_reason="Đơn vị gửi chậm do thiên tai.",
    )
    assert Proposal.objects.get().late_reason == "Đơn vị gửi chậm do thiên tai."


def test_a_collective_award_is_proposed_for_the_unit_itself(world, nom):
    (proposal,) = propose(actor=world.officer, round=nom.round, unit=world.division, award=nom.ttldtt)
    assert proposal.person is None and proposal.subject_name == "Phòng Kế hoạch"
    assert proposal.line_name == "Phòng Kế hoạch"
    with pytest.raises(ValidationError):
        propose(
            actor=world.officer,
            round=nom.round,
            unit=world.division,
            award=nom.ttldtt,
            people=[world.division_person],
        )


def test_proposals_from_the_approved_registration(world, nom):
    movement = MovementFactory(agency=world.agency)
    today = nom.today
    registration_round = RegistrationRound.objects.create(
        movement=movement, year=today.year, opens_on=today - dt.timedelta(days=300), deadline=today
    )
    registration = start_registration(actor=None, round=registration_round, unit=world.division)
    entry = add_entry(actor=None, registration=registration, award=nom.ldtt, person=world.division_person)
    with pytest.raises(ValidationError):
        propose_from_registration(actor=world.officer, round=nom.round, entries=[entry])
    submit_registration(actor=None, registration=registration, on=today)
    approve_registration(actor=None, registration=registration)
    entry.refresh_from_db()
    (proposal,) = propose_from_registration(actor=world.officer, round=nom.round, entries=[entry])
    assert (proposal.source, proposal.registration_entry, proposal.person) == (
        Source.REGISTRATION,
        entry,
        world.division_person,
    )


# --- editing -------------------------------------------------------------------------------------------


def test_a_returned_proposal_changes_only_in_the_fields_named(world, nom):
    proposal = submit_proposal(actor=world.officer, proposal=ready_to_submit(world, nom))
    return_proposal(actor=world.secretariat, proposal=proposal, reason="Bổ sung số liệu.", fields=["report"])
    proposal.refresh_from_db()
    with pytest.raises(ValidationError) as locked:
        update_proposal(actor=world.officer, proposal=proposal, achievement="Sửa phần không được yêu cầu")
    assert locked.value.error_dict["achievement"][0].code == "locked"
    assert Proposal.objects.get().achievement == ""
    update_proposal(actor=world.officer, proposal=proposal, report="Báo cáo đã bổ sung số liệu.")
    assert Proposal.objects.get().report == "Báo cáo đã bổ sung số liệu."


def test_a_submitted_proposal_cannot_change(world, nom):
    proposal = submit_proposal(actor=world.officer, proposal=ready_to_submit(world, nom))
    with pytest.raises(ValidationError) as locked:
        update_proposal(actor=world.officer, proposal=proposal, report="Sửa sau khi gửi")
    assert locked.value.code == "locked"
    assert Proposal.objects.get().report == "Báo cáo thành tích năm nay."


# --- submitting ----------------------------------------------------------------------------------------


def test_submission_is_refused_with_the_list_of_what_is_missing(world, nom):
    (proposal,) = propose(
        actor=world.officer,
        round=nom.round,
        unit=world.division,
        award=nom.ldtt,
        people=[world.division_person],
    )
    with pytest.raises(ValidationError) as refused:
        submit_proposal(actor=world.officer, proposal=proposal)
    assert refused.value.code == "incomplete"
    message = refused.value.messages[0]
    assert "Tờ trình đề nghị khen thưởng" in message and "Báo cáo thành tích (Mẫu số 05" in message
    assert "Biên bản họp bình xét" in message
    stored = Proposal.objects.get()
    assert (stored.status, stored.received_on, stored.version) == (Status.DRAFT, None, 0)
    assert not ProposalVersion.objects.exists()


def test_submission_starts_the_clock_in_working_days_and_keeps_a_version(world, nom):
    proposal = submit_proposal(actor=world.officer, proposal=ready_to_submit(world, nom))
    stored = Proposal.objects.get()
    assert stored.status == Status.SUBMITTED and stored.received_on == nom.today == stored.complete_on
    # Lao động tiên tiến is awarded by the head of the agency: 20 working days (NĐ 98/2023 Điều 32 khoản 4).
    assert stored.appraisal_due_on == working_day_after(nom.today, 20, agency=world.agency)
    (version,) = ProposalVersion.objects.all()
    assert (version.number, version.data["report"], version.submitted_by) == (
        1,
        "Báo cáo thành tích năm nay.",
        world.officer,
    )
    assert proposal.version == 1


def test_a_double_click_submits_once(world, nom):
    proposal = ready_to_submit(world, nom)
    submit_proposal(actor=world.officer, proposal=proposal)
    with pytest.raises(ValidationError) as second:
        submit_proposal(actor=world.officer, proposal=Proposal.objects.get(pk=proposal.pk))
    assert second.value.code == "transition"
    assert ProposalVersion.objects.count() == 1
    assert ActivityLog.objects.filter(action="nominations.proposal.submitted").count() == 1


def test_a_not_eligible_proposal_needs_a_justification(world, nom):
    person = staff_in(world.division, family_name="Võ", middle_name="Thị", given_name="Mai")  # no rating
    proposal = ready_to_submit(world, nom, person=person)
    assert proposal.verdict == Verdict.NOT_ELIGIBLE
    with pytest.raises(ValidationError) as refused:
        submit_proposal(actor=world.officer, proposal=proposal)
    assert refused.value.error_dict["justification"][0].code == "justification_required"
    assert Proposal.objects.get(pk=proposal.pk).status == Status.DRAFT
    update_proposal(actor=world.officer, proposal=proposal, justification="Có thành tích đột xuất trong năm.")
    submit_proposal(actor=world.officer, proposal=proposal)
    assert Proposal.objects.get(pk=proposal.pk).status == Status.SUBMITTED


def test_resubmission_after_a_return_is_version_two(world, nom):
    proposal = submit_proposal(actor=world.officer, proposal=ready_to_submit(world, nom))
    return_proposal(actor=world.secretariat, proposal=proposal, reason="Bổ sung.", fields=["report"])
    proposal.refresh_from_db()
    update_proposal(actor=world.officer, proposal=proposal, report="Bản sửa.")
    submit_proposal(actor=world.officer, proposal=proposal)
    stored = Proposal.objects.get()
    assert (stored.status, stored.version, stored.returned_fields) == (Status.SUBMITTED, 2, [])
    first, second = ProposalVersion.objects.order_by("number")
    assert (first.data["report"], second.data["report"]) == ("Báo cáo thành tích năm nay.", "Bản sửa.")


def test_withdrawn_before_appraisal_only(world, nom):
    proposal = submit_proposal(actor=world.officer, proposal=ready_to_submit(world, nom))
    withdraw_proposal(actor=world.officer, proposal=proposal, reason="Đã chuyển công tác.")
    assert Proposal.objects.get().status == Status.WITHDRAWN
    # the subject may be proposed again once the first proposal is withdrawn
    propose(
        actor=world.officer,
        round=nom.round,
        unit=world.division,
        award=nom.ldtt,
        people=[world.division_person],
    )
    assert Proposal.objects.live().count() == 1
