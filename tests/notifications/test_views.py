import pytest
from django.urls import reverse

from notifications.domain import notify
from notifications.models import Notification
from tests.factories import UserFactory

INBOX = reverse("notifications:inbox")


def test_inbox_lists_own_notifications_and_the_header_counts_them(world, login):
    notify(users=[world.staff], title="Văn bản mới: 05/STN-VP")
    notify(users=[world.admin], title="Của người khác")

    response = login(world.staff).get(INBOX)

    assert [n.title for n in response.context["page"]] == ["Văn bản mới: 05/STN-VP"]
    html = response.content.decode()
    assert 'data-testid="unread-count">1<' in html and "Của người khác" not in html


def test_no_count_when_everything_is_read(world, login):
    Notification.objects.bulk_create([Notification(user=world.staff, title="x")])
    Notification.objects.update(read_at="2021-02-10T08:00:00+07:00")

    assert 'data-testid="unread-count"' not in login(world.staff).get(INBOX).content.decode()


@pytest.mark.parametrize("count", [1, 200])
def test_inbox_query_count_does_not_grow(db, login, django_assert_num_queries, count):
    user = UserFactory()
    for n in range(count):
        notify(users=[user], title=f"Thông báo {n}")
    client = login(user)
    client.get(INBOX)  # the scope (role grants) and the unread count (header) kept in the cache

    # the session (in the cache) and the account, then the inbox's count and page
    with django_assert_num_queries(3):
        response = client.get(INBOX)

    assert len(response.context["page"]) == min(count, response.context["page"].paginator.per_page)


def test_mark_one_read_with_htmx(world, login):
    (notice,) = notify(users=[world.staff], title="x")

    response = login(world.staff).post(
        reverse("notifications:read", args=[notice.pk]), headers={"HX-Request": "true"}
    )

    assert Notification.objects.get().read_at is not None
    html = response.content.decode()
    assert html.lstrip().startswith("<tr") and "notification-read" in html


def test_open_marks_read_and_follows_a_local_link(world, login):
    (local,) = notify(users=[world.staff], title="x", url="/app/dissemination/")
    (foreign,) = notify(users=[world.staff], title="y", url="https://evil.example/")
    client = login(world.staff)

    assert (
        client.post(reverse("notifications:read", args=[local.pk]), {"open": "1"}).url
        == "/app/dissemination/"
    )
    assert client.post(reverse("notifications:read", args=[foreign.pk]), {"open": "1"}).url == INBOX
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_someone_elses_notification_is_not_found(world, login):
    (notice,) = notify(users=[world.admin], title="x")

    assert login(world.staff).post(reverse("notifications:read", args=[notice.pk])).status_code == 404
    assert Notification.objects.get().read_at is None


def test_mark_all_read(world, login):
    notify(users=[world.staff], title="một")
    notify(users=[world.staff], title="hai")

    response = login(world.staff).post(reverse("notifications:read_all"), headers={"HX-Request": "true"})

    assert not Notification.objects.filter(read_at__isnull=True).exists()
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="inbox"') and html.count("notification-read") == 2


def test_anonymous_is_sent_to_login(client):
    assert client.get(INBOX).status_code == 302
    assert client.post(reverse("notifications:read_all")).status_code == 302
