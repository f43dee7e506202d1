"""Nominations' screens. Unit side (nominations.views.rounds, .proposals): rounds, proposing from the three
sources, the proposal page, its dossier and versions. Secretariat side (nominations.views.appraisal,
.postings): the appraisal queue, returns, postings and comments. The nominee's confirmation
(nominations.views.confirm); the drafted papers (nominations.views.papers)."""

from django.urls import path

from .views import appraisal, confirm, papers, postings, proposals, rounds

app_name = "nominations"

urlpatterns = [
    path("", rounds.round_list, name="rounds"),
    path("rounds/new/", rounds.round_new, name="round_new"),
    path("rounds/<int:pk>/", rounds.round_detail, name="round"),
    path(
        "rounds/<int:pk>/propose/registration/", proposals.propose_registration, name="propose_registration"
    ),
    path("rounds/<int:pk>/propose/due/", proposals.propose_due, name="propose_due"),
    path("rounds/<int:pk>/propose/blank/", proposals.propose_blank, name="propose_blank"),
    path("rounds/<int:pk>/units/<int:unit_pk>/dossier/", proposals.unit_dossier, name="unit_dossier"),
    path("rounds/<int:pk>/postings/new/", postings.posting_new, name="posting_new"),
    path("proposals/<int:pk>/", proposals.proposal_detail, name="proposal"),
    path("proposals/<int:pk>/edit/", proposals.proposal_edit, name="proposal_edit"),
    path("proposals/<int:pk>/submit/", proposals.proposal_submit, name="proposal_submit"),
    path("proposals/<int:pk>/withdraw/", proposals.proposal_withdraw, name="proposal_withdraw"),
    path("proposals/<int:pk>/evidence/", proposals.proposal_evidence, name="proposal_evidence"),
    path("proposals/<int:pk>/versions/", proposals.proposal_versions, name="proposal_versions"),
    path("proposals/<int:pk>/return/", appraisal.proposal_return, name="proposal_return"),
    path("proposals/<int:pk>/appraise/", appraisal.proposal_appraise, name="proposal_appraise"),
    path("proposals/<int:pk>/ready/", appraisal.proposal_ready, name="proposal_ready"),
    path("proposals/<int:pk>/confirm/", confirm.proposal_confirm, name="proposal_confirm"),
    path("proposals/<int:pk>/report.<str:fmt>", papers.proposal_report, name="proposal_report"),
    path("rounds/<int:pk>/units/<int:unit_pk>/minutes.<str:fmt>", papers.unit_minutes, name="unit_minutes"),
    path("queue/", appraisal.queue, name="queue"),
    path("queue/appraise/", appraisal.appraise_page, name="appraise_many"),
    path("queue/ready/", appraisal.ready_page, name="ready_many"),
    path("postings/<int:pk>/", postings.posting_detail, name="posting"),
    path("postings/<int:pk>/comments/new/", postings.comment_new, name="comment_new"),
    path("comments/<int:pk>/handle/", postings.comment_handle, name="comment_handle"),
    path("mine/", confirm.my_proposals, name="mine"),
]
