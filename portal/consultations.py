"""The consultations (lấy ý kiến nhân dân) at /lay-y-kien/: the open postings of the portal's agency lineage,
a posting's list of nominees, the comment form and its thank-you page with the reference number.

Read and written only through nominations.public. The form is rate-limited per client address (the
"comment" bucket of settings.THIDUA_RATE_LIMITS, counted at each POST), carries a honeypot and a signed time
stamp (consultation_forms). None of these pages is kept in the page cache: the form holds a CSRF token, the
lists change with the day.
"""

from functools import wraps

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from lib import ratelimit
from lib.clientip import client_ip
from nominations import public

from .consultation_forms import CommentForm, form_token
from .views import not_found

COMMENT_LIMIT = (5, 600)  # comments per client address and window (seconds), when absent from the settings
RECEIPT_SALT = "portal.consultation.receipt"


def _agencies(request) -> tuple[int, ...]:
    portal = getattr(request, "portal", None)
    if portal is None:
        raise Http404
    return tuple(portal.lineage_ids)


def consultation_page(view):
    """A consultation page: for a portal; anything unknown answered with the portal's 404 page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return not_found(request)

    return wrapper


@consultation_page
@require_GET
def consultations(request):
    postings = public.public_postings(agency_ids=_agencies(request))
    return render(request, "portal/consultations.html", {"postings": postings})


@consultation_page
@require_GET
def consultation(request, posting):
    found = public.get_public_posting(
        agency_ids=_agencies(request), posting_id=posting, page=request.GET.get("page", "1")[:12]
    )
    return render(request, "portal/consultation.html", {"posting": found, "page": found["proposals"]})


def _limit() -> tuple[int, int] | None:
    limits = settings.THIDUA_RATE_LIMITS
    if not limits:
        return None
    return limits["comment"].get("address") if "comment" in limits else COMMENT_LIMIT


def _throttled(request):
    limit = _limit()
    if limit is None:
        return None
    refusal = ratelimit.count("comment", "address", client_ip(request) or "unknown", limit)
    if refusal is not None and refusal.first:
        ratelimit.throttled.send("comment", request=request, who="address", limit=limit)
    return refusal


def _too_many(request, refusal):
    message = ngettext(
        "Too many comments were sent from this address. Try again in %(seconds)d second.",
        "Too many comments were sent from this address. Try again in %(seconds)d seconds.",
        refusal.retry_after,
    ) % {"seconds": refusal.retry_after}
    context = {"refused": message}
    response = render(request, "portal/consultation_refused.html", context, status=429)
    response["Retry-After"] = str(refusal.retry_after)
    return response


def _form_page(request, found, form, *, status=200, error=""):
    context = {"posting": found, "proposal": found["proposal"], "form": form, "error": error}
    context["token"] = form_token(found["proposal"]["id"])
    return render(request, "portal/consultation_comment.html", context, status=status)


def _send(request, found, form) -> str | None:
    """The comment stored: its reference; None with the refusal on the form."""
    try:
        return public.submit_public_comment(
            posting_id=found["id"],
            proposal_id=found["proposal"]["id"],
            agency_ids=_agencies(request),
            client=client_ip(request) or "",
            **{name: form.cleaned_data[name] for name in ("name", "contact", "text")},
        )
    except ValidationError as error:
        fields = getattr(error, "error_dict", {})
        for name, errors in (fields or {None: error.error_list}).items():
            form.add_error(name if name in form.fields else None, errors)
        return None


@consultation_page
@never_cache
@require_http_methods(["GET", "POST"])
def comment(request, posting, proposal):
    agencies = _agencies(request)
    if request.method == "POST" and (refusal := _throttled(request)):
        return _too_many(request, refusal)
    found = public.get_public_proposal(agency_ids=agencies, posting_id=posting, proposal_id=proposal)
    if not found["is_open"]:
        return render(
            request, "portal/consultation_refused.html", {"posting": found, "closed": True}, status=410
        )
    form = CommentForm(request.POST or None, proposal_id=proposal)
    if request.method == "POST" and form.is_robot():
        message = _("Your comment could not be sent. Leave the last field empty and send it again.")
        return _form_page(request, found, CommentForm(proposal_id=proposal), status=400, error=message)
    if form.is_valid() and (reference := _send(request, found, form)):
        receipt = signing.Signer(salt=RECEIPT_SALT).sign(reference)
        url = reverse("portal:comment_sent", args=[posting, proposal])
        return redirect(f"{url}?{urlencode({'so': receipt})}")
    return _form_page(request, found, form, status=400 if form.is_bound else 200)


@consultation_page
@never_cache
@require_GET
def comment_sent(request, posting, proposal):
    try:
        reference = signing.Signer(salt=RECEIPT_SALT).unsign(request.GET.get("so", ""))
    except signing.BadSignature:
        raise Http404 from None
    found = public.get_public_proposal(
        agency_ids=_agencies(request), posting_id=posting, proposal_id=proposal
    )
    context = {"posting": found, "proposal": found["proposal"], "reference": reference}
    response = render(request, "portal/consultation_sent.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
