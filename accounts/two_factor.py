"""Second factor (TOTP, django-otp): who needs it, the user's devices, and verifying a session.

Enrolment changes state, so it lives in accounts.domain (issue_two_factor_invitation,
accept_two_factor_invitation, start_two_factor_enrolment, confirm_two_factor_device). Views call these and
those, never the device models.

Who is asked for a code after the password: with THIDUA_REQUIRE_2FA on, every account holding a role of
TWO_FACTOR_ROLES; and, whatever the setting, every account that has set up an app (whether it has one is noted
in the session at login, so the check costs no query per request).
"""

from base64 import b32encode

import django_otp
from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from organisations.scope import scope_for

from .models import TWO_FACTOR_ROLES, TwoFactorInvitation

DEVICE_NAME = "thidua"
HAS_DEVICE_KEY = "_accounts_two_factor_device"
INVITATION_KEY = "_accounts_two_factor_invitation"


def required_for(user) -> bool:
    """With THIDUA_REQUIRE_2FA on, the roles that read other people's records must confirm a code."""
    if not settings.THIDUA_REQUIRE_2FA:
        return False
    scope = scope_for(user)
    return scope.installation_admin or bool(scope.roles & TWO_FACTOR_ROLES)


def note_device_at_login(request, user) -> None:
    """Remember in the new session whether the account has a confirmed device (user_logged_in)."""
    request.session[HAS_DEVICE_KEY] = confirmed_device(user) is not None


def asked_for(request) -> bool:
    """Must this session still confirm a code before using the application?"""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return False
    return bool(request.session.get(HAS_DEVICE_KEY)) or required_for(user)


def remember_invitation(request, invitation: TwoFactorInvitation) -> None:
    request.session[INVITATION_KEY] = invitation.pk


def accepted_invitation(request) -> TwoFactorInvitation | None:
    """The invitation whose code was entered in this session, while it is still pending."""
    pk = request.session.get(INVITATION_KEY)
    if pk is None:
        return None
    return request.user.two_factor_invitations.pending().filter(pk=pk).first()


def may_enrol(request) -> bool:
    """A device may be set up: after an invitation's code, or in a session verified with the current one."""
    return request.user.is_verified() or accepted_invitation(request) is not None


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
    request.session[HAS_DEVICE_KEY] = True
    request.session.pop(INVITATION_KEY, None)


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
