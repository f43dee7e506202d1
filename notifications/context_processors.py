from django.utils.functional import SimpleLazyObject

from .access import cached_unread_count


def inbox(request):
    """`inbox_unread`: the unread count, read only when a template shows it — from the cache, where it stays
    until the inbox changes (one query when it was not kept); never for an anonymous visitor."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"inbox_unread": 0}
    return {"inbox_unread": SimpleLazyObject(lambda: cached_unread_count(user))}
