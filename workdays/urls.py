from django.urls import path

from . import views

app_name = "workdays"
urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("count/", views.count, name="count"),
    path("exceptions/add/", views.exception_add, name="exception_add"),
    path("exceptions/<int:pk>/remove/", views.exception_remove, name="exception_remove"),
]
