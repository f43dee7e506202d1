import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from activity.domain import log_action
from activity.models import ActivityLog
from lib.clientip import ClientIpMiddleware, client_ip, current_client_ip, valid_ip


def request_from(remote="203.0.113.7", **headers):
    return RequestFactory().get("/", REMOTE_ADDR=remote, headers=headers)


def test_without_a_configured_header_the_forwarded_one_is_ignored(settings):
    settings.THIDUA_CLIENT_IP_HEADER = ""
    assert client_ip(request_from(**{"X-Forwarded-For": "198.51.100.1"})) == "203.0.113.7"


@pytest.mark.parametrize(
    ("header", "value", "expected"),
    [
        ("X-Forwarded-For", "198.51.100.1", "198.51.100.1"),
        # The client may send its own X-Forwarded-For: only the right-most address, the proxy's, counts.
        ("X-Forwarded-For", "10.0.0.1, 192.0.2.9,198.51.100.1 ", "198.51.100.1"),
        ("X-Forwarded-For", "1.2.3.4, 2001:DB8::0:1", "2001:db8::1"),
        ("X-Real-IP", "198.51.100.2", "198.51.100.2"),
    ],
)
def test_the_configured_proxy_header_gives_the_right_most_address(settings, header, value, expected):
    settings.THIDUA_CLIENT_IP_HEADER = header
    assert client_ip(request_from(**{header: value})) == expected


@pytest.mark.parametrize("value", ["", "unknown", "198.51.100.1, not-an-ip", "198.51.100.1:443", "999.1.1.1"])
def test_a_malformed_proxy_header_falls_back_to_the_remote_address(settings, value):
    settings.THIDUA_CLIENT_IP_HEADER = "X-Forwarded-For"
    assert client_ip(request_from(**{"X-Forwarded-For": value})) == "203.0.113.7"


def test_a_missing_or_bad_remote_address_gives_nothing(settings):
    settings.THIDUA_CLIENT_IP_HEADER = ""
    assert client_ip(request_from(remote="")) == "" and client_ip(request_from(remote="unix:socket")) == ""
    assert valid_ip(" 192.0.2.1 ") == "192.0.2.1" and valid_ip("localhost") == ""


def test_the_middleware_keeps_the_address_for_the_activity_log(settings, db):
    settings.THIDUA_CLIENT_IP_HEADER = "X-Real-IP"

    def view(request):
        entry = log_action(actor=None, action="test.logged")
        return HttpResponse(f"{entry.pk} {request.client_ip} {current_client_ip()}")

    response = ClientIpMiddleware(view)(request_from(**{"X-Real-IP": "198.51.100.4"}))
    pk, on_request, in_context = response.content.decode().split()
    assert ActivityLog.objects.get(pk=pk).ip_address == "198.51.100.4"
    assert on_request == in_context == "198.51.100.4"
    assert current_client_ip() == ""  # reset after the request


def test_every_row_written_during_a_request_has_the_address(login, world, settings):
    settings.THIDUA_CLIENT_IP_HEADER = "X-Forwarded-For"
    client = login(world.admin)
    response = client.post(
        f"/app/units/{world.team.pk}/edit/",
        {
            "name": "Tổ Kế hoạch mới",
            "symbol": "TKH",
            "parent": world.division.pk,
            "kind": world.team.kind,
            "position": 0,
        },
        headers={"X-Forwarded-For": "10.9.9.9, 198.51.100.20"},
    )
    assert response.status_code == 302
    entry = ActivityLog.objects.get(action="organisations.unit.updated")
    assert (entry.actor, entry.ip_address) == (world.admin, "198.51.100.20")


def test_rows_written_outside_a_request_have_no_address(db):
    entry = log_action(actor=None, action="test.logged")
    assert ActivityLog.objects.get(pk=entry.pk).ip_address is None
