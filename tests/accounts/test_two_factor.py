import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor


def code_for(device) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"


def request_of(user):
    request = RequestFactory().post("/accounts/two-factor/")
    request.user, request.session = user, SessionStore()
    return request


@pytest.mark.parametrize(
    ("persona", "required"),
    [
        ("admin", True),
        ("secretariat", True),
        ("leader", True),
        ("council", True),
        ("head", True),
        ("officer", True),
        ("staff", False),
        ("editor", False),
    ],
)
def test_required_for_every_role_reading_other_peoples_records(world, settings, persona, required):
    settings.THIDUA_REQUIRE_2FA = True
    assert two_factor.required_for(getattr(world, persona)) is required
    settings.THIDUA_REQUIRE_2FA = False
    assert two_factor.required_for(getattr(world, persona)) is False


def test_verify_marks_the_session_with_the_confirmed_device(world):
    device = TOTPDevice.objects.create(user=world.admin, name="thidua", confirmed=True)
    request = request_of(world.admin)

    assert two_factor.verify(request=request, device=device, token=code_for(device))

    assert request.session[DEVICE_ID_SESSION_KEY] == device.persistent_id


def test_verify_refuses_a_pending_device_or_someone_elses(world):
    pending = TOTPDevice.objects.create(user=world.admin, name="thidua", confirmed=False)
    others = TOTPDevice.objects.create(user=world.secretariat, name="thidua", confirmed=True)
    request = request_of(world.admin)

    assert not two_factor.verify(request=request, device=pending, token=code_for(pending))
    assert not two_factor.verify(request=request, device=others, token=code_for(others))

    assert DEVICE_ID_SESSION_KEY not in request.session
