from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views import defaults
from django.views.decorators.http import require_GET

from api.errors import message
from lib.panels import panels_for
from lib.todo import tasks_for


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
    catch-all, as every path converter stops at one); the screens answer the Vietnamese page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message(404)}, status=404, json_dumps_params={"ensure_ascii": False})
    return defaults.page_not_found(request, exception)
