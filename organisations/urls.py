from django.urls import path

from . import spreadsheet_views, views

app_name = "organisations"
urlpatterns = [
    # --- screens (views.py) ---
    path("", views.unit_tree, name="tree"),
    path("<int:pk>/", views.unit_detail, name="detail"),
    path("<int:pk>/edit/", views.unit_edit, name="edit"),
    path("<int:pk>/branch/", views.unit_branch, name="branch"),
    path("agency/<int:agency_pk>/new/", views.unit_create, name="create"),
    path("picker/", views.unit_picker, name="picker"),
]
urlpatterns += [
    # --- spreadsheet import/export (spreadsheet_views.py) ---
    path("import/", spreadsheet_views.import_units, name="import"),
    path("export/", spreadsheet_views.export_units, name="export"),
]
