import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.test import RequestFactory

from notifications.access import get_notification_for_user, notifications_for_user, unread_count
from notifications.context_processors import inbox
from notifications.domain import mark_read, notify


def test_each_account_sees_only_its_own_inbox(world):
    (mine,) = notify(users=[world.staff], title="của tôi")
    (theirs,) = notify(users=[world.admin], title="của người khác")

    assert list(notifications_for_user(world.staff)) == [mine]
    assert get_notification_for_user(world.staff, mine.pk) == mine
    with pytest.raises(Http404):
        get_notification_for_user(world.staff, theirs.pk)  # not even the installation admin's inbox is shared
    with pytest.raises(Http404):
        get_notification_for_user(world.admin, mine.pk)
    assert not notifications_for_user(AnonymousUser()).exists()


def test_unread_count(world):
    first, _ = notify(users=[world.staff], title="một"), notify(users=[world.staff], title="hai")
    mark_read(actor=world.staff, notification=first[0])

    assert unread_count(world.staff) == 1
    assert unread_count(AnonymousUser()) == 0


def test_context_processor_costs_nothing_for_anonymous(db, django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()

    with django_assert_num_queries(0):
        assert inbox(request) == {"inbox_unread": 0}


def test_context_processor_counts_once_when_shown(world, django_assert_num_queries):
    notify(users=[world.staff], title="một")
    request = RequestFactory().get("/")
    request.user = world.staff

    with django_assert_num_queries(0):
        context = inbox(request)
    with django_assert_num_queries(1):
        assert bool(context["inbox_unread"]) and str(context["inbox_unread"]) == "1"
