from django.urls import path

from . import spreadsheet_views, views

app_name = "organisations"
urlpatterns = [
    # --- screens (views.py) ---
]
urlpatterns += [
    # --- spreadsheet import/export (spreadsheet_views.py) ---
]
