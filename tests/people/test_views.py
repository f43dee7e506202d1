import datetime as dt

import pytest
from django.urls import reverse

from accounts.models import Role, RoleGrant
from activity.models import ActivityLog
from awards.domain import record_award
from awards.models import Award
from people import domain
from people.models import (
    Assignment,
    Discipline,
    Leave,
    Person,
    Proceeding,
    QualityRating,
    Rating,
    StaffCategory,
)
from tests.awards.records import decision_document
from tests.factories import AgencyFactory, AssignmentFactory, UnitFactory, staff_in

LIST = reverse("people:list")


def listed(response):
    return [p.full_name for p in response.context["page"]]


def person_form(unit, **overrides):
    data = {
        "family_name": "Nguyễn",
        "middle_name": "Văn",
        "given_name": "An",
        "staff_code": "CB-NEW",
        "gender": "male",
        "date_of_birth": "17/05/1990",
        "ethnicity": "Kinh",
        "staff_category": "civil_servant",
        "email": "",
        "phone": "",
        "unit": unit.pk,
        "position": "Chuyên viên",
        "start_date": "01/03/2025",
    }
    return data | overrides


# --- list ---------------------------------------------------------------------------------------------


def test_staff_sees_only_herself(world, login):
    response = login(world.staff).get(LIST)

    assert listed(response) == ["Trần Thị Lan"]
    assert response.context["can_add"] is False


def test_officer_sees_her_unit_and_sub_units(world, login):
    response = login(world.officer).get(LIST)

    assert listed(response) == ["Đặng Thị Hương", "Lê Văn Minh"]
    assert response.context["can_add"] is True


def test_list_is_sorted_by_given_name_with_unit_and_position(world, login):
    response = login(world.leader).get(LIST)

    assert listed(response) == ["Đặng Thị Hương", "Trần Thị Lan", "Lê Văn Minh"]
    html = response.content.decode()
    assert "Tổ Kế hoạch — Chuyên viên" in html
    assert "Phạm Văn Nam" not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nguyen van an", ["Nguyễn Văn An"]),
        ("dang", ["Đặng Thị Hương"]),
        ("ĐẶNG", ["Đặng Thị Hương"]),
        ("huong dang", ["Đặng Thị Hương"]),
        ("nguyen", ["Nguyễn Văn An", "Nguyễn Thị Bình"]),
        ("khong co ai", []),
    ],
)
def test_search_ignores_accents_and_d_stroke(world, login, query, expected):
    staff_in(world.office, family_name="Nguyễn", middle_name="Văn", given_name="An")
    staff_in(world.office, family_name="Nguyễn", middle_name="Thị", given_name="Bình")

    response = login(world.leader).get(LIST, {"q": query})

    assert listed(response) == expected


def test_search_finds_staff_code(world, login):
    response = login(world.leader).get(LIST, {"q": world.team_person.staff_code.lower()})

    assert listed(response) == ["Đặng Thị Hương"]


def test_unit_filter_includes_sub_units(world, login):
    response = login(world.leader).get(LIST, {"unit": world.division.pk})

    assert listed(response) == ["Đặng Thị Hương", "Lê Văn Minh"]


def test_unit_filter_offers_only_visible_units(world, login):
    response = login(world.officer).get(LIST, {"unit": world.other_unit.pk})

    offered = [value for value, _label in response.context["form"].fields["unit"].choices if value]
    assert offered == [world.division.pk, world.team.pk, world.office.pk]
    assert listed(response) == ["Đặng Thị Hương", "Lê Văn Minh"]
    html = response.content.decode()
    assert '<select name="unit"' not in html  # the units are searched, never listed
    assert world.other_unit.name not in html


def test_unit_filter_keeps_its_choice_and_finds_people_of_closed_sub_units(world, login):
    world.team.valid_to = dt.date(2024, 12, 31)
    world.team.save()

    response = login(world.leader).get(LIST, {"unit": world.division.pk})

    offered = [value for value, _label in response.context["form"].fields["unit"].choices if value]
    assert world.team.pk not in offered
    assert listed(response) == ["Đặng Thị Hương", "Lê Văn Minh"]
    html = response.content.decode()
    assert f'name="unit" value="{world.division.pk}" checked' in html  # the picker shows the choice ticked
    assert 'name="unit" value="" data-testid="picker-unit-all"' in html  # and "all units" to undo it


def test_unknown_unit_filter_is_ignored(world, login):
    response = login(world.leader).get(LIST, {"unit": world.other_unit.pk})

    assert listed(response) == ["Đặng Thị Hương", "Trần Thị Lan", "Lê Văn Minh"]
    assert list(response.context["form"].errors) == ["unit"]


def test_filters_by_category_gender_and_leadership(world, login):
    boss = staff_in(
        world.division,
        family_name="Võ",
        middle_name="Thị",
        given_name="Yến",
        gender="female",
        staff_category=StaffCategory.PUBLIC_EMPLOYEE,
    )
    Assignment.objects.filter(person=boss).update(is_leadership=True, position="Trưởng phòng")
    client = login(world.leader)

    assert listed(client.get(LIST, {"category": "public_employee"})) == ["Võ Thị Yến"]
    assert listed(client.get(LIST, {"gender": "female"})) == ["Võ Thị Yến"]
    assert listed(client.get(LIST, {"leadership": "yes"})) == ["Võ Thị Yến"]
    assert listed(client.get(LIST, {"leadership": "no", "unit": world.division.pk})) == [
        "Đặng Thị Hương",
        "Lê Văn Minh",
    ]


def test_htmx_search_returns_only_the_table(world, login):
    response = login(world.leader).get(LIST, {"q": "lan"}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert html.lstrip().startswith('<div id="people-table"')
    assert "<html" not in html and "<form" not in html
    assert "Trần Thị Lan" in html and "Lê Văn Minh" not in html
    assert "HX-Request" in response["Vary"]


def test_full_page_has_live_search_box_and_plain_form(world, login):
    html = login(world.leader).get(LIST).content.decode()

    assert 'method="get"' in html
    assert 'hx-trigger="input changed delay:300ms, search"' in html
    assert 'hx-target="#people-table"' in html and 'hx-push-url="true"' in html


def test_list_is_paginated_by_50(world, login):
    unit = UnitFactory(agency=world.agency)
    for n in range(50):
        staff_in(unit, staff_code=f"P{n:03d}")
    client = login(world.leader)

    first, second = client.get(LIST), client.get(LIST, {"page": 2})

    assert (len(first.context["page"]), len(second.context["page"])) == (50, 3)
    assert first.context["page"].paginator.count == 53
    assert "page=2" in first.content.decode()


@pytest.mark.parametrize("count", [1, 200])
def test_list_query_count_does_not_grow_with_people(world, login, django_assert_num_queries, count):
    agency = AgencyFactory()
    unit = UnitFactory(agency=agency)
    for n in range(count):
        staff_in(unit)
        UnitFactory(agency=agency, parent=unit if n % 2 else None)  # units are searched, never listed
    reader = RoleGrant.objects.create(user=world.staff, role=Role.AGENCY_LEADER, agency=agency).user
    client = login(reader)
    client.get(LIST)  # the scope and the unread count kept

    # the session (in the cache) and the account, the chosen unit, its agency's tree, the count, the page,
    # the page's current assignments
    with django_assert_num_queries(6):
        response = client.get(LIST, {"unit": unit.pk})

    assert len(response.context["page"]) == min(count, 50)
    assert all(p.current_assignment.unit == unit for p in response.context["page"])


# --- detail -------------------------------------------------------------------------------------------


def test_detail_shows_whole_history_with_dates(world, login):
    person = world.division_person
    domain.transfer_person(
        actor=None,
        person=person,
        unit=world.team,
        position="Phó Tổ trưởng",
        start_date=dt.date(2024, 3, 1),
        is_leadership=True,
    )
    domain.record_rating(actor=None, person=person, year=2023, rating=Rating.GOOD)
    domain.record_discipline(
        actor=None,
        person=person,
        form="reprimand",
        start_date=dt.date(2022, 5, 2),
        end_date=dt.date(2023, 5, 1),
        decision_number="12/QĐ-STN",
    )

    response = login(world.officer).get(reverse("people:detail", args=[person.pk]))

    html = response.content.decode()
    assert [a.unit for a in response.context["assignments"]] == [world.team, world.division]
    assert "17/05/1985" in html and "01/03/2024" in html and "29/02/2024" in html
    assert "02/05/2022 – 01/05/2023" in html and "12/QĐ-STN" in html
    assert [r.year for r in response.context["ratings"]] == [2023]
    assert [e.action for e in response.context["history"]] == [
        "people.discipline.recorded",
        "people.rating.recorded",
        "people.assignment.started",
    ]
    assert response.context["can_edit"] is True
    assert reverse("people:transfer", args=[person.pk]) in html


def test_detail_notes_a_unit_of_a_predecessor_agency(world, login):
    old_agency = AgencyFactory(name="Sở Cũ", valid_to=dt.date(2019, 12, 31), successor=world.agency)
    old_unit = UnitFactory(agency=old_agency, name="Phòng Cũ")
    AssignmentFactory(
        person=world.office_person,
        unit=old_unit,
        start_date=dt.date(2010, 1, 1),
        end_date=dt.date(2016, 12, 31),
    )

    response = login(world.leader).get(reverse("people:detail", args=[world.office_person.pk]))

    assert "Sở Cũ" in response.content.decode()
    assert [a.unit for a in response.context["assignments"]] == [world.office, old_unit]


def test_staff_sees_own_page_without_edit_actions(world, login):
    response = login(world.staff).get(reverse("people:detail", args=[world.office_person.pk]))

    assert response.context["can_edit"] is False
    assert reverse("people:edit", args=[world.office_person.pk]) not in response.content.decode()


def test_staff_cannot_see_a_colleague(world, login):
    response = login(world.staff).get(reverse("people:detail", args=[world.division_person.pk]))

    assert response.status_code == 404


# --- edit ---------------------------------------------------------------------------------------------


def test_officer_edits_a_person_of_her_unit(world, login):
    url = reverse("people:edit", args=[world.team_person.pk])
    data = person_form(
        world.team,
        family_name="Đặng",
        middle_name="Thị Thu",
        given_name="Hương",
        staff_code=world.team_person.staff_code,
        gender="female",
        date_of_birth="02/09/1990",
    )

    response = login(world.officer).post(url, data)

    person = Person.objects.get(pk=world.team_person.pk)
    assert response.url == reverse("people:detail", args=[person.pk])
    assert (person.full_name, person.date_of_birth) == ("Đặng Thị Thu Hương", dt.date(1990, 9, 2))
    log = ActivityLog.objects.get(action="people.person.updated")
    assert (log.actor, log.data["before"]["middle_name"], log.data["after"]["middle_name"]) == (
        world.officer,
        "Thị",
        "Thị Thu",
    )


def test_edit_form_shows_date_as_dd_mm_yyyy(world, login):
    response = login(world.officer).get(reverse("people:edit", args=[world.team_person.pk]))

    assert 'value="17/05/1985"' in response.content.decode()
    assert 'placeholder="dd/mm/yyyy"' in response.content.decode()


def test_officer_gets_403_on_a_visible_person_of_another_unit(world, login):
    RoleGrant.objects.create(user=world.officer, role=Role.COUNCIL_MEMBER, agency=world.agency)
    client = login(world.officer)

    page = client.get(reverse("people:detail", args=[world.office_person.pk]))
    edit = client.post(reverse("people:edit", args=[world.office_person.pk]), person_form(world.office))

    assert page.context["can_edit"] is False
    assert edit.status_code == 403
    assert Person.objects.get(pk=world.office_person.pk).given_name == "Lan"


def test_unit_head_may_read_but_not_edit(world, login):
    response = login(world.head).get(reverse("people:edit", args=[world.division_person.pk]))

    assert response.status_code == 403


def test_officer_gets_404_on_another_agency_person(world, login):
    response = login(world.officer).get(reverse("people:edit", args=[world.other_person.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize("bad_date", ["31/02/1990", "1990/05/17", "hôm qua", "17/05/2099"])
def test_edit_refuses_bad_dates_and_saves_nothing(world, login, bad_date):
    url = reverse("people:edit", args=[world.team_person.pk])

    response = login(world.officer).post(url, person_form(world.team, date_of_birth=bad_date))

    assert list(response.context["form"].errors) == ["date_of_birth"]
    assert Person.objects.get(pk=world.team_person.pk).date_of_birth == dt.date(1985, 5, 17)
    assert not ActivityLog.objects.exists()


# --- create -------------------------------------------------------------------------------------------


def test_officer_creates_a_person_in_her_unit(world, login):
    response = login(world.officer).post(reverse("people:create"), person_form(world.team, given_name="Ánh"))

    person = Person.objects.get(staff_code="CB-NEW")
    assert response.url == reverse("people:detail", args=[person.pk])
    assert (person.agency, person.date_of_birth) == (world.agency, dt.date(1990, 5, 17))
    assignment = person.assignments.get()
    assert (assignment.unit, assignment.position, assignment.start_date) == (
        world.team,
        "Chuyên viên",
        dt.date(2025, 3, 1),
    )
    assert ActivityLog.objects.get(action="people.person.created").actor == world.officer


def test_create_offers_only_units_the_user_may_fill(world, login):
    client = login(world.officer)

    page = client.get(reverse("people:create"), {"unit": world.team.pk})
    refused = client.post(reverse("people:create"), person_form(world.office))

    assert set(page.context["form"].fields["unit"].queryset) == {world.division, world.team}
    assert page.context["form"]["unit"].value() == str(world.team.pk)
    assert list(refused.context["form"].errors) == ["unit"]
    assert not Person.objects.filter(staff_code="CB-NEW").exists()


def test_create_refuses_a_duplicate_staff_code_and_saves_nothing(world, login):
    data = person_form(world.division, staff_code=world.division_person.staff_code)

    response = login(world.secretariat).post(reverse("people:create"), data)

    assert response.context["form"].non_field_errors()
    assert Person.objects.filter(agency=world.agency).count() == 3
    assert not ActivityLog.objects.exists()


@pytest.mark.parametrize("persona", ["staff", "head", "leader"])
def test_create_is_403_for_who_cannot_add_people(world, login, persona):
    response = login(getattr(world, persona)).get(reverse("people:create"))

    assert response.status_code == 403


# --- transfer, rating, discipline ---------------------------------------------------------------------


def test_officer_transfers_a_person_within_her_units(world, login):
    url = reverse("people:transfer", args=[world.division_person.pk])
    data = {"unit": world.team.pk, "position": "Tổ trưởng", "is_leadership": "on", "start_date": "01/03/2025"}

    response = login(world.officer).post(url, data)

    assert response.url == reverse("people:detail", args=[world.division_person.pk])
    old, new = world.division_person.assignments.order_by("start_date")
    assert (old.unit, old.end_date) == (world.division, dt.date(2025, 2, 28))
    assert (new.unit, new.position, new.is_leadership, new.end_date) == (world.team, "Tổ trưởng", True, None)
    assert ActivityLog.objects.get(action="people.assignment.started").actor == world.officer


def test_transfer_refuses_a_unit_outside_her_units(world, login):
    url = reverse("people:transfer", args=[world.division_person.pk])

    response = login(world.officer).post(url, {"unit": world.office.pk, "start_date": "01/03/2025"})

    assert list(response.context["form"].errors) == ["unit"]
    assert world.division_person.assignments.count() == 1


def test_transfer_before_the_current_assignment_is_refused(world, login):
    url = reverse("people:transfer", args=[world.division_person.pk])

    response = login(world.officer).post(url, {"unit": world.team.pk, "start_date": "01/01/2016"})

    assert list(response.context["form"].errors) == ["start_date"]
    assert world.division_person.assignments.get().end_date is None
    assert not ActivityLog.objects.exists()


def test_recording_a_year_again_corrects_the_rating(world, login):
    url = reverse("people:rating", args=[world.division_person.pk])
    client = login(world.officer)

    client.post(url, {"year": "2024", "rating": Rating.GOOD})
    response = client.post(url, {"year": "2024", "rating": Rating.EXCELLENT, "note": "Sửa"})

    assert response.url == reverse("people:detail", args=[world.division_person.pk])
    assert list(QualityRating.objects.values_list("year", "rating", "note")) == [(2024, "excellent", "Sửa")]
    assert ActivityLog.objects.filter(action="people.rating.recorded").count() == 2


def test_rating_of_a_future_year_is_refused(world, login):
    url = reverse("people:rating", args=[world.division_person.pk])

    response = login(world.officer).post(url, {"year": str(dt.date.today().year + 1), "rating": Rating.GOOD})

    assert list(response.context["form"].errors) == ["year"]
    assert not QualityRating.objects.exists()


def test_officer_records_a_discipline(world, login):
    url = reverse("people:discipline", args=[world.team_person.pk])
    data = {
        "form": "warning",
        "decision_number": "5/QĐ-STN",
        "start_date": "02/01/2025",
        "end_date": "01/01/2026",
    }

    response = login(world.officer).post(url, data)

    assert response.url == reverse("people:detail", args=[world.team_person.pk])
    record = Discipline.objects.get()
    assert (record.person, record.form, record.start_date) == (
        world.team_person,
        "warning",
        dt.date(2025, 1, 2),
    )
    assert ActivityLog.objects.get(action="people.discipline.recorded").actor == world.officer


def test_discipline_ending_before_it_starts_is_refused(world, login):
    url = reverse("people:discipline", args=[world.team_person.pk])
    data = {"form": "warning", "start_date": "02/01/2025", "end_date": "01/01/2025"}

    response = login(world.officer).post(url, data)

    assert list(response.context["form"].errors) == ["end_date"]
    assert not Discipline.objects.exists()


@pytest.mark.parametrize("name", ["transfer", "rating", "discipline", "proceeding", "leave"])
def test_history_forms_are_403_for_unit_head_and_404_across_agencies(world, login, name):
    client = login(world.head)

    refused = client.post(reverse(f"people:{name}", args=[world.division_person.pk]), {})
    hidden = client.post(reverse(f"people:{name}", args=[world.other_person.pk]), {})

    assert (refused.status_code, hidden.status_code) == (403, 404)
    assert list(ActivityLog.objects.values_list("action", flat=True)) == ["security.denied"]  # nothing else


@pytest.mark.parametrize("name", ["edit", "transfer", "rating", "discipline", "proceeding", "leave"])
def test_forms_answer_only_get_and_post(world, login, name):
    client = login(world.officer)
    url = reverse(f"people:{name}", args=[world.team_person.pk])

    assert (client.get(url).status_code, client.put(url).status_code) == (200, 405)
    assert not ActivityLog.objects.exists()


def test_the_next_page_link_keeps_the_filters(world, login):
    unit = UnitFactory(agency=world.agency)
    for n in range(51):
        staff_in(unit, staff_code=f"P{n:03d}", family_name="Nguyễn")
    html = login(world.leader).get(LIST, {"q": "nguyen", "category": "civil_servant"}).content.decode()
    assert 'href="?q=nguyen&amp;category=civil_servant&amp;page=2" rel="next"' in html


# --- matters under review and leave -------------------------------------------------------------------


def open_matter(person, opened_on=dt.date(2025, 9, 1), kind="inspection"):
    return domain.open_proceeding(actor=None, person=person, fields={"kind": kind, "opened_on": opened_on})


def close_url(proceeding):
    return reverse("people:proceeding_close", args=[proceeding.person_id, proceeding.pk])


def test_officer_records_a_matter_under_review(world, login):
    url = reverse("people:proceeding", args=[world.team_person.pk])
    data = {"kind": "complaint", "opened_on": "15/09/2025", "note": "Đơn tố cáo số 3"}

    response = login(world.officer).post(url, data)

    assert response.url == reverse("people:detail", args=[world.team_person.pk])
    proceeding = Proceeding.objects.get()
    assert (proceeding.person, proceeding.kind, proceeding.opened_on, proceeding.note) == (
        world.team_person,
        "complaint",
        dt.date(2025, 9, 15),
        "Đơn tố cáo số 3",
    )
    assert ActivityLog.objects.get(action="people.proceeding.opened").actor == world.officer


def test_a_matter_without_kind_or_date_is_refused(world, login):
    response = login(world.officer).post(
        reverse("people:proceeding", args=[world.team_person.pk]), {"note": ""}
    )

    assert set(response.context["form"].errors) == {"kind", "opened_on"}
    assert not Proceeding.objects.exists() and not ActivityLog.objects.exists()


def test_officer_closes_a_matter_with_its_outcome(world, login):
    proceeding = open_matter(world.team_person)
    client = login(world.officer)

    page = client.get(close_url(proceeding))
    response = client.post(close_url(proceeding), {"closed_on": "03/11/2025", "outcome": "Không vi phạm"})

    assert page.context["form"]["closed_on"].value() == dt.date.today()
    assert "01/09/2025" in page.context["title"]
    assert response.url == reverse("people:detail", args=[world.team_person.pk])
    proceeding.refresh_from_db()
    assert (proceeding.closed_on, proceeding.outcome) == (dt.date(2025, 11, 3), "Không vi phạm")
    assert ActivityLog.objects.get(action="people.proceeding.closed").actor == world.officer


def test_closing_before_the_opening_is_refused_on_the_date(world, login):
    proceeding = open_matter(world.team_person)

    response = login(world.officer).post(close_url(proceeding), {"closed_on": "31/08/2025"})

    assert list(response.context["form"].errors) == ["closed_on"]
    proceeding.refresh_from_db()
    assert proceeding.closed_on is None
    assert not ActivityLog.objects.filter(action="people.proceeding.closed").exists()


def test_closing_is_404_for_a_closed_matter_or_another_persons_and_403_for_the_head(world, login):
    closed = open_matter(world.team_person)
    domain.close_proceeding(actor=None, proceeding=closed, closed_on=dt.date(2025, 10, 1))
    running = open_matter(world.team_person, opened_on=dt.date(2025, 10, 2))
    data = {"closed_on": "03/11/2025"}
    officer = login(world.officer)

    again = officer.post(close_url(closed), data)
    wrong_person = officer.post(
        reverse("people:proceeding_close", args=[world.division_person.pk, running.pk]), data
    )
    head = login(world.head).post(close_url(running), data)

    assert (again.status_code, wrong_person.status_code, head.status_code) == (404, 404, 403)
    assert list(Proceeding.objects.order_by("pk").values_list("closed_on", flat=True)) == [
        dt.date(2025, 10, 1),
        None,
    ]


def test_officer_records_a_maternity_leave(world, login):
    url = reverse("people:leave", args=[world.team_person.pk])

    response = login(world.officer).post(
        url, {"kind": "maternity", "start": "01/02/2025", "end": "31/07/2025"}
    )

    assert response.url == reverse("people:detail", args=[world.team_person.pk])
    leave = Leave.objects.get()
    assert (leave.person, leave.start, leave.end) == (
        world.team_person,
        dt.date(2025, 2, 1),
        dt.date(2025, 7, 31),
    )
    assert ActivityLog.objects.get(action="people.leave.recorded").actor == world.officer


@pytest.mark.parametrize(
    ("start", "end", "field"), [("01/08/2025", "31/07/2025", "end"), ("01/07/2025", "31/12/2025", "start")]
)
def test_a_wrong_leave_is_refused_on_its_field(world, login, start, end, field):
    domain.record_leave(
        actor=None,
        person=world.team_person,
        fields={"kind": "maternity", "start": dt.date(2025, 2, 1), "end": dt.date(2025, 7, 31)},
    )
    url = reverse("people:leave", args=[world.team_person.pk])

    response = login(world.officer).post(url, {"kind": "maternity", "start": start, "end": end})

    assert list(response.context["form"].errors) == [field]
    assert Leave.objects.count() == ActivityLog.objects.filter(action="people.leave.recorded").count() == 1


def test_detail_lists_matters_with_the_open_one_marked_and_leave(world, login, english):
    person = world.team_person
    closed = open_matter(person, opened_on=dt.date(2024, 3, 1), kind="discipline")
    domain.close_proceeding(
        actor=None, proceeding=closed, closed_on=dt.date(2024, 6, 1), outcome="Không vi phạm"
    )
    running = open_matter(person)
    domain.record_leave(
        actor=None,
        person=person,
        fields={"kind": "maternity", "start": dt.date(2025, 2, 1), "end": dt.date(2025, 7, 31)},
    )

    response = login(world.officer).get(reverse("people:detail", args=[person.pk]))

    html = response.content.decode()
    assert list(response.context["proceedings"]) == [running, closed]
    assert html.count('data-testid="under-review"') == 1
    assert ">under review</span>" in html
    assert "01/09/2025 – …" in html and "01/03/2024 – 01/06/2024" in html and "Không vi phạm" in html
    assert close_url(running) in html and close_url(closed) not in html
    assert "01/02/2025 – 31/07/2025" in html
    assert reverse("people:proceeding", args=[person.pk]) in html
    assert reverse("people:leave", args=[person.pk]) in html


def test_detail_shows_matters_without_close_links_to_who_may_not_edit(world, login):
    running = open_matter(world.division_person)

    response = login(world.head).get(reverse("people:detail", args=[world.division_person.pk]))

    html = response.content.decode()
    assert response.context["can_edit"] is False
    assert 'data-testid="under-review"' in html
    assert close_url(running) not in html
    assert reverse("people:leave", args=[world.division_person.pk]) not in html


@pytest.mark.parametrize("count", [1, 3])
def test_detail_query_count_does_not_grow(world, login, django_assert_num_queries, count):
    person = world.team_person
    for n in range(count):
        open_matter(person, opened_on=dt.date(2020 + n, 1, 1))
        start = dt.date(2020 + n, 3, 1)
        domain.record_leave(
            actor=None,
            person=person,
            fields={"kind": "maternity", "start": start, "end": start.replace(month=8)},
        )
        domain.record_discipline(
            actor=None, person=person, form="reprimand", start_date=dt.date(2020 + n, 5, 1)
        )
        record_award(
            actor=None, agency=person.agency, award=Award.objects.get(code="lao-dong-tien-tien"),
            person=person, year=2020 + n, decided_on=dt.date(2021 + n, 1, 20), amount=450_000,
            decision=decision_document(person.agency, n + 1, dt.date(2021 + n, 1, 20)),
        )  # fmt: skip
    client = login(world.officer)
    client.get(reverse("people:detail", args=[person.pk]))  # the scope and the unread count kept

    # the session (in the cache) and the account, the person, may she edit, assignments, ratings, awards
    # (panel), disciplines, proceedings, leaves, history
    with django_assert_num_queries(10):
        response = client.get(reverse("people:detail", args=[person.pk]))

    assert len(response.context["proceedings"]) == len(response.context["leaves"]) == count
    assert (
        len(
            next(p for p in response.context["panels"] if p.template == "awards/_person_awards.html").context[
                "records"
            ]
        )
        == count
    )
    html = response.content.decode()
    assert "01/QĐ-STN</a>, 20/01/2021" in html and "450.000 đồng" in html
