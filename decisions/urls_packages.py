"""The forward packages' screens (merged into decisions/urls.py, app "decisions"): the list, preparing a
package from a closed meeting, a package's page, sending it, its ZIP, and the higher decision answering it."""

from django.urls import path

from .views import packages

urlpatterns = [
    path("packages/", packages.package_list, name="packages"),
    path("packages/new/<int:meeting_pk>/", packages.package_new, name="package_new"),
    path("packages/<int:pk>/", packages.package_detail, name="package"),
    path("packages/<int:pk>/send/", packages.package_send, name="package_send"),
    path("packages/<int:pk>/archive/", packages.package_archive, name="package_archive"),
    path("packages/<int:pk>/zip/", packages.package_zip, name="package_zip"),
    path("packages/<int:pk>/answer/", packages.higher_decision, name="higher_decision"),
    path("packages/<int:pk>/answer/lines/<int:line_pk>/", packages.higher_decision_confirm,
         name="higher_decision_confirm"),
    path("packages/<int:pk>/answer/record/", packages.higher_decision_record, name="higher_decision_record"),
    path("packages/<int:pk>/answer/discard/", packages.higher_decision_discard,
         name="higher_decision_discard"),
]  # fmt: skip
