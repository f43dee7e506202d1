from django.urls import path

from . import registration_views as views

app_name = "registrations"
urlpatterns = [
    path("", views.round_list, name="rounds"),
    path("open/", views.round_open, name="open"),
    path("queue/", views.queue, name="queue"),
    path("mine/", views.mine, name="mine"),
    path("round/<int:pk>/", views.round_detail, name="round"),
    path("round/<int:pk>/start/", views.registration_start, name="start"),
    path("round/<int:pk>/export.xlsx", views.round_export, name="export"),
    path("round/<int:pk>/annex.pdf", views.round_annex, name="annex"),
    path("<int:pk>/", views.registration_detail, name="detail"),
    path("<int:pk>/pledges/", views.pledges_update, name="pledges"),
    path("<int:pk>/collective/", views.collective_add, name="add_collective"),
    path("<int:pk>/individual/", views.individual_add, name="add_individual"),
    path("<int:pk>/staff/", views.entries_add, name="add_staff"),
    path("<int:pk>/submit/", views.registration_submit, name="submit"),
    path("<int:pk>/approve/", views.registration_approve, name="approve"),
    path("<int:pk>/return/", views.registration_return, name="return"),
    path("entry/<int:pk>/edit/", views.entry_edit, name="edit_entry"),
    path("entry/<int:pk>/remove/", views.entry_remove, name="remove_entry"),
]
