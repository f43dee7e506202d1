"""Second factor (TOTP, django-otp): who needs it, the user's devices, and verifying a session.

Enrolment changes state, so it lives in accounts.domain (start_two_factor_enrolment,
confirm_two_factor_device). Views call these and those, never the device models.
"""

from base64 import b32encode

import django_otp
from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from organisations.scope import scope_for

from .models import TWO_FACTOR_ROLES

DEVICE_NAME = "thidua"


def required_for(user) -> bool:
    """With THIDUA_REQUIRE_2FA on, administrators and the secretariat must confirm a code after logging in."""
    if not settings.THIDUA_REQUIRE_2FA:
        return False
    scope = scope_for(user)
    return scope.installation_admin or bool(scope.roles & TWO_FACTOR_ROLES)


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("pk").first()


def pending_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("-pk").first()


def secret_of(device: TOTPDevice) -> str:
    """The key in base32, as authenticator apps expect it when typed in by hand."""
    return b32encode(device.bin_key).decode()


def mark_verified(request, device: TOTPDevice) -> None:
    """The session now counts as verified with `device` (user.is_verified() is true)."""
    django_otp.login(request, device)


def verify(*, request, device: TOTPDevice, token: str) -> bool:
    """Check a code from the user's confirmed device and mark the session as verified."""
    if device.user_id != request.user.pk or not device.confirmed or not device.verify_token(token):
        return False
    mark_verified(request, device)
    return True


def qr_svg(device: TOTPDevice) -> bytes:
    """The device's otpauth:// URL as an SVG QR code, for authenticator apps to scan."""
    import qrcode
    from qrcode.image.svg import SvgPathFillImage

    return qrcode.make(device.config_url, image_factory=SvgPathFillImage, box_size=10, border=2).to_string()
