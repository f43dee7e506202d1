from django.urls import path

from . import views

app_name = "achievements"
urlpatterns = [
    path("", views.index, name="index"),
    path("initiatives/", views.initiative_list, name="initiative_list"),
    path("initiatives/new/", views.initiative_create, name="initiative_create"),
    path("initiatives/<int:pk>/", views.initiative_detail, name="initiative_detail"),
    path("initiatives/<int:pk>/edit/", views.initiative_edit, name="initiative_edit"),
    path("initiatives/<int:pk>/evidence/", views.evidence_add, name="evidence_add"),
    path("initiatives/<int:pk>/evidence/<int:evidence_pk>/", views.evidence_download, name="evidence"),
    path("models/", views.model_list, name="model_list"),
    path("models/new/", views.model_create, name="model_create"),
    path("models/<int:pk>/", views.model_detail, name="model_detail"),
    path("models/<int:pk>/edit/", views.model_edit, name="model_edit"),
    path("models/<int:pk>/photos/", views.photo_add, name="photo_add"),
    path("models/<int:pk>/photos/<int:photo_pk>/", views.photo_file, name="photo"),
]
