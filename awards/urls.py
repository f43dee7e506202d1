from django.urls import path

from . import views

app_name = "awards"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("due/", views.due, name="due"),
    path("due/export.xlsx", views.due_export, name="due_export"),
    path("settings/<slug:code>/", views.setting_edit, name="setting_edit"),
    path("<slug:code>/", views.award_detail, name="detail"),
]
