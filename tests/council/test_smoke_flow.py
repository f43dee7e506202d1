from council.domain import ballot, meetings
from council.models import Ballot, Item, MeetingStatus
from nominations.models import Status


def test_the_whole_meeting(cw):
    meetings.open_ballot(actor=cw.secretary, meeting=cw.meeting)
    items = list(cw.meeting.items.order_by("position"))
    codes = []
    for membership, user in cw.members[:-1]:
        choices = {item.pk: "for" for item in items if item.proposal.person_id != membership.person_id}
        if membership.person_id == cw.members[1][0].person_id:
            choices[items[-1].pk] = "against"
        codes.append(ballot.cast(actor=user, meeting=cw.meeting, choices=choices))
    written = cw.members[-1][0]
    ballot.record_written(
        actor=cw.secretary, meeting=cw.meeting, membership=written, choices={item.pk: "for" for item in items}
    )
    meetings.close_ballot(actor=cw.secretary, meeting=cw.meeting)
    cw.meeting.refresh_from_db()
    assert cw.meeting.status == MeetingStatus.CLOSED
    results = {
        i.proposal.subject_name: (i.votes_for, i.required, i.passes, i.proposal.status)
        for i in Item.objects.filter(meeting=cw.meeting).select_related("proposal__person", "proposal__unit")
    }
    print(results)
    assert (
        Ballot.objects.filter(item__meeting=cw.meeting).exclude(choice="").count() == Ballot.objects.count()
    )
    checked = ballot.verify_receipt(meeting=cw.meeting, code=codes[0])
    assert len(checked) == 4
    assert {s for *_r, s in results.values()} <= {Status.PASSED, Status.NOT_PASSED}
