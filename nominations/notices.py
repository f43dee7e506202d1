"""What the proposal's moves tell, and to whom: the unit's emulation officers (its heads when it has none)
and the agency's secretariat. Titles are written in the project's language (they are e-mailed)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from workflows.gate import Notice


def proposal_notice(users, proposal, title: str, *, kind: str, body: str = "") -> Notice:
    with translation.override(settings.LANGUAGE_CODE):
        title = _(title) % {"subject": proposal.subject_name, "award": proposal.award.name}
    return Notice(
        users=users,
        title=title,
        body=body,
        url=reverse("nominations:proposal", args=[proposal.pk]),
        kind=kind,
    )
