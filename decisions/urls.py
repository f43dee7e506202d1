"""The decisions' staff screens (app "decisions", at /decisions/): the list, a decision's page and its
actions, the drafter from a closed meeting, the certificates, the award ledger; the fund and payment list
(urls_funds), the forward packages (urls_packages), the revocations (urls_revocations)."""

from django.urls import path

from . import urls_funds, urls_packages, urls_revocations
from .views import certificates, corrections, decisions, ledger

app_name = "decisions"

urlpatterns = [
    path("", decisions.decision_list, name="list"),
    path("<int:pk>/", decisions.decision_detail, name="detail"),
    path("<int:pk>/discard/", decisions.discard, name="discard"),
    path("<int:pk>/issue/", decisions.issue, name="issue"),
    path("<int:pk>/correct/", corrections.correction_new, name="correction_new"),
    path("<int:pk>/certificates/", certificates.certificates_pdf, name="certificates"),
    path("certificates/<int:pk>/", certificates.certificate_pdf, name="certificate_pdf"),
    path("certificates/<int:pk>/reissue/", certificates.certificate_reissue, name="certificate_reissue"),
    path("draft/<int:meeting_pk>/", decisions.drafter, name="draft"),
    path("ledger/", ledger.ledger, name="ledger"),
    path("ledger/person/<int:person_pk>/", ledger.ledger_person, name="ledger_person"),
    path("ledger/unit/<int:unit_pk>/", ledger.ledger_unit, name="ledger_unit"),
]
urlpatterns += urls_funds.urlpatterns + urls_packages.urlpatterns + urls_revocations.urlpatterns
