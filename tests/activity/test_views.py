import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from activity.domain import log_action
from activity.models import ActivityLog
from tests.factories import AgencyFactory, PersonFactory, UnitFactory, UserFactory


def logged(*, actor, action, target, agency, when=None, before=None, after=None) -> ActivityLog:
    entry = log_action(actor=actor, action=action, target=target, agency=agency, before=before, after=after)
    if when is not None:
        ActivityLog.objects.filter(pk=entry.pk).update(created_at=when)
    return entry


def at(day: str) -> dt.datetime:
    return timezone.make_aware(dt.datetime.strptime(f"{day} 10:00", "%d/%m/%Y %H:%M"))


@pytest.fixture
def entries(world):
    return {
        "rename": logged(
            actor=world.secretariat,
            action="people.person.updated",
            target=world.office_person,
            agency=world.agency,
            when=at("05/03/2025"),
            before={"given_name": "Lan", "phone": ""},
            after={"given_name": "Lân", "phone": ""},
        ),
        "unit": logged(
            actor=world.admin,
            action="organisations.unit.updated",
            target=world.division,
            agency=world.agency,
            when=at("10/03/2025"),
        ),
        "grant": logged(
            actor=world.admin,
            action="accounts.role.granted",
            target=world.staff,
            agency=world.agency,
            when=at("20/03/2025"),
        ),
        "elsewhere": logged(
            actor=world.admin,
            action="people.person.updated",
            target=world.other_person,
            agency=world.other_agency,
            when=at("21/03/2025"),
        ),
    }


def listed(response):
    return [entry.pk for entry in response.context["page"]]


def test_secretariat_sees_its_agency_newest_first(world, login, entries):
    response = login(world.secretariat).get(reverse("activity:list"))

    assert listed(response) == [entries["grant"].pk, entries["unit"].pk, entries["rename"].pk]


def test_installation_admin_sees_every_agency(world, login, entries):
    response = login(world.admin).get(reverse("activity:list"))

    assert listed(response)[0] == entries["elsewhere"].pk
    assert len(listed(response)) == 4


@pytest.mark.parametrize("persona", ["staff", "head", "officer", "leader", "council"])
def test_other_roles_may_not_read_the_log(world, login, entries, persona):
    response = login(getattr(world, persona)).get(reverse("activity:list"))

    assert response.status_code == 403
    assert response.context is None or "page" not in response.context


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"action": "people."}, ["rename"]),
        ({"action": "accounts.role"}, ["grant"]),
        ({"actor": "thuongtruc"}, ["rename"]),
        ({"target": "phòng kế"}, ["unit"]),
        ({"date_from": "10/03/2025"}, ["grant", "unit"]),
        ({"date_to": "10/03/2025"}, ["unit", "rename"]),
        ({"date_from": "06/03/2025", "date_to": "19/03/2025"}, ["unit"]),
    ],
)
def test_filters(world, login, entries, params, expected):
    response = login(world.secretariat).get(reverse("activity:list"), params)

    assert listed(response) == [entries[name].pk for name in expected]


def test_filter_by_agency(world, login, entries):
    response = login(world.admin).get(reverse("activity:list"), {"agency": world.other_agency.pk})

    assert listed(response) == [entries["elsewhere"].pk]


def test_agency_filter_offers_only_visible_agencies(world, login, entries):
    response = login(world.secretariat).get(reverse("activity:list"))

    assert list(response.context["form"].fields["agency"].queryset) == [world.agency]


def test_invalid_date_is_reported_and_ignored(world, login, entries):
    response = login(world.secretariat).get(reverse("activity:list"), {"date_from": "31/02/2025"})

    assert "date_from" in response.context["form"].errors
    assert len(listed(response)) == 3


def test_end_before_start_is_an_error(world, login, entries):
    response = login(world.secretariat).get(
        reverse("activity:list"), {"date_from": "20/03/2025", "date_to": "01/03/2025"}
    )

    assert "date_to" in response.context["form"].errors


def test_changes_show_before_and_after(world, login, entries):
    response = login(world.secretariat).get(reverse("activity:list"), {"action": "people."})

    html = response.content.decode()
    assert entries["rename"].changes == [("given_name", "Lan", "Lân")]
    assert "<del>Lan</del> → <ins>Lân</ins>" in html
    assert "05/03/2025" in html


def test_empty_values_of_a_new_object_are_left_out(world, login):
    log_action(
        actor=world.admin,
        action="accounts.account.created",
        target=world.staff,
        agency=world.agency,
        after={"username": "nhanvien", "last_name": "", "is_active": False},
    )

    html = login(world.secretariat).get(reverse("activity:list")).content.decode()

    assert "<ins>nhanvien</ins>" in html
    assert "<ins>không</ins>" in html  # is_active False, as a person reads it
    assert 'change-field">Họ<' not in html and "last_name" not in html


def test_htmx_renders_only_the_results(world, login, entries):
    response = login(world.secretariat).get(
        reverse("activity:list"), {"action": "people."}, HTTP_HX_REQUEST="true"
    )

    html = response.content.decode()
    assert "<html" not in html
    assert "people.person.updated" in html
    assert listed(response) == [entries["rename"].pk]


def test_pagination(world, login):
    for n in range(51):
        log_action(actor=world.admin, action=f"test.thing.{n}", agency=world.agency)

    response = login(world.secretariat).get(reverse("activity:list"), {"page": 2})

    assert [entry.action for entry in response.context["page"]] == ["test.thing.0"]
    assert response.context["page"].paginator.num_pages == 2


@pytest.mark.parametrize("count", [1, 3])
def test_query_count_does_not_grow_with_rows(db, client, django_assert_num_queries, count):
    admin = UserFactory(is_superuser=True)
    for n in range(count):
        actor = UserFactory()
        log_action(
            actor=actor,
            action="people.person.updated",
            target=actor,
            agency=AgencyFactory(),
            before={"email": ""},
            after={"email": f"{n}@x.vn"},
        )
    client.force_login(admin)

    # account, scope (the session: cached_db, in the cache), agencies of the filter, count, page (actor and
    # agency joined)
    with django_assert_num_queries(6):
        response = client.get(reverse("activity:list"))

    assert len(response.context["page"]) == count


@pytest.mark.parametrize("query", ["Đỗ Thường", "do thuong", "DO", "thuongtruc"])
def test_actor_filter_ignores_accents_and_case(world, login, entries, query):
    world.secretariat.last_name, world.secretariat.first_name = "Đỗ Văn", "Thường"
    world.secretariat.save()

    response = login(world.secretariat).get(reverse("activity:list"), {"actor": query})

    assert listed(response) == [entries["rename"].pk]


@pytest.mark.parametrize("count", [1, 3])
def test_query_count_does_not_grow_with_the_objects_the_rows_name(
    db, client, django_assert_num_queries, count
):
    admin = UserFactory(is_superuser=True)
    for _n in range(count):
        unit = UnitFactory()
        person = PersonFactory(agency=unit.agency)
        after = {"unit": unit.pk, "position": "Chuyên viên"}
        log_action(
            actor=None, action="people.assignment.started", target=person, agency=unit.agency, after=after
        )
        award = {"award": "lao-dong-tien-tien", "amount": 390000}
        log_action(actor=None, action="awards.record.created", target=person, agency=unit.agency, after=award)
    client.force_login(admin)

    # as above, and one query per kind of object the rows name (units, awards), whatever the number of rows
    with django_assert_num_queries(8):
        response = client.get(reverse("activity:list"))

    html = response.content.decode()
    assert html.count("<ins>Lao động tiên tiến</ins>") == count
    assert html.count("<ins>390.000 đồng</ins>") == count
    assert "lao-dong-tien-tien" not in html


def test_the_agency_filter_hides_merged_agencies_unless_asked(client, world):
    merged = AgencyFactory(name="Sở đã sáp nhập", valid_to=dt.date(2025, 2, 28))
    client.force_login(world.admin)

    offered = list(client.get(reverse("activity:list")).context["form"].fields["agency"].queryset)
    asked = client.get(reverse("activity:list"), {"closed": "on"}).context["form"].fields["agency"].queryset

    assert world.agency in offered and merged not in offered
    assert merged in list(asked)


def test_the_log_shows_the_client_address_to_its_readers(world, login, entries):
    ActivityLog.objects.filter(pk=entries["rename"].pk).update(ip_address="198.51.100.23")
    response = login(world.secretariat).get(reverse("activity:list"))

    html = response.content.decode()
    assert ">Địa chỉ IP</th>" in html
    assert '<td data-label="Địa chỉ IP" data-testid="entry-address">198.51.100.23</td>' in html
    assert html.count('data-testid="entry-address">—</td>') == 2  # the rows written with no request


def test_an_objects_history_shows_no_address(world, login):
    client = login(world.secretariat)
    client.post(
        reverse("organisations:edit", args=[world.team.pk]),
        {
            "name": "Tổ Kế hoạch mới",
            "symbol": "TKH",
            "parent": world.division.pk,
            "kind": world.team.kind,
            "position": 0,
        },
    )
    entry = ActivityLog.objects.get(action="organisations.unit.updated")
    assert entry.ip_address == "127.0.0.1"

    html = login(world.staff).get(reverse("organisations:detail", args=[world.team.pk])).content.decode()
    assert "Tổ Kế hoạch mới" in html and "entry-address" not in html and "127.0.0.1" not in html
