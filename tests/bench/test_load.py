"""bench/load.py: its parsing and bounds, and a short real run against a live server."""

import argparse
import threading
import time

import pytest
from axes.models import AccessAttempt
from django.db import connection

from bench.load import Browser, LoginFailed, Plan, Stats, csrf_token, is_loopback, person_ids, report, run
from tests.factories import PASSWORD


@pytest.mark.parametrize(
    ("host", "allowed"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("localhost", True),
        ("10.0.0.1", False),
        ("192.168.1.5", False),
        ("example.gov.vn", False),
    ],
)
def test_only_this_machine_is_a_target(host, allowed):
    assert is_loopback(host) is allowed


def test_the_csrf_token_and_the_people_are_read_from_the_pages():
    page = '<input type="hidden" name="csrfmiddlewaretoken" value="abc123">'
    assert csrf_token(page) == "abc123"
    with pytest.raises(LoginFailed):
        csrf_token("<form></form>")
    links = (
        '<a href="/app/people/12/">A</a> <a href="/app/people/7/">B</a> <a href="/app/people/12/edit/">e</a>'
    )
    assert person_ids(links) == {12, 7}


def test_the_plan_stops_at_the_request_count_across_threads():
    plan = Plan(deadline=time.monotonic() + 60, max_requests=50)
    taken = []

    def take():
        while plan.take():
            taken.append(1)

    threads = [threading.Thread(target=take) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(taken) == 50 and plan.sent == 50


def test_the_plan_stops_at_the_deadline():
    assert Plan(deadline=time.monotonic() - 1, max_requests=None).take() is False


def test_the_report_counts_requests_and_errors_by_status():
    stats = Stats()
    for seconds, status in [(0.1, 200), (0.2, 200), (0.3, 500), (0.4, "timeout")]:
        stats.record("people list", seconds, status)
    text = report(stats, seconds=2.0)
    people = next(line for line in text.splitlines() if line.startswith("people list"))
    assert people.split()[2:] == ["4", "2.0", "250", "385", "400"]
    assert text.endswith("errors by status: 500: 1, timeout: 1")
    assert stats.count == 4


def options(url: str, **changes) -> argparse.Namespace:
    host, port = url.removeprefix("http://").split(":")
    values = {
        "host": host,
        "port": int(port),
        "scheme": "http",
        "timeout": 30.0,
        "users": 3,
        "duration": 60.0,
        "requests": 12,
        "user": "thuongtruc",
        "password": PASSWORD,
    }
    return argparse.Namespace(**values | changes)


def test_users_sign_in_through_the_form_and_browse(live_server, transactional_db, world, capsys):
    # The test server shares one in-memory SQLite connection between its threads, which cannot hold
    # concurrent transactions; simultaneous users are measured on PostgreSQL.
    users = 3 if connection.vendor == "postgresql" else 1
    assert run(options(live_server.url, users=users)) == 0

    out = capsys.readouterr().out
    assert out.startswith("12 requests in ")
    assert "errors by status: none" in out
    assert {"people list", "person page", "document search"} <= {
        line[:15].strip() for line in out.splitlines()
    }


def test_a_wrong_password_stops_at_the_first_user(live_server, transactional_db, world, capsys):
    assert run(options(live_server.url, password="sai mật khẩu")) == 1

    assert "wrong username or password" in capsys.readouterr().err
    assert AccessAttempt.objects.get().failures_since_start == 1  # one failure, not one per user


def test_a_browser_keeps_its_session_cookie_and_sees_the_people(live_server, transactional_db, world):
    address = options(live_server.url)
    browser = Browser(address.host, address.port, "http", 30.0)
    browser.log_in("thuongtruc", PASSWORD)

    status, html, _ = browser.request("GET", "/app/people/")

    assert "sessionid" in browser.cookies and status == 200
    assert person_ids(html) == {world.office_person.pk, world.division_person.pk, world.team_person.pk}
