import datetime as dt
import decimal

from activity.domain import MASK, log_action, mask, snapshot
from activity.models import ActivityLog
from lib.clientip import _client_ip
from lib.requestid import _request_id


def test_log_action_records_who_what_and_where(world):
    log = log_action(
        actor=world.secretariat,
        action="people.person.updated",
        target=world.team_person,
        agency=world.agency,
        before={"phone": ""},
        after={"phone": "0900"},
    )
    log = ActivityLog.objects.get(pk=log.pk)
    assert (log.actor, log.agency, log.action) == (world.secretariat, world.agency, "people.person.updated")
    assert (log.target_type.model, log.target_id, log.target_repr) == (
        "person",
        str(world.team_person.pk),
        "Đặng Thị Hương",
    )
    assert log.data == {"before": {"phone": ""}, "after": {"phone": "0900"}}
    assert log.changes == [("phone", "", "0900")]
    assert log.request_id == ""
    assert list(ActivityLog.objects.for_object(world.team_person)) == [log]


def test_log_action_without_actor_target_or_data(db):
    log = log_action(actor=None, action="system.started")
    assert (log.actor, log.target_type, log.target_id, log.target_repr, log.data) == (None, None, "", "", {})


def test_anonymous_actor_is_stored_as_none(world):
    from django.contrib.auth.models import AnonymousUser

    assert log_action(actor=AnonymousUser(), action="x").actor is None


def test_sensitive_values_are_masked_at_every_depth(db):
    log = log_action(
        actor=None,
        action="x",
        after={
            "password": "bí mật",
            "API_TOKEN": "thd_abc",
            "name": "tên",
            "nested": {"otp_secret": "123456", "keep": 1},
            "list": [{"key_hash": "ff"}, "plain"],
        },
    )
    assert log.data["after"] == {
        "password": MASK,
        "API_TOKEN": MASK,
        "name": "tên",
        "nested": {"otp_secret": MASK, "keep": 1},
        "list": [{"key_hash": MASK}, "plain"],
    }
    stored = ActivityLog.objects.get(pk=log.pk).data
    assert "bí mật" not in str(stored) and "thd_abc" not in str(stored) and "123456" not in str(stored)


def test_mask_serialises_dates_and_decimals():
    assert mask(None) is None
    assert mask({"day": dt.date(2025, 7, 1), "amount": decimal.Decimal("1000000.50")}) == {
        "day": "2025-07-01",
        "amount": "1000000.50",
    }


def test_log_action_stores_the_current_request_id(db):
    token = _request_id.set("req-12345678")
    try:
        log = log_action(actor=None, action="x")
    finally:
        _request_id.reset(token)
    assert ActivityLog.objects.get(pk=log.pk).request_id == "req-12345678"


def test_log_action_stores_the_client_address_of_the_request(db):
    token = _client_ip.set("2001:db8::7")
    try:
        log = log_action(actor=None, action="x")
    finally:
        _client_ip.reset(token)
    assert ActivityLog.objects.get(pk=log.pk).ip_address == "2001:db8::7"
    assert log_action(actor=None, action="x").ip_address is None  # the worker, a command


def test_snapshot_takes_foreign_keys_as_ids(world):
    assert snapshot(world.team, ("name", "parent", "successor")) == {
        "name": "Tổ Kế hoạch",
        "parent": world.division.pk,
        "successor": None,
    }


def test_changes_lists_only_changed_fields(db):
    log = ActivityLog(data={"before": {"a": 1, "b": 2}, "after": {"a": 1, "b": 3, "c": 4}})
    assert log.changes == [("b", 2, 3), ("c", None, 4)]
    assert ActivityLog(data={}).changes == []
    assert str(ActivityLog(action="x.y", target_repr="z")) == "x.y z"
