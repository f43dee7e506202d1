import logging
import re

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from activity.domain import log_action
from activity.models import ActivityLog
from lib.requestid import RequestIdFilter, RequestIdMiddleware, current_request_id

GENERATED = re.compile(r"^[0-9a-f]{32}$")


def test_valid_incoming_id_is_echoed(client, db):
    response = client.get("/healthz", headers={"X-Request-ID": "lb-2025.07.01_abc"})
    assert response["X-Request-ID"] == "lb-2025.07.01_abc"


@pytest.mark.parametrize(
    "incoming", ["", "short", "has space in it", "x" * 65, "bad/slash-123", "<script>alert</script>"]
)
def test_invalid_incoming_id_is_replaced(client, db, incoming):
    response = client.get("/healthz", headers={"X-Request-ID": incoming})
    assert GENERATED.match(response["X-Request-ID"])
    assert response["X-Request-ID"] != incoming


def test_every_request_gets_its_own_id(client, db):
    first, second = client.get("/healthz"), client.get("/healthz")
    assert GENERATED.match(first["X-Request-ID"]) and first["X-Request-ID"] != second["X-Request-ID"]


def test_log_action_stores_the_request_id(db):
    def view(request):
        log = log_action(actor=None, action="test.logged")
        return HttpResponse(str(log.pk))

    response = RequestIdMiddleware(view)(RequestFactory().get("/", headers={"X-Request-ID": "abcdef-123456"}))
    log = ActivityLog.objects.get(pk=int(response.content))
    assert log.request_id == response["X-Request-ID"] == "abcdef-123456"
    assert current_request_id() == ""  # reset after the request


def test_request_id_is_reset_even_when_the_view_fails():
    def view(request):
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        RequestIdMiddleware(view)(RequestFactory().get("/"))
    assert current_request_id() == ""


def test_log_filter_adds_the_request_id():
    record = logging.LogRecord("thidua", logging.INFO, __file__, 1, "message", None, None)
    assert RequestIdFilter().filter(record) and record.request_id == "-"

    def view(request):
        RequestIdFilter().filter(record)
        return HttpResponse()

    response = RequestIdMiddleware(view)(RequestFactory().get("/"))
    assert record.request_id == response["X-Request-ID"]
