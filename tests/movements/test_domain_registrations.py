import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import Role
from activity.models import ActivityLog
from awards.models import Award
from movements.domain import registrations as domain
from movements.models import Registration, RegistrationEntry, RegistrationRound, RegistrationStatus
from notifications.models import Notification
from tests.factories import AssignmentFactory, MovementFactory, RoundFactory, account_with_role, staff_in

TODAY = timezone.localdate()


@pytest.fixture
def reg(world):
    """The world with a movement of its agency taking registrations this year, its open round, and the
    division's registration started by its emulation officer (world.officer)."""
    world.movement = MovementFactory(agency=world.agency, name="Phong trào thi đua “Chuyển đổi số”")
    world.round = RoundFactory(movement=world.movement)
    world.registration = domain.start_registration(
        actor=world.officer, round=world.round, unit=world.division
    )
    world.collective = Award.objects.get(code="tap-the-lao-dong-tien-tien")
    world.individual = Award.objects.get(code="lao-dong-tien-tien")
    world.emulation_fighter = Award.objects.get(code="chien-si-thi-dua-co-so")
    return world


def state():
    """Everything a refused call must leave unchanged."""
    return {
        "rounds": list(RegistrationRound.objects.values().order_by("pk")),
        "registrations": list(Registration.objects.values().order_by("pk")),
        "entries": list(RegistrationEntry.objects.values().order_by("pk")),
        "log": ActivityLog.objects.count(),
        "notifications": Notification.objects.count(),
    }


def refused(code, call, **kwargs):
    """Call the domain function, assert it raises the ValidationError `code` and changes nothing."""
    before = state()
    with pytest.raises(ValidationError) as caught:
        call(**kwargs)
    assert [error.code for error in _errors(caught.value)] == [code]
    assert state() == before
    return caught.value


def _errors(exc):
    if hasattr(exc, "error_dict"):
        return [error for errors in exc.error_dict.values() for error in errors]
    return exc.error_list


def actions(target):
    return list(ActivityLog.objects.for_object(target).order_by("pk").values_list("action", flat=True))


# --- rounds ------------------------------------------------------------------------------------------------


def test_open_round_logs_and_notifies_the_unit_officers(world):
    movement = MovementFactory(agency=world.agency)

    registration_round = domain.open_round(
        actor=world.secretariat,
        movement=movement,
        year=TODAY.year,
        opens_on=dt.date(TODAY.year, 1, 1),
        deadline=TODAY + dt.timedelta(days=30),
        note="Gửi bản đăng ký về Văn phòng",
    )

    assert registration_round.movement == movement and registration_round.year == TODAY.year
    assert actions(registration_round) == ["movements.round.opened"]
    notice = Notification.objects.get(kind="registrations.opened")
    assert notice.user == world.officer and notice.url == f"/app/registrations/round/{registration_round.pk}/"


def test_open_round_refuses_a_movement_without_registration(world):
    movement = MovementFactory(agency=world.agency, takes_registrations=False)
    refused(
        "no_registration",
        domain.open_round,
        actor=world.secretariat,
        movement=movement,
        year=TODAY.year,
        opens_on=TODAY,
        deadline=TODAY,
    )


def test_open_round_refuses_a_year_outside_the_period(world):
    movement = MovementFactory(agency=world.agency)
    refused(
        "outside_period",
        domain.open_round,
        actor=world.secretariat,
        movement=movement,
        year=TODAY.year + 1,
        opens_on=TODAY,
        deadline=TODAY,
    )


def test_open_round_refuses_a_second_round_of_the_same_year(reg):
    refused(
        "duplicate",
        domain.open_round,
        actor=reg.secretariat,
        movement=reg.movement,
        year=reg.round.year,
        opens_on=TODAY,
        deadline=TODAY,
    )


def test_open_round_is_for_the_secretariat_only(world):
    movement = MovementFactory(agency=world.agency)
    with pytest.raises(PermissionDenied):
        domain.open_round(
            actor=world.officer, movement=movement, year=TODAY.year, opens_on=TODAY, deadline=TODAY
        )
    assert not RegistrationRound.objects.exists()


# --- starting ----------------------------------------------------------------------------------------------


def test_start_registration_logs_the_start(reg):
    assert reg.registration.status == RegistrationStatus.DRAFT
    assert reg.registration.created_by == reg.officer
    assert actions(reg.registration) == ["movements.registration.started"]


@pytest.mark.parametrize("days", [-1, 61])
def test_start_registration_refuses_outside_the_registration_period(reg, days):
    on = reg.round.opens_on - dt.timedelta(days=1) if days < 0 else reg.round.deadline + dt.timedelta(days=1)
    error = refused(
        "closed", domain.start_registration, actor=reg.secretariat, round=reg.round, unit=reg.office, on=on
    )
    assert reg.round.deadline.strftime("%d/%m/%Y") in error.messages[0]


def test_start_registration_refuses_a_unit_of_another_agency(reg):
    refused(
        "not_participating",
        domain.start_registration,
        actor=None,
        round=reg.round,
        unit=reg.other_unit,
    )


def test_start_registration_refuses_a_unit_the_movement_does_not_list(reg):
    reg.movement.units.set([reg.division])
    refused(
        "not_participating",
        domain.start_registration,
        actor=reg.secretariat,
        round=reg.round,
        unit=reg.office,
    )


def test_start_registration_refuses_a_second_registration(reg):
    refused("duplicate", domain.start_registration, actor=reg.officer, round=reg.round, unit=reg.division)


def test_start_registration_is_refused_to_an_officer_of_another_unit(reg):
    with pytest.raises(PermissionDenied):
        domain.start_registration(actor=reg.officer, round=reg.round, unit=reg.office)
    assert not Registration.objects.filter(unit=reg.office).exists()


# --- titles ------------------------------------------------------------------------------------------------


def test_add_entries_for_the_unit_and_its_staff(reg):
    collective = domain.add_entry(
        actor=reg.officer,
        registration=reg.registration,
        award=reg.collective,
        pledges="100% hồ sơ trực tuyến",
    )
    individual = domain.add_entry(
        actor=reg.officer, registration=reg.registration, award=reg.individual, person=reg.division_person
    )
    fighter = domain.add_entry(
        actor=reg.officer,
        registration=reg.registration,
        award=reg.emulation_fighter,
        person=reg.division_person,
    )

    assert list(reg.registration.entries.order_by("pk")) == [collective, individual, fighter]
    assert collective.person is None and collective.pledges == "100% hồ sơ trực tuyến"
    assert actions(reg.registration)[-3:] == ["movements.entry.added"] * 3
    logged = ActivityLog.objects.for_object(reg.registration).order_by("pk").last()
    assert logged.data["after"]["person"] == "Lê Văn Minh"
    assert logged.data["after"]["award"] == "Chiến sĩ thi đua cơ sở"
    assert logged.data["extra"] == {
        "entry": fighter.pk,
        "award": "chien-si-thi-dua-co-so",
        "person": fighter.person_id,
    }


def test_add_entry_refuses_an_individual_title_for_the_unit(reg):
    error = refused(
        "wrong_subject",
        domain.add_entry,
        actor=reg.officer,
        registration=reg.registration,
        award=reg.individual,
    )
    assert "person" in error.error_dict


def test_add_entry_refuses_a_collective_title_for_a_person(reg):
    refused(
        "wrong_subject",
        domain.add_entry,
        actor=reg.officer,
        registration=reg.registration,
        award=reg.collective,
        person=reg.division_person,
    )


def test_add_entry_refuses_a_title_not_open_to_registration(reg):
    national = Award.objects.get(code="chien-si-thi-dua-toan-quoc")
    refused(
        "not_registrable",
        domain.add_entry,
        actor=reg.officer,
        registration=reg.registration,
        award=national,
        person=reg.division_person,
    )


def test_add_entry_refuses_a_person_outside_the_unit(reg):
    refused(
        "not_in_unit",
        domain.add_entry,
        actor=reg.officer,
        registration=reg.registration,
        award=reg.individual,
        person=reg.office_person,
    )


def test_add_entry_refuses_a_person_who_left_before_the_year(reg):
    reg.division_person.assignments.update(end_date=dt.date(reg.round.year - 1, 12, 31))
    refused(
        "not_in_unit",
        domain.add_entry,
        actor=reg.officer,
        registration=reg.registration,
        award=reg.individual,
        person=reg.division_person,
    )


def test_add_entry_refuses_the_same_collective_title_twice(reg):
    domain.add_entry(actor=reg.officer, registration=reg.registration, award=reg.collective)
    refused(
        "duplicate", domain.add_entry, actor=reg.officer, registration=reg.registration, award=reg.collective
    )


def test_add_entry_refuses_a_person_registered_with_another_unit_of_the_round(reg):
    AssignmentFactory(person=reg.division_person, unit=reg.office, is_primary=False)  # a concurrent post
    office = domain.start_registration(actor=reg.secretariat, round=reg.round, unit=reg.office)
    domain.add_entry(
        actor=reg.secretariat, registration=office, award=reg.individual, person=reg.division_person
    )
    refused(
        "duplicate",
        domain.add_entry,
        actor=reg.officer,
        registration=reg.registration,
        award=reg.individual,
        person=reg.division_person,
    )


@pytest.mark.parametrize("status", [RegistrationStatus.SUBMITTED, RegistrationStatus.APPROVED])
def test_add_entry_refuses_a_registration_that_is_not_editable(reg, status):
    Registration.objects.filter(pk=reg.registration.pk).update(status=status)
    reg.registration.refresh_from_db()
    refused(
        "locked", domain.add_entry, actor=reg.officer, registration=reg.registration, award=reg.collective
    )


def test_staff_member_adds_and_withdraws_her_own_title(reg):
    minh = account_with_role(Role.STAFF, person=reg.division_person, username="minh")

    entry = domain.add_entry(
        actor=minh, registration=reg.registration, award=reg.emulation_fighter, person=reg.division_person
    )
    domain.remove_entry(actor=minh, entry=entry)

    assert not reg.registration.entries.exists()
    assert actions(reg.registration)[-2:] == ["movements.entry.added", "movements.entry.removed"]
    assert ActivityLog.objects.filter(action="movements.entry.removed").get().actor == minh


@pytest.mark.parametrize("what", ["another person", "collective"])
def test_staff_member_may_not_register_others(reg, what):
    minh = account_with_role(Role.STAFF, person=reg.division_person, username="minh")
    kwargs = {"person": reg.team_person, "award": reg.individual}
    if what == "collective":
        kwargs = {"award": reg.collective}
    AssignmentFactory(person=reg.team_person, unit=reg.division)
    before = state()
    with pytest.raises(PermissionDenied):
        domain.add_entry(actor=minh, registration=reg.registration, **kwargs)
    assert state() == before


def test_remove_entry_refuses_an_approved_registration(reg):
    entry = domain.add_entry(actor=reg.officer, registration=reg.registration, award=reg.collective)
    Registration.objects.filter(pk=reg.registration.pk).update(status=RegistrationStatus.APPROVED)
    entry.refresh_from_db()
    refused("locked", domain.remove_entry, actor=reg.officer, entry=entry)


# --- many staff at once, and editing an entry -------------------------------------------------------------


def many_staff(reg, count):
    return [
        staff_in(reg.division, family_name="Ngô", middle_name="Văn", given_name=f"Tư {n}")
        for n in range(count)
    ]


def test_add_entries_registers_every_ticked_person_and_logs_each(reg):
    people = many_staff(reg, 10)

    entries = domain.add_entries(
        actor=reg.officer,
        registration=reg.registration,
        award=reg.individual,
        people=people,
        pledges="Hoàn thành tốt nhiệm vụ",
    )

    stored = RegistrationEntry.objects.filter(registration=reg.registration).order_by("pk")
    assert [(e.person_id, e.award_id, e.pledges) for e in stored] == [
        (person.pk, reg.individual.pk, "Hoàn thành tốt nhiệm vụ") for person in people
    ]
    assert [e.pk for e in entries] == [e.pk for e in stored]
    assert all(e.created_by == reg.officer for e in stored)
    assert actions(reg.registration)[-10:] == ["movements.entry.added"] * 10
    logged = ActivityLog.objects.filter(action="movements.entry.added").order_by("pk")
    assert [row.data["after"]["person"] for row in logged] == [person.full_name for person in people]


def test_add_entries_is_all_or_nothing_and_names_who_is_already_registered(reg):
    people = many_staff(reg, 3)
    domain.add_entry(actor=reg.officer, registration=reg.registration, award=reg.individual, person=people[1])

    error = refused(
        "duplicate",
        domain.add_entries,
        actor=reg.officer,
        registration=reg.registration,
        award=reg.individual,
        people=people,
    )

    assert error.message_dict["people"] == [
        f"Đã đăng ký danh hiệu “Lao động tiên tiến” trong đợt này: {people[1].full_name}. "
        "Hãy bỏ chọn những người này hoặc chọn danh hiệu khác."
    ]
    assert reg.registration.entries.count() == 1


def test_add_entries_names_everyone_outside_the_unit(reg):
    people = many_staff(reg, 2)
    error = refused(
        "not_in_unit",
        domain.add_entries,
        actor=reg.officer,
        registration=reg.registration,
        award=reg.individual,
        people=[people[0], reg.office_person, reg.other_person],
    )
    assert "Trần Thị Lan, Phạm Văn Nam" in error.message_dict["people"][0]
    assert people[0].full_name not in error.message_dict["people"][0]


@pytest.mark.parametrize(
    ("what", "code"), [("nobody", "empty"), ("collective", "wrong_subject"), ("locked", "locked")]
)
def test_add_entries_refusals_change_nothing(reg, what, code):
    people, award = many_staff(reg, 2), reg.individual
    if what == "nobody":
        people = []
    if what == "collective":
        award = reg.collective
    if what == "locked":
        Registration.objects.filter(pk=reg.registration.pk).update(status=RegistrationStatus.SUBMITTED)
    refused(
        code, domain.add_entries, actor=reg.officer, registration=reg.registration, award=award, people=people
    )


def test_add_entries_checks_permission_before_anything(reg):
    minh = account_with_role(Role.STAFF, person=reg.division_person, username="minh")
    before = state()
    with pytest.raises(PermissionDenied):  # not the compiler, and the list is empty: refused as not allowed
        domain.add_entries(actor=minh, registration=reg.registration, award=reg.individual, people=[])
    assert state() == before


def test_update_entry_changes_the_title_and_pledges_and_logs_what_changed(reg):
    entry = domain.add_entry(
        actor=reg.officer, registration=reg.registration, award=reg.individual, person=reg.division_person
    )

    domain.update_entry(
        actor=reg.officer, entry=entry, award=reg.emulation_fighter, pledges="Có sáng kiến cấp cơ sở"
    )

    entry.refresh_from_db()
    assert (entry.award, entry.pledges, entry.person) == (
        reg.emulation_fighter,
        "Có sáng kiến cấp cơ sở",
        reg.division_person,
    )
    logged = ActivityLog.objects.filter(action="movements.entry.updated").get()
    assert logged.data["before"] == {"award": "Lao động tiên tiến", "pledges": ""}
    assert logged.data["after"] == {
        "award": "Chiến sĩ thi đua cơ sở",
        "pledges": "Có sáng kiến cấp cơ sở",
        "person": "Lê Văn Minh",
    }


def test_update_entry_without_a_change_logs_nothing(reg):
    entry = domain.add_entry(actor=reg.officer, registration=reg.registration, award=reg.collective)
    domain.update_entry(actor=reg.officer, entry=entry, award=reg.collective, pledges="")
    assert not ActivityLog.objects.filter(action="movements.entry.updated").exists()


def test_update_entry_refuses_a_title_already_registered_or_of_the_wrong_subject(reg):
    entry = domain.add_entry(
        actor=reg.officer, registration=reg.registration, award=reg.individual, person=reg.division_person
    )
    domain.add_entry(
        actor=reg.officer,
        registration=reg.registration,
        award=reg.emulation_fighter,
        person=reg.division_person,
    )
    refused("duplicate", domain.update_entry, actor=reg.officer, entry=entry, award=reg.emulation_fighter)
    refused("wrong_subject", domain.update_entry, actor=reg.officer, entry=entry, award=reg.collective)


def test_update_entry_refuses_a_submitted_registration(reg):
    entry = domain.add_entry(actor=reg.officer, registration=reg.registration, award=reg.collective)
    Registration.objects.filter(pk=reg.registration.pk).update(status=RegistrationStatus.SUBMITTED)
    entry.refresh_from_db()
    refused("locked", domain.update_entry, actor=reg.officer, entry=entry, award=reg.collective, pledges="x")


def test_update_entry_lets_a_staff_member_edit_only_her_own(reg):
    minh = account_with_role(Role.STAFF, person=reg.division_person, username="minh")
    own = domain.add_entry(
        actor=reg.officer, registration=reg.registration, award=reg.individual, person=reg.division_person
    )
    unit = domain.add_entry(actor=reg.officer, registration=reg.registration, award=reg.collective)

    domain.update_entry(actor=minh, entry=own, award=reg.individual, pledges="Không nghỉ quá 10 ngày")
    before = state()
    with pytest.raises(PermissionDenied):  # permission first: the invalid title is not even looked at
        domain.update_entry(actor=minh, entry=unit, award=reg.individual, pledges="")

    own.refresh_from_db()
    assert own.pledges == "Không nghỉ quá 10 ngày"
    assert state() == before


def test_update_registration_changes_the_pledges(reg):
    domain.update_registration(
        actor=reg.officer, registration=reg.registration, pledges="Hoàn thành 100% kế hoạch"
    )

    reg.registration.refresh_from_db()
    assert reg.registration.pledges == "Hoàn thành 100% kế hoạch"
    logged = ActivityLog.objects.filter(action="movements.registration.updated").get()
    assert (
        logged.data["before"]["pledges"] == ""
        and logged.data["after"]["pledges"] == "Hoàn thành 100% kế hoạch"
    )


def test_update_registration_refuses_a_locked_registration(reg):
    Registration.objects.filter(pk=reg.registration.pk).update(status=RegistrationStatus.APPROVED)
    reg.registration.refresh_from_db()
    refused(
        "locked", domain.update_registration, actor=reg.officer, registration=reg.registration, pledges="x"
    )


# --- submission and review ---------------------------------------------------------------------------------


def test_submit_refuses_an_empty_registration(reg):
    refused("empty", domain.submit_registration, actor=reg.officer, registration=reg.registration)


def test_submit_refuses_a_first_submission_after_the_deadline(reg):
    domain.add_entry(actor=reg.officer, registration=reg.registration, award=reg.collective)
    late = reg.round.deadline + dt.timedelta(days=1)
    refused(
        "deadline_passed",
        domain.submit_registration,
        actor=reg.officer,
        registration=reg.registration,
        on=late,
    )


def test_submit_refuses_a_submitted_registration(reg):
    domain.add_entry(actor=reg.officer, registration=reg.registration, award=reg.collective)
    domain.submit_registration(actor=reg.officer, registration=reg.registration)
    refused("transition", domain.submit_registration, actor=reg.officer, registration=reg.registration)


def test_return_requires_a_reason(reg):
    domain.add_entry(actor=reg.officer, registration=reg.registration, award=reg.collective)
    domain.submit_registration(actor=reg.officer, registration=reg.registration)
    error = refused(
        "reason_required",
        domain.return_registration,
        actor=reg.secretariat,
        registration=reg.registration,
        reason="  ",
    )
    assert "reason" in error.error_dict


def test_return_and_approve_need_a_submitted_registration(reg):
    refused("transition", domain.approve_registration, actor=reg.secretariat, registration=reg.registration)
    refused(
        "transition",
        domain.return_registration,
        actor=reg.secretariat,
        registration=reg.registration,
        reason="Sửa",
    )


def test_the_unit_officer_may_not_approve(reg):
    domain.add_entry(actor=reg.officer, registration=reg.registration, award=reg.collective)
    domain.submit_registration(actor=reg.officer, registration=reg.registration)
    with pytest.raises(PermissionDenied):
        domain.approve_registration(actor=reg.officer, registration=reg.registration)
    assert Registration.objects.get(pk=reg.registration.pk).status == RegistrationStatus.SUBMITTED


def test_the_full_cycle(reg):
    registration = reg.registration
    domain.update_registration(
        actor=reg.officer, registration=registration, pledges="Hoàn thành xuất sắc nhiệm vụ"
    )
    domain.add_entry(actor=reg.officer, registration=registration, award=reg.collective)
    domain.add_entry(
        actor=reg.officer, registration=registration, award=reg.individual, person=reg.division_person
    )
    domain.submit_registration(actor=reg.officer, registration=registration)
    assert registration.status == RegistrationStatus.SUBMITTED and registration.submitted_by == reg.officer
    to_review = Notification.objects.get(kind="registrations.submitted")
    assert to_review.user == reg.secretariat and to_review.url == f"/app/registrations/{registration.pk}/"

    domain.return_registration(
        actor=reg.secretariat, registration=registration, reason="Bổ sung chỉ tiêu cho cá nhân"
    )
    assert registration.status == RegistrationStatus.RETURNED
    returned = Notification.objects.get(kind="registrations.returned")
    assert returned.user == reg.officer and returned.body == "Bổ sung chỉ tiêu cho cá nhân"

    entry = registration.entries.get(person=reg.division_person)
    domain.remove_entry(actor=reg.officer, entry=entry)
    domain.add_entry(
        actor=reg.officer,
        registration=registration,
        award=reg.emulation_fighter,
        person=reg.division_person,
        pledges="Có sáng kiến cấp cơ sở",
    )
    late = reg.round.deadline + dt.timedelta(
        days=3
    )  # a returned registration may come back after the deadline
    domain.submit_registration(actor=reg.officer, registration=registration, on=late)
    domain.approve_registration(actor=reg.secretariat, registration=registration)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED and registration.is_locked
    assert registration.reviewed_by == reg.secretariat
    assert Notification.objects.get(kind="registrations.approved").user == reg.officer
    assert Notification.objects.filter(kind="registrations.submitted").count() == 2
    assert actions(registration) == [
        "movements.registration.started",
        "movements.registration.updated",
        "movements.entry.added",
        "movements.entry.added",
        "movements.registration.submitted",
        "movements.registration.returned",
        "movements.entry.removed",
        "movements.entry.added",
        "movements.registration.submitted",
        "movements.registration.approved",
    ]
    approved = ActivityLog.objects.filter(action="movements.registration.approved").get()
    assert approved.data == {"before": {"status": "submitted"}, "after": {"status": "approved"}}
    assert approved.agency == reg.agency and approved.actor == reg.secretariat
    refused(
        "locked", domain.add_entry, actor=reg.secretariat, registration=registration, award=reg.collective
    )


def test_reminder_offsets_read_the_setting(settings):
    settings.THIDUA_REGISTRATION_REMINDER_DAYS = "10, 2"
    assert domain.reminder_offsets() == {10, 2}
    del settings.THIDUA_REGISTRATION_REMINDER_DAYS
    assert domain.reminder_offsets() == {7, 3, 1}


def test_a_past_day_given_as_on_dates_the_submission_and_the_review(world):
    """The demo loader and imports of old records replay a registration on its own days."""
    movement = MovementFactory(
        agency=world.agency, period_start=dt.date(2021, 1, 1), period_end=dt.date(2021, 12, 31)
    )
    round_ = RoundFactory(
        movement=movement, year=2021, opens_on=dt.date(2021, 1, 20), deadline=dt.date(2021, 3, 15)
    )
    registration = domain.start_registration(
        actor=None, round=round_, unit=world.division, on=dt.date(2021, 1, 25)
    )
    domain.add_entry(
        actor=None,
        registration=registration,
        award=Award.objects.get(code="tap-the-lao-dong-tien-tien"),
        on=dt.date(2021, 1, 25),
    )

    domain.submit_registration(actor=None, registration=registration, on=dt.date(2021, 2, 4))
    domain.approve_registration(actor=None, registration=registration, on=dt.date(2021, 2, 8))

    registration.refresh_from_db()
    local = timezone.localtime
    assert local(registration.submitted_at).date() == dt.date(2021, 2, 4)
    assert local(registration.reviewed_at).date() == dt.date(2021, 2, 8)
    assert registration.status == RegistrationStatus.APPROVED


def test_the_round_notifications_are_read_once_all_the_officers_units_submitted(world):
    movement = MovementFactory(agency=world.agency)
    registration_round = domain.open_round(
        actor=world.secretariat,
        movement=movement,
        year=TODAY.year,
        opens_on=TODAY - dt.timedelta(days=1),
        deadline=TODAY + dt.timedelta(days=10),
    )
    collective = Award.objects.get(code="tap-the-lao-dong-tien-tien")
    mine = Notification.objects.filter(user=world.officer, kind="registrations.opened")
    assert mine.exists() and not mine.filter(read_at__isnull=False).exists()

    def submit(unit):
        registration = domain.start_registration(actor=world.officer, round=registration_round, unit=unit)
        domain.add_entry(actor=world.officer, registration=registration, award=collective)
        domain.submit_registration(actor=world.officer, registration=registration)

    submit(world.division)
    assert not mine.filter(read_at__isnull=False).exists()  # the team has still to submit
    submit(world.team)
    assert not mine.filter(read_at__isnull=True).exists()
