from django.urls import path

from . import views

app_name = "publishing"

urlpatterns = [
    path("", views.publication_list, name="list"),
    path("<int:pk>/", views.publication_detail, name="detail"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/republish/", views.republish, name="republish"),
    path("<int:pk>/pdf/", views.publication_pdf, name="pdf"),
    path("<int:pk>/images/<int:image_pk>/", views.publication_image, name="image"),
    path("documents/<int:pk>/", views.publish_document, name="publish_document"),
    path("movements/<int:pk>/", views.publish_movement, name="publish_movement"),
    path("exemplary/<int:pk>/", views.publish_exemplary, name="publish_exemplary"),
    path("honour-rolls/<int:pk>/", views.publish_honour_roll, name="publish_honour_roll"),
    path("articles/", views.article_list, name="articles"),
    path("articles/new/", views.article_create, name="article_create"),
    path("articles/<int:pk>/", views.article_edit, name="article"),
    path("articles/<int:pk>/publish/", views.article_publish, name="article_publish"),
    path("articles/<int:pk>/photo/", views.article_photo, name="article_photo"),
]
