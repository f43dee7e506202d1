"""Second factor (TOTP, django-otp): enrolment and verification. Views call these, never the device models."""

from base64 import b32encode

import django_otp
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from activity.domain import log_action

DEVICE_NAME = "thidua"


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("pk").first()


def pending_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("-pk").first()


def secret_of(device: TOTPDevice) -> str:
    """The key in base32, as authenticator apps expect it when typed in by hand."""
    return b32encode(device.bin_key).decode()


@transaction.atomic
def start_enrolment(*, user) -> TOTPDevice:
    """The user's unconfirmed device, created if there is none yet (its key is shown until confirmed)."""
    return pending_device(user) or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


@transaction.atomic
def confirm_enrolment(*, request, device: TOTPDevice, token: str) -> bool:
    """Confirm the device with a first valid code; the session then counts as verified."""
    if device.user_id != request.user.pk or not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.devices_for_user(request.user, confirmed=False).delete()
    django_otp.login(request, device)
    log_action(
        actor=request.user,
        action="accounts.two_factor.enrolled",
        target=request.user,
        after={"device": device.name},
    )
    return True


def verify(*, request, device: TOTPDevice, token: str) -> bool:
    """Check a code from a confirmed device and mark the session as verified."""
    if device.user_id != request.user.pk or not device.verify_token(token):
        return False
    django_otp.login(request, device)
    return True


def qr_svg(device: TOTPDevice) -> bytes:
    """The device's otpauth:// URL as an SVG QR code, for authenticator apps to scan."""
    import qrcode
    from qrcode.image.svg import SvgPathFillImage

    return qrcode.make(device.config_url, image_factory=SvgPathFillImage, box_size=10, border=2).to_string()
