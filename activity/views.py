"""The activity log screen: who changed what, newest first."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .access import activity_for_user, require_activity_reader
from .forms import ActivityFilterForm

PAGE_SIZE = 50


@login_required
@require_GET
def activity_list(request):
    require_activity_reader(request.user)
    form = ActivityFilterForm(request.GET or None, user=request.user)
    entries = form.filter(activity_for_user(request.user)).select_related("actor", "agency")
    page = Paginator(entries.order_by("-created_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    template = "activity/list.html#results" if request.htmx else "activity/list.html"
    return render(request, template, {"form": form, "page": page})
