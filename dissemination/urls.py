from django.urls import path

from . import views

app_name = "dissemination"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("document/<int:document_pk>/", views.document_page, name="document"),
    path("document/<int:document_pk>/send/", views.disseminate, name="disseminate"),
    path("document/<int:document_pk>/export/", views.export, name="export"),
    path("receipt/<int:pk>/read/", views.confirm_read, name="confirm_read"),
    path("receipt/<int:pk>/implemented/", views.confirm_implemented, name="confirm_implemented"),
    path("receipt/<int:pk>/forward/", views.forward, name="forward"),
]
