from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.http.response import HttpResponseRedirectBase
from django.shortcuts import render
from django.urls import reverse
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from api.errors import message
from lib.panels import panels_for
from lib.todo import tasks_for
from portal import views as portal_views

# The staff side's addresses: a missing page there is answered with the staff application's 404 page.
STAFF_PREFIXES = ("/app/", "/accounts/", "/admin/")


@login_required
def home(request):
    """What each role sees first: the work waiting (each app's todo.py), then its cards (panels.py)."""
    context = {"tasks": tasks_for(request), "panels": panels_for("home", request)}
    return render(request, "home.html", context)


@require_GET
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def not_found(request, exception=None):
    """404: the API answers JSON even for a path no pattern matches (a line break in it escapes the API's
    catch-all, as every path converter stops at one); the staff application answers its Vietnamese page, and
    any other address the public portal's."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message(404)}, status=404, json_dumps_params={"ensure_ascii": False})
    if request.path.startswith(STAFF_PREFIXES):
        return defaults.page_not_found(request, exception)
    return portal_views.not_found(request)


class HttpResponsePermanentRedirectKeepingMethod(HttpResponseRedirectBase):
    """308: moved for good, and the client repeats the same method with the same body."""

    status_code = 308


@csrf_exempt  # it changes nothing: the form is posted again to the new address, which checks the token
def moved(request, first, rest):
    """The staff screens' old addresses (before /app/, issue 16) lead to the new ones for good, with the rest
    of the path and the query string: GET and HEAD with a 301, any other method with a 308."""
    location = reverse("home") + request.get_full_path_info().removeprefix("/")  # the path after the prefix
    if request.method in ("GET", "HEAD"):
        return HttpResponsePermanentRedirect(location)
    return HttpResponsePermanentRedirectKeepingMethod(location)
