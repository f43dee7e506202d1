"""The council's screens: the council and its terms (council.views.councils), a meeting and its steps
(council.views.meetings, council.views.voting), the member's ballot (council.views.ballot)."""

from django.urls import path

from .views import ballot, councils, meetings, voting

app_name = "council"

urlpatterns = [
    path("", councils.council_home, name="home"),
    path("new/", councils.council_new, name="council_new"),
    path("<int:pk>/", councils.council_detail, name="council"),
    path("<int:pk>/terms/new/", councils.term_new, name="term_new"),
    path("<int:pk>/members/new/", councils.member_new, name="member_new"),
    path("<int:pk>/relatives/new/", councils.relative_new, name="relative_new"),
    path("<int:pk>/meetings/new/", meetings.meeting_new, name="meeting_new"),
    path("members/<int:pk>/end/", councils.member_end, name="member_end"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/agenda/", meetings.agenda, name="agenda"),
    path("meetings/<int:pk>/convene/", meetings.convene, name="convene"),
    path("meetings/<int:pk>/attendance/", meetings.attendance, name="attendance"),
    path("meetings/<int:pk>/guests/new/", meetings.guest_new, name="guest_new"),
    path("meetings/<int:pk>/open/", meetings.open_ballot, name="open"),
    path("meetings/<int:pk>/written/", voting.written, name="written"),
    path("meetings/<int:pk>/not-voting/", voting.not_voting, name="not_voting"),
    path("meetings/<int:pk>/count/", voting.paper_count, name="paper_count"),
    path("meetings/<int:pk>/close/", voting.close, name="close"),
    path("meetings/<int:pk>/ballot/", ballot.ballot, name="ballot"),
    path("meetings/<int:pk>/ballot/cast/", ballot.ballot_cast, name="ballot_cast"),
    path("meetings/<int:pk>/receipt/", ballot.receipt, name="receipt"),
]
