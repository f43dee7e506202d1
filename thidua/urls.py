from django.contrib import admin
from django.urls import include, path

from api.api import api

from . import views

handler404 = "thidua.views.not_found"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("accounts.urls")),
    path("units/", include("organisations.urls")),
    path("people/", include("people.urls")),
    path("activity/", include("activity.urls")),
    path("documents/", include("documents.urls")),
    path("dissemination/", include("dissemination.urls")),
    path("notifications/", include("notifications.urls")),
    path("movements/", include("movements.urls")),
    path("registrations/", include("movements.registration_urls")),
    path("achievements/", include("achievements.urls")),
    path("awards/", include("awards.urls")),
    path("nominations/", include("nominations.urls")),
    path("council/", include("council.urls")),
    path("decisions/", include("decisions.urls")),
    path("xac-minh/", include("decisions.public_urls")),  # the certificates' QR codes: never moves
    path("calendar/", include("workdays.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
