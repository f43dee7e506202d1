"""council.domain.meetings: the agenda, convening, attendance, the quorum and the recusals of the opening."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from activity.models import ActivityLog
from awards.models import Award
from council.access import seats_of
from council.domain import ballot, meetings
from council.domain.terms import add_member, declare_relative
from council.models import Attendance, CouncilRole, How, Item, MeetingStatus, Participation, Presence, Recusal
from nominations.domain.rounds import open_round
from nominations.models import Status
from notifications.models import Notification
from tests.council.conftest import ready
from tests.council.helpers_domain import items_of, remake, set_settings, staff
from tests.factories import account_with_role, staff_in
from workdays.calendar import is_working_day


def new_meeting(cw, date=None, **kwargs):
    return meetings.prepare_meeting(
        actor=cw.secretary, council=cw.council, title="Phiên họp thứ hai", date=date or cw.today, **kwargs
    )


# --- the agenda ---------------------------------------------------------------------------------------------


def test_the_agenda_follows_the_minutes_order_grouped_by_award(cw):
    ldtt, cstdcs = cw.awards["lao-dong-tien-tien"], cw.awards["chien-si-thi-dua-co-so"]
    collective = cw.awards["tap-the-lao-dong-tien-tien"]
    team_people, office_people = staff(cw.world.team, 2, "Tổ"), staff(cw.world.office, 1, "Phòng")
    proposals = [
        ready(cw.round, collective, unit=cw.world.office),
        ready(cw.round, cstdcs, unit=cw.world.team, person=team_people[1]),
        ready(cw.round, ldtt, unit=cw.world.team, person=team_people[0]),
        ready(cw.round, ldtt, unit=cw.world.office, person=office_people[0]),
    ]
    meeting = new_meeting(cw)

    items = meetings.set_agenda(actor=cw.secretary, meeting=meeting, proposals=reversed(proposals))

    ordered = [item.proposal for item in Item.objects.filter(meeting=meeting).order_by("position")]
    # LĐTT (the catalogue's first) by unit name — Tổ Kế hoạch before Văn phòng —, then CSTĐCS, then the
    # collective
    assert ordered == [proposals[2], proposals[3], proposals[1], proposals[0]]
    assert [item.position for item in items] == [1, 2, 3, 4]
    assert not any(item.secret for item in items)  # the 2026 rule set does not ask for a secret ballot
    assert Item.objects.get(meeting=meeting, proposal=proposals[1]).threshold == Decimal("0.80")
    assert ActivityLog.objects.filter(action="council.meeting.agenda", target_id=str(meeting.pk)).count() == 1


def test_only_ready_proposals_of_the_agency_not_on_another_open_meeting(cw):
    meeting = new_meeting(cw)
    fresh = ready(cw.round, cw.awards["lao-dong-tien-tien"], unit=cw.world.team, person=cw.world.team_person)
    draft = ready(cw.round, cw.awards["tap-the-lao-dong-tien-tien"], unit=cw.world.team)
    draft.status = Status.DRAFT
    draft.save()
    other_round = open_round(
        actor=None,
        agency=cw.world.other_agency,
        name="Đợt khác",
        year=cw.today.year,
        deadline=cw.today,
        awards=[cw.awards["lao-dong-tien-tien"]],
    )
    foreign = ready(
        other_round, cw.awards["lao-dong-tien-tien"], unit=cw.world.other_unit, person=cw.world.other_person
    )

    for wrong in (cw.proposals[0], draft, foreign):
        with pytest.raises(ValidationError) as refused:
            meetings.set_agenda(actor=None, meeting=meeting, proposals=[fresh, wrong])
        assert refused.value.code == "not_ready"
    assert not Item.objects.filter(meeting=meeting).exists()
    assert set(meetings.agenda_candidates(meeting)) == {fresh}
    meetings.set_agenda(actor=None, meeting=meeting, proposals=[fresh])
    assert list(Item.objects.filter(meeting=meeting).values_list("proposal", flat=True)) == [fresh.pk]


def test_the_agenda_changes_only_while_preparing_and_only_by_a_manager(cw):
    with pytest.raises(ValidationError) as refused:
        meetings.set_agenda(actor=None, meeting=cw.meeting, proposals=cw.proposals[:1])
    meeting = new_meeting(cw)
    with pytest.raises(PermissionDenied):
        meetings.set_agenda(actor=cw.members[5][1], meeting=meeting, proposals=[])

    assert refused.value.code == "state"
    assert cw.meeting.items.count() == 4


def test_a_secret_ballot_from_the_rule_set_or_the_meeting(cw):
    award = Award.objects.get(code="chien-si-thi-dua-tinh")
    old = open_round(
        actor=None,
        agency=cw.world.agency,
        name="Đợt 2022",
        year=2022,
        deadline=cw.today,
        awards=[award, cw.awards["lao-dong-tien-tien"]],
    )
    provincial = ready(old, award, unit=cw.world.team, person=cw.world.team_person)
    worker = ready(old, cw.awards["lao-dong-tien-tien"], unit=cw.world.team, person=cw.world.team_person)
    meeting = new_meeting(cw)

    meetings.set_agenda(actor=None, meeting=meeting, proposals=[provincial, worker])

    by_proposal = {item.proposal_id: item for item in meeting.items.all()}
    # the 2017 rule set (ND 91/2017 Art. 45 khoản 8): CSTĐ tỉnh by secret ballot, 90 % of the council
    assert (by_proposal[provincial.pk].secret, by_proposal[provincial.pk].threshold) == (
        True,
        Decimal("0.90"),
    )
    assert by_proposal[worker.pk].secret is False
    meeting.delete()
    secret = new_meeting(cw, all_secret=True)
    meetings.set_agenda(actor=None, meeting=secret, proposals=[provincial, worker])
    assert set(secret.items.values_list("secret", flat=True)) == {True}


def test_the_agency_may_choose_a_secret_ballot_on_every_meeting(cw):
    set_settings(cw.world.agency, {"council-secret": "secret"})

    meeting = new_meeting(cw)

    assert meeting.all_secret is True


def test_a_meeting_copies_the_agency_rules_when_prepared(cw):
    set_settings(
        cw.world.agency,
        {
            "council-quorum": "3/4",
            "council-presence": "0",
            "council-abstain": "yes",
            "council-recuse-unit": "yes",
            "council-recusal-base": "voting",
        },
    )

    meeting = new_meeting(cw)

    assert (meeting.quorum, meeting.presence, meeting.abstain, meeting.recuse_unit, meeting.recusal_base) == (
        "3/4",
        None,
        True,
        True,
        "voting",
    )
    assert cw.meeting.quorum == "2/3" and cw.meeting.recuse_unit is False


def test_a_meeting_needs_a_term_on_its_date(cw):
    with pytest.raises(ValidationError) as refused:
        new_meeting(cw, date=cw.term.starts_on - dt.timedelta(days=1))

    assert refused.value.error_dict["date"][0].code == "term"


# --- convening ----------------------------------------------------------------------------------------------


def test_convening_needs_an_agenda(cw):
    meeting = new_meeting(cw)

    with pytest.raises(ValidationError) as refused:
        meetings.convene(actor=cw.secretary, meeting=meeting)

    meeting.refresh_from_db()
    assert refused.value.code == "empty"
    assert (meeting.status, meeting.documents_due) == (MeetingStatus.PREPARING, None)
    assert not Notification.objects.filter(kind="council.convened", target_id=str(meeting.pk)).exists()


def test_convening_sets_the_documents_date_and_tells_every_member_with_an_account(cw):
    set_settings(cw.world.agency, {"council-documents-days": "5"})
    no_account = staff_in(cw.world.office, family_name="Võ", middle_name="Thị", given_name="Nga")
    add_member(actor=None, term=cw.term, person=no_account, role=CouncilRole.objects.get(code="uy-vien"))
    cw.members[6][1].is_active = False
    cw.members[6][1].save()
    date = cw.today + dt.timedelta(days=20)
    meeting = new_meeting(cw, date=date)
    fresh = ready(cw.round, cw.awards["lao-dong-tien-tien"], unit=cw.world.team, person=cw.world.team_person)
    meetings.set_agenda(actor=None, meeting=meeting, proposals=[fresh])

    meetings.convene(actor=cw.secretary, meeting=meeting)

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONVENED
    assert meeting.documents_sent_on == cw.today
    due = meeting.documents_due
    assert due < date and is_working_day(due, agency=cw.world.agency.pk)
    between = [due + dt.timedelta(days=n) for n in range((date - due).days)]
    assert sum(is_working_day(day, agency=cw.world.agency.pk) for day in between) == 5
    told = set(
        Notification.objects.filter(kind="council.convened", target_id=str(meeting.pk)).values_list(
            "user_id", flat=True
        )
    )
    assert told == {user.pk for n, (_m, user) in enumerate(cw.members) if n != 6}
    assert (
        ActivityLog.objects.filter(action="council.meeting.convened", target_id=str(meeting.pk)).count() == 1
    )


# --- attendance ---------------------------------------------------------------------------------------------


def test_a_substitute_only_where_the_agency_allows_it(cw):
    seat = cw.members[4][0]

    with pytest.raises(ValidationError) as refused:
        meetings.record_attendance(
            actor=cw.secretary,
            meeting=cw.meeting,
            membership=seat,
            presence=Presence.SUBSTITUTE,
            substitute=cw.world.division_person,
            mandate="Giấy ủy quyền số 1",
        )

    assert refused.value.error_dict["presence"][0].code == "substitutes"
    assert Attendance.objects.get(meeting=cw.meeting, membership=seat).presence == Presence.PRESENT


def test_a_substitute_needs_a_mandate_is_no_member_and_votes_for_the_seat(cw):
    remake(cw, settings={"council-substitutes": "yes"})
    seat = cw.members[4][0]
    stand_in = account_with_role("council_member", agency=cw.world.agency, person=cw.world.division_person)
    record = {
        "actor": cw.secretary,
        "meeting": cw.meeting,
        "membership": seat,
        "presence": Presence.SUBSTITUTE,
    }

    with pytest.raises(ValidationError) as no_mandate:
        meetings.record_attendance(**record, substitute=cw.world.division_person, mandate="  ")
    with pytest.raises(ValidationError) as a_member:
        meetings.record_attendance(**record, substitute=cw.members[5][0].person, mandate="Giấy ủy quyền")
    meetings.record_attendance(**record, substitute=cw.world.division_person, mandate="Giấy ủy quyền số 12")

    assert no_mandate.value.error_dict["substitute"][0].code == "mandate"
    assert a_member.value.error_dict["substitute"][0].code == "member"
    attendance = Attendance.objects.get(meeting=cw.meeting, membership=seat)
    assert (attendance.presence, attendance.substitute, attendance.mandate) == (
        Presence.SUBSTITUTE,
        cw.world.division_person,
        "Giấy ủy quyền số 12",
    )
    assert seats_of(stand_in, cw.meeting) == [seat] and seats_of(cw.members[4][1], cw.meeting) == []
    meetings.open_ballot(actor=cw.secretary, meeting=cw.meeting)
    item = cw.item("Trần Thị Lan")
    ballot.cast(actor=stand_in, meeting=cw.meeting, choices={item.pk: "for"})
    assert list(Participation.objects.filter(item=item).values_list("membership", "how", "recorded_by")) == [
        (seat.pk, How.SUBSTITUTE, stand_in.pk)
    ]


def test_attendance_only_for_a_seat_and_while_convened(cw):
    outsider = add_member(
        actor=None,
        term=cw.term,
        person=cw.world.division_person,
        role=CouncilRole.objects.get(code="uy-vien"),
        starts_on=cw.today + dt.timedelta(days=1),
    )

    with pytest.raises(ValidationError) as no_seat:
        meetings.record_attendance(actor=None, meeting=cw.meeting, membership=outsider, presence="present")
    with pytest.raises(ValidationError) as no_such:
        meetings.record_attendance(actor=None, meeting=cw.meeting, membership=cw.members[0][0], presence="x")
    meetings.open_ballot(actor=None, meeting=cw.meeting)
    with pytest.raises(ValidationError) as late:
        meetings.record_attendance(
            actor=None, meeting=cw.meeting, membership=cw.members[0][0], presence=Presence.ABSENT
        )

    assert (no_seat.value.code, late.value.code) == ("seat", "state")
    assert no_such.value.error_dict["presence"][0].code == "invalid"
    assert Attendance.objects.filter(meeting=cw.meeting).count() == 9
    assert Attendance.objects.get(meeting=cw.meeting, membership=cw.members[0][0]).presence == "present"


# --- opening: quorum and recusals ---------------------------------------------------------------------------


def test_the_ballot_does_not_open_without_the_quorum_and_says_how_many_more(cw, english):
    for n in (4, 5, 6):
        meetings.record_attendance(
            actor=None, meeting=cw.meeting, membership=cw.members[n][0], presence=Presence.ABSENT
        )
    # 5 present (the one voting in writing does not make the quorum), 2/3 and 80 % for award sessions → 8

    with pytest.raises(ValidationError) as refused:
        meetings.open_ballot(actor=cw.secretary, meeting=cw.meeting)

    assert refused.value.code == "quorum"
    assert refused.value.messages == ["The quorum is not met: 5 of 9 members attend, 8 are needed (3 more)."]
    cw.meeting.refresh_from_db()
    assert (cw.meeting.status, cw.meeting.opened_at) == (MeetingStatus.CONVENED, None)
    assert not Recusal.objects.filter(item__meeting=cw.meeting).exists()


def test_the_ballot_opens_with_the_quorum_and_tells_the_attending_members(cw):
    meetings.open_ballot(actor=cw.secretary, meeting=cw.meeting)

    cw.meeting.refresh_from_db()
    assert cw.meeting.status == MeetingStatus.VOTING and cw.meeting.opened_at is not None
    told = set(Notification.objects.filter(kind="council.opened").values_list("user_id", flat=True))
    assert told == {user.pk for _m, user in cw.members[:-1]}  # not the one voting in writing
    # the only recusal under the default rules: Dũng on his own proposal
    assert list(
        Recusal.objects.filter(item__meeting=cw.meeting).values_list("item", "membership", "reason")
    ) == [(cw.item("Nguyễn Văn Dũng").pk, cw.members[3][0].pk, "self")]
    assert ActivityLog.objects.filter(action="council.recusal", target_id=str(cw.meeting.pk)).count() == 1


def test_recusals_for_oneself_ones_unit_and_a_declared_relative(cw):
    declare_relative(
        actor=None,
        council=cw.council,
        person=cw.members[5][0].person,
        relative=cw.world.team_person,
        relation="spouse",
    )
    remake(cw, settings={"council-recuse-unit": "yes"})

    meetings.open_ballot(actor=cw.secretary, meeting=cw.meeting)

    found = set(Recusal.objects.filter(item__meeting=cw.meeting).values_list("item", "membership", "reason"))
    seats = [membership.pk for membership, _u in cw.members]
    dung, lan = cw.item("Nguyễn Văn Dũng").pk, cw.item("Trần Thị Lan").pk
    expected = {(dung, cw.members[3][0].pk, "self")}
    expected |= {
        (dung, pk, "unit") for pk in seats if pk != cw.members[3][0].pk
    }  # every member is in the office
    expected |= {(lan, pk, "unit") for pk in seats}
    expected |= {(cw.item("Đặng Thị Hương").pk, cw.members[5][0].pk, "relative")}
    assert found == expected
    assert ActivityLog.objects.filter(action="council.recusal", target_id=str(cw.meeting.pk)).count() == 19


def test_the_relatives_setting_off_means_no_recusal_for_them(cw):
    declare_relative(
        actor=None,
        council=cw.council,
        person=cw.members[5][0].person,
        relative=cw.world.team_person,
        relation="spouse",
    )
    remake(cw, settings={"council-recuse-relatives": "no"})

    meetings.open_ballot(actor=None, meeting=cw.meeting)

    assert list(Recusal.objects.filter(item__meeting=cw.meeting).values_list("reason", flat=True)) == ["self"]


def test_the_agenda_keeps_the_items_ids_of_a_remade_meeting(cw):
    remake(cw)

    assert set(items_of(cw.meeting)) == {
        "Nguyễn Văn Dũng",
        "Trần Thị Lan",
        "Đặng Thị Hương",
        "Phòng Kế hoạch",
    }
