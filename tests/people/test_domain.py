import datetime as dt
import unicodedata

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from activity.models import ActivityLog
from organisations.models import Unit
from people import domain
from people.models import (
    Assignment,
    Discipline,
    DisciplineForm,
    Leave,
    LeaveKind,
    Person,
    Proceeding,
    ProceedingKind,
    QualityRating,
    Rating,
)
from tests.factories import UserFactory

FIELDS = {
    "staff_code": "CB90001",
    "family_name": "Hoàng",
    "middle_name": "Thị",
    "given_name": "Mai",
    "gender": "female",
    "date_of_birth": dt.date(1990, 3, 8),
}
TRANSFER_DAY = dt.date(2025, 3, 1)


def counts():
    return tuple(m.objects.count() for m in (Person, Assignment, QualityRating, Discipline, ActivityLog))


def only_log() -> ActivityLog:
    (log,) = ActivityLog.objects.all()
    return log


@pytest.fixture
def linked(world):
    """An account with an e-mail linked to the division person."""
    return UserFactory(username="minh", email="minh@example.test", person=world.division_person)


# create_person


@pytest.mark.parametrize(
    ("persona", "unit"), [("secretariat", "office"), ("officer", "team"), ("admin", "other_unit")]
)
def test_create_person(world, persona, unit):
    unit = getattr(world, unit)
    person = domain.create_person(
        actor=getattr(world, persona),
        agency=unit.agency,
        unit=unit,
        fields=FIELDS,
        position="Chuyên viên",
        start_date=dt.date(2024, 1, 1),
    )
    assert (person.agency, person.full_name, person.current_assignment.unit) == (
        unit.agency,
        "Hoàng Thị Mai",
        unit,
    )
    log = only_log()
    assert (log.action, log.target_id, log.agency) == ("people.person.created", str(person.pk), unit.agency)
    assert log.data["after"]["date_of_birth"] == "1990-03-08"
    assert (log.data["after"]["unit"], log.data["after"]["position"]) == (unit.pk, "Chuyên viên")


@pytest.mark.parametrize(
    ("persona", "unit"),
    [
        ("officer", "office"),
        ("head", "division"),
        ("council", "office"),
        ("staff", "office"),
        ("secretariat", "other_unit"),
    ],
)
def test_create_person_refused_writes_nothing(world, persona, unit):
    before, unit = counts(), getattr(world, unit)
    with pytest.raises(PermissionDenied):
        domain.create_person(
            actor=getattr(world, persona),
            agency=unit.agency,
            unit=unit,
            fields=FIELDS,
            start_date=dt.date(2024, 1, 1),
        )
    assert counts() == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"date_of_birth": dt.date(2999, 1, 1)}, "date_of_birth"),
        ({"staff_code": "CB00000"}, "__all__"),
        ({"given_name": ""}, "given_name"),
        ({"gender": "other"}, "gender"),
    ],
)
def test_create_person_validation_writes_nothing(world, change, field):
    Person.objects.filter(pk=world.office_person.pk).update(staff_code="CB00000")
    before = counts()
    with pytest.raises(ValidationError) as error:
        domain.create_person(
            actor=world.secretariat,
            agency=world.agency,
            unit=world.office,
            fields=FIELDS | change,
            start_date=dt.date(2024, 1, 1),
        )
    assert field in error.value.message_dict
    assert counts() == before


def test_create_person_in_a_unit_of_another_agency_is_refused(world):
    before = counts()
    with pytest.raises(ValidationError) as error:
        domain.create_person(
            actor=world.admin,
            agency=world.agency,
            unit=world.other_unit,
            fields=FIELDS,
            start_date=dt.date(2024, 1, 1),
        )
    assert list(error.value.message_dict) == ["unit"]
    assert counts() == before


# update_person


def test_update_person_logs_the_changes(world):
    domain.update_person(
        actor=world.officer, person=world.team_person, fields={"phone": " 0912 345 678 ", "agency": 0}
    )
    world.team_person.refresh_from_db()
    assert (world.team_person.phone, world.team_person.agency) == ("0912 345 678", world.agency)
    log = only_log()
    assert (log.action, log.actor, log.agency) == ("people.person.updated", world.officer, world.agency)
    assert log.changes == [("phone", "", "0912 345 678")]


def test_update_person_without_change_logs_nothing(world):
    domain.update_person(actor=world.secretariat, person=world.team_person, fields={"given_name": "Hương"})
    assert ActivityLog.objects.count() == 0


@pytest.mark.parametrize(
    ("persona", "person"),
    [
        ("officer", "office_person"),
        ("head", "team_person"),
        ("leader", "team_person"),
        ("staff", "office_person"),
    ],
)
def test_update_person_refused_writes_nothing(world, persona, person):
    person = getattr(world, person)
    with pytest.raises(PermissionDenied):
        domain.update_person(actor=getattr(world, persona), person=person, fields={"phone": "0900"})
    person.refresh_from_db()
    assert person.phone == "" and ActivityLog.objects.count() == 0


def test_update_person_future_birth_date_is_refused(world):
    with pytest.raises(ValidationError) as error:
        domain.update_person(
            actor=world.secretariat,
            person=world.team_person,
            fields={"date_of_birth": timezone.localdate() + dt.timedelta(days=1)},
        )
    assert list(error.value.message_dict) == ["date_of_birth"]
    world.team_person.refresh_from_db()
    assert world.team_person.date_of_birth == dt.date(1985, 5, 17) and ActivityLog.objects.count() == 0


# transfer_person


def test_transfer_ends_the_current_post_the_day_before(world):
    old = world.division_person.assignments.get()
    new = domain.transfer_person(
        actor=world.secretariat,
        person=world.division_person,
        unit=world.office,
        position="Phó Chánh Văn phòng",
        is_leadership=True,
        start_date=TRANSFER_DAY,
    )
    old.refresh_from_db()
    assert old.end_date == dt.date(2025, 2, 28)
    assert (new.unit, new.start_date, new.end_date, new.is_leadership) == (
        world.office,
        TRANSFER_DAY,
        None,
        True,
    )
    assert world.division_person.current_assignment == new
    log = only_log()
    assert (log.action, log.agency, log.target_id) == (
        "people.assignment.started",
        world.agency,
        str(world.division_person.pk),
    )
    assert log.data["extra"] == {"ended_assignments": [old.pk]}
    assert log.data["after"]["start_date"] == "2025-03-01" and log.data["after"]["unit"] == world.office.pk


def test_officer_transfers_within_her_units_only(world):
    domain.transfer_person(
        actor=world.officer,
        person=world.division_person,
        unit=world.team,
        position="Tổ trưởng",
        start_date=TRANSFER_DAY,
    )
    before = counts()
    with pytest.raises(PermissionDenied):
        domain.transfer_person(
            actor=world.officer,
            person=world.team_person,
            unit=world.office,
            position="",
            start_date=TRANSFER_DAY,
        )
    assert counts() == before
    assert world.team_person.assignments.get().end_date is None


def test_transfer_emails_the_linked_account(world, linked, django_capture_on_commit_callbacks, mailoutbox):
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        domain.transfer_person(
            actor=world.secretariat,
            person=world.division_person,
            unit=world.office,
            position="Chuyên viên",
            start_date=TRANSFER_DAY,
        )
    (mail,) = mailoutbox
    assert mail.to == ["minh@example.test"]
    assert "Văn phòng" in mail.subject and "Chuyên viên" in mail.subject
    assert "01/03/2025" in mail.body and "Lê Văn Minh" in mail.body


def test_transfer_without_linked_account_sends_nothing(world, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        domain.transfer_person(
            actor=world.secretariat,
            person=world.team_person,
            unit=world.office,
            position="",
            start_date=TRANSFER_DAY,
        )
    assert not any("_enqueue" in repr(callback) for callback in callbacks)  # no e-mail task queued
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("post_began", "transfer_day"),
    [(dt.date(2017, 1, 1), dt.date(2017, 1, 1)), (dt.date(2020, 6, 1), dt.date(2019, 1, 1))],
    ids=["same-day", "before-the-post-began"],
)
def test_transfer_starting_before_the_current_post_is_refused(world, post_began, transfer_day):
    current = world.team_person.assignments.get()
    current.start_date = post_began
    current.save()
    before = counts()
    with pytest.raises(ValidationError) as error:
        domain.transfer_person(
            actor=world.secretariat,
            person=world.team_person,
            unit=world.office,
            position="Chuyên viên",
            start_date=transfer_day,
        )
    assert list(error.value.message_dict) == ["start_date"]
    assert counts() == before
    assert world.team_person.assignments.get().end_date is None


def test_transfer_to_a_unit_of_another_agency_is_refused(world):
    before = counts()
    with pytest.raises(ValidationError) as error:
        domain.transfer_person(
            actor=world.admin,
            person=world.team_person,
            unit=world.other_unit,
            position="",
            start_date=TRANSFER_DAY,
        )
    assert list(error.value.message_dict) == ["unit"]
    assert counts() == before


@pytest.mark.parametrize(
    ("valid_from", "valid_to"), [(dt.date(2025, 7, 1), None), (dt.date(2008, 1, 1), dt.date(2024, 12, 31))]
)
@pytest.mark.usefixtures("english")
def test_a_new_post_must_start_while_its_unit_is_in_force(world, valid_from, valid_to):
    Unit.objects.filter(pk=world.office.pk).update(valid_from=valid_from, valid_to=valid_to)
    world.office.refresh_from_db()
    before = counts()
    with pytest.raises(ValidationError) as error:
        domain.transfer_person(
            actor=world.secretariat,
            person=world.team_person,
            unit=world.office,
            position="",
            start_date=TRANSFER_DAY,
        )
    assert error.value.message_dict == {"unit": ["Văn phòng is not in force on 01/03/2025."]}
    with pytest.raises(ValidationError):
        domain.create_person(
            actor=world.secretariat,
            agency=world.agency,
            unit=world.office,
            fields=FIELDS,
            start_date=TRANSFER_DAY,
        )
    assert counts() == before


# end_assignment


def test_end_assignment(world):
    assignment = world.team_person.assignments.get()
    domain.end_assignment(actor=world.officer, assignment=assignment, end_date=dt.date(2025, 1, 31))
    assignment.refresh_from_db()
    assert assignment.end_date == dt.date(2025, 1, 31)
    log = only_log()
    assert log.action == "people.assignment.ended"
    assert log.changes == [("end_date", None, "2025-01-31")]


def test_an_assignment_in_a_unit_closed_since_can_still_end(world):
    Unit.objects.filter(pk=world.team.pk).update(
        valid_from=dt.date(2020, 1, 1), valid_to=dt.date(2024, 12, 31)
    )
    assignment = world.team_person.assignments.select_related("unit").get()  # started 01/01/2017
    domain.end_assignment(actor=world.officer, assignment=assignment, end_date=dt.date(2024, 12, 31))
    assignment.refresh_from_db()
    assert assignment.end_date == dt.date(2024, 12, 31)


def test_end_assignment_before_its_start_is_refused(world):
    assignment = world.team_person.assignments.get()
    with pytest.raises(ValidationError) as error:
        domain.end_assignment(actor=world.officer, assignment=assignment, end_date=dt.date(2016, 12, 31))
    assert list(error.value.message_dict) == ["end_date"]
    assignment.refresh_from_db()
    assert assignment.end_date is None and ActivityLog.objects.count() == 0


@pytest.mark.parametrize("persona", ["head", "council", "staff"])
def test_end_assignment_refused(world, persona):
    assignment = world.team_person.assignments.get()
    with pytest.raises(PermissionDenied):
        domain.end_assignment(
            actor=getattr(world, persona), assignment=assignment, end_date=dt.date(2025, 1, 31)
        )
    assignment.refresh_from_db()
    assert assignment.end_date is None and ActivityLog.objects.count() == 0


# record_rating


def test_record_rating_then_correct_it(world):
    domain.record_rating(actor=world.officer, person=world.team_person, year=2024, rating=Rating.GOOD)
    record = domain.record_rating(
        actor=world.officer,
        person=world.team_person,
        year=2024,
        rating=Rating.EXCELLENT,
        note="Điều chỉnh",
        decision="Quyết định số 15/QĐ-STN",
        decided_on=dt.date(2025, 1, 10),
    )
    assert QualityRating.objects.get(person=world.team_person) == record
    assert (record.rating, record.note, record.decision) == (
        Rating.EXCELLENT,
        "Điều chỉnh",
        "Quyết định số 15/QĐ-STN",
    )
    assert record.decided_on == dt.date(2025, 1, 10)
    first, second = ActivityLog.objects.order_by("id")
    assert first.data == {"after": {"year": 2024, "rating": "good", "note": "", "decision": ""}}
    assert second.data == {
        "before": {"rating": "good", "note": "", "decision": ""},
        "after": {
            "year": 2024,
            "rating": "excellent",
            "note": "Điều chỉnh",
            "decision": "Quyết định số 15/QĐ-STN",
        },
    }


def test_record_rating_stores_the_note_in_nfc(world):
    decomposed = unicodedata.normalize("NFD", "  Được   khen  ")
    record = domain.record_rating(
        actor=world.officer, person=world.team_person, year=2024, rating=Rating.GOOD, note=decomposed
    )
    assert QualityRating.objects.get(pk=record.pk).note == "Được khen"
    assert only_log().data["after"]["note"] == "Được khen"


def test_record_rating_emails_the_linked_account(
    world, linked, django_capture_on_commit_callbacks, mailoutbox
):
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        domain.record_rating(
            actor=world.secretariat, person=world.division_person, year=2024, rating=Rating.GOOD
        )
    (mail,) = mailoutbox
    assert mail.to == ["minh@example.test"]
    assert "2024" in mail.subject and "Well completed duties" in mail.body


@pytest.mark.parametrize("rating", ["", "best"])
def test_record_rating_validates_the_rating(world, rating):
    with pytest.raises(ValidationError) as error:
        domain.record_rating(actor=world.secretariat, person=world.team_person, year=2024, rating=rating)
    assert list(error.value.message_dict) == ["rating"]
    assert counts()[2:] == (0, 0, 0)


@pytest.mark.parametrize(
    ("persona", "person"),
    [
        ("officer", "office_person"),
        ("head", "team_person"),
        ("staff", "office_person"),
        ("secretariat", "other_person"),
    ],
)
def test_record_rating_refused(world, persona, person, mailoutbox):
    with pytest.raises(PermissionDenied):
        domain.record_rating(
            actor=getattr(world, persona), person=getattr(world, person), year=2024, rating=Rating.GOOD
        )
    assert counts()[2:] == (0, 0, 0) and mailoutbox == []


# record_discipline


def test_record_discipline(world):
    record = domain.record_discipline(
        actor=world.secretariat,
        person=world.office_person,
        form=DisciplineForm.WARNING,
        start_date=dt.date(2024, 5, 1),
        end_date=dt.date(2025, 4, 30),
        decision_number="12/QĐ-STN",
        reason="Vi phạm",
    )
    assert Discipline.objects.get() == record
    log = only_log()
    assert log.action == "people.discipline.recorded"
    assert log.data["after"] == {
        "form": "warning",
        "start_date": "2024-05-01",
        "end_date": "2025-04-30",
        "decision_number": "12/QĐ-STN",
        "reason": "Vi phạm",
    }


def test_record_discipline_validation_and_refusal_write_nothing(world):
    with pytest.raises(ValidationError) as error:
        domain.record_discipline(
            actor=world.secretariat,
            person=world.office_person,
            form=DisciplineForm.WARNING,
            start_date=dt.date(2024, 5, 1),
            end_date=dt.date(2024, 4, 30),
        )
    assert list(error.value.message_dict) == ["end_date"]
    with pytest.raises(PermissionDenied):
        domain.record_discipline(
            actor=world.leader,
            person=world.office_person,
            form=DisciplineForm.WARNING,
            start_date=dt.date(2024, 5, 1),
        )
    assert counts()[3:] == (0, 0)


def test_system_actor_needs_no_permission(world):
    person = domain.create_person(
        actor=None, agency=world.agency, unit=world.office, fields=FIELDS, start_date=dt.date(2024, 1, 1)
    )
    assert only_log().actor is None
    assert person.current_assignment.unit == world.office


# open_proceeding, close_proceeding, record_leave

OPENED = {"kind": ProceedingKind.DISCIPLINE, "opened_on": dt.date(2025, 9, 1), "note": "Thông báo 7/TB-STN"}
MATERNITY = {"kind": LeaveKind.MATERNITY, "start": dt.date(2025, 2, 1), "end": dt.date(2025, 7, 31)}


def review_state():
    return (
        list(Proceeding.objects.values_list("pk", "closed_on", "outcome")),
        list(Leave.objects.values_list("pk", "start", "end")),
        list(ActivityLog.objects.values_list("action", flat=True)),
    )


@pytest.mark.parametrize(
    ("persona", "person"), [("secretariat", "office_person"), ("officer", "team_person")]
)
def test_open_proceeding(world, persona, person):
    person = getattr(world, person)
    proceeding = domain.open_proceeding(actor=getattr(world, persona), person=person, fields=OPENED)
    assert Proceeding.objects.get() == proceeding
    assert (proceeding.person, proceeding.kind, proceeding.closed_on) == (person, "discipline", None)
    log = only_log()
    assert (log.action, log.actor, log.target_id, log.agency) == (
        "people.proceeding.opened",
        getattr(world, persona),
        str(person.pk),
        world.agency,
    )
    assert log.data["after"] == {
        "kind": "discipline",
        "opened_on": "2025-09-01",
        "note": "Thông báo 7/TB-STN",
    }


def test_close_proceeding(world):
    proceeding = domain.open_proceeding(actor=None, person=world.team_person, fields=OPENED)
    closed = domain.close_proceeding(
        actor=world.officer, proceeding=proceeding, closed_on=dt.date(2025, 11, 3), outcome="Không vi phạm"
    )
    stored = Proceeding.objects.get()
    assert (stored.closed_on, stored.outcome) == (dt.date(2025, 11, 3), "Không vi phạm")
    assert (closed.closed_on, proceeding.closed_on) == (dt.date(2025, 11, 3), dt.date(2025, 11, 3))
    log = ActivityLog.objects.get(action="people.proceeding.closed")
    assert (log.actor, log.target_id) == (world.officer, str(world.team_person.pk))
    assert log.data == {
        "before": {"closed_on": None, "outcome": ""},
        "after": {"closed_on": "2025-11-03", "outcome": "Không vi phạm"},
        "extra": {"kind": "discipline", "opened_on": "2025-09-01"},
    }


def test_closing_twice_or_before_the_opening_is_refused_and_changes_nothing(world):
    proceeding = domain.open_proceeding(actor=None, person=world.team_person, fields=OPENED)
    with pytest.raises(ValidationError) as error:
        domain.close_proceeding(actor=world.officer, proceeding=proceeding, closed_on=dt.date(2025, 8, 31))
    assert error.value.error_dict["closed_on"][0].code == "period"
    domain.close_proceeding(actor=None, proceeding=proceeding, closed_on=dt.date(2025, 10, 1), outcome="Xong")
    before = review_state()
    with pytest.raises(ValidationError) as error:
        domain.close_proceeding(actor=world.officer, proceeding=proceeding, closed_on=dt.date(2025, 12, 1))
    assert error.value.error_dict["closed_on"][0].code == "already_closed"
    assert "01/10/2025" in error.value.messages[0]
    assert review_state() == before


@pytest.mark.parametrize(
    ("persona", "person"), [("head", "division_person"), ("secretariat", "other_person")]
)
def test_proceedings_and_leave_are_refused_to_who_may_not_edit_the_person(world, persona, person):
    actor, person = getattr(world, persona), getattr(world, person)
    proceeding = domain.open_proceeding(actor=None, person=person, fields=OPENED)
    before = review_state()
    with pytest.raises(PermissionDenied):
        domain.open_proceeding(actor=actor, person=person, fields=OPENED)
    with pytest.raises(PermissionDenied):
        domain.close_proceeding(actor=actor, proceeding=proceeding, closed_on=dt.date(2025, 10, 1))
    with pytest.raises(PermissionDenied):
        domain.record_leave(actor=actor, person=person, fields=MATERNITY)
    assert review_state() == before


def test_open_proceeding_validation_writes_nothing(world):
    with pytest.raises(ValidationError) as error:
        domain.open_proceeding(actor=world.secretariat, person=world.office_person, fields={"kind": "audit"})
    assert set(error.value.error_dict) == {"kind", "opened_on"}
    assert error.value.error_dict["kind"][0].code == "invalid_choice"
    assert review_state() == ([], [], [])


def test_record_leave(world):
    leave = domain.record_leave(actor=world.officer, person=world.team_person, fields=MATERNITY)
    assert Leave.objects.get() == leave
    assert (leave.person, leave.kind, leave.start, leave.end) == (
        world.team_person,
        "maternity",
        dt.date(2025, 2, 1),
        dt.date(2025, 7, 31),
    )
    log = only_log()
    assert (log.action, log.actor) == ("people.leave.recorded", world.officer)
    assert log.data["after"] == {"kind": "maternity", "start": "2025-02-01", "end": "2025-07-31"}


@pytest.mark.parametrize(
    ("start", "end", "field", "code"),
    [
        (dt.date(2025, 7, 1), dt.date(2025, 12, 31), "start", "overlap"),  # overlaps the recorded one
        (dt.date(2024, 12, 1), dt.date(2025, 2, 1), "start", "overlap"),  # ends on its first day
        (dt.date(2025, 9, 2), dt.date(2025, 9, 1), "end", "period"),
    ],
)
def test_a_wrong_leave_is_refused_and_changes_nothing(world, start, end, field, code):
    domain.record_leave(actor=None, person=world.team_person, fields=MATERNITY)
    before = review_state()
    with pytest.raises(ValidationError) as error:
        domain.record_leave(
            actor=world.officer, person=world.team_person, fields=MATERNITY | {"start": start, "end": end}
        )
    assert list(error.value.error_dict) == [field]
    assert error.value.error_dict[field][0].code == code
    assert review_state() == before


def test_leaves_of_other_people_do_not_overlap(world):
    domain.record_leave(actor=None, person=world.team_person, fields=MATERNITY)
    domain.record_leave(actor=None, person=world.office_person, fields=MATERNITY)
    domain.record_leave(
        actor=None,
        person=world.team_person,
        fields=MATERNITY | {"start": dt.date(2025, 8, 1), "end": dt.date(2026, 1, 31)},
    )
    assert Leave.objects.count() == 3
