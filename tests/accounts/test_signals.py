"""Sign-in events in the activity log: login, failed login, lockout, logout — with the client's address, never
a password."""

import json

import pytest
from django.urls import reverse
from django.utils import translation

from activity.models import ActivityLog
from activity.presentation import action_label
from tests.factories import PASSWORD


@pytest.fixture(autouse=True)
def _no_rate_limit_on_login(settings):
    settings.THIDUA_RATE_LIMITS = {**settings.THIDUA_RATE_LIMITS, "login": {}}


def log_in(client, username, password, address="192.0.2.10"):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def rows(action):
    return list(ActivityLog.objects.filter(action=action).order_by("id"))


def test_a_login_is_logged_with_the_account_and_the_address(world, client):
    log_in(client, "nhanvien", PASSWORD)

    (row,) = rows("accounts.account.logged_in")
    assert (row.actor, row.target_id, row.agency, row.ip_address) == (
        world.staff,
        str(world.staff.pk),
        world.agency,
        "192.0.2.10",
    )


def test_a_failed_login_names_the_username_tried_never_the_password(world, client):
    log_in(client, "nhanvien", "mat-khau-sai-bi-mat")
    log_in(client, "khong-co-ai", "mat-khau-sai-bi-mat")

    known, unknown = rows("accounts.account.login_failed")
    assert (known.actor, known.target_id, known.data, known.ip_address) == (
        None,
        str(world.staff.pk),
        {"extra": {"username": "nhanvien"}},
        "192.0.2.10",
    )
    assert (unknown.actor, unknown.target_id, unknown.data) == (
        None,
        "",
        {"extra": {"username": "khong-co-ai"}},
    )
    assert "mat-khau-sai-bi-mat" not in json.dumps([r.data for r in ActivityLog.objects.all()])
    assert not rows("accounts.account.logged_in")


def test_a_lockout_is_logged(world, client):
    for _ in range(5):
        log_in(client, "nhanvien", "sai")

    (row,) = rows("accounts.account.locked_out")
    assert (row.actor, row.target_id, row.data, row.ip_address) == (
        None,
        str(world.staff.pk),
        {"extra": {"username": "nhanvien"}},
        "192.0.2.10",
    )
    assert len(rows("accounts.account.login_failed")) == 5


def test_a_logout_is_logged(world, client):
    log_in(client, "nhanvien", PASSWORD)

    client.post(reverse("accounts:logout"), REMOTE_ADDR="192.0.2.11")

    (row,) = rows("accounts.account.logged_out")
    assert (row.actor, row.target_id, row.data, row.ip_address) == (
        world.staff,
        str(world.staff.pk),
        {},
        "192.0.2.11",
    )


def test_logins_without_a_page_are_not_sign_ins(world, client):
    """Client.force_login and logout (tests, scripts) go through no page: nothing to log."""
    client.force_login(world.staff)
    client.logout()

    assert not ActivityLog.objects.exists()


@pytest.mark.parametrize(
    ("action", "label"),
    [
        ("accounts.account.logged_in", "Đăng nhập"),
        ("accounts.account.logged_out", "Đăng xuất"),
        ("accounts.account.login_failed", "Đăng nhập không thành công"),
        ("accounts.account.locked_out", "Tạm chặn đăng nhập do sai quá nhiều lần"),
        ("accounts.two_factor.invited", "Cấp mã mời thiết lập xác thực hai lớp"),
    ],
)
def test_the_events_read_as_vietnamese_words(action, label):
    with translation.override("vi"):
        assert action_label(action) == label


def test_the_activity_list_shows_a_failed_login(world, client, login):
    log_in(client, "nhanvien", "sai")

    response = login(world.admin).get(reverse("activity:list"))

    assert "Đăng nhập không thành công" in response.content.decode()
