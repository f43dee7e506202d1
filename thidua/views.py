from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

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
