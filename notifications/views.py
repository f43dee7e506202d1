"""The inbox: a person's notifications, newest first, marked read one by one or all at once."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from . import domain
from .access import get_notification_for_user, notifications_for_user

PAGE_SIZE = 50


def _inbox_page(request):
    return Paginator(notifications_for_user(request.user), PAGE_SIZE).get_page(request.GET.get("page"))


@login_required
@require_GET
def inbox(request):
    table_only = request.htmx and not request.htmx.history_restore_request
    template = "notifications/inbox.html#inbox" if table_only else "notifications/inbox.html"
    response = render(request, template, {"page": _inbox_page(request)})
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_POST
def mark_read(request, pk):
    notification = get_notification_for_user(request.user, pk)
    domain.mark_read(actor=request.user, notification=notification)
    if request.POST.get("open") and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(notification.url)
    if request.htmx:
        return render(request, "notifications/inbox.html#row", {"notification": notification})
    return redirect("notifications:inbox")


@login_required
@require_POST
def mark_all_read(request):
    domain.mark_all_read(actor=request.user)
    if request.htmx:
        return render(request, "notifications/inbox.html#inbox", {"page": _inbox_page(request)})
    return redirect("notifications:inbox")
