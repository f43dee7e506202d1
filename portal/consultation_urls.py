"""The consultations' addresses, included by portal/urls.py at "lay-y-kien/" (names in the "portal"
namespace): the open postings, one posting, a comment on one of its proposals and the thank-you page."""

from django.urls import path

from . import consultations

urlpatterns = [
    path("", consultations.consultations, name="consultations"),
    path("<int:posting>/", consultations.consultation, name="consultation"),
    path("<int:posting>/<int:proposal>/gop-y/", consultations.comment, name="comment"),
    path("<int:posting>/<int:proposal>/gop-y/da-gui/", consultations.comment_sent, name="comment_sent"),
]
