"""The sign-in lockout (django-axes with accounts.lockout): per username across addresses, per address across
usernames, the address taken from the configured proxy header only."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests.factories import PASSWORD


@pytest.fixture(autouse=True)
def _no_rate_limit_on_login(settings):
    """The login rate limit (lib/ratelimit.py) would answer 429 before axes counts: these tests are axes'."""
    settings.THIDUA_RATE_LIMITS = {**settings.THIDUA_RATE_LIMITS, "login": {}}


def attempt(client, username, password="sai-mat-khau", address="10.0.0.1", **headers):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        headers=headers,
    )


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_one_address_spraying_many_usernames_is_locked_out(world, client, settings):
    assert settings.THIDUA_LOGIN_ADDRESS_FAILURE_LIMIT == 20
    responses = [attempt(client, f"nguoi-{i}") for i in range(20)]

    assert [r.status_code for r in responses] == [200] * 19 + [429]
    assert attempt(client, "nhanvien", PASSWORD).status_code == 429  # even a right password, from there
    assert not logged_in(client)
    assert (
        attempt(client, "nhanvien", PASSWORD, address="10.0.0.2").status_code == 302
    )  # from elsewhere: fine
    assert logged_in(client)


def test_one_username_tried_from_many_addresses_is_locked_out(world, client):
    responses = [attempt(client, "nhanvien", address=f"10.0.1.{i}") for i in range(5)]

    assert [r.status_code for r in responses] == [200] * 4 + [429]
    assert attempt(client, "nhanvien", PASSWORD, address="10.0.1.99").status_code == 429
    assert not logged_in(client)
    assert attempt(client, "giamdoc", PASSWORD, address="10.0.1.99").status_code == 302  # others are not


def test_the_address_limit_is_a_setting(world, client, settings):
    settings.THIDUA_LOGIN_ADDRESS_FAILURE_LIMIT = 8

    responses = [attempt(client, f"nguoi-{i}") for i in range(8)]

    assert [r.status_code for r in responses] == [200] * 7 + [429]


def test_a_successful_login_forgets_the_usernames_failures_not_the_addresses(world, client):
    for i in range(15):
        attempt(client, f"nguoi-{i}")
    for _ in range(4):
        attempt(client, "nhanvien")

    assert attempt(client, "nhanvien", PASSWORD).status_code == 302

    assert not AccessAttempt.objects.filter(username="nhanvien").exists()
    assert AccessAttempt.objects.filter(ip_address="10.0.0.1").count() == 15
    client.post(reverse("accounts:logout"))
    statuses = [attempt(client, f"khac-{i}").status_code for i in range(5)]
    assert statuses == [200] * 4 + [429]  # 15 + 5 = 20 from the address


def test_the_locked_out_page_is_vietnamese_with_the_wait(world, client):
    for _ in range(5):
        response = attempt(client, "nhanvien")

    html = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == "1800"
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
    assert "Tạm thời không thể đăng nhập" in html
    assert "Vui lòng thử lại sau 30 phút" in html


def test_forwarded_addresses_are_ignored_unless_the_proxy_header_is_configured(world, client):
    for i in range(5):
        attempt(client, f"nguoi-{i}", address="10.0.0.7", **{"X-Forwarded-For": f"203.0.113.{i}"})

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"10.0.0.7"}


def test_with_the_proxy_header_the_right_most_address_counts(world, client, settings):
    settings.THIDUA_CLIENT_IP_HEADER = "X-Forwarded-For"
    for i in range(20):
        forged = f"198.51.100.{i}"  # what the client sent: changes every time, proves nothing
        response = attempt(
            client, f"nguoi-{i}", address="10.0.0.254", **{"X-Forwarded-For": f"{forged}, 203.0.113.9"}
        )

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}
    assert response.status_code == 429
    other = attempt(client, "nhanvien", PASSWORD, address="10.0.0.254", **{"X-Forwarded-For": "203.0.113.10"})
    assert other.status_code == 302
