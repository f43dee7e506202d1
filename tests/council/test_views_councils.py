"""council.views.councils: the council's page (the seats held today with role, name and unit, earlier terms,
the meetings by year), the chooser of a reader of several councils, and the secretariat's forms — creating
the council, starting a term (the decision searched, not listed), adding a member through the people
picker, ending a seat, declaring a relative, preparing a meeting. Permission before the form; constant
queries whatever the number of seats and meetings."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from council.domain import meetings
from council.domain.terms import add_member, create_council, start_term
from council.models import Council, CouncilRole, Meeting, Membership, Relative, Term
from documents.models import Document
from tests.factories import UnitFactory, account_with_role, staff_in

pytestmark = pytest.mark.django_db
HOME = reverse("council:home")


def council_url(council, name="council"):
    return reverse(f"council:{name}", args=[council.pk])


def test_the_page_shows_the_seats_held_today(cw, login, english):
    response = login(cw.secretary).get(HOME)

    html = response.content.decode()
    assert response.context["council"] == cw.council and len(response.context["seats"]) == 9
    assert "Nguyễn Văn An" in html and "Chủ tịch Hội đồng" in html and "Văn phòng" in html
    assert council_url(cw.council, "member_new") in html and council_url(cw.council, "meeting_new") in html
    assert cw.meeting.title in html


def test_an_ordinary_member_sees_the_council_without_the_forms(cw, login):
    response = login(cw.members[5][1]).get(HOME)

    assert response.context["council"] == cw.council
    assert council_url(cw.council, "member_new") not in response.content.decode()


def test_an_ended_seat_is_no_longer_listed(cw, login):
    seat = cw.members[8][0]
    yesterday = cw.today - dt.timedelta(days=1)
    response = login(cw.secretary).post(
        reverse("council:member_end", args=[seat.pk]), {"ends_on": f"{yesterday:%d/%m/%Y}"}
    )

    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.ends_on == yesterday
    assert len(login(cw.secretary).get(HOME).context["seats"]) == 8


def test_a_member_is_added_through_the_people_picker(cw, login):
    person = cw.world.division_person
    role = CouncilRole.objects.get(code="uy-vien")

    response = login(cw.secretary).post(
        council_url(cw.council, "member_new"), {"person": [person.pk], "role": role.pk}
    )

    assert response.status_code == 302
    assert Membership.objects.filter(term=cw.term, person=person, role=role).exists()


def test_a_person_of_another_agency_is_refused_as_a_member(cw, login):
    role = CouncilRole.objects.get(code="uy-vien")
    outsider = cw.world.other_person

    response = login(cw.secretary).post(
        council_url(cw.council, "member_new"), {"person": [outsider.pk], "role": role.pk}
    )

    assert response.context["form"].errors["person"]
    assert not Membership.objects.filter(person=outsider).exists()


def test_a_member_twice_is_a_form_error_from_the_domain(cw, login):
    seat = cw.members[0][0]

    response = login(cw.secretary).post(
        council_url(cw.council, "member_new"), {"person": [seat.person_id], "role": seat.role_id}
    )

    assert response.context["form"].errors["person"]
    assert Membership.objects.filter(person=seat.person).count() == 1


def test_a_member_cannot_add_members_and_is_refused_before_the_form(cw, login):
    response = login(cw.members[5][1]).post(council_url(cw.council, "member_new"), {})

    assert response.status_code == 403
    assert Membership.objects.count() == 9


def test_a_new_term_ends_the_previous_one(cw, login):
    decision = Document.objects.filter(agency=cw.world.agency).first()
    data = {"starts_on": f"{cw.today:%d/%m/%Y}", "decision": decision.pk if decision else ""}

    response = login(cw.secretary).post(council_url(cw.council, "term_new"), data)

    assert response.status_code == 302
    cw.term.refresh_from_db()
    assert cw.term.ends_on == cw.today - dt.timedelta(days=1)
    assert Term.objects.filter(council=cw.council, starts_on=cw.today).exists()
    page = login(cw.secretary).get(HOME)
    assert page.context["term"].starts_on == cw.today and list(page.context["earlier"]) == [cw.term]


def test_a_relative_is_declared(cw, login):
    seat = cw.members[2][0]
    data = {"member": seat.pk, "relative": [cw.world.team_person.pk], "relation": "sibling"}

    response = login(cw.secretary).post(council_url(cw.council, "relative_new"), data)

    assert response.status_code == 302
    assert Relative.objects.filter(
        person=seat.person, relative=cw.world.team_person, relation="sibling"
    ).exists()


def test_a_meeting_is_prepared_with_the_agencys_rules(cw, login):
    data = {"title": "Phiên họp tháng sau", "date": f"{cw.today:%d/%m/%Y}", "format": "online",
            "ballot_mode": "electronic", "secret": "all"}  # fmt: skip

    response = login(cw.secretary).post(council_url(cw.council, "meeting_new"), data)

    made = Meeting.objects.get(title="Phiên họp tháng sau")
    assert response.status_code == 302 and response["Location"] == reverse("council:meeting", args=[made.pk])
    assert made.all_secret is True and made.quorum == "2/3" and made.term == cw.term


def test_a_meeting_without_a_term_on_its_date_is_a_form_error(cw, login):
    long_ago = cw.today - dt.timedelta(days=4000)
    data = {"title": "Quá sớm", "date": f"{long_ago:%d/%m/%Y}", "format": "in_person",
            "ballot_mode": "electronic", "secret": "rules"}  # fmt: skip

    response = login(cw.secretary).post(council_url(cw.council, "meeting_new"), data)

    assert response.context["form"].errors["date"]
    assert not Meeting.objects.filter(title="Quá sớm").exists()


def test_the_secretariat_of_an_agency_without_a_council_creates_it(world, login):
    response = login(world.secretariat).get(HOME)
    assert response.context["creatable"] is True

    login(world.secretariat).post(
        reverse("council:council_new"), {"agency": world.agency.pk, "name": "Hội đồng"}
    )

    assert Council.objects.filter(agency=world.agency, name="Hội đồng").exists()


def test_a_member_cannot_create_a_council(world, login):
    response = login(world.council).post(
        reverse("council:council_new"), {"agency": world.agency.pk, "name": "X"}
    )

    assert response.status_code == 403 and not Council.objects.exists()


def seat_many(agency, count, label):
    unit = UnitFactory(agency=agency, name=f"Phòng {label}", symbol=label)
    council = create_council(actor=None, agency=agency, name=f"Hội đồng {label}")
    today = dt.date.today()
    term = start_term(actor=None, council=council, starts_on=today - dt.timedelta(days=900))
    old = Term.objects.create(
        council=council, starts_on=today - dt.timedelta(days=2000), ends_on=today - dt.timedelta(days=901)
    )
    role = CouncilRole.objects.get(code="uy-vien")
    for n in range(count):
        person = staff_in(unit, family_name="Hồ", given_name=f"Người {n}")
        add_member(actor=None, term=term, person=person, role=role)
        Membership.objects.create(term=old, person=person, role=role, starts_on=old.starts_on)
    for n in range(count // 3):
        day = today - dt.timedelta(days=300 * (n % 3) + n)
        meetings.prepare_meeting(actor=None, council=council, title=f"Họp {n}", date=day)
    return council


def test_the_page_queries_do_not_grow_with_the_seats_and_meetings(world, login):
    small = seat_many(world.agency, 9, "nho")
    large = seat_many(world.other_agency, 24, "lon")
    client = login(world.admin)

    counts = []
    for council in (small, large):
        client.get(council_url(council))
        with CaptureQueriesContext(connection) as captured:
            response = client.get(council_url(council))
        counts.append(len(captured))
        newest = council.terms.order_by("-starts_on").first()
        assert len(response.context["seats"]) == Membership.objects.filter(term=newest).count()

    assert counts[0] == counts[1]


def test_the_chooser_and_the_year_filter(world, login):
    small = seat_many(world.agency, 3, "nho")
    large = seat_many(world.other_agency, 6, "lon")
    client = login(world.admin)

    assert client.get(HOME).context["chooser"].offers_choice
    chosen = client.get(HOME, {"council": large.pk})
    assert (
        chosen.context["council"] == large
        and small.name not in chosen.content.decode().split("<h1>")[1][:200]
    )
    year = Meeting.objects.filter(council=large).earliest("date").date.year
    filtered = client.get(HOME, {"council": large.pk, "year": year})
    assert {m.date.year for m in filtered.context["page"]} == {year}


def test_an_account_of_another_agency_does_not_see_the_council(cw, login):
    outsider = account_with_role(Role.SECRETARIAT, agency=cw.world.other_agency, username="khac")

    assert login(outsider).get(council_url(cw.council)).status_code == 404
