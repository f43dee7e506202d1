"""The consultation's comment form: name, contact, content, and two checks instead of a captcha — a honeypot
field that people do not see (hidden by the stylesheet's class, left empty) and a signed time stamp of when
the form was drawn (too fast: a robot; too old: the page sat open for hours and is drawn again)."""

import time

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from nominations.domain.posting import COMMENT_MAX, CONTACT_MAX, NAME_MAX

SALT = "portal.consultation.comment-form"
MIN_SECONDS = 3  # a person needs longer than this to read the page and write
MAX_SECONDS = 2 * 3600


def _clock() -> float:
    return time.time()


def form_token(proposal_id: int, *, at: float | None = None) -> str:
    """The signed "<proposal>:<time>" the form carries; `at` (a Unix time) only for the tests."""
    return signing.Signer(salt=SALT).sign(f"{proposal_id}:{int(at if at is not None else _clock())}")


def token_age(token: str, proposal_id: int) -> float | None:
    """Seconds since the form was drawn for this proposal; None for a forged or foreign token."""
    try:
        value = signing.Signer(salt=SALT).unsign(token or "")
    except signing.BadSignature:
        return None
    proposal, _sep, stamp = value.partition(":")
    if proposal != str(proposal_id) or not stamp.isdigit():
        return None
    return _clock() - int(stamp)


class CommentForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=NAME_MAX)
    contact = forms.CharField(
        label=_("Phone number or e-mail address"),
        max_length=CONTACT_MAX,
        help_text=_("Only the secretariat sees it, to answer you; it is never published."),
    )
    text = forms.CharField(
        label=_("Your comment"),
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("At most 5,000 characters."),
    )
    # The honeypot: hidden from people (class "hp" in the portal's stylesheet), filled by robots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, proposal_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal_id = proposal_id

    def is_robot(self) -> bool:
        return bool(self.data.get("website"))

    def clean_token(self):
        age = token_age(self.cleaned_data.get("token", ""), self.proposal_id)
        if age is None or age > MAX_SECONDS:
            raise forms.ValidationError(
                _("The page was open too long. Check your comment and send it again."), code="expired"
            )
        if age < MIN_SECONDS:
            raise forms.ValidationError(
                _("The comment was sent too quickly. Wait a few seconds and send it again."), code="too_fast"
            )
        return ""
