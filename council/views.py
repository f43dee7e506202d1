from django.http import HttpResponse

from .access import VOTE, get_meeting_for_user


def meeting_detail(request, pk):
    meeting = get_meeting_for_user(request.user, pk)
    return HttpResponse(meeting.title)


def ballot(request, pk):
    meeting = get_meeting_for_user(request.user, pk, action=VOTE)
    return HttpResponse(meeting.title)
