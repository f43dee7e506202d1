from django.contrib import admin
from django.urls import include, path, re_path

from api.api import api

from . import views

handler404 = "thidua.views.not_found"

# The staff application, under /app/ (issue 16): the root belongs to the public portal. Every URL name and
# namespace is the same as before, so reverse() and {% url %} lead to the new addresses.
staff_patterns = [
    path("", views.home, name="home"),
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
    path("calendar/", include("workdays.urls")),
    path("publishing/", include("publishing.urls")),
]

# The first segments of the staff screens' addresses before they moved under /app/ (issue 16): bookmarks,
# e-mails and the links stored in notifications keep working, for good. Later screens have no old address.
MOVED = (
    "units", "people", "activity", "documents", "dissemination", "notifications", "movements",
    "registrations", "achievements", "awards", "nominations", "council", "decisions", "calendar",
)  # fmt: skip

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("accounts.urls")),
    path("app/", include(staff_patterns)),
    path("xac-minh/", include("decisions.public_urls")),  # the certificates' QR codes: never moves
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    re_path(rf"^(?P<first>{'|'.join(MOVED)})/(?P<rest>.*)$", views.moved, name="moved"),
    path("", include("portal.urls")),  # the public portal (issue 16), last: the root and whatever is left
]
