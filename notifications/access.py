"""Loading notifications for a user: each account sees only its own inbox."""

from functools import partial

from django.http import Http404

from lib.cacheversions import bump, remember

from .models import Notification

UNREAD_SECONDS = 600  # a kept count is counted again at least this often


def notifications_for_user(user):
    if not user or not user.is_authenticated or not user.is_active:
        return Notification.objects.none()
    return Notification.objects.filter(user=user)


def get_notification_for_user(user, pk) -> Notification:
    notification = notifications_for_user(user).filter(pk=pk).first()
    if notification is None:
        raise Http404
    return notification


def unread_count(user) -> int:
    """One query for an account, none for an anonymous visitor."""
    if not user or not user.is_authenticated:
        return 0
    return notifications_for_user(user).unread().count()


def inbox_version(user_id) -> str:
    """The version (lib.cacheversions) of an account's inbox: bumped whenever one of its notifications is
    created, read or deleted (notifications.domain, and the post_save/post_delete of one notification)."""
    return f"inbox:{user_id}"


def inbox_changed(*user_ids) -> None:
    """The inboxes of these accounts changed: their kept unread counts are counted again."""
    bump(*(inbox_version(pk) for pk in user_ids))


def cached_unread_count(user) -> int:
    """unread_count, kept in the cache until the account's inbox changes: no query on most pages."""
    if not user or not user.is_authenticated:
        return 0
    count = partial(unread_count, user)
    return remember(f"unread:{user.pk}", [inbox_version(user.pk)], count, timeout=UNREAD_SECONDS)


def notification_changed(instance, **_signal) -> None:
    """post_save / post_delete of one notification (NotificationsConfig.ready); the bulk changes of
    notifications.domain call inbox_changed themselves."""
    inbox_changed(instance.user_id)
