"""The lifecycle of an outgoing document: draft → submitted (for signature) → issued → published → replaced or
revoked; a submitted document may go back to draft. documents.domain moves documents through the gate
(workflows.gate); an incoming document is registered, and has no lifecycle."""

from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from workflows.gate import Move, Who, Workflow, register, words

from .access import can_edit, can_manage_documents
from .models import Document, Status

MANAGERS = Who(
    lambda actor, document: can_manage_documents(actor, document.agency_id),
    words(
        _("%(secretariat)s of the agency, %(admin)s"),
        secretariat=Role.SECRETARIAT.label,
        admin=Role.SYSTEM_ADMIN.label,
    ),
)
DRAFTERS = words(
    _("The drafter, %(officer)s of the drafting unit, %(secretariat)s of the agency, %(admin)s"),
    officer=Role.UNIT_OFFICER.label,
    secretariat=Role.SECRETARIAT.label,
    admin=Role.SYSTEM_ADMIN.label,
)
EDITORS = Who(can_edit, DRAFTERS)
EDITORS_OR_MANAGERS = Who(
    lambda actor, document: can_edit(actor, document) or can_manage_documents(actor, document.agency_id),
    DRAFTERS,
)
PUBLIC = (Status.ISSUED, Status.PUBLISHED)

DOCUMENTS = register(
    Workflow(
        name="documents.document",
        model=Document,
        moves=[
            Move(Status.DRAFT, "submit", Status.SUBMITTED, EDITORS, _("be submitted for signature"),
                 log="documents.document.submitted"),
            Move(Status.SUBMITTED, "return", Status.DRAFT, EDITORS_OR_MANAGERS, _("be returned to draft"),
                 log="documents.document.returned"),
            Move(Status.SUBMITTED, "issue", Status.ISSUED, MANAGERS, _("be issued"),
                 log="documents.document.issued"),
            Move(Status.ISSUED, "publish", Status.PUBLISHED, MANAGERS, _("be published"),
                 log="documents.document.published"),
            Move(PUBLIC, "replace", Status.REPLACED, MANAGERS, _("be replaced"),
                 log="documents.document.replaced"),
            Move(PUBLIC, "revoke", Status.REVOKED, MANAGERS, _("be revoked"),
                 log="documents.document.revoked"),
        ],
    )
)  # fmt: skip
