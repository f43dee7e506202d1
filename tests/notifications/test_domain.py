import pytest
from django.core.exceptions import PermissionDenied

from activity.models import ActivityLog
from notifications import domain
from notifications.models import EmailDelivery, Notification
from tests.factories import UserFactory


def test_notify_creates_one_row_per_active_account_in_one_insert(db, django_assert_num_queries):
    anna, binh = UserFactory(username="anna"), UserFactory(username="binh")
    gone = UserFactory(username="gone", is_active=False)

    with django_assert_num_queries(3):  # savepoint, INSERT, release
        created = domain.notify(
            users=[anna, binh, anna, gone, None], title="Văn bản mới", body="05/STN-VP", url="/x/"
        )

    assert [n.user for n in created] == [anna, binh]
    rows = Notification.objects.order_by("user__username")
    assert [(n.user.username, n.title, n.body, n.url, n.read_at) for n in rows] == [
        ("anna", "Văn bản mới", "05/STN-VP", "/x/", None),
        ("binh", "Văn bản mới", "05/STN-VP", "/x/", None),
    ]


def test_notify_emails_through_the_task_worker(db, django_capture_on_commit_callbacks, mailoutbox, settings):
    settings.THIDUA_SITE_URL = "https://thidua.example.vn/"
    anna, silent = UserFactory(username="anna"), UserFactory(username="silent", email="")

    with django_capture_on_commit_callbacks(execute=True):
        domain.notify(
            users=[anna, silent],
            title="Văn bản mới",
            url="/app/dissemination/",
            kind="dissemination.received",
            email_template="dissemination_received",
            context={"document": "05/STN-VP — V/v thi đua", "due_date": "01/03/2021"},
        )

    (mail,) = mailoutbox
    assert mail.to == ["anna@example.test"]
    assert "05/STN-VP" in mail.subject
    assert "01/03/2021" in mail.body and "https://thidua.example.vn/app/dissemination/" in mail.body
    assert Notification.objects.filter(kind="dissemination.received").count() == 2
    (delivery,) = EmailDelivery.objects.all()  # one per account with an address, marked once sent
    assert (delivery.user, delivery.template, delivery.status) == (anna, "dissemination_received", "sent")


def test_notify_nobody_does_nothing(db):
    assert domain.notify(users=[], title="x") == []
    assert not Notification.objects.exists()


def test_notify_keeps_the_target(world):
    (notice,) = domain.notify(users=[world.staff], title="x", target=world.office_person)

    assert (notice.target_type.model, notice.target_id) == ("person", str(world.office_person.pk))


def test_settle_marks_read_only_the_users_unread_notices_about_the_target(world):
    (mine,) = domain.notify(users=[world.staff], title="Đọc văn bản", target=world.office_person)
    (other_target,) = domain.notify(users=[world.staff], title="Khác", target=world.team_person)
    (not_mine,) = domain.notify(users=[world.officer], title="Đọc văn bản", target=world.office_person)

    assert domain.settle(user=world.staff, target=world.office_person) == 1

    read = dict(Notification.objects.values_list("pk", "read_at"))
    assert read[mine.pk] is not None
    assert read[other_target.pk] is None and read[not_mine.pk] is None
    assert not ActivityLog.objects.filter(action__startswith="notifications.").exists()
    assert domain.settle(user=None, target=world.office_person) == 0


def test_mark_read_is_logged_once(world):
    (notice,) = domain.notify(users=[world.staff], title="x")

    domain.mark_read(actor=world.staff, notification=notice)
    domain.mark_read(actor=world.staff, notification=notice)

    assert Notification.objects.get().read_at is not None
    (log,) = ActivityLog.objects.filter(action="notifications.notification.read")
    assert log.actor == world.staff and log.target_id == str(notice.pk)


def test_only_the_owner_marks_read(world):
    (notice,) = domain.notify(users=[world.staff], title="x")

    with pytest.raises(PermissionDenied):
        domain.mark_read(actor=world.admin, notification=notice)

    assert Notification.objects.get().read_at is None and not ActivityLog.objects.exists()


def test_mark_all_read_touches_only_own_unread(world):
    domain.notify(users=[world.staff, world.admin], title="một")
    domain.notify(users=[world.staff], title="hai")

    assert domain.mark_all_read(actor=world.staff) == 2
    assert domain.mark_all_read(actor=world.staff) == 0

    assert not Notification.objects.filter(user=world.staff, read_at__isnull=True).exists()
    assert Notification.objects.get(user=world.admin).read_at is None
    (log,) = ActivityLog.objects.filter(action="notifications.notification.all_read")
    assert log.data["extra"] == {"count": 2}
