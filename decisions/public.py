"""The public verification of a certificate at /xac-minh/<code>/ (issue 15 point 5), open without an account:
the address in the certificate's QR code.

A valid code shows who (the name as printed), what, the decision's number and date and the issuing agency —
nothing else; a revoked award says so and since when; any other code (unknown, forged, truncated) gets the
one answer "no such certificate", from the same single query, so that no answer hints which codes exist.
The code is read as people type it from paper: case, spaces and dashes do not matter. Counted per client
address (lib/ratelimit.py); the page asks search engines not to index it.
"""

import re

from django import forms
from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET

from lib import ratelimit
from lib.clientip import client_ip

from .models import CODE_ALPHABET, Certificate, Origin, Status

CODE_LENGTH, GROUP = 24, 6
VERIFY_CHECKS = (30, 60)  # checks per client address and window (seconds), when rate limits are on
_NOT_CODE = re.compile(r"[\s\-–—_.]+")


def normalise_code(raw: str) -> str:
    """ "k7qx2m ab3d…" → "K7QX2M-AB3D…-…-…"; anything not shaped like a code comes back as typed (upper),
    to be looked up all the same — and found nowhere."""
    letters = _NOT_CODE.sub("", raw or "").upper()[:64]
    if len(letters) == CODE_LENGTH and all(c in CODE_ALPHABET for c in letters):
        return "-".join(letters[i : i + GROUP] for i in range(0, CODE_LENGTH, GROUP))
    return letters


class CodeForm(forms.Form):
    ma = forms.CharField(label=gettext_lazy("Certificate code"), max_length=64, strip=True)


def _limit() -> tuple[int, int] | None:
    """settings.THIDUA_RATE_LIMITS["verify"]["address"] when the settings give it (absent there: off), else
    VERIFY_CHECKS; none when rate limits are turned off (lib/ratelimit.py)."""
    limits = settings.THIDUA_RATE_LIMITS
    if not limits:
        return None
    if "verify" in limits:
        return limits["verify"].get("address")
    return VERIFY_CHECKS


def _throttled(request):
    limit = _limit()
    if limit is None:
        return None
    refusal = ratelimit.count("verify", "address", client_ip(request) or "unknown", limit)
    if refusal is not None and refusal.first:
        ratelimit.throttled.send("verify", request=request, who="address", limit=limit)
    return refusal


def _found(code: str) -> Certificate | None:
    return (
        Certificate.objects.select_related(
            "record", "line__award", "line__decision__agency", "line__decision__document"
        )
        .filter(code=code, line__decision__status=Status.ISSUED)
        .first()
    )


def _facts(certificate: Certificate) -> dict:
    decision = certificate.line.decision
    document = decision.document
    agency = decision.agency.name
    if decision.origin == Origin.REGISTERED:
        agency = document.sender_name or agency
    return {
        "name": certificate.name,
        "award": certificate.line.award.name,
        "number": document.reference,
        "day": decision.decided_on or document.issued_on,
        "agency": agency,
        "revoked_on": certificate.record.revoked_on,
    }


def _answer(request, context: dict, *, status: int = 200):
    response = render(request, "decisions/verify.html", context, status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _too_many(refusal):
    message = ngettext(
        "Too many certificates were checked from this address. Try again in %(seconds)d second.",
        "Too many certificates were checked from this address. Try again in %(seconds)d seconds.",
        refusal.retry_after,
    ) % {"seconds": refusal.retry_after}
    return message


@require_GET
def verify(request, code):
    """The answer for one code (the QR code's address)."""
    if refusal := _throttled(request):
        response = _answer(request, {"refused": _too_many(refusal), "form": CodeForm()}, status=429)
        response["Retry-After"] = str(refusal.retry_after)
        return response
    certificate = _found(normalise_code(code))
    context = {"checked": True, "form": CodeForm()}
    if certificate is not None:
        context["certificate"] = _facts(certificate)
    return _answer(request, context, status=200 if certificate else 404)


@require_GET
def lookup(request):
    """A code typed from paper (?ma=…): to its page; the empty form otherwise."""
    form = CodeForm(request.GET or None)
    if form.is_valid():
        return redirect("verification:certificate", code=normalise_code(form.cleaned_data["ma"]) or "-")
    return _answer(request, {"form": form})
