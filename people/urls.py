from django.urls import path

from . import spreadsheet_views, views

app_name = "people"
urlpatterns = [
    # --- screens (views.py) ---
    path("", views.person_list, name="list"),
    path("new/", views.person_create, name="create"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/edit/", views.person_edit, name="edit"),
    path("<int:pk>/transfer/", views.person_transfer, name="transfer"),
    path("<int:pk>/rating/", views.person_rating, name="rating"),
    path("<int:pk>/discipline/", views.person_discipline, name="discipline"),
    path("<int:pk>/proceeding/", views.person_proceeding, name="proceeding"),
    path("<int:pk>/proceeding/<int:proceeding_pk>/close/", views.proceeding_close, name="proceeding_close"),
    path("<int:pk>/leave/", views.person_leave, name="leave"),
    path("units/<int:unit_pk>/head/", views.unit_head, name="unit_head"),
    path("units/<int:unit_pk>/rating/", views.unit_rating, name="unit_rating"),
    path("picker/", views.picker, name="picker"),
]
urlpatterns += [
    # --- spreadsheet import/export (spreadsheet_views.py) ---
    path("import/", spreadsheet_views.import_people, name="import"),
    path("export/", spreadsheet_views.export_people, name="export"),
    path("unit-ratings/import/", spreadsheet_views.import_unit_ratings, name="unit_ratings_import"),
    path("unit-ratings/export/", spreadsheet_views.export_unit_ratings, name="unit_ratings_export"),
]
