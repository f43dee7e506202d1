"""council.tally: who is still expected to vote, the count of each item (absent and recused seats count as
not agreeing: the threshold is a share of the whole council), the caps across meetings of a round, and the
published box — only after the close."""

from council.domain import ballot, meetings
from council.models import Item, Presence
from council.tally import apply_caps, count_items, missing_votes, published
from nominations.domain.rounds import open_round
from nominations.models import Proposal, Status
from tests.council.helpers_domain import ready_for, remake, staff, vote


def test_the_seats_expected_are_those_present_or_voting_in_writing(cw):
    presences = {n: Presence.ABSENT if n == 7 else Presence.PRESENT for n in range(8)} | {8: "written"}
    remake(cw, settings={"council-presence": "0"}, presences=presences)  # 2/3 of 9: 6
    meetings.open_ballot(actor=None, meeting=cw.meeting)
    dung_seat, dung = cw.members[3]

    expected = missing_votes(cw.meeting)
    others = {i.pk: "for" for name, i in cw.items.items() if name != "Nguyễn Văn Dũng"}
    ballot.cast(actor=dung, meeting=cw.meeting, choices=others)  # all he may vote on

    assert expected == [m.person.full_name for n, (m, _u) in enumerate(cw.members) if n != 7]
    assert dung_seat.person.full_name not in missing_votes(cw.meeting)
    assert "Nguyễn Văn Long" not in expected  # absent: not expected


def test_absent_and_recused_seats_count_as_not_agreeing(cw):
    presences = {n: Presence.ABSENT if n == 7 else Presence.PRESENT for n in range(8)} | {8: "written"}
    remake(cw, settings={"council-presence": "0"}, presences=presences)  # 2/3 of 9: 6
    meetings.open_ballot(actor=None, meeting=cw.meeting)
    vote(cw, {"Trần Thị Lan": 5, "Nguyễn Văn Dũng": 5, "Đặng Thị Hương": 8})

    items = {i.proposal.subject_name: i for i in count_items(cw.meeting)}

    figures = {
        name: (i.votes_for, i.votes_against, i.not_voting, i.denominator, i.required, i.passes)
        for name, i in items.items()
    }
    assert figures == {
        "Trần Thị Lan": (5, 3, 1, 9, 5, True),
        "Nguyễn Văn Dũng": (5, 2, 2, 9, 5, True),
        "Đặng Thị Hương": (8, 0, 1, 9, 8, True),
        "Phòng Kế hoạch": (0, 8, 1, 9, 5, False),
    }
    # count_items alone writes nothing: the close does, once
    assert set(Item.objects.filter(meeting=cw.meeting).values_list("passes", flat=True)) == {None}


def test_no_cap_in_the_rule_set_changes_nothing(cw):
    meetings.open_ballot(actor=None, meeting=cw.meeting)
    vote(cw, dict.fromkeys(cw.items, 9))
    items = count_items(cw.meeting)

    apply_caps(cw.meeting, items)

    assert all(i.passes for i in items if i.proposal.person_id != cw.members[3][0].person_id)
    assert {i.outcome_note for i in items} == {""}


def test_the_cap_counts_what_an_earlier_meeting_of_the_round_passed(cw):
    ldtt, cstdcs = cw.awards["lao-dong-tien-tien"], cw.awards["chien-si-thi-dua-co-so"]
    round_ = open_round(
        actor=None,
        agency=cw.world.agency,
        name="Đợt năm 2022",
        year=2022,
        deadline=cw.today,
        awards=[ldtt, cstdcs],
    )
    people = staff(cw.world.team, 7, "Tổ")
    ready_for(round_, ldtt, people, cw.world.team)
    first, second = ready_for(round_, cstdcs, people[:2], cw.world.team)
    remake(cw, proposals=[first])
    meetings.open_ballot(actor=None, meeting=cw.meeting)
    vote(cw, {first.subject_name: 9})
    meetings.close_ballot(actor=None, meeting=cw.meeting)
    assert Proposal.objects.get(pk=first.pk).status == Status.PASSED

    remake(cw, proposals=[second])
    meetings.open_ballot(actor=None, meeting=cw.meeting)
    vote(cw, {second.subject_name: 9})
    meetings.close_ballot(actor=None, meeting=cw.meeting)

    item = Item.objects.get(meeting=cw.meeting)
    assert (item.votes_for, item.required, item.passes) == (9, 5, False)  # the one place of the cap is taken
    assert "15%" in item.outcome_note
    assert Proposal.objects.get(pk=second.pk).status == Status.NOT_PASSED


def test_the_box_is_published_only_after_the_close(cw):
    meetings.open_ballot(actor=None, meeting=cw.meeting)
    vote(cw, {"Trần Thị Lan": 6, "Phòng Kế hoạch": 2})

    assert published(cw.meeting) == {}
    meetings.close_ballot(actor=None, meeting=cw.meeting)
    cw.meeting.refresh_from_db()

    rows = published(cw.meeting)
    lan, unit = rows[cw.item("Trần Thị Lan").pk], rows[cw.item("Phòng Kế hoạch").pk]
    assert sorted(r.choice for r in lan) == ["against"] * 3 + ["for"] * 6
    assert sorted(r.choice for r in unit) == ["against"] * 7 + ["for"] * 2
    assert len(rows[cw.item("Nguyễn Văn Dũng").pk]) == 8
    assert all(len(r.receipt) == 12 for r in lan)
