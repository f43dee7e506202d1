"""The unread count every page shows (notifications/context_processors.py): kept in the cache until the inbox
changes — a notification created (one or in bulk), read, all read, settled or deleted."""

from django.test import RequestFactory
from django.urls import reverse

from notifications.access import cached_unread_count
from notifications.context_processors import inbox
from notifications.domain import mark_all_read, mark_read, notify, settle
from notifications.models import Notification


def shown(user) -> int:
    """The count a page shows `user` (the context processor's lazy value, read as a template would)."""
    request = RequestFactory().get("/")
    request.user = user
    return int(str(inbox(request)["inbox_unread"]))


def test_the_count_is_counted_once_then_read_from_the_cache(world, django_assert_num_queries):
    notify(users=[world.staff], title="một")

    with django_assert_num_queries(1):
        assert shown(world.staff) == 1
    with django_assert_num_queries(0):
        assert shown(world.staff) == 1
        assert cached_unread_count(world.staff) == 1


def test_a_notification_sent_to_many_at_once_counts_for_each_at_once(world):
    assert (shown(world.staff), shown(world.secretariat)) == (0, 0)

    notify(users=[world.staff, world.secretariat], title="Văn bản mới")  # one bulk INSERT, no post_save

    assert (shown(world.staff), shown(world.secretariat)) == (1, 1)
    assert shown(world.officer) == 0


def test_reading_one_or_all_lowers_the_count_at_once(world):
    first, _second, _third = (notify(users=[world.staff], title=t)[0] for t in ("một", "hai", "ba"))
    assert shown(world.staff) == 3

    mark_read(actor=world.staff, notification=first)
    assert shown(world.staff) == 2

    mark_all_read(actor=world.staff)
    assert shown(world.staff) == 0


def test_settling_the_work_a_notification_asked_for_lowers_the_count(world):
    notify(users=[world.secretariat], title="Hồ sơ chờ duyệt", target=world.office_person)
    assert shown(world.secretariat) == 1

    settle(user=world.secretariat, target=world.office_person)  # a bulk UPDATE, no post_save

    assert shown(world.secretariat) == 0


def test_a_notification_made_or_deleted_directly_changes_the_count(world):
    made = Notification.objects.create(user=world.staff, title="trực tiếp")
    assert shown(world.staff) == 1

    made.delete()

    assert shown(world.staff) == 0


def test_the_page_shows_the_new_count_on_the_next_request(world, login):
    client = login(world.staff)
    assert 'data-testid="unread-count"' not in client.get(reverse("home")).content.decode()

    notify(users=[world.staff], title="Văn bản cần đọc")

    html = client.get(reverse("home")).content.decode()
    assert 'data-testid="unread-count">1<' in html
