"""The public portal (issue 16), included last at the site's root (thidua/urls.py); an agency's portal other
than the default one is served at /<portal-slug>/… (portal/middleware.py)."""

from django.urls import include, path

from . import feeds, sitemaps, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("van-ban/", views.documents, name="documents"),
    path("van-ban/<slug:slug>/<slug:name>.pdf", views.document_pdf, name="document_pdf"),
    path("van-ban/<path:key>/", views.document, name="document"),
    path("phong-trao/", views.movements, name="movements"),
    path("phong-trao/<slug:slug>/", views.movement, name="movement"),
    path("dien-hinh/", views.exemplars, name="exemplars"),
    path("dien-hinh/<slug:slug>/", views.exemplar, name="exemplar"),
    path("tin-tuc/", views.news, name="news"),
    path("tin-tuc/<slug:slug>/", views.article, name="article"),
    path("bang-vang/", views.honour_roll, name="honour_roll"),
    path("bang-vang/<slug:slug>/", views.honour_roll_decision, name="honour_roll_decision"),
    path("tim-kiem/", views.search, name="search"),
    path("feeds/van-ban.atom", feeds.feed_documents, name="feed_documents"),
    path("feeds/tin-tuc.atom", feeds.feed_news, name="feed_news"),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("robots.txt", views.robots, name="robots"),
    path("anh/<int:pk>/<str:name>", views.image, name="image"),
    path("lay-y-kien/", include("portal.consultation_urls")),
]
