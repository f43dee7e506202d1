"""The revocations' pages (merged into decisions/urls.py, app "decisions")."""

from django.urls import path

from .views import revocations

urlpatterns = [
    path("revocations/", revocations.revocation_list, name="revocations"),
    path("revocations/new/<int:record_pk>/", revocations.revocation_new, name="revocation_new"),
    path("revocations/<int:pk>/", revocations.revocation_detail, name="revocation"),
]
