"""Screens of the second factor: the code after the password, the invitation, setting up an app, and the
administrator's invitation.

Setting up an authenticator app needs more than the password: the code of an administrator's invitation
(first app, or a lost one), or a session already verified with the current app (replacing it).
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import domain, two_factor
from .access import EDIT, get_account_for_user
from .forms import InvitationForm, TokenForm

WRONG_CODE = gettext_lazy("This code is not valid. Check the clock of your phone and try again.")


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _to(name: str, next_url: str):
    return redirect(f"{reverse(name)}?{urlencode({'next': next_url})}")


@never_cache
@login_required
def second_factor(request):
    """The code from the confirmed app; without one, the invitation step (or setting up, once invited)."""
    next_url = _safe_next(request)
    if request.user.is_verified():
        return redirect(next_url)
    device = two_factor.confirmed_device(request.user)
    if device is None:
        step = (
            "accounts:two_factor_enrol" if two_factor.may_enrol(request) else "accounts:two_factor_invitation"
        )
        return _to(step, next_url)
    form = TokenForm(request.POST or None)
    if form.is_valid():
        if two_factor.verify(request=request, device=device, token=form.cleaned_data["token"]):
            messages.success(request, _("Two-step verification confirmed."))
            return redirect(next_url)
        form.add_error("token", str(WRONG_CODE))
    return render(request, "accounts/two_factor.html", {"form": form, "next": next_url})


@never_cache
@login_required
def invitation(request):
    """The administrator's one-time code, before an app may be set up."""
    next_url = _safe_next(request)
    if two_factor.may_enrol(request):
        return _to("accounts:two_factor_enrol", next_url)
    form = InvitationForm(request.POST or None)
    if form.is_valid():
        found = domain.accept_two_factor_invitation(actor=request.user, code=form.cleaned_data["code"])
        if found is not None:
            two_factor.remember_invitation(request, found)
            return _to("accounts:two_factor_enrol", next_url)
        form.add_error(
            "code",
            _(
                "This code is wrong, has expired or has been used. Check it, or ask the administrator of "
                "your agency for a new invitation."
            ),
        )
    context = {"form": form, "next": next_url, "required": two_factor.required_for(request.user)}
    return render(request, "accounts/two_factor_invitation.html", context)


@never_cache
@login_required
def enrol(request):
    """Set up an app (QR code or key, then its first code); it replaces any other app of the account."""
    next_url = _safe_next(request)
    accepted = two_factor.accepted_invitation(request)
    verified_with = request.user.otp_device if request.user.is_verified() else None
    if accepted is None and verified_with is None:
        return _to("accounts:two_factor", next_url)
    device = domain.start_two_factor_enrolment(actor=request.user)
    form = TokenForm(request.POST or None)
    if form.is_valid():
        confirmed = domain.confirm_two_factor_device(
            actor=request.user,
            device=device,
            token=form.cleaned_data["token"],
            invitation=accepted,
            verified_device=verified_with,
        )
        if confirmed:
            two_factor.mark_verified(request, device)
            messages.success(
                request, _("Your authenticator app is set up: you will enter its code at each login.")
            )
            return redirect(next_url)
        form.add_error("token", str(WRONG_CODE))
    context = {
        "form": form,
        "next": next_url,
        "secret": two_factor.secret_of(device),
        "replacing": bool(verified_with),
    }
    return render(request, "accounts/two_factor_enrol.html", context)


@never_cache
@login_required
@require_GET
def qr_code(request):
    device = two_factor.pending_device(request.user) if two_factor.may_enrol(request) else None
    if device is None:
        raise Http404
    return HttpResponse(two_factor.qr_svg(device), content_type="image/svg+xml")


@never_cache
@login_required
@require_POST
def invite(request, pk):
    """An administrator lets an account set up its app: the code is shown once, in this response only."""
    account = get_account_for_user(request.user, pk, action=EDIT)
    found, code = domain.issue_two_factor_invitation(actor=request.user, account=account)
    return render(
        request, "accounts/two_factor_invited.html", {"account": account, "invitation": found, "code": code}
    )
