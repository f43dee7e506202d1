import datetime as dt

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from activity.domain import log_action
from lib.panels import panels_for
from movements.models import Registration, RegistrationStatus
from people.models import Assignment, Gender, QualityRating, Rating, StaffCategory
from tests.factories import RoundFactory, account_with_role, staff_in

LAST_YEAR = timezone.localdate().year - 1


# The home page's panels (lib/panels.py), by template: the section each one shows, and for a list the key of
# its rows in the panel's context.
SECTIONS = {
    "accounts/_home_overview.html": ("admin", None),
    "people/_home_agency.html": ("agency", None),
    "people/_home_units.html": ("units", "rows"),
    "people/_home_me.html": ("me", None),
    "movements/_home_emulation.html": ("emulation", None),
    "accounts/_home_roles.html": ("grants", "grants"),
    "publishing/_home_portal.html": ("portal", None),
}


def sections(panels) -> dict:
    """{section: its figures} of the home page's panels; a panel of an unknown template under its name."""
    board = {}
    for p in panels:
        name, rows = SECTIONS.get(p.template, (p.template, None))
        board[name] = p.context[rows] if rows else p.context
    return board


def dashboard(user):
    request = RequestFactory().get(reverse("home"))
    request.user = user
    return sections(panels_for("home", request))


def counts(pairs):
    return [count for _label, count in pairs]


@pytest.fixture
def figures(world):
    """A leader, a female public employee, ratings of last year (one elsewhere, one older)."""
    Assignment.objects.filter(person=world.division_person).update(
        is_leadership=True, position="Trưởng phòng"
    )
    world.team_person.gender = Gender.FEMALE
    world.team_person.staff_category = StaffCategory.PUBLIC_EMPLOYEE
    world.team_person.save()
    QualityRating.objects.create(person=world.office_person, year=LAST_YEAR, rating=Rating.EXCELLENT)
    QualityRating.objects.create(person=world.team_person, year=LAST_YEAR, rating=Rating.GOOD)
    QualityRating.objects.create(person=world.office_person, year=LAST_YEAR - 1, rating=Rating.GOOD)
    QualityRating.objects.create(person=world.other_person, year=LAST_YEAR, rating=Rating.COMPLETED)
    return world


def test_admin_sees_installation_counts_and_latest_activity(figures):
    entry = log_action(actor=figures.admin, action="people.person.updated", target=figures.office_person)

    board = dashboard(figures.admin)

    admin = board["admin"]
    assert (admin["agencies"], admin["units"], admin["people"], admin["accounts"]) == (2, 4, 4, 8)
    assert admin["activity"] == [entry]
    assert "agency" not in board
    assert "me" not in board


@pytest.mark.parametrize("persona", ["secretariat", "leader", "council"])
def test_agency_roles_see_agency_figures(figures, persona):
    board = dashboard(getattr(figures, persona))

    agency = board["agency"]
    assert agency["agencies"] == [figures.agency]
    assert (agency["staff"], agency["leaders"]) == (3, 1)
    assert counts(agency["by_gender"]) == [2, 1]
    assert counts(agency["by_category"]) == [2, 1, 0, 0]
    assert agency["rating_year"] == LAST_YEAR
    assert counts(agency["ratings"]) == [1, 1, 0, 0]
    assert "admin" not in board
    assert "units" not in board


def test_agency_figures_leave_out_people_no_longer_in_post(figures):
    Assignment.objects.filter(person=figures.office_person).update(end_date=dt.date(2020, 12, 31))

    agency = dashboard(figures.secretariat)["agency"]

    assert agency["staff"] == 2
    assert counts(agency["ratings"]) == [0, 1, 0, 0]


@pytest.mark.parametrize(("persona", "can_edit"), [("head", False), ("officer", True)])
def test_unit_roles_see_their_units_with_people_counts(figures, persona, can_edit):
    staff_in(figures.team, given_name="Mai")

    rows = dashboard(getattr(figures, persona))["units"]

    assert [(row["unit"], row["people"], row["can_edit"]) for row in rows] == [
        (figures.division, 1, can_edit),
        (figures.team, 2, can_edit),
    ]


def test_staff_sees_own_record(figures):
    board = dashboard(figures.staff)

    me = board["me"]
    assert me["person"] == figures.office_person
    assert (me["assignment"].unit, me["assignment"].position) == (figures.office, "Chuyên viên")
    assert [(r.year, r.rating) for r in me["ratings"]] == [
        (LAST_YEAR, Rating.EXCELLENT),
        (LAST_YEAR - 1, Rating.GOOD),
    ]
    assert set(board) == {"grants", "me", "emulation"}
    assert board["emulation"] == {"ongoing": 0}  # a staff member neither reviews nor compiles


def test_portal_editor_sees_only_roles(world):
    board = dashboard(world.editor)

    assert set(board) == {"grants", "emulation", "portal"}
    assert [g.role for g in board["grants"]] == [Role.PORTAL_EDITOR]
    assert board["portal"] == {"published": 0, "drafts": 0, "latest": []}


def test_home_page_links_each_section(figures, client):
    client.force_login(figures.officer)

    html = client.get(reverse("home")).content.decode()

    assert reverse("organisations:detail", args=[figures.division.pk]) in html
    assert reverse("organisations:detail", args=[figures.team.pk]) in html
    assert 'data-testid="dashboard-me"' not in html


def test_home_page_of_staff_links_own_record(figures, client):
    client.force_login(figures.staff)

    html = client.get(reverse("home")).content.decode()

    assert reverse("people:detail", args=[figures.office_person.pk]) in html
    assert "Văn phòng" in html
    assert 'data-testid="dashboard-agency"' not in html


def test_home_page_of_secretariat_shows_figures(figures, client):
    client.force_login(figures.secretariat)

    response = client.get(reverse("home"))

    html = response.content.decode()
    assert 'data-testid="dashboard-agency"' in html
    assert str(LAST_YEAR) in html
    assert sections(response.context["panels"])["agency"]["staff"] == 3


def add_rows(world, count):
    for n in range(count):
        person = staff_in(world.division, given_name=f"Thêm {n}")
        QualityRating.objects.create(person=person, year=LAST_YEAR, rating=Rating.GOOD)
        account_with_role(Role.STAFF, person=person)
        log_action(actor=world.admin, action="people.person.created", target=person, agency=world.agency)


@pytest.mark.parametrize("count", [1, 200])
@pytest.mark.parametrize(
    ("persona", "queries"),
    # After the first request (the scope, the staff figures and the unread count kept in the cache): the
    # session (cached_db: in the cache) and the account, then the cards and one COUNT per to-do task the
    # persona may have (documents, dissemination, registrations) — the nominations' tasks one query per role
    # (appraiser, unit officer, nominee); the council's: the meetings the persona runs (one query), the
    # ballots waiting for her vote (one, for a person of the staff) and the card of coming meetings (one); the
    # decisions': those signed off waiting for their number, and the revoked awards overdue (managers).
    [("admin", 18), ("secretariat", 13), ("officer", 9), ("staff", 13)],
)
def test_home_query_count_does_not_grow_with_rows(
    world, client, django_assert_num_queries, count, persona, queries
):
    add_rows(world, count)
    client.force_login(getattr(world, persona))
    client.get(reverse("home"))

    with django_assert_num_queries(queries):
        response = client.get(reverse("home"))

    board = sections(response.context["panels"])
    grown = {
        "admin": lambda: board["admin"]["people"] == 4 + count,
        "secretariat": lambda: board["agency"]["staff"] == 3 + count,
        "officer": lambda: board["units"][0]["people"] == 1 + count,
        "staff": lambda: board["me"]["person"] == world.office_person,
    }
    assert grown[persona]()


def test_emulation_section_counts_waiting_registrations_and_lists_open_rounds(world, client):
    round_ = RoundFactory(movement__agency=world.agency)
    Registration.objects.create(round=round_, unit=world.division, status=RegistrationStatus.SUBMITTED)
    Registration.objects.create(round=round_, unit=world.team, status=RegistrationStatus.DRAFT)
    Registration.objects.create(round=round_, unit=world.office, status=RegistrationStatus.SUBMITTED)

    secretariat = dashboard(world.secretariat)["emulation"]
    officer = dashboard(world.officer)["emulation"]

    assert secretariat["ongoing"] == 1
    assert secretariat["to_review"] == 2
    assert "to_review" not in officer
    [row] = officer["open_rounds"]
    assert (row.pk, row.mine, row.submitted) == (round_.pk, 2, 1)  # the division and its team
    client.force_login(world.officer)
    html = client.get(reverse("home")).content.decode()
    assert reverse("registrations:round", args=[round_.pk]) in html
