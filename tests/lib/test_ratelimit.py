import pytest
from axes.models import AccessAttempt
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from accounts.domain import issue_api_token
from activity.models import ActivityLog
from lib import ratelimit
from thidua.settings import envrate

WINDOW_START = 1_800_000_000 - 1_800_000_000 % 3600  # a multiple of every window used here
OTHER_ADDRESS = "198.51.100.77"


@pytest.fixture
def clock(monkeypatch):
    """clock.now: the time the rate limits read, 10 s into a window (so Retry-After is seconds - 10)."""

    class Clock:
        now = WINDOW_START + 10

    monkeypatch.setattr(ratelimit, "_clock", lambda: Clock.now)
    return Clock


def throttled_rows():
    return list(ActivityLog.objects.filter(action="security.throttled"))


def assert_refused(response, seconds_left: int):
    assert response.status_code == 429
    assert response["Retry-After"] == str(seconds_left) and int(response["Retry-After"]) > 0


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("get", "/api/v1/people", ["api"]),
        ("get", "/api/v1/nowhere", ["api"]),
        ("get", "/api/v1/documents/1/pdf", ["api", "render"]),
        ("get", "/api/v1/documents/1/docx", ["api", "render"]),
        ("post", "/accounts/login/", ["login"]),
        ("get", "/accounts/login/", []),
        ("post", "/admin/login/", ["login"]),
        ("get", "/app/documents/1/pdf/", ["render"]),
        ("get", "/app/documents/1/docx/", ["render"]),
        ("get", "/app/registrations/round/1/annex.pdf", ["render"]),
        ("get", "/app/units/export/", ["export"]),
        ("get", "/app/people/unit-ratings/export/", ["export"]),
        ("get", "/app/awards/due/export.xlsx", ["export"]),
        ("get", "/app/registrations/round/1/export.xlsx", ["export"]),
        ("get", "/app/units/", []),
        ("post", "/app/documents/1/revoke/", []),
        ("get", "/nowhere/", []),
    ],
)
def test_each_request_counts_in_its_buckets(method, path, expected):
    assert ratelimit.buckets_for(getattr(RequestFactory(), method)(path)) == expected


def test_api_calls_over_an_accounts_limit_are_refused_in_vietnamese(login, world, settings, clock):
    settings.THIDUA_RATE_LIMITS = {"api": {"user": (3, 60), "address": (100, 60)}}
    client = login(world.staff)
    assert [client.get("/api/v1/agencies").status_code for _ in range(3)] == [200, 200, 200]
    refused = [client.get("/api/v1/agencies") for _ in range(2)]
    assert_refused(refused[0], 50)
    assert refused[0].json() == {"detail": "Bạn đã gửi quá nhiều yêu cầu. Hãy thử lại sau 50 giây."}
    assert refused[1].status_code == 429
    # Another account from the same address is not affected.
    assert login(world.secretariat).get("/api/v1/agencies").status_code == 200
    # The log has the first refusal of the window only, with the account, its agency and the address.
    [row] = throttled_rows()
    assert (row.actor, row.agency, row.ip_address) == (world.staff, world.agency, "127.0.0.1")
    assert row.data["extra"] | {} == {
        "bucket": "api",
        "counted_per": "user",
        "requests": 3,
        "seconds": 60,
        "method": "GET",
        "path": "/api/v1/agencies",
        "view": row.data["extra"]["view"],
    }


def test_api_calls_over_an_addresss_limit_are_refused_whoever_calls(client, db, settings, clock):
    settings.THIDUA_RATE_LIMITS = {"api": {"user": (100, 60), "address": (3, 60)}}
    answers = [client.get("/api/v1/people", REMOTE_ADDR="203.0.113.5").status_code for _ in range(4)]
    assert answers == [401, 401, 401, 429]
    assert client.get("/api/v1/people", REMOTE_ADDR=OTHER_ADDRESS).status_code == 401
    [row] = throttled_rows()
    assert (row.actor, row.ip_address, row.data["extra"]["counted_per"]) == (None, "203.0.113.5", "address")


def test_each_api_token_is_counted_on_its_own(client, world, settings, clock):
    settings.THIDUA_RATE_LIMITS = {"api": {"user": (2, 60), "address": (100, 60)}}
    first, second = (issue_api_token(actor=None, user=world.staff, name=name)[1] for name in ("a", "b"))

    def call(token):
        return client.get("/api/v1/agencies", HTTP_AUTHORIZATION=f"Bearer {token}").status_code

    assert [call(first), call(first), call(first)] == [200, 200, 429]
    assert call(second) == 200
    first_key, second_key = (
        ratelimit.identities(RequestFactory().get("/", HTTP_AUTHORIZATION=f"Bearer {token}"))["user"]
        for token in (first, second)
    )
    assert first_key != second_key and first not in first_key


def test_an_address_spraying_usernames_at_the_login_is_throttled(client, world, settings, clock):
    settings.THIDUA_RATE_LIMITS = {"login": {"address": (3, 300)}}
    answers = [
        client.post("/accounts/login/", {"username": f"nobody{n}", "password": "sai-mat-khau"})
        for n in range(5)
    ]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429, 429]
    assert_refused(answers[3], 290)
    assert "Bạn đã gửi quá nhiều yêu cầu. Hãy thử lại sau 290 giây." in answers[3].content.decode()
    assert answers[3].templates[0].name == "429.html"
    # The refused attempts never reached the authentication; the page itself stays open.
    assert AccessAttempt.objects.count() == 3
    assert client.get("/accounts/login/").status_code == 200
    # Someone else, elsewhere, signs in.
    other = client.post(
        "/accounts/login/", {"username": "nhanvien", "password": "wrong"}, REMOTE_ADDR=OTHER_ADDRESS
    )
    assert other.status_code == 200 and AccessAttempt.objects.count() == 4
    [row] = throttled_rows()
    assert (row.actor, row.data["extra"]["bucket"]) == (None, "login")
    assert row.data["extra"]["view"] == "accounts:login"


def test_pdf_and_docx_rendering_is_limited_per_account(login, world, settings, clock):
    settings.THIDUA_RATE_LIMITS = {"render": {"user": (2, 60), "address": (100, 60)}}
    client = login(world.staff)
    answers = [client.get(f"/app/documents/999999/{kind}/") for kind in ("pdf", "docx", "pdf")]
    assert [answer.status_code for answer in answers] == [404, 404, 429]
    assert_refused(answers[2], 50)
    assert login(world.secretariat).get("/app/documents/999999/pdf/").status_code == 404
    [row] = throttled_rows()
    assert (row.actor, row.data["extra"]["bucket"]) == (world.staff, "render")


def test_exports_are_limited_per_account_and_per_address(login, world, settings, clock):
    settings.THIDUA_RATE_LIMITS = {"export": {"user": (1, 60), "address": (3, 60)}}
    client = login(world.secretariat)
    first, second = client.get("/app/units/export/"), client.get("/app/units/export/")
    assert first.status_code == 200 and first["Content-Type"].startswith("application/vnd.openxmlformats")
    assert_refused(second, 50)
    # The administrator, from the same address, has the address's third request (the refused one counted).
    admin = login(world.admin)
    assert [admin.get("/app/units/export/").status_code for _ in range(2)] == [200, 429]
    # the account's limit
    assert admin.get("/app/units/export/", REMOTE_ADDR=OTHER_ADDRESS).status_code == 429
    assert sorted(row.data["extra"]["counted_per"] for row in throttled_rows()) == ["address", "user", "user"]


def test_the_window_resets(login, world, settings, clock):
    settings.THIDUA_RATE_LIMITS = {"api": {"user": (1, 60)}}
    client = login(world.staff)
    assert [client.get("/api/v1/agencies").status_code for _ in range(2)] == [200, 429]
    clock.now += 49
    assert_refused(client.get("/api/v1/agencies"), 1)
    clock.now += 1  # the next window
    assert [client.get("/api/v1/agencies").status_code for _ in range(2)] == [200, 429]
    assert len(throttled_rows()) == 2  # once per window


def test_no_limits_when_the_setting_is_empty(login, world, settings, clock):
    settings.THIDUA_RATE_LIMITS = {}
    client = login(world.staff)
    assert {client.get("/api/v1/agencies").status_code for _ in range(20)} == {200}
    assert throttled_rows() == []


def test_the_html_page_follows_the_language(login, world, settings, clock, english):
    settings.THIDUA_RATE_LIMITS = {"render": {"user": (1, 60)}}
    client = login(world.staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.get("/app/documents/999999/pdf/")
    response = client.get("/app/documents/999999/pdf/")
    assert_refused(response, 50)
    assert "You have sent too many requests. Try again in 50 seconds." in response.content.decode()


@pytest.mark.parametrize(("value", "expected"), [("120/60", (120, 60)), (" 5/1 ", (5, 1)), ("off", None)])
def test_envrate_reads_requests_per_seconds(monkeypatch, value, expected):
    monkeypatch.setenv("THIDUA_TEST_RATE", value)
    assert envrate("THIDUA_TEST_RATE", "1/1") == expected


@pytest.mark.parametrize("value", ["120", "0/60", "10/0", "ten/60", "-1/60", "1.5/60", ""])
def test_envrate_refuses(monkeypatch, value):
    monkeypatch.setenv("THIDUA_TEST_RATE", value)
    with pytest.raises(ImproperlyConfigured, match="THIDUA_TEST_RATE"):
        envrate("THIDUA_TEST_RATE", "1/1")
