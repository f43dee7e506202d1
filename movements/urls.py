from django.urls import path

from . import views

app_name = "movements"
urlpatterns = [
    path("", views.movement_list, name="list"),
    path("new/", views.movement_create, name="create"),
    path("<int:pk>/", views.movement_detail, name="detail"),
    path("<int:pk>/edit/", views.movement_edit, name="edit"),
    path("<int:pk>/move/", views.movement_move, name="move"),
    path("<int:pk>/relay/", views.movement_relay, name="relay"),
    path("<int:pk>/documents/link/", views.document_link, name="link_document"),
    path("<int:pk>/documents/<int:link_pk>/unlink/", views.document_unlink, name="unlink_document"),
    path("<int:pk>/reviews/new/", views.review_open, name="review_open"),
    path("reviews/<int:pk>/", views.review_detail, name="review"),
    path("reviews/<int:pk>/report/", views.review_report, name="review_report"),
    path("reviews/<int:pk>/results/", views.review_results, name="review_results"),
    path("reviews/<int:pk>/summary/", views.review_summary, name="review_summary"),
    path("reports/<int:pk>/file/", views.report_file, name="report_file"),
]
