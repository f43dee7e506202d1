from django.urls import path

from . import views

app_name = "council"

urlpatterns = [
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/ballot/", views.ballot, name="ballot"),
]
