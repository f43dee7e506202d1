"""council.domain.terms: the council, its terms and seats — the membership on the meeting's date is what
counts."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from activity.models import ActivityLog
from council.domain.terms import add_member, create_council, declare_relative, end_membership, start_term
from council.models import Council, CouncilRole, Membership, Relative, Term
from council.quorum import quorum_of, seats
from tests.factories import staff_in


def test_the_seats_on_the_meeting_date_leave_out_who_left_before_and_who_joined_after(cw):
    left = cw.members[0][0]
    end_membership(actor=None, membership=left, ends_on=cw.today - dt.timedelta(days=1))
    newcomer = staff_in(cw.world.office, family_name="Võ", middle_name="Thị", given_name="Nga")
    role = CouncilRole.objects.get(code="uy-vien")
    add_member(
        actor=None, term=cw.term, person=newcomer, role=role, starts_on=cw.today + dt.timedelta(days=1)
    )

    on_the_day = set(seats(cw.meeting).values_list("person_id", flat=True))

    assert len(on_the_day) == 8
    assert left.person_id not in on_the_day and newcomer.pk not in on_the_day
    assert quorum_of(cw.meeting).total == 8
    # the day after the meeting: the newcomer sits, the one who left does not
    tomorrow = set(Membership.objects.on(cw.today + dt.timedelta(days=1)).values_list("person_id", flat=True))
    assert newcomer.pk in tomorrow and left.person_id not in tomorrow
    assert (
        ActivityLog.objects.filter(action="council.member.ended", target_id=str(cw.council.pk)).count() == 1
    )


def test_a_seat_ending_on_the_meeting_day_still_counts(cw):
    end_membership(actor=None, membership=cw.members[0][0], ends_on=cw.today)

    assert seats(cw.meeting).count() == 9


def test_a_member_must_be_of_the_agency_staff(cw):
    role = CouncilRole.objects.get(code="uy-vien")
    before = Membership.objects.count()

    with pytest.raises(ValidationError) as refused:
        add_member(actor=None, term=cw.term, person=cw.world.other_person, role=role)

    assert refused.value.error_dict["person"][0].code == "agency"
    assert Membership.objects.count() == before


def test_a_person_holds_one_seat_at_a_time_and_within_the_term(cw):
    role = CouncilRole.objects.get(code="uy-vien")
    member = cw.members[1][0]

    with pytest.raises(ValidationError) as twice:
        add_member(actor=None, term=cw.term, person=member.person, role=role, starts_on=cw.today)
    with pytest.raises(ValidationError) as early:
        add_member(
            actor=None,
            term=cw.term,
            person=cw.world.division_person,
            role=role,
            starts_on=cw.term.starts_on - dt.timedelta(days=1),
        )

    assert twice.value.error_dict["person"][0].code == "twice"
    assert early.value.error_dict["starts_on"][0].code == "dates"
    assert Membership.objects.filter(term=cw.term).count() == 9


def test_a_new_term_ends_the_previous_one_and_its_seats(cw):
    starts = cw.today + dt.timedelta(days=30)

    term = start_term(actor=None, council=cw.council, starts_on=starts)

    cw.term.refresh_from_db()
    assert cw.term.ends_on == starts - dt.timedelta(days=1)
    assert set(Membership.objects.filter(term=cw.term).values_list("ends_on", flat=True)) == {cw.term.ends_on}
    assert (term.starts_on, term.ends_on) == (starts, None)
    assert list(Term.objects.on(starts).filter(council=cw.council)) == [term]
    assert list(Term.objects.on(cw.today).filter(council=cw.council)) == [cw.term]
    assert Membership.objects.on(starts).filter(term__council=cw.council).count() == 0


def test_a_term_cannot_end_before_it_starts(cw):
    with pytest.raises(ValidationError):
        start_term(
            actor=None, council=cw.council, starts_on=cw.today, ends_on=cw.today - dt.timedelta(days=1)
        )

    assert Term.objects.filter(council=cw.council).count() == 1


def test_one_council_per_agency_and_only_its_managers_change_it(cw):
    with pytest.raises(ValidationError):
        create_council(actor=None, agency=cw.world.agency, name="Hội đồng thứ hai")
    with pytest.raises(PermissionDenied):
        start_term(actor=cw.world.staff, council=cw.council, starts_on=cw.today)
    with pytest.raises(PermissionDenied):
        add_member(
            actor=cw.members[5][1],  # an ordinary member (ủy viên) does not manage the council
            term=cw.term,
            person=cw.world.division_person,
            role=CouncilRole.objects.get(code="uy-vien"),
        )

    assert Council.objects.filter(agency=cw.world.agency).count() == 1
    assert Term.objects.filter(council=cw.council).count() == 1


def test_the_secretary_of_the_council_manages_it(cw):
    secretary_member = cw.members[2][1]  # ủy viên kiêm thư ký

    seat = add_member(
        actor=secretary_member,
        term=cw.term,
        person=cw.world.division_person,
        role=CouncilRole.objects.get(code="uy-vien"),
    )

    assert seat.term == cw.term and seat.ends_on is None
    assert ActivityLog.objects.filter(action="council.member.added", actor=secretary_member).count() == 1


def test_a_declared_relative_works_both_ways_and_not_for_oneself(cw):
    member = cw.members[4][0].person

    declare_relative(
        actor=None, council=cw.council, person=member, relative=cw.world.office_person, relation="spouse"
    )
    declare_relative(
        actor=None, council=cw.council, person=member, relative=cw.world.office_person, relation="sibling"
    )
    with pytest.raises(ValidationError):
        declare_relative(actor=None, council=cw.council, person=member, relative=member, relation="other")

    assert list(Relative.objects.values_list("person", "relative", "relation")) == [
        (member.pk, cw.world.office_person.pk, "sibling")
    ]
