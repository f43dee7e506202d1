import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import Role
from activity.models import ActivityLog
from awards.models import Award
from movements.domain import registrations as domain
from movements.models import Registration, RegistrationEntry, RegistrationRound, RegistrationStatus
from tests.factories import MovementFactory, RoundFactory, UnitFactory, account_with_role, staff_in

TODAY = timezone.localdate()


@pytest.fixture
def reg(world):
    """A movement of the world's agency with its open round; the division's registration started."""
    world.movement = MovementFactory(agency=world.agency, name="Phong trào “Chuyển đổi số”")
    world.round = RoundFactory(movement=world.movement)
    world.registration = domain.start_registration(
        actor=world.officer, round=world.round, unit=world.division
    )
    world.collective = Award.objects.get(code="tap-the-lao-dong-tien-tien")
    world.individual = Award.objects.get(code="lao-dong-tien-tien")
    world.fighter = Award.objects.get(code="chien-si-thi-dua-co-so")
    return world


def submitted(reg, registration=None):
    registration = registration or reg.registration
    domain.add_entry(actor=None, registration=registration, award=reg.collective)
    return domain.submit_registration(actor=None, registration=registration)


def detail_url(registration):
    return reverse("registrations:detail", args=[registration.pk])


# --- rounds ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 3])
def test_round_list_query_count_does_not_grow(world, login, django_assert_num_queries, count):
    for n in range(count):
        RoundFactory(movement=MovementFactory(agency=world.agency, name=f"Phong trào {n}"))
    client = login(world.secretariat)

    # account, role grants, agency lineage, count, rounds with their counts, inbox count (sessions: cache)
    with django_assert_num_queries(6):
        response = client.get(reverse("registrations:rounds"))

    assert len(response.context["page"]) == count
    assert response.context["can_open"] is True


def test_secretariat_opens_a_round(world, login):
    movement = MovementFactory(agency=world.agency)
    data = {
        "movement": movement.pk,
        "year": TODAY.year,
        "opens_on": f"01/01/{TODAY.year}",
        "deadline": (TODAY + dt.timedelta(days=20)).strftime("%d/%m/%Y"),
        "note": "Hạn nộp như kế hoạch",
    }

    response = login(world.secretariat).post(reverse("registrations:open"), data)

    registration_round = RegistrationRound.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "registrations:round", args=[registration_round.pk]
    )
    assert registration_round.note == "Hạn nộp như kế hoạch"


def test_open_round_page_shows_the_domain_error(world, login, english):
    movement = MovementFactory(agency=world.agency)
    data = {
        "movement": movement.pk,
        "year": TODAY.year + 3,
        "opens_on": "01/01/2000",
        "deadline": "02/01/2000",
    }

    response = login(world.secretariat).post(reverse("registrations:open"), data)

    assert response.status_code == 200 and not RegistrationRound.objects.exists()
    assert response.context["form"].errors["year"] == [
        f"The year {TODAY.year + 3} is outside the movement's period; choose a year within the period."
    ]


def test_the_officer_may_not_open_a_round(world, login):
    MovementFactory(agency=world.agency)
    assert login(world.officer).get(reverse("registrations:open")).status_code == 403


def test_round_page_for_the_secretariat_lists_every_unit(reg, login):
    submitted(reg)

    response = login(reg.secretariat).get(reverse("registrations:round", args=[reg.round.pk]))

    rows = response.context["rows"]
    assert [row["unit"] for row in rows] == [reg.division, reg.team, reg.office]  # same position: by name
    assert [row["registration"] for row in rows] == [reg.registration, None, None]
    assert rows[0]["registration"].entry_count == 1
    assert [row["can_start"] for row in rows] == [False, True, True]
    assert 'data-testid="registration-status"' in response.content.decode()


def test_round_page_for_the_officer_shows_her_units_with_a_start_button(reg, login):
    response = login(reg.officer).get(reverse("registrations:round", args=[reg.round.pk]))

    rows = response.context["rows"]
    assert [row["unit"] for row in rows] == [reg.division, reg.team]
    assert [row["can_start"] for row in rows] == [False, True]
    assert f'data-testid="start-{reg.team.pk}"' in response.content.decode()


def test_round_page_of_a_closed_round_offers_no_start(reg, login):
    RegistrationRound.objects.filter(pk=reg.round.pk).update(deadline=TODAY - dt.timedelta(days=1))

    response = login(reg.officer).get(reverse("registrations:round", args=[reg.round.pk]))

    assert [row["can_start"] for row in response.context["rows"]] == [False, False]


def test_round_page_query_count_does_not_grow_and_shows_a_page_of_units(reg, login):
    def add(count):
        for unit in UnitFactory.create_batch(count, agency=reg.agency):
            registration = domain.start_registration(actor=None, round=reg.round, unit=unit)
            domain.add_entry(actor=None, registration=registration, award=reg.collective)

    client = login(reg.secretariat)
    url = reverse("registrations:round", args=[reg.round.pk])
    counted = []
    for count in (1, 120):
        add(count)
        client.get(url)  # warm: the session, the account's scope
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        counted.append((len(response.context["rows"]), len(queries)))
    assert [shown for shown, _ in counted] == [4, 100]  # the world's 3 units and 1, then a page of 124
    assert counted[0][1] == counted[1][1]
    rows = response.context["rows"] + client.get(url, {"page": 2}).context["rows"]
    assert len(rows) == 124 and len({row["unit"] for row in rows}) == 124
    assert sum(1 for row in rows if row["registration"]) == reg.round.registrations.count()


def test_officer_starts_the_registration_of_a_unit(reg, login):
    response = login(reg.officer).post(
        reverse("registrations:start", args=[reg.round.pk]), {"unit": reg.team.pk}
    )

    registration = Registration.objects.get(unit=reg.team)
    assert response.status_code == 302 and response.url == detail_url(registration)
    assert ActivityLog.objects.filter(action="movements.registration.started").count() == 2


def test_start_after_the_deadline_is_refused_with_a_message(reg, login, english):
    RegistrationRound.objects.filter(pk=reg.round.pk).update(deadline=TODAY - dt.timedelta(days=1))

    response = login(reg.officer).post(
        reverse("registrations:start", args=[reg.round.pk]), {"unit": reg.team.pk}, follow=True
    )

    assert not Registration.objects.filter(unit=reg.team).exists()
    message = next(str(m) for m in response.context["messages"])
    assert message.startswith("Registration is open from 01/01/")


def test_round_export_downloads_the_consolidated_table(reg, login):
    domain.add_entry(
        actor=None, registration=reg.registration, award=reg.individual, person=reg.division_person
    )

    response = login(reg.secretariat).get(reverse("registrations:export", args=[reg.round.pk]))

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f"dang-ky-thi-dua-{reg.round.year}" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[6]] == [
        1,
        "Phòng Kế hoạch",
        "Cá nhân",
        "Lê Văn Minh",
        "Lao động tiên tiến",
        None,
        "Đang tổng hợp",
    ]


def test_round_export_for_an_officer_holds_only_her_units(reg, login):
    office = domain.start_registration(actor=None, round=reg.round, unit=reg.office)
    domain.add_entry(actor=None, registration=office, award=reg.collective)
    domain.add_entry(actor=None, registration=reg.registration, award=reg.collective)

    response = login(reg.officer).get(reverse("registrations:export", args=[reg.round.pk]))

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [row[1] for row in sheet.iter_rows(min_row=6, values_only=True)] == ["Phòng Kế hoạch"]


# --- a unit's registration ---------------------------------------------------------------------------------


def test_officer_sees_the_forms(reg, login):
    response = login(reg.officer).get(detail_url(reg.registration))

    assert response.context["editable"] is True
    form = response.context["individual_form"]
    assert list(form.fields["person"].queryset) == [reg.division_person]
    assert Award.objects.get(code="chien-si-thi-dua-toan-quoc") not in form.fields["award"].queryset
    assert set(
        response.context["collective_form"].fields["award"].queryset.values_list("subject", flat=True)
    ) == {"collective"}
    assert 'data-testid="submit"' in response.content.decode()


def test_staff_of_another_unit_cannot_see_the_registration(reg, login):
    assert login(reg.staff).get(detail_url(reg.registration)).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_registration_page_query_count_does_not_grow(reg, login, django_assert_num_queries, count):
    domain.add_entry(actor=None, registration=reg.registration, award=reg.collective)
    for n in range(count):
        person = staff_in(reg.division, given_name=f"Tên{n}")
        domain.add_entry(actor=None, registration=reg.registration, award=reg.individual, person=person)
    client = login(reg.officer)

    # account, role grants, agency lineage, units reached (scope), registration, entries, inbox,
    # forms: collective titles, staff, individual titles; history; the entries' verdicts: engine (settings ×2,
    # awards, rule sets, rules, criteria, salaries), facts (people, first posts, ratings, disciplines, ledger,
    # maternity leave, initiatives)
    with django_assert_num_queries(25):
        response = client.get(detail_url(reg.registration))

    assert len(response.context["individual_entries"]) == count
    assert len(response.context["collective_entries"]) == 1


def test_officer_registers_a_collective_title_and_pledges(reg, login):
    client = login(reg.officer)

    client.post(
        reverse("registrations:pledges", args=[reg.registration.pk]),
        {"pledges": "Giải quyết 100% hồ sơ đúng hạn"},
    )
    response = client.post(
        reverse("registrations:add_collective", args=[reg.registration.pk]),
        {"collective-award": reg.collective.pk, "collective-pledges": "Không có hồ sơ trễ hạn"},
    )

    assert response.status_code == 302
    reg.registration.refresh_from_db()
    assert reg.registration.pledges == "Giải quyết 100% hồ sơ đúng hạn"
    entry = reg.registration.entries.get()
    assert (entry.award, entry.person, entry.pledges) == (reg.collective, None, "Không có hồ sơ trễ hạn")


def test_officer_registers_a_staff_member(reg, login):
    response = login(reg.officer).post(
        reverse("registrations:add_individual", args=[reg.registration.pk]),
        {"individual-person": reg.division_person.pk, "individual-award": reg.individual.pk},
    )

    assert response.status_code == 302
    assert reg.registration.entries.get().person == reg.division_person


def test_a_duplicate_title_shows_the_error_on_the_form(reg, login, english):
    domain.add_entry(actor=None, registration=reg.registration, award=reg.collective)

    response = login(reg.officer).post(
        reverse("registrations:add_collective", args=[reg.registration.pk]),
        {"collective-award": reg.collective.pk},
    )

    assert response.status_code == 200
    assert response.context["collective_form"].errors["award"] == [
        "Phòng Kế hoạch has already registered for “Tập thể lao động tiên tiến”."
    ]
    assert reg.registration.entries.count() == 1


def test_adding_to_an_approved_registration_is_refused(reg, login, english):
    submitted(reg)
    domain.approve_registration(actor=None, registration=reg.registration)

    response = login(reg.secretariat).post(
        reverse("registrations:add_collective", args=[reg.registration.pk]),
        {"collective-award": Award.objects.get(code="tap-the-lao-dong-xuat-sac").pk},
        follow=True,
    )

    assert reg.registration.entries.count() == 1
    assert [str(m) for m in response.context["messages"]] == [
        "The registration has been approved and is locked; it can no longer be changed."
    ]
    assert response.context["editable"] is False and "pledges_form" not in response.context


def test_officer_removes_a_title_and_submits(reg, login):
    entry = domain.add_entry(
        actor=None, registration=reg.registration, award=reg.individual, person=reg.division_person
    )
    domain.add_entry(actor=None, registration=reg.registration, award=reg.collective)
    client = login(reg.officer)

    client.post(reverse("registrations:remove_entry", args=[entry.pk]))
    response = client.post(reverse("registrations:submit", args=[reg.registration.pk]))

    assert response.status_code == 302 and response.url == detail_url(reg.registration)
    reg.registration.refresh_from_db()
    assert reg.registration.status == RegistrationStatus.SUBMITTED
    assert list(reg.registration.entries.values_list("award__code", flat=True)) == [
        "tap-the-lao-dong-tien-tien"
    ]


def test_submitting_an_empty_registration_shows_why(reg, login, english):
    response = login(reg.officer).post(
        reverse("registrations:submit", args=[reg.registration.pk]), follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [
        "Register at least one title (of the unit or of a staff member) before submitting."
    ]
    assert Registration.objects.get(pk=reg.registration.pk).status == RegistrationStatus.DRAFT


def test_a_returned_registration_shows_the_reason(reg, login):
    submitted(reg)
    domain.return_registration(actor=None, registration=reg.registration, reason="Thiếu chỉ tiêu của đơn vị")

    response = login(reg.officer).get(detail_url(reg.registration))

    assert 'data-testid="return-reason"' in response.content.decode()
    assert "Thiếu chỉ tiêu của đơn vị" in response.content.decode()
    assert response.context["editable"] is True


# --- review ------------------------------------------------------------------------------------------------


def test_queue_lists_the_submitted_registrations_and_filters(reg, login):
    submitted(reg)
    other = MovementFactory(agency=reg.agency, name="Phong trào khác")
    other_round = RoundFactory(movement=other)
    submitted(reg, domain.start_registration(actor=None, round=other_round, unit=reg.office))
    client = login(reg.secretariat)

    every = client.get(reverse("registrations:queue"))
    filtered = client.get(
        reverse("registrations:queue"), {"movement": reg.movement.pk, "year": reg.round.year}
    )

    assert len(every.context["page"]) == 2
    assert list(filtered.context["page"]) == [reg.registration]


def test_queue_is_for_the_secretariat(reg, login):
    assert login(reg.officer).get(reverse("registrations:queue")).status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_queue_query_count_does_not_grow(reg, login, django_assert_num_queries, count):
    for n in range(count):
        unit = UnitFactory(agency=reg.agency, name=f"Phòng {n}", symbol=f"Q{n}")
        submitted(reg, domain.start_registration(actor=None, round=reg.round, unit=unit))
    client = login(reg.secretariat)

    # account, role grants, agency lineage, filter: movements, count, page, inbox count
    with django_assert_num_queries(7):
        response = client.get(reverse("registrations:queue"))

    assert len(response.context["page"]) == count


def test_approve_from_the_queue(reg, login):
    submitted(reg)

    response = login(reg.secretariat).post(
        reverse("registrations:approve", args=[reg.registration.pk]), {"back": "queue"}
    )

    assert response.status_code == 302 and response.url == reverse("registrations:queue")
    assert Registration.objects.get(pk=reg.registration.pk).status == RegistrationStatus.APPROVED


def test_return_without_a_reason_is_refused(reg, login, english):
    submitted(reg)

    response = login(reg.secretariat).post(
        reverse("registrations:return", args=[reg.registration.pk]),
        {"reason": " ", "back": "queue"},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [
        "Write the reason for returning the registration, so that the unit knows what to change."
    ]
    assert Registration.objects.get(pk=reg.registration.pk).status == RegistrationStatus.SUBMITTED


def test_return_with_a_reason(reg, login):
    submitted(reg)

    login(reg.secretariat).post(
        reverse("registrations:return", args=[reg.registration.pk]), {"reason": "Bổ sung danh sách cá nhân"}
    )

    registration = Registration.objects.get(pk=reg.registration.pk)
    assert (registration.status, registration.return_reason) == ("returned", "Bổ sung danh sách cá nhân")


def test_the_officer_cannot_approve(reg, login):
    submitted(reg)
    response = login(reg.officer).post(reverse("registrations:approve", args=[reg.registration.pk]))
    assert response.status_code == 403
    assert Registration.objects.get(pk=reg.registration.pk).status == RegistrationStatus.SUBMITTED


# --- my titles ---------------------------------------------------------------------------------------------


@pytest.fixture
def minh(reg):
    return account_with_role(Role.STAFF, person=reg.division_person, username="minh")


def test_staff_member_registers_and_withdraws_her_title(reg, login, minh):
    client = login(minh)

    response = client.post(
        reverse("registrations:mine"),
        {"registration": reg.registration.pk, "award": reg.fighter.pk, "pledges": "Một sáng kiến cấp cơ sở"},
    )

    assert response.status_code == 302
    entry = RegistrationEntry.objects.get()
    assert (entry.person, entry.award, entry.created_by) == (reg.division_person, reg.fighter, minh)
    page = client.get(reverse("registrations:mine"))
    assert [e.award for e in page.context["registrations"][0].my_entries] == [reg.fighter]

    response = client.post(reverse("registrations:remove_entry", args=[entry.pk]), {"back": "mine"})
    assert response.url == reverse("registrations:mine") and not RegistrationEntry.objects.exists()


def test_staff_member_cannot_withdraw_someone_else(reg, login, minh):
    other = staff_in(reg.division, given_name="Khác")
    entry = domain.add_entry(actor=None, registration=reg.registration, award=reg.individual, person=other)

    response = login(minh).post(reverse("registrations:remove_entry", args=[entry.pk]))

    assert response.status_code == 403 and RegistrationEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize("count", [1, 3])
def test_my_titles_query_count_does_not_grow(reg, login, minh, django_assert_num_queries, count):
    domain.add_entry(
        actor=None, registration=reg.registration, award=reg.individual, person=reg.division_person
    )
    for n in range(count - 1):
        other_round = RoundFactory(movement=MovementFactory(agency=reg.agency, name=f"Phong trào {n}"))
        registration = domain.start_registration(actor=None, round=other_round, unit=reg.division)
        domain.add_entry(
            actor=None, registration=registration, award=reg.individual, person=reg.division_person
        )
    client = login(minh)

    # account, role grants, person (scope), own units (x2), registrations, my entries, form:
    # registrations, titles, inbox count
    with django_assert_num_queries(10):
        response = client.get(reverse("registrations:mine"))

    assert len(response.context["registrations"]) == count


# --- access ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["registrations:round", "registrations:export", "registrations:annex"])
def test_rounds_of_another_agency_are_not_found(reg, login, name):
    outsider = account_with_role(Role.SECRETARIAT, agency=reg.other_agency, username="ngoai")
    assert login(outsider).get(reverse(name, args=[reg.round.pk])).status_code == 404


def test_entries_of_another_agency_are_not_found(reg, login):
    entry = domain.add_entry(actor=None, registration=reg.registration, award=reg.collective)
    outsider = account_with_role(Role.SECRETARIAT, agency=reg.other_agency, username="ngoai")

    response = login(outsider).post(reverse("registrations:remove_entry", args=[entry.pk]))

    assert response.status_code == 404 and RegistrationEntry.objects.filter(pk=entry.pk).exists()


def test_the_queue_of_a_secretariat_holds_only_her_agency(reg, login):
    submitted(reg)
    outsider = account_with_role(Role.SECRETARIAT, agency=reg.other_agency, username="ngoai")

    response = login(outsider).get(reverse("registrations:queue"))

    assert list(response.context["page"]) == []


# --- many staff at once, and editing an entry -------------------------------------------------------------


def add_staff_url(registration):
    return reverse("registrations:add_staff", args=[registration.pk])


def unit_of(reg, count):
    return [
        staff_in(reg.division, family_name="Ngô", middle_name="Thị", given_name=f"Hoa {n:03d}")
        for n in range(count)
    ]


@pytest.mark.parametrize("count", [3, 120])
def test_staff_list_is_paged_and_its_query_count_is_bounded(reg, login, django_assert_max_num_queries, count):
    unit_of(reg, count)
    client = login(reg.officer)

    # session, account, role grants, lineage, units, registration, staff count, staff page, their entries of
    # the round, the titles of the form, inbox (and a few of the shared layout)
    with django_assert_max_num_queries(14):
        response = client.get(add_staff_url(reg.registration))

    page = response.context["page"]
    assert page.paginator.count == count + 1  # and Lê Văn Minh
    assert len(page.object_list) == min(count + 1, 50)
    assert 'data-check-all="people"' in response.content.decode()


def test_staff_list_is_searched_without_accents(reg, login):
    unit_of(reg, 3)
    response = login(reg.officer).post(add_staff_url(reg.registration), {"q": "le van", "goto": "1"})
    assert [p.full_name for p in response.context["page"]] == ["Lê Văn Minh"]
    assert ActivityLog.objects.filter(action="movements.entry.added").count() == 0


def test_moving_to_another_page_keeps_the_ticked_people(reg, login):
    people = unit_of(reg, 60)
    client = login(reg.officer)
    first = list(client.get(add_staff_url(reg.registration)).context["page"])
    ticked = [first[0].pk, first[1].pk]

    response = client.post(
        add_staff_url(reg.registration),
        {"award": reg.individual.pk, "people": ticked, "page": "1", "goto": "2"},
    )

    assert response.context["page"].number == 2
    assert response.context["chosen"] == set(ticked)
    assert response.context["elsewhere"] == sorted(ticked)
    html = response.content.decode()
    assert all(f'<input type="hidden" name="people" value="{pk}">' in html for pk in ticked)
    assert not RegistrationEntry.objects.exists()

    second = [p.pk for p in response.context["page"]][:2]
    response = client.post(
        add_staff_url(reg.registration),
        {"award": reg.individual.pk, "people": ticked + second, "page": "2", "save": "1"},
    )

    assert response.status_code == 302 and response.url == detail_url(reg.registration)
    assert set(reg.registration.entries.values_list("person_id", flat=True)) == set(ticked + second)
    assert len(people) == 60


def test_saving_many_staff_with_one_already_registered_saves_none_and_names_her(reg, login, english):
    people = unit_of(reg, 3)
    domain.add_entry(actor=None, registration=reg.registration, award=reg.individual, person=people[2])

    response = login(reg.officer).post(
        add_staff_url(reg.registration),
        {"award": reg.individual.pk, "people": [p.pk for p in people], "page": "1", "save": "1"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["people"] == [
        f"Already registered for “Lao động tiên tiến” in this round: {people[2].full_name}. "
        "Untick them or choose another title."
    ]
    assert response.context["chosen"] == {p.pk for p in people}
    assert reg.registration.entries.count() == 1


def test_only_the_compiler_may_add_many(reg, login):
    response = login(reg.staff).get(add_staff_url(reg.registration))
    assert response.status_code == 404
    minh = account_with_role(Role.STAFF, person=reg.division_person, username="minh")
    response = login(minh).post(
        add_staff_url(reg.registration),
        {"award": reg.individual.pk, "people": [reg.division_person.pk], "save": "1"},
    )
    assert response.status_code == 403 and not RegistrationEntry.objects.exists()


def test_officer_edits_an_entry(reg, login):
    entry = domain.add_entry(
        actor=None, registration=reg.registration, award=reg.individual, person=reg.division_person
    )
    client = login(reg.officer)
    url = reverse("registrations:edit_entry", args=[entry.pk])
    page = client.get(url)
    assert page.context["form"].initial == {"award": reg.individual.pk, "pledges": ""}

    response = client.post(url, {"award": reg.fighter.pk, "pledges": "Sáng kiến\r\nsố hóa hồ sơ"})

    assert response.status_code == 302 and response.url == detail_url(reg.registration)
    entry.refresh_from_db()
    assert (entry.award, entry.pledges, entry.person) == (
        reg.fighter,
        "Sáng kiến\nsố hóa hồ sơ",
        reg.division_person,
    )
    assert ActivityLog.objects.filter(action="movements.entry.updated").count() == 1


def test_editing_an_entry_says_the_limit_and_counts_a_line_break_once(reg, login, english):
    entry = domain.add_entry(actor=None, registration=reg.registration, award=reg.collective)
    url = reverse("registrations:edit_entry", args=[entry.pk])
    client = login(reg.officer)
    assert "At most 2.000 characters." in client.get(url).content.decode()

    too_long = client.post(url, {"award": reg.collective.pk, "pledges": "a\r\n" * 1000 + "a"})
    assert too_long.context["form"].errors["pledges"] == [
        "Ensure this value has at most 2000 characters (it has 2001)."
    ]
    fits = "a\r\n" * 999 + "ab"  # 2,000 characters once each line break counts as one
    assert client.post(url, {"award": reg.collective.pk, "pledges": fits}).status_code == 302
    entry.refresh_from_db()
    assert entry.pledges == "a\n" * 999 + "ab" and len(entry.pledges) == 2000


def test_editing_an_entry_of_a_submitted_registration_is_refused(reg, login):
    submitted(reg)
    entry = reg.registration.entries.get()
    response = login(reg.officer).post(
        reverse("registrations:edit_entry", args=[entry.pk]), {"award": reg.collective.pk, "pledges": "x"}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.pledges == ""


# --- the rounds list filtered as the to-do list links to it ----------------------------------------------


def test_rounds_list_filtered_to_the_officers_rounds_to_submit(reg, login):
    other = RoundFactory(movement=MovementFactory(agency=reg.agency, name="Phong trào đã nộp"))
    done = domain.start_registration(actor=None, round=other, unit=reg.division)
    submitted(reg, done)
    domain.start_registration(actor=None, round=other, unit=reg.team)
    submitted(reg, Registration.objects.get(round=other, unit=reg.team))

    response = login(reg.officer).get(reverse("registrations:rounds"), {"waiting": "mine"})

    assert [r.pk for r in response.context["page"]] == [reg.round.pk]
    assert response.context["filtered"] == ["Đơn vị của bạn còn phải nộp"]
