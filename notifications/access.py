"""Loading notifications for a user: each account sees only its own inbox."""

from django.http import Http404

from .models import Notification


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
