"""Security events in the log: a refused state change (403), once per caller and page a minute; the rate
limits' refusals are tested with the limits (tests/lib/test_ratelimit.py)."""

from django.test import Client
from django.urls import reverse

from accounts.models import User
from activity.models import ActivityLog
from activity.security import home_agency
from movements.models import Movement
from tests.factories import MovementFactory


def denied_rows():
    return list(ActivityLog.objects.filter(action="security.denied").order_by("pk"))


def test_a_refused_post_is_logged_with_the_account_the_page_and_the_address(login, world, settings):
    settings.THIDUA_CLIENT_IP_HEADER = "X-Forwarded-For"
    response = login(world.staff).post(
        "/accounts/new/?next=/secret-token-in-the-query/",
        {"username": "ke-gian"},
        headers={"X-Forwarded-For": "198.51.100.9"},
    )
    assert response.status_code == 403 and not User.objects.filter(username="ke-gian").exists()
    [row] = denied_rows()
    assert (row.actor, row.agency, row.ip_address) == (world.staff, world.agency, "198.51.100.9")
    assert row.data == {"extra": {"method": "POST", "path": "/accounts/new/", "view": "accounts:create"}}
    assert row.shown_object == "/accounts/new/"


def test_the_workflow_gates_refusal_is_logged(login, world):
    movement = MovementFactory(agency=world.agency, status="preparing")
    url = reverse("movements:move", args=[movement.pk])
    response = login(world.staff).post(url, {"to": "launched"})
    assert response.status_code == 403
    assert Movement.objects.get(pk=movement.pk).status == "preparing"
    [row] = denied_rows()
    assert (row.actor, row.data["extra"]["view"]) == (world.staff, "movements:move")
    assert row.data["extra"]["path"] == url


def test_a_repeated_refusal_is_logged_once_a_minute_and_each_page_once(login, world):
    client = login(world.staff)
    for _ in range(5):
        client.post("/accounts/new/", {})
    assert client.post(reverse("movements:create"), {}).status_code == 403
    paths = [row.data["extra"]["path"] for row in denied_rows()]
    assert paths == ["/accounts/new/", reverse("movements:create")]


def test_a_refused_read_is_not_a_security_event(login, world):
    assert login(world.staff).get("/accounts/new/").status_code == 403
    assert denied_rows() == []


def test_a_post_without_a_csrf_token_is_logged_without_an_account(db):
    response = Client(enforce_csrf_checks=True).post(
        "/accounts/login/", {"username": "admin"}, REMOTE_ADDR="203.0.113.66"
    )
    assert response.status_code == 403
    [row] = denied_rows()
    assert (row.actor, row.agency, row.ip_address) == (None, None, "203.0.113.66")
    assert row.data["extra"]["view"] == "accounts:login"


def test_the_home_agency_is_the_accounts_only_agency(world):
    assert home_agency(world.secretariat) == world.agency
    assert home_agency(world.staff) == world.agency
    assert home_agency(world.admin) is None  # the whole installation
    assert home_agency(None) is None


def test_the_security_actions_have_labels(world, login):
    login(world.staff).post("/accounts/new/", {})
    [row] = denied_rows()
    assert row.action_label == "Thao tác thay đổi bị từ chối do không có quyền"
    throttled = ActivityLog(action="security.throttled")
    assert throttled.action_label == "Gửi quá nhiều yêu cầu: vượt giới hạn tần suất"
