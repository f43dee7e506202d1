"""council.domain.ballot and the close: casting (and each way a cast is refused), written votes, seats marked
as not voting, the close's count against the thresholds, the recusal base, the caps and the paper ballot."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from activity.models import ActivityLog
from council.domain import ballot, meetings
from council.domain.terms import declare_relative
from council.models import Ballot, How, Item, MeetingStatus, OpenVote, PaperCount, Participation
from nominations.domain.rounds import open_round
from nominations.models import Proposal, Status
from tests.council.helpers_domain import ready_for, remake, staff, vote


def box(meeting):
    return sorted(Ballot.objects.filter(item__meeting=meeting).values_list("id", "item", "receipt", "seal"))


def participations(meeting):
    return sorted(
        Participation.objects.filter(item__meeting=meeting).values_list("item", "membership", "how")
    )


def opened(cw):
    meetings.open_ballot(actor=cw.secretary, meeting=cw.meeting)
    return cw


def close(cw, **kwargs):
    meetings.close_ballot(actor=cw.secretary, meeting=cw.meeting, **kwargs)
    cw.meeting.refresh_from_db()
    return {
        item.proposal.subject_name: item
        for item in Item.objects.filter(meeting=cw.meeting).select_related(
            "proposal__person", "proposal__unit"
        )
    }


# --- refusals of a cast -------------------------------------------------------------------------------------


def test_no_cast_before_the_ballot_opens(cw):
    _member, user = cw.members[0]

    with pytest.raises(ValidationError) as refused:
        ballot.cast(actor=user, meeting=cw.meeting, choices={cw.item("Trần Thị Lan").pk: "for"})

    assert refused.value.code == "closed"
    assert box(cw.meeting) == [] and participations(cw.meeting) == []


def test_a_second_cast_is_refused_and_changes_nothing(cw):
    opened(cw)
    _member, user = cw.members[0]
    lan, huong = cw.item("Trần Thị Lan").pk, cw.item("Đặng Thị Hương").pk
    ballot.cast(actor=user, meeting=cw.meeting, choices={lan: "for", huong: "against"})
    first_box, first_participations = box(cw.meeting), participations(cw.meeting)

    with pytest.raises(ValidationError) as twice:
        ballot.cast(actor=user, meeting=cw.meeting, choices={lan: "against"})
    with pytest.raises(ValidationError) as overlapping:  # one new item, one already voted: all refused
        ballot.cast(
            actor=user, meeting=cw.meeting, choices={cw.item("Phòng Kế hoạch").pk: "for", huong: "for"}
        )

    assert twice.value.code == overlapping.value.code == ballot.TWICE
    assert box(cw.meeting) == first_box and participations(cw.meeting) == first_participations
    assert len(first_box) == 2 and ActivityLog.objects.filter(action="council.ballot.cast").count() == 1


def test_a_member_does_not_vote_on_his_own_proposal(cw):
    opened(cw)
    _member, dung = cw.members[3]

    with pytest.raises(ValidationError) as refused:
        ballot.cast(
            actor=dung,
            meeting=cw.meeting,
            choices={cw.item("Nguyễn Văn Dũng").pk: "for", cw.item("Trần Thị Lan").pk: "for"},
        )

    assert refused.value.code == "recused"
    assert box(cw.meeting) == [] and participations(cw.meeting) == []


def test_no_cast_after_the_close(cw):
    opened(cw)
    vote(cw, {})
    close(cw)
    before = sorted(Ballot.objects.values_list("id", "choice"))

    with pytest.raises(ValidationError) as refused:
        ballot.cast(actor=cw.members[0][1], meeting=cw.meeting, choices={cw.item("Trần Thị Lan").pk: "for"})

    assert refused.value.code == "closed"
    assert sorted(Ballot.objects.values_list("id", "choice")) == before


def test_abstaining_only_where_the_agency_allows_it(cw):
    opened(cw)
    lan = cw.item("Trần Thị Lan").pk

    with pytest.raises(ValidationError) as refused:
        ballot.cast(actor=cw.members[0][1], meeting=cw.meeting, choices={lan: "abstain"})
    with pytest.raises(ValidationError) as nonsense:
        ballot.cast(actor=cw.members[0][1], meeting=cw.meeting, choices={lan: "maybe"})

    assert refused.value.code == nonsense.value.code == "choice"
    assert box(cw.meeting) == []


def test_an_abstention_counts_as_not_agreeing(cw):
    remake(cw, settings={"council-abstain": "yes"})
    opened(cw)
    vote(cw, {"Trần Thị Lan": 4}, rest="abstain")

    results = close(cw)

    lan = results["Trần Thị Lan"]
    assert (lan.votes_for, lan.votes_against, lan.abstentions, lan.required, lan.passes) == (
        4,
        0,
        5,
        5,
        False,
    )


def test_only_a_seat_that_attends_casts(cw):
    opened(cw)
    lan = cw.item("Trần Thị Lan").pk

    for outsider in (
        cw.world.staff,
        cw.world.council,
        cw.secretary,
        cw.members[-1][1],
    ):  # the last votes in writing
        with pytest.raises(PermissionDenied):
            ballot.cast(actor=outsider, meeting=cw.meeting, choices={lan: "for"})
    with pytest.raises(PermissionDenied):  # a seat not her own
        ballot.cast(
            actor=cw.members[0][1], meeting=cw.meeting, choices={lan: "for"}, membership=cw.members[1][0]
        )

    assert box(cw.meeting) == [] and participations(cw.meeting) == []


def test_an_item_of_another_meeting_is_refused(cw):
    opened(cw)
    other = Item.objects.exclude(meeting=cw.meeting).first()

    with pytest.raises(ValidationError) as refused:
        ballot.cast(
            actor=cw.members[0][1], meeting=cw.meeting, choices={(other.pk if other else 10**6): "for"}
        )
    with pytest.raises(ValidationError) as empty:
        ballot.cast(actor=cw.members[0][1], meeting=cw.meeting, choices={})

    assert (refused.value.code, empty.value.code) == ("item", "empty")
    assert box(cw.meeting) == []


# --- written votes, seats not voting ------------------------------------------------------------------------


def test_written_votes_only_for_the_seats_voting_in_writing(cw):
    opened(cw)
    choices = {cw.item("Trần Thị Lan").pk: "for", cw.item("Phòng Kế hoạch").pk: "against"}

    with pytest.raises(ValidationError) as refused:
        ballot.record_written(
            actor=cw.secretary, meeting=cw.meeting, membership=cw.members[0][0], choices=choices
        )
    with pytest.raises(PermissionDenied):
        ballot.record_written(
            actor=cw.members[5][1], meeting=cw.meeting, membership=cw.members[-1][0], choices=choices
        )
    ballot.record_written(
        actor=cw.secretary, meeting=cw.meeting, membership=cw.members[-1][0], choices=choices
    )

    assert refused.value.code == "not_written"
    assert participations(cw.meeting) == sorted(
        (item_id, cw.members[-1][0].pk, How.WRITTEN) for item_id in choices
    )
    assert len(box(cw.meeting)) == 2
    logged = ActivityLog.objects.get(action="council.ballot.written")
    assert logged.data["after"] == {"member": "Nguyễn Văn Mai", "items": 2}


def test_a_seat_marked_as_not_voting_on_what_it_has_not_voted(cw):
    opened(cw)
    dung_seat, dung = cw.members[3]
    ballot.cast(actor=dung, meeting=cw.meeting, choices={cw.item("Trần Thị Lan").pk: "for"})

    marked = ballot.mark_not_voting(actor=cw.secretary, meeting=cw.meeting, membership=dung_seat)

    assert marked == 2  # not his own proposal (recused), not Lan's (voted)
    rows = Participation.objects.filter(membership=dung_seat)
    assert sorted(rows.values_list("item", "how")) == sorted(
        [
            (cw.item("Trần Thị Lan").pk, How.ELECTRONIC),
            (cw.item("Đặng Thị Hương").pk, How.NOT_VOTING),
            (cw.item("Phòng Kế hoạch").pk, How.NOT_VOTING),
        ]
    )
    assert Ballot.objects.count() == 1  # no ballot for a seat not voting
    with pytest.raises(ValidationError) as late:
        ballot.cast(actor=dung, meeting=cw.meeting, choices={cw.item("Phòng Kế hoạch").pk: "for"})
    assert late.value.code == ballot.TWICE


# --- the close ----------------------------------------------------------------------------------------------


def test_the_close_waits_for_every_seat_expected_and_names_them(cw, english):
    opened(cw)
    lan = cw.item("Trần Thị Lan").pk
    for _membership, user in cw.members[2:-1]:
        ballot.cast(
            actor=user,
            meeting=cw.meeting,
            choices={i.pk: "for" for i in cw.items.values() if i.proposal.person_id != user.person_id},
        )
    ballot.cast(actor=cw.members[1][1], meeting=cw.meeting, choices={lan: "for"})  # Bình: one item of four

    with pytest.raises(ValidationError) as refused:
        meetings.close_ballot(actor=cw.secretary, meeting=cw.meeting)

    assert refused.value.code == "missing"
    assert refused.value.messages == [
        "The ballot cannot close yet: Nguyễn Văn An, Nguyễn Văn Bình, Nguyễn Văn Mai have not voted nor been "
        "marked as not voting."
    ]
    cw.meeting.refresh_from_db()
    assert cw.meeting.status == MeetingStatus.VOTING and set(
        Ballot.objects.values_list("choice", flat=True)
    ) == {""}
    for membership in (cw.members[0][0], cw.members[1][0], cw.members[-1][0]):
        ballot.mark_not_voting(actor=cw.secretary, meeting=cw.meeting, membership=membership)
    results = close(cw)
    assert cw.meeting.status == MeetingStatus.CLOSED
    assert (results["Trần Thị Lan"].votes_for, results["Trần Thị Lan"].not_voting) == (7, 2)
    assert (results["Phòng Kế hoạch"].votes_for, results["Phòng Kế hoạch"].not_voting) == (6, 3)


@pytest.mark.parametrize(
    "for_huong, for_lan, passes",
    [(8, 5, True), (7, 4, False)],
)
def test_the_thresholds_are_shares_of_the_whole_council(cw, for_huong, for_lan, passes):
    opened(cw)
    vote(
        cw, {"Đặng Thị Hương": for_huong, "Trần Thị Lan": for_lan, "Nguyễn Văn Dũng": 8, "Phòng Kế hoạch": 9}
    )

    results = close(cw)

    huong, lan = results["Đặng Thị Hương"], results["Trần Thị Lan"]
    # Chiến sĩ thi đua cơ sở (2026 rule set): 80 % of 9 → 8; Lao động tiên tiến: a majority of 9 → 5
    assert (huong.denominator, huong.required, huong.votes_for, huong.votes_against, huong.passes) == (
        9,
        8,
        for_huong,
        9 - for_huong,
        passes,
    )
    assert (lan.denominator, lan.required, lan.votes_for, lan.votes_against, lan.passes) == (
        9,
        5,
        for_lan,
        9 - for_lan,
        passes,
    )
    dung = results["Nguyễn Văn Dũng"]  # 8 votes: he is recused
    assert (dung.votes_for, dung.not_voting, dung.denominator, dung.required, dung.passes) == (
        8,
        1,
        9,
        5,
        True,
    )
    status = Status.PASSED if passes else Status.NOT_PASSED
    assert Proposal.objects.get(pk=huong.proposal_id).status == status
    assert Proposal.objects.get(pk=lan.proposal_id).status == status
    passed = 2 + 2 * passes
    assert ActivityLog.objects.filter(action="council.proposal.passed").count() == passed
    assert ActivityLog.objects.filter(action="council.proposal.not_passed").count() == 4 - passed
    assert ActivityLog.objects.filter(action="council.meeting.closed").get().data["after"]["passed"] == passed


@pytest.mark.parametrize(
    "base, denominator, required, passes", [("members", 9, 8, False), ("voting", 8, 7, True)]
)
def test_the_recusal_base_changes_the_denominator(cw, base, denominator, required, passes):
    declare_relative(
        actor=None,
        council=cw.council,
        person=cw.members[5][0].person,
        relative=cw.world.team_person,
        relation="sibling",
    )
    remake(cw, settings={"council-recusal-base": base})
    opened(cw)
    vote(cw, {"Đặng Thị Hương": 7})

    huong = close(cw)["Đặng Thị Hương"]

    assert (huong.denominator, huong.required, huong.votes_for, huong.votes_against, huong.passes) == (
        denominator,
        required,
        7,
        1,
        passes,
    )
    assert huong.not_voting == 1  # the recused member


def test_the_results_are_final(cw):
    opened(cw)
    vote(cw, {"Trần Thị Lan": 9})
    close(cw)
    results = sorted(Item.objects.values_list("pk", "votes_for", "passes"))
    counted = Ballot.objects.first()

    with pytest.raises(ValidationError) as again:
        meetings.close_ballot(actor=cw.secretary, meeting=cw.meeting)
    with pytest.raises(PermissionError):
        counted.save()
    with pytest.raises(ValidationError):
        ballot.mark_not_voting(actor=cw.secretary, meeting=cw.meeting, membership=cw.members[0][0])

    assert again.value.code == "transition"
    assert sorted(Item.objects.values_list("pk", "votes_for", "passes")) == results
    assert ActivityLog.objects.filter(action="council.meeting.closed").count() == 1


def test_an_open_item_keeps_the_named_votes(cw):
    opened(cw)
    vote(cw, {"Trần Thị Lan": 6})

    close(cw)

    lan = cw.item("Trần Thị Lan")
    assert not lan.secret
    assert OpenVote.objects.filter(item=lan, choice="for").count() == 6
    assert OpenVote.objects.filter(item=lan, choice="against").count() == 3


# --- the caps -----------------------------------------------------------------------------------------------


def capped_meeting(cw):
    """A round of 2022 (the 2017 rule set: Chiến sĩ thi đua cơ sở at most 15 % of Lao động tiên tiến, no
    threshold of its own → a majority): 7 workers of the team, so room for one fighter, and two on the
    agenda."""
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
    fighters = ready_for(round_, cstdcs, people[:2], cw.world.team)
    remake(cw, proposals=fighters)
    opened(cw)
    return [cw.item(p.subject_name) for p in fighters]


def test_the_cap_keeps_the_most_voted(cw):
    first, second = capped_meeting(cw)
    vote(cw, {first.proposal.subject_name: 6, second.proposal.subject_name: 8})

    results = close(cw)

    kept, dropped = results[second.proposal.subject_name], results[first.proposal.subject_name]
    assert (kept.required, kept.votes_for, kept.passes) == (5, 8, True)
    assert (dropped.required, dropped.votes_for, dropped.passes) == (5, 6, False)
    assert "15%" in dropped.outcome_note and kept.outcome_note == ""
    assert Proposal.objects.get(pk=kept.proposal_id).status == Status.PASSED
    assert Proposal.objects.get(pk=dropped.proposal_id).status == Status.NOT_PASSED


def test_a_tie_at_the_cap_needs_the_chair(cw, english):
    first, second = capped_meeting(cw)
    vote(cw, {first.proposal.subject_name: 7, second.proposal.subject_name: 7})

    with pytest.raises(ValidationError) as tie:
        meetings.close_ballot(actor=cw.secretary, meeting=cw.meeting)

    assert tie.value.code == "tie"
    cw.meeting.refresh_from_db()
    assert cw.meeting.status == MeetingStatus.VOTING
    assert set(Ballot.objects.values_list("choice", flat=True)) == {""}  # the box is still sealed
    assert set(Item.objects.values_list("passes", flat=True)) == {None}
    results = close(cw, chair_picks=[first.pk])
    kept, dropped = results[first.proposal.subject_name], results[second.proposal.subject_name]
    assert (kept.votes_for, kept.passes, dropped.votes_for, dropped.passes) == (7, True, 7, False)
    assert kept.outcome_note == "Kept within the cap by the chair's choice."
    assert tie.value.tied == [first.pk, second.pk] or tie.value.tied == [second.pk, first.pk]
    cw.meeting.refresh_from_db()
    assert cw.meeting.chair_note == (
        f"Among the proposals tied at a cap, the chair chose: {first.proposal.subject_name}."
    )
    assert Proposal.objects.get(pk=kept.proposal_id).status == Status.PASSED
    assert Proposal.objects.get(pk=dropped.proposal_id).status == Status.NOT_PASSED


# --- the paper ballot ---------------------------------------------------------------------------------------


def paper(cw):
    remake(cw, ballot_mode="paper")
    cw.meeting.counters.add(cw.members[5][0])
    return opened(cw)


def test_a_paper_ballot_takes_no_electronic_cast(cw):
    paper(cw)

    with pytest.raises(ValidationError) as refused:
        ballot.cast(actor=cw.members[0][1], meeting=cw.meeting, choices={cw.item("Trần Thị Lan").pk: "for"})

    assert refused.value.code == "paper" and box(cw.meeting) == []


def test_the_paper_totals_are_checked(cw):
    paper(cw)
    item = cw.item("Trần Thị Lan")
    counter = cw.members[5][1]

    wrong = [
        ({"ballots": 9, "votes_for": 5, "votes_against": 3}, "sum"),
        ({"ballots": 10, "votes_for": 6, "votes_against": 4}, "too_many"),
        ({"ballots": 9, "votes_for": 6, "votes_against": 2, "abstentions": 1}, "abstain"),
        ({"ballots": 9, "votes_for": -1, "votes_against": 10}, "negative"),
    ]
    for numbers, code in wrong:
        with pytest.raises(ValidationError) as refused:
            ballot.enter_paper_count(actor=counter, item=item, **numbers)
        assert refused.value.code == code
    with pytest.raises(PermissionDenied):
        ballot.enter_paper_count(actor=cw.members[6][1], item=item, ballots=9, votes_for=9, votes_against=0)

    assert not PaperCount.objects.exists()
    ballot.enter_paper_count(actor=counter, item=item, ballots=9, votes_for=6, votes_against=2, invalid=1)
    ballot.enter_paper_count(actor=counter, item=item, ballots=9, votes_for=5, votes_against=3, invalid=1)
    assert list(
        PaperCount.objects.values_list(
            "item", "ballots", "votes_for", "votes_against", "invalid", "entered_by"
        )
    ) == [(item.pk, 9, 5, 3, 1, counter.pk)]


def test_the_close_of_a_paper_ballot_counts_the_totals(cw):
    paper(cw)
    totals = {"Nguyễn Văn Dũng": (8, 4, 4), "Trần Thị Lan": (9, 5, 4), "Đặng Thị Hương": (9, 8, 1)}
    for name, (ballots, votes_for, votes_against) in totals.items():
        ballot.enter_paper_count(
            actor=cw.secretary,
            item=cw.item(name),
            ballots=ballots,
            votes_for=votes_for,
            votes_against=votes_against,
        )

    with pytest.raises(ValidationError) as missing:
        meetings.close_ballot(actor=cw.secretary, meeting=cw.meeting)
    assert missing.value.code == "paper"
    ballot.enter_paper_count(
        actor=cw.secretary, item=cw.item("Phòng Kế hoạch"), ballots=9, votes_for=2, votes_against=7
    )
    results = close(cw)

    figures = {name: (i.votes_for, i.votes_against, i.required, i.passes) for name, i in results.items()}
    assert figures == {
        "Nguyễn Văn Dũng": (4, 4, 5, False),
        "Trần Thị Lan": (5, 4, 5, True),
        "Đặng Thị Hương": (8, 1, 8, True),
        "Phòng Kế hoạch": (2, 7, 5, False),
    }
    assert not Ballot.objects.exists() and not Participation.objects.exists()
    assert ActivityLog.objects.filter(action="council.paper.counted").count() == 4
