from django.urls import path

from . import views

app_name = "awards"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("due/", views.due, name="due"),
    path("due/status/", views.due_status, name="due_status"),
    path("due/recompute/", views.due_recompute, name="due_recompute"),
    path("due/export.xlsx", views.due_export, name="due_export"),
    path("due/file-status/", views.due_file_status, name="due_file_status"),
    path("due/units/", views.due_unit_search, name="due_unit_search"),
    path("due/checks/", views.due_checks, name="due_checks"),
    path("settings/<slug:code>/", views.setting_edit, name="setting_edit"),
    path("<slug:code>/", views.award_detail, name="detail"),
]
