from django.utils.functional import SimpleLazyObject

from .access import unread_count


def inbox(request):
    """`inbox_unread`: the unread count, counted (one query) only when a template shows it; never for an
    anonymous visitor."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"inbox_unread": 0}
    return {"inbox_unread": SimpleLazyObject(lambda: unread_count(user))}
