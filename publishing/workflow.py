"""The publications' workflow, through the one gate (workflows.gate): a published publication is withdrawn
from the portal with a reason (its address then answers 410), and published again (a fresh snapshot)."""

from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from workflows.gate import Move, Who, Workflow, register, words

from .access import can_publish
from .models import Publication, Status

PUBLISHERS = Who(
    lambda actor, publication: can_publish(actor, publication.agency_id),
    words(
        _("%(editor)s, %(secretariat)s of the agency, %(admin)s"),
        editor=Role.PORTAL_EDITOR.label,
        secretariat=Role.SECRETARIAT.label,
        admin=Role.SYSTEM_ADMIN.label,
    ),
)

PUBLICATIONS = register(
    Workflow(
        name="publishing.publication",
        model=Publication,
        moves=[
            Move(Status.PUBLISHED, "withdraw", Status.WITHDRAWN, PUBLISHERS,
                 _("be withdrawn from the portal"), log="publishing.publication.withdrawn"),
            Move(Status.WITHDRAWN, "republish", Status.PUBLISHED, PUBLISHERS, _("be published again"),
                 log="publishing.publication.republished"),
        ],
    )
)  # fmt: skip
