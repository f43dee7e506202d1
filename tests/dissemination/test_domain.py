import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from activity.models import ActivityLog
from dissemination import domain
from dissemination.models import Dissemination, Receipt
from notifications.models import EmailDelivery, Notification
from people.models import UnitHead
from tests.factories import staff_in

from .conftest import issued_document

TODAY = timezone.localdate()
DUE = TODAY + dt.timedelta(days=7)


def send(world, document, actor=None, **kwargs):
    arguments = {"units": [world.division, world.office], "people": [world.team_person], "due_date": DUE}
    return domain.disseminate(actor=actor or world.secretariat, document=document, **(arguments | kwargs))


def receipts_of(dissemination):
    return {
        (r.person.full_name, r.via_unit.name if r.via_unit else None) for r in dissemination.receipts.all()
    }


def receipt_of(dissemination, person):
    return dissemination.receipts.get(person=person)


# --- disseminate ------------------------------------------------------------------------------------------


def test_disseminate_reaches_unit_heads_and_named_people(
    heads, document, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        dissemination = send(heads, document, requires_implementation=True, note="Báo cáo trước hạn")

    assert receipts_of(dissemination) == {
        ("Lê Văn Minh", "Phòng Kế hoạch"),  # Unit.head
        ("Trần Thị Lan", "Văn phòng"),  # no head set: the leadership post
        ("Đặng Thị Hương", None),  # named individually
    }
    assert (dissemination.sender, dissemination.due_date, dissemination.requires_implementation) == (
        heads.secretariat,
        DUE,
        True,
    )
    log = ActivityLog.objects.get(action="dissemination.dissemination.created")
    assert (log.actor, log.target_id, log.agency) == (heads.secretariat, str(document.pk), heads.agency)
    assert log.data["extra"]["units"] == [heads.division.pk, heads.office.pk]
    inbox = Notification.objects.filter(kind="dissemination.received")
    assert {n.user.username for n in inbox} == {"minh", "nhanvien", "huong"}
    assert {m.to[0] for m in mailoutbox} == {
        "minh@example.test",
        "nhanvien@example.test",
        "huong@example.test",
    }
    assert all("05/STN-VP" in m.subject for m in mailoutbox)


def test_a_head_also_named_gets_one_receipt_for_the_unit(heads, document):
    dissemination = send(heads, document, units=[heads.division], people=[heads.division_person])

    assert receipts_of(dissemination) == {("Lê Văn Minh", "Phòng Kế hoạch")}


@pytest.mark.parametrize("status", ["draft", "submitted", "revoked", "replaced"])
def test_only_issued_documents_are_disseminated(heads, status):
    document = issued_document(heads.agency, status=status)

    with pytest.raises(ValidationError):
        send(heads, document)

    assert not Dissemination.objects.exists() and not ActivityLog.objects.exists()


def test_published_documents_are_disseminated(heads):
    dissemination = send(heads, issued_document(heads.agency, status="published"))

    assert dissemination.receipts.count() == 3


@pytest.mark.parametrize("persona", ["leader", "council", "head", "officer", "staff", "editor"])
def test_only_the_secretariat_and_admins_disseminate(heads, document, persona):
    with pytest.raises(PermissionDenied):
        send(heads, document, actor=getattr(heads, persona))

    assert not Receipt.objects.exists() and not Notification.objects.exists()


def test_installation_admin_disseminates(heads, document):
    assert send(heads, document, actor=heads.admin).receipts.count() == 3


def test_units_of_another_agency_are_refused(heads, document, english):
    with pytest.raises(ValidationError, match="must belong to the agency that issued"):
        send(heads, document, units=[heads.other_unit], people=[])

    assert not Dissemination.objects.exists()


def test_a_unit_without_head_or_leader_is_refused_by_name(heads, document, english):
    with pytest.raises(ValidationError) as raised:
        send(heads, document, units=[heads.team])

    assert raised.value.message_dict["units"] == [
        "Tổ Kế hoạch has no head or leader: choose its people by name."
    ]
    assert not Dissemination.objects.exists() and not Receipt.objects.exists()


@pytest.mark.parametrize("kwargs", [{"units": [], "people": []}, {"due_date": TODAY - dt.timedelta(days=1)}])
def test_no_recipients_or_past_due_date_are_refused(heads, document, kwargs):
    with pytest.raises(ValidationError):
        send(heads, document, **kwargs)

    assert not Dissemination.objects.exists()


# --- forwarding -------------------------------------------------------------------------------------------


def test_head_forwards_to_all_staff_of_unit_and_sub_units(
    heads, document, django_capture_on_commit_callbacks, mailoutbox
):
    dissemination = send(heads, document, units=[heads.division], people=[])
    newcomer = staff_in(heads.division, family_name="Võ", middle_name="Thị", given_name="Mai")
    head_receipt = receipt_of(dissemination, heads.division_person)

    with django_capture_on_commit_callbacks(execute=True):
        created = domain.forward_to_unit_staff(actor=heads.minh, receipt=head_receipt)

    assert {r.person for r in created} == {newcomer, heads.team_person}
    assert all(r.via_unit == heads.division and r.forwarded_from == head_receipt for r in created)
    head_receipt.refresh_from_db()
    assert head_receipt.forwarded_at is not None
    log = ActivityLog.objects.get(action="dissemination.receipt.forwarded")
    assert log.actor == heads.minh and sorted(log.data["extra"]["people"]) == sorted(
        [newcomer.pk, heads.team_person.pk]
    )
    assert [m.to for m in mailoutbox] == [["huong@example.test"]]  # the newcomer has no account
    assert Notification.objects.filter(user=heads.huong, kind="dissemination.received").count() == 1


def test_forwarding_again_adds_no_duplicates(heads, document):
    dissemination = send(heads, document, units=[heads.division], people=[heads.team_person])
    head_receipt = receipt_of(dissemination, heads.division_person)

    first = domain.forward_to_unit_staff(actor=heads.minh, receipt=head_receipt)
    second = domain.forward_to_unit_staff(actor=heads.minh, receipt=head_receipt)

    assert first == [] and second == []  # Hương already had her own copy
    assert dissemination.receipts.count() == 2
    assert ActivityLog.objects.filter(action="dissemination.receipt.forwarded").count() == 2


def test_a_named_head_forwards_to_the_unit_she_heads(heads, document):
    dissemination = send(heads, document, units=[], people=[heads.division_person])

    created = domain.forward_to_unit_staff(
        actor=heads.minh, receipt=receipt_of(dissemination, heads.division_person)
    )

    assert [(r.person, r.via_unit) for r in created] == [(heads.team_person, heads.division)]


def test_only_the_receipts_person_forwards(heads, document):
    dissemination = send(heads, document)

    with pytest.raises(PermissionDenied):
        domain.forward_to_unit_staff(
            actor=heads.secretariat, receipt=receipt_of(dissemination, heads.division_person)
        )

    assert dissemination.receipts.count() == 3


def test_someone_who_heads_no_unit_cannot_forward(heads, document, english):
    dissemination = send(heads, document)

    with pytest.raises(ValidationError, match="Only the head of a unit"):
        domain.forward_to_unit_staff(actor=heads.huong, receipt=receipt_of(dissemination, heads.team_person))

    assert not ActivityLog.objects.filter(action="dissemination.receipt.forwarded").exists()


def test_a_replaced_head_cannot_forward(heads, document):
    dissemination = send(heads, document, units=[heads.division], people=[])
    UnitHead.objects.update_or_create(unit=heads.division, defaults={"person": heads.team_person})

    with pytest.raises(ValidationError):
        domain.forward_to_unit_staff(
            actor=heads.minh, receipt=receipt_of(dissemination, heads.division_person)
        )


# --- confirmations ----------------------------------------------------------------------------------------


def test_recipient_confirms_read_once(heads, document):
    receipt = receipt_of(send(heads, document), heads.team_person)

    domain.confirm_read(actor=heads.huong, receipt=receipt)
    first = Receipt.objects.get(pk=receipt.pk).read_at
    domain.confirm_read(actor=heads.huong, receipt=receipt)

    assert first is not None and Receipt.objects.get(pk=receipt.pk).read_at == first
    (log,) = ActivityLog.objects.filter(action="dissemination.receipt.read")
    assert (log.actor, log.data["extra"]["person"]) == (heads.huong, heads.team_person.pk)


@pytest.mark.parametrize("persona", ["secretariat", "minh", "admin"])
def test_nobody_else_confirms(heads, document, persona):
    receipt = receipt_of(send(heads, document), heads.team_person)

    with pytest.raises(PermissionDenied):
        domain.confirm_read(actor=getattr(heads, persona), receipt=receipt)
    with pytest.raises(PermissionDenied):
        domain.confirm_implemented(actor=getattr(heads, persona), receipt=receipt, note="Đã làm")

    receipt.refresh_from_db()
    assert receipt.read_at is None and receipt.implemented_at is None


@pytest.mark.parametrize("note", ["", "   "])
def test_implementation_needs_a_note(heads, document, english, note):
    receipt = receipt_of(send(heads, document, requires_implementation=True), heads.team_person)

    with pytest.raises(ValidationError) as raised:
        domain.confirm_implemented(actor=heads.huong, receipt=receipt, note=note)

    assert raised.value.message_dict == {"note": ["Write a short note on how the document was implemented."]}
    receipt.refresh_from_db()
    assert receipt.implemented_at is None and receipt.read_at is None


def test_implementation_confirms_read_and_tells_the_sender(heads, document):
    receipt = receipt_of(send(heads, document, requires_implementation=True), heads.team_person)
    decomposed = "Đã phổ biến đến toàn tổ".replace("ổ", "o\u0302\u0309")

    domain.confirm_implemented(actor=heads.huong, receipt=receipt, note=decomposed)

    receipt.refresh_from_db()
    assert receipt.implementation_note == "Đã phổ biến đến toàn tổ"  # NFC
    assert receipt.implemented_at is not None and receipt.read_at == receipt.implemented_at
    log = ActivityLog.objects.get(action="dissemination.receipt.implemented")
    assert log.data["after"]["implementation_note"] == "Đã phổ biến đến toàn tổ"
    (notice,) = Notification.objects.filter(kind="dissemination.implemented")
    assert notice.user == heads.secretariat and notice.body == "Đã phổ biến đến toàn tổ"


def test_implementation_is_refused_when_not_asked_or_already_done(heads, document):
    plain = receipt_of(send(heads, document), heads.team_person)
    with pytest.raises(ValidationError):
        domain.confirm_implemented(actor=heads.huong, receipt=plain, note="Đã làm")

    asked = receipt_of(send(heads, document, requires_implementation=True), heads.team_person)
    domain.confirm_implemented(actor=heads.huong, receipt=asked, note="Đã làm")
    with pytest.raises(ValidationError):
        domain.confirm_implemented(actor=heads.huong, receipt=asked, note="Lần hai")

    asked.refresh_from_db()
    assert asked.implementation_note == "Đã làm"
    assert ActivityLog.objects.filter(action="dissemination.receipt.implemented").count() == 1


# --- reminders --------------------------------------------------------------------------------------------


def make_overdue(dissemination, days=1):
    """Arrange a dissemination whose due date passed (disseminate() refuses a due date in the past)."""
    Dissemination.objects.filter(pk=dissemination.pk).update(due_date=TODAY - dt.timedelta(days=days))


def test_reminders_go_to_those_past_due_once_a_day(
    heads, document, django_capture_on_commit_callbacks, mailoutbox
):
    dissemination = send(heads, document, requires_implementation=True)
    domain.confirm_implemented(
        actor=heads.huong, receipt=receipt_of(dissemination, heads.team_person), note="Xong"
    )
    domain.confirm_read(actor=heads.minh, receipt=receipt_of(dissemination, heads.division_person))

    assert domain.send_reminders(today=DUE) == 0  # not late before the due date, nor on it
    assert domain.send_reminders(today=TODAY) == 0
    make_overdue(dissemination)
    with django_capture_on_commit_callbacks(execute=True):
        assert domain.send_reminders(today=TODAY) == 2  # Minh read but did not report; Lan did nothing
    assert domain.send_reminders(today=TODAY) == 0  # once a day

    reminded = Receipt.objects.filter(reminded_at__isnull=False)
    assert {r.person for r in reminded} == {heads.division_person, heads.office_person}
    assert {n.user.username for n in Notification.objects.filter(kind="dissemination.reminder")} == {
        "minh",
        "nhanvien",
    }
    assert sorted(m.to[0] for m in mailoutbox) == ["minh@example.test", "nhanvien@example.test"]
    assert all("05/STN-VP" in m.subject for m in mailoutbox)
    log = ActivityLog.objects.get(action="dissemination.reminders.sent")
    assert log.actor is None and len(log.data["extra"]["receipts"]) == 2


def test_reminders_repeat_the_next_day(heads, document, django_capture_on_commit_callbacks):
    make_overdue(send(heads, document))
    with django_capture_on_commit_callbacks(execute=True):
        assert domain.send_reminders(today=TODAY) == 3
    yesterday = timezone.now() - dt.timedelta(days=1)
    Receipt.objects.update(reminded_at=yesterday)  # that was yesterday, e-mails included
    EmailDelivery.objects.update(created_at=yesterday)

    assert domain.send_reminders(today=TODAY) == 3
    assert Notification.objects.filter(kind="dissemination.reminder").count() == 6


def test_reminded_is_recorded_when_the_mail_server_takes_the_email(
    heads, document, django_capture_on_commit_callbacks, mailoutbox
):
    make_overdue(send(heads, document))
    heads.huong.email = ""  # Hương has no address: the in-app notice is her reminder
    heads.huong.save()

    with django_capture_on_commit_callbacks() as queued:
        assert domain.send_reminders(today=TODAY) == 3
    assert domain.send_reminders(today=TODAY) == 0  # queued today, not sent yet: not queued again

    waiting = Receipt.objects.filter(reminded_at__isnull=True)
    assert {r.person for r in waiting} == {heads.division_person, heads.office_person}
    assert Notification.objects.filter(kind="dissemination.reminder").count() == 3
    deliveries = EmailDelivery.objects.filter(template="dissemination_reminder")
    assert {(d.user.username, d.status) for d in deliveries} == {("minh", "pending"), ("nhanvien", "pending")}
    assert mailoutbox == []

    for callback in queued:  # the worker sends them
        callback()

    assert len(mailoutbox) == 2 and not Receipt.objects.filter(reminded_at__isnull=True).exists()
    for delivery in deliveries.all():
        receipt = Receipt.objects.get(pk=delivery.target_id)
        assert receipt.reminded_at == delivery.sent_at and delivery.status == "sent"


def test_a_reminder_the_mail_server_refuses_is_not_recorded(
    heads, document, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens: connection refused
    make_overdue(send(heads, document))

    with django_capture_on_commit_callbacks(execute=True):
        assert domain.send_reminders(today=TODAY) == 3

    assert not Receipt.objects.filter(reminded_at__isnull=False).exists()
    reminders = EmailDelivery.objects.filter(template="dissemination_reminder")
    assert [(d.status, d.attempts) for d in reminders] == [("pending", 1)] * 3


def test_no_reminders_for_a_revoked_document(heads, document):
    make_overdue(send(heads, document))
    document.status = "revoked"
    document.save()

    assert domain.send_reminders(today=TODAY) == 0
    assert not Notification.objects.filter(kind="dissemination.reminder").exists()


# --- a predecessor agency's document --------------------------------------------------------------------


def test_a_predecessors_document_goes_to_the_successors_units_and_people(heads, predecessor_document):
    dissemination = send(heads, predecessor_document, units=[heads.division], people=[heads.team_person])

    assert receipts_of(dissemination) == {("Lê Văn Minh", "Phòng Kế hoạch"), ("Đặng Thị Hương", None)}
    assert dissemination.document == predecessor_document


def test_a_predecessors_closed_units_are_refused(heads, predecessor_document, english):
    with pytest.raises(ValidationError, match="must belong to the agency that issued"):
        send(heads, predecessor_document, units=[heads.old_unit], people=[])

    assert not Dissemination.objects.exists()


def test_a_closed_unit_of_the_agency_is_refused(heads, document, english):
    heads.office.valid_to = TODAY - dt.timedelta(days=1)
    heads.office.save()

    with pytest.raises(ValidationError, match="closed unit"):
        send(heads, document, units=[heads.office], people=[])

    assert not Dissemination.objects.exists()


def test_the_secretariat_of_another_agency_cannot_send_a_predecessors_document(heads, predecessor_document):
    from accounts.models import Role
    from tests.factories import account_with_role

    stranger = account_with_role(Role.SECRETARIAT, agency=heads.other_agency, username="khac")

    with pytest.raises(PermissionDenied):
        send(heads, predecessor_document, actor=stranger, units=[heads.division], people=[])

    assert not Dissemination.objects.exists()


# --- confirming settles the notifications -----------------------------------------------------------------


def test_reading_marks_the_persons_notifications_about_it_read(heads, document):
    dissemination = send(heads, document)
    other = send(heads, issued_document(heads.agency, number=6), units=[], people=[heads.team_person])
    unread = Notification.objects.filter(user=heads.huong, read_at__isnull=True)
    assert unread.count() == 2

    domain.confirm_read(actor=heads.huong, receipt=receipt_of(dissemination, heads.team_person))

    assert [n.target_id for n in unread] == [str(other.pk)]
    assert Notification.objects.filter(user=heads.minh, read_at__isnull=True).count() == 1


def test_implementing_marks_the_reminders_read_too(heads, document):
    dissemination = send(heads, document, requires_implementation=True)
    receipt = receipt_of(dissemination, heads.team_person)
    domain.confirm_read(actor=heads.huong, receipt=receipt)
    domain.send_reminders(today=DUE + dt.timedelta(days=1))
    assert Notification.objects.filter(user=heads.huong, read_at__isnull=True).count() == 1

    domain.confirm_implemented(actor=heads.huong, receipt=receipt, note="Đã phổ biến")

    assert not Notification.objects.filter(user=heads.huong, read_at__isnull=True).exists()
