"""The "who is due" screen read from the stored lists (awards.snapshots): counts per award and group first,
then one award's units and a page of 50 rows, the progress of a list being computed, "Tính lại", the unit
picker, every check on demand — and permission before anything."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.management.commands import db_worker

from accounts.models import Role
from awards.models import DueEntry, DueSnapshot
from organisations.models import Agency
from people.models import Assignment, Gender, Person, QualityRating, Rating
from tests.awards.records import initiative, rate, record
from tests.factories import AgencyFactory, UnitFactory, account_with_role

pytestmark = pytest.mark.django_db
D = dt.date
THIS_YEAR = timezone.localdate().year
CSTD, CSTD_TINH, LDTT = "chien-si-thi-dua-co-so", "chien-si-thi-dua-tinh", "lao-dong-tien-tien"
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def run_worker(monkeypatch):
    """Run the queued tasks here, with django-tasks-db's worker, inside the test's transaction."""
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run(*options):
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "-v", "0", *options)

    return run


def due_page(client, **params):
    return client.get(reverse("awards:due"), params)


def listed(client, code: str, group: str, **params) -> list:
    """The subjects' names of one award and group (the first page), as the page lists them."""
    response = due_page(client, award=code, group=group, **params)
    page = response.context.get("rows_page")
    return [row.name for row in page] if page is not None else []


def count_of(response, code: str, group: str) -> int:
    found = next((c for c in response.context["dues"] if c.award.code == code), None)
    return getattr(found, group) if found else 0


def many_people(unit, count: int, year: int, rating=Rating.GOOD) -> list:
    """`count` people in `unit`, rated for `year` (written in bulk: no signal, a new list is asked for)."""
    people = []
    for n in range(count):
        person = Person(agency=unit.agency, staff_code=f"NV{unit.pk}-{n:04d}", family_name="Nguyễn",
                        middle_name="Văn", given_name=f"Tên{n:04d}", gender=Gender.MALE)  # fmt: skip
        person.normalise()
        people.append(person)
    people = Person.objects.bulk_create(people)
    Assignment.objects.bulk_create(Assignment(person=p, unit=unit, start_date=D(2015, 1, 1)) for p in people)
    QualityRating.objects.bulk_create(QualityRating(person=p, year=year, rating=rating) for p in people)
    DueSnapshot.objects.all().delete()
    return people


# --- the counts, then the list ------------------------------------------------------------------------------


def test_two_fighter_titles_running_put_a_person_one_step_from_the_provincial_title(world, login):
    minh = world.division_person
    for year in (2023, 2024):
        rate(minh, year, Rating.EXCELLENT)
        record(world, minh, LDTT, year)
        record(world, minh, CSTD, year)
    rate(world.office_person, 2025)
    client = login(world.secretariat)

    counts = due_page(client, year=2025)
    response = due_page(client, year=2025, award=CSTD_TINH, group="one_step")

    assert count_of(counts, CSTD_TINH, "one_step") == 1 and count_of(counts, LDTT, "eligible") == 1
    html = counts.content.decode()
    link = f"award={CSTD_TINH}&amp;group=one_step#due-list"
    assert link in html and "Lê Văn Minh" not in html  # counts first: no row before the drill-down
    (row,) = response.context["rows_page"]
    assert row.name == "Lê Văn Minh" and row.unit_name == "Phòng Kế hoạch"
    assert [check["message"] for check in row.missing] == [
        "Cần 3 năm liên tục đạt “Chiến sĩ thi đua cơ sở” đến năm 2025; thiếu năm 2025.",
        "Không có sáng kiến được công nhận cấp tỉnh trở lên năm 2025 còn chưa dùng cho khen thưởng khác.",
    ]
    html = response.content.decode()
    assert 'data-testid="one_step-chien-si-thi-dua-tinh"' in html
    assert "Luật TĐKT 2022, Điều 22" in html  # each missing condition with its citation
    entry = DueEntry.objects.get(person=minh, award__code=CSTD_TINH)
    assert f"{reverse('awards:due_checks')}?entry={entry.pk}" in html  # every check, on demand
    assert response.context["state"].shown.rule_set_code == "2025-07"
    assert listed(client, LDTT, "eligible", year=2025) == ["Trần Thị Lan"]


def test_the_due_page_opens_on_the_current_year(world, login, english):
    response = login(world.secretariat).get(reverse("awards:due"))

    assert response.context["year"] == THIS_YEAR
    assert response.context["form"].cleaned_data == {
        "year": THIS_YEAR,
        "unit": None,
        "award": None,
        "group": "",
    }
    query = f"agency={world.agency.pk}&amp;year={THIS_YEAR}&amp;unit="
    assert f"{reverse('awards:due_export')}?{query}" in response.content.decode()
    snapshot = response.context["state"].shown
    assert (snapshot.agency, snapshot.year, snapshot.status) == (world.agency, THIS_YEAR, "ready")
    assert "Figures computed at" in response.content.decode()


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("2010", f"Choose a year from 2017 to {THIS_YEAR + 1}: the rules of the system start in 2017"),
        (str(THIS_YEAR + 2), f"Choose a year from 2017 to {THIS_YEAR + 1}"),
        ("hai nghìn", "Enter the year in four digits, e.g. 2021."),
    ],
)
def test_a_wrong_year_is_explained(world, login, english, year, message):
    response = due_page(login(world.secretariat), year=year)

    assert response.context["state"] is None and not DueSnapshot.objects.exists()
    assert message in response.context["form"].errors["year"][0]
    assert message.split(":")[0] in response.content.decode()


def test_an_officer_sees_only_her_units(world, login):
    for person in (world.office_person, world.division_person, world.team_person):
        rate(person, 2025)
    client = login(world.officer)

    response = due_page(client, year=2025)

    assert count_of(response, LDTT, "eligible") == 2
    assert listed(client, LDTT, "eligible", year=2025) == ["Đặng Thị Hương", "Lê Văn Minh"]  # by given name
    assert response.context["whole_agency"] is False
    assert world.office.name not in due_page(client, year=2025, award=LDTT, group="eligible").content.decode()
    refused = due_page(client, year=2025, unit=world.office.pk)
    assert refused.context["form"].errors["unit"] and refused.context["state"] is None


def test_the_secretariat_narrows_the_list_to_one_unit(world, login):
    for person in (world.office_person, world.division_person, world.team_person):
        rate(person, 2025)
    client = login(world.secretariat)

    response = due_page(client, year=2025, unit=world.division.pk)

    assert count_of(response, LDTT, "eligible") == 2  # the division and its team
    assert listed(client, LDTT, "eligible", year=2025, unit=world.division.pk) == [
        "Đặng Thị Hương",
        "Lê Văn Minh",
    ]
    assert response.context["unit"] == world.division
    assert DueSnapshot.objects.count() == 1  # one list of the agency, narrowed in SQL


def test_the_units_of_an_award_are_counted(world, login):
    for person in (world.office_person, world.division_person, world.team_person):
        rate(person, 2025)

    response = due_page(login(world.secretariat), year=2025, award=LDTT, group="eligible")

    units = [(row["unit__name"], row["eligible"]) for row in response.context["units_page"]]
    assert sorted(units) == [("Phòng Kế hoạch", 1), ("Tổ Kế hoạch", 1), ("Văn phòng", 1)]
    assert f"unit={world.team.pk}&amp;award={LDTT}&amp;group=eligible" in response.content.decode()


def test_over_the_cap_of_2021_is_marked_women_first(world, login, english):
    for person in (world.office_person, world.division_person, world.team_person):
        rate(person, 2021)
    initiative(world.division_person, 2021)

    response = due_page(login(world.secretariat), year=2021, award=CSTD, group="eligible")

    (row,) = response.context["rows_page"]
    assert row.name == "Lê Văn Minh" and row.over_cap is True  # 15 % of 3 people: nobody
    html = response.content.decode()
    assert 'data-testid="over-cap"' in html and "over the cap" in html
    assert "Không quá 15% số người đạt “Lao động tiên tiến” của cơ quan, tức 0 người" in html


def test_history_before_a_merger_is_read_through_the_lineage(world, login):
    merged = AgencyFactory(name="Sở Hợp nhất", symbol="SHN")
    Agency.objects.filter(pk=world.agency.pk).update(successor=merged, valid_to=D(2025, 6, 30))
    reader = account_with_role(Role.SECRETARIAT, agency=merged, username="thuongtruc-moi")
    rate(world.office_person, 2021)
    client = login(reader)

    response = due_page(client, year=2021)

    assert response.context["agency"] == merged
    assert listed(client, LDTT, "eligible", year=2021) == ["Trần Thị Lan"]


def test_nobody_due_says_so(world, login):
    empty = UnitFactory(agency=world.agency, name="Phòng Mới", symbol="PM")
    head = account_with_role(Role.UNIT_HEAD, unit=empty, username="truongphongmoi")

    response = due_page(login(head), year=2025)

    assert response.context["dues"] == []
    assert 'data-testid="nobody-due"' in response.content.decode()


def test_the_rows_come_fifty_a_page_and_alone_to_htmx(world, login):
    many_people(world.office, 60, 2025)
    client = login(world.secretariat)

    first = due_page(client, year=2025, award=LDTT, group="eligible")
    second = client.get(
        reverse("awards:due"),
        {"year": 2025, "award": LDTT, "group": "eligible", "page": 2},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="due-rows",
    )

    assert len(first.context["rows_page"]) == 50 and first.context["rows_page"].paginator.count == 60
    names = [row.name for row in second.context["rows_page"]]
    assert len(names) == 10 and names[-1] == "Nguyễn Văn Tên0059"
    html = second.content.decode()
    assert html.lstrip().startswith('<div id="due-rows">') and "<html" not in html
    assert 'hx-target="#due-rows"' in html and "page=1" in html


@pytest.mark.parametrize("count", [1, 200])
def test_the_page_and_its_list_cost_the_same_queries_for_1_or_200_people(
    world, login, django_assert_num_queries, count
):
    many_people(world.division, count, 2025)
    client = login(world.secretariat)
    due_page(client, year=2025)  # the list is computed (at once in the tests) and stored

    # account, the agency (scope) and the agencies she may choose from; the first year of the rules; the
    # versions, the agency's recent lists (the whole agency's counts are stored with the list); the awards
    with django_assert_num_queries(7):
        counts = due_page(client, year=2025)
    # … and the award (form), the rows and their number, the units with their counts (one query)
    with django_assert_num_queries(11):
        drilled = due_page(client, year=2025, award=LDTT, group="eligible")
    # an officer: account, her first unit (scope), the first year, the versions, the recent lists; her units'
    # counts by an SQL aggregate, their awards
    officer = login(world.officer)
    due_page(officer, year=2025)
    with django_assert_num_queries(7):
        narrowed = due_page(officer, year=2025)

    assert count_of(counts, LDTT, "eligible") == count
    assert len(drilled.context["rows_page"]) == min(count, 50)
    assert count_of(narrowed, LDTT, "eligible") == count


@pytest.mark.parametrize("count", [1, 200])
def test_the_partials_cost_the_same_queries_for_1_or_200_people_and_units(
    world, login, django_assert_num_queries, count
):
    for n in range(count):
        UnitFactory(agency=world.agency, name=f"Tổ công tác số {n}", symbol=f"TCT{n}")
    many_people(world.division, count, 2025)
    client = login(world.secretariat)
    shown = due_page(client, year=2025).context["state"].shown
    client.get(reverse("awards:due_export"), {"year": 2025})  # the file, written at once in the tests
    htmx = {"HTTP_HX_REQUEST": "true"}
    rows = {"year": 2025, "award": LDTT, "group": "eligible", "page": 2}

    # account, agency (scope), the agencies she may choose from, the first year of the rules, the award; the
    # versions, the recent lists; the rows and their number (no counts, no units: the rows alone)
    with django_assert_num_queries(9):
        client.get(reverse("awards:due"), rows, HTTP_HX_TARGET="due-rows", **htmx)
    # account, agency, agencies, first year; versions, the recent lists
    with django_assert_num_queries(6):
        client.get(reverse("awards:due_status"), {"year": 2025, "shown": shown.pk}, **htmx)
    # … and the file
    with django_assert_num_queries(7):
        status = client.get(reverse("awards:due_file_status"), {"year": 2025}, **htmx)
    # account, agency, agencies; the matches
    with django_assert_num_queries(4):
        found = client.get(reverse("awards:due_unit_search"), {"unit-search": "to cong tac"}, **htmx)

    assert 'data-testid="download"' in status.content.decode()
    assert len(found.context["results"]) == min(count, 20)


# --- a list being computed ----------------------------------------------------------------------------------


def test_while_a_new_list_is_computed_the_last_one_is_shown_with_its_time(
    world, login, settings, english, django_capture_on_commit_callbacks, run_worker
):
    client = login(world.secretariat)
    first = due_page(client, year=2025).context["state"].shown  # computed at once (tasks run immediately)
    settings.TASKS = DB_TASKS  # from now on, queued for the worker
    with django_capture_on_commit_callbacks(execute=True):
        rate(world.office_person, 2025)  # the record changes: the list is out of date

    response = due_page(client, year=2025)

    state = response.context["state"]
    assert state.shown == first and state.running is not None and state.running.status == "building"
    html = response.content.decode()
    assert 'data-testid="computing"' in html and "Computing the list… (0 %)" in html
    assert f'hx-get="{reverse("awards:due_status")}?agency={world.agency.pk}&amp;year=2025&amp;unit=' in html
    assert first.computed_at.astimezone(timezone.get_current_timezone()).strftime("%H:%M %d/%m/%Y") in html
    assert count_of(response, LDTT, "eligible") == 0  # the old figures, meanwhile

    polled = client.get(reverse("awards:due_status"), {"year": 2025, "shown": first.pk})
    assert polled.status_code == 200 and 'data-testid="computing"' in polled.content.decode()

    run_worker()

    ready = client.get(reverse("awards:due_status"), {"year": 2025, "shown": first.pk})
    assert ready.status_code == 204 and ready["HX-Refresh"] == "true"
    after = due_page(client, year=2025)
    assert after.context["state"].fresh and count_of(after, LDTT, "eligible") == 1
    assert list(DueSnapshot.objects.values_list("pk", flat=True)) == [state.running.pk]  # the old one is gone


def test_the_secretariat_computes_the_list_again(world, login):
    client = login(world.secretariat)
    first = due_page(client, year=2025).context["state"].shown

    response = client.post(f"{reverse('awards:due_recompute')}?agency={world.agency.pk}", {"year": 2025})

    assert response.status_code == 302 and response["Location"].endswith("year=2025&unit=")
    again = DueSnapshot.objects.get()
    assert again.pk != first.pk and again.refresh == 1 and again.status == "ready"


def test_only_the_agencys_managers_compute_again(world, login):
    due_page(login(world.officer), year=2025)

    response = login(world.officer).post(reverse("awards:due_recompute"), {"year": 2025})

    assert response.status_code == 403 and DueSnapshot.objects.get().refresh == 0
    assert 'data-testid="recompute"' not in due_page(login(world.officer), year=2025).content.decode()


# --- the unit picker, every check on demand, permission -----------------------------------------------------


def test_the_unit_picker_finds_units_by_name_without_accents(world, login):
    for n in range(30):
        UnitFactory(agency=world.agency, name=f"Tổ công tác số {n}", symbol=f"TCT{n}")

    response = login(world.secretariat).get(reverse("awards:due_unit_search"), {"unit-search": "to cong tac"})

    assert len(response.context["results"]) == 20 and response.context["more"] is True
    html = response.content.decode()
    assert html.count('name="unit"') == 21  # "All units" and 20 matches, never the whole list
    page = due_page(login(world.secretariat), year=2025)
    assert "Tổ công tác số" not in page.content.decode()  # the page itself lists no unit


def test_the_unit_picker_keeps_to_the_officers_units(world, login):
    response = login(world.officer).get(reverse("awards:due_unit_search"), {"unit-search": "phong"})

    assert [unit.name for unit, _label in response.context["results"]] == ["Phòng Kế hoạch"]
    chosen = login(world.officer).get(reverse("awards:due_unit_search"), {"unit": world.office.pk})
    assert chosen.context["chosen"] is None  # a unit outside her reach is not shown as chosen


def test_the_unit_picker_works_without_script(world, login):
    response = due_page(login(world.secretariat), year=2025, **{"unit-search": "ke hoach"})

    html = response.content.decode()
    assert (
        f'name="unit" value="{world.division.pk}"' in html and f'name="unit" value="{world.team.pk}"' in html
    )
    assert f'name="unit" value="{world.office.pk}"' not in html


def test_every_check_of_a_row_is_judged_on_demand(world, login):
    rate(world.division_person, 2025)
    client = login(world.secretariat)
    due_page(client, year=2025)
    entry = DueEntry.objects.get(person=world.division_person, award__code=LDTT)

    response = client.get(f"{reverse('awards:due_checks')}?entry={entry.pk}", HTTP_HX_REQUEST="true")

    assert response.context["verdict"].award.code == LDTT and response.context["verdict"].is_eligible
    html = response.content.decode()
    assert 'data-testid="checks"' in html and "<html" not in html
    assert login(world.officer).get(f"{reverse('awards:due_checks')}?entry={entry.pk}").status_code == 200
    office = DueEntry.objects.filter(unit=world.office).first()
    assert login(world.officer).get(f"{reverse('awards:due_checks')}?entry={office.pk}").status_code == 404


@pytest.mark.parametrize(
    "name",
    [
        "awards:due",
        "awards:due_status",
        "awards:due_export",
        "awards:due_file_status",
        "awards:due_unit_search",
    ],
)
def test_staff_without_a_role_is_refused_before_anything(world, login, name):
    response = login(world.staff).get(reverse(name), {"year": 2025})

    assert response.status_code == 403 and not DueSnapshot.objects.exists()


def test_another_agencys_row_is_out_of_reach(world, login):
    rate(world.other_person, 2025)
    due_page(login(world.admin), agency=world.other_agency.pk, year=2025)
    entry = DueEntry.objects.filter(snapshot__agency=world.other_agency).first()

    response = login(world.secretariat).get(f"{reverse('awards:due_checks')}?entry={entry.pk}")

    assert response.status_code == 404


# --- an administrator reads every agency: she chooses which -------------------------------------------------


def test_the_administrator_chooses_the_agency_of_the_due_list(world, login):
    client = login(world.admin)
    first = due_page(client, year=2025)
    assert first.context["agency"] == world.other_agency  # "Sở Khác", the first by name
    rate(world.division_person, 2024, Rating.EXCELLENT)
    rate(world.division_person, 2025)
    record(world, world.division_person, CSTD, 2024)
    initiative(world.division_person, 2025)

    response = due_page(client, agency=world.agency.pk, year=2025)

    assert response.context["agency"] == world.agency
    assert "Lê Văn Minh" in listed(client, CSTD, "eligible", agency=world.agency.pk, year=2025)
    html = response.content.decode()
    assert f'<option value="{world.agency.pk}" selected>Sở Thử nghiệm</option>' in html
    assert f'<option value="{world.other_agency.pk}">Sở Khác</option>' in html
    assert f"{reverse('awards:due_export')}?agency={world.agency.pk}&amp;year=2025" in html


def test_a_reader_of_one_agency_is_offered_no_choice_and_cannot_force_another(world, login):
    response = due_page(login(world.secretariat), agency=world.other_agency.pk, year=2025)

    assert response.context["agency"] == world.agency
    assert 'name="agency"' not in response.content.decode()
