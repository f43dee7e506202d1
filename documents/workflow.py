"""The lifecycle of an outgoing document: draft → submitted to its signer → signed off (approved) → issued
(numbered by the clerk or the secretariat) → published → replaced or revoked. The signer may return a
submitted draft with a reason (→ returned, changed and submitted again); the drafters may withdraw it before
it is signed. documents.domain moves documents through the gate (workflows.gate); an incoming document is
registered, and has no lifecycle. Who may sign is documents.signing's rule."""

from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from workflows.gate import Move, Who, Workflow, register, words

from .access import (
    can_edit,
    can_issue_documents,
    can_manage_documents,
    can_publish_documents,
    can_return,
    can_withdraw,
    is_signer,
)
from .models import Document, Status

MANAGERS = Who(
    lambda actor, document: can_manage_documents(actor, document.agency_id),
    words(
        _("%(secretariat)s of the agency, %(admin)s"),
        secretariat=Role.SECRETARIAT.label,
        admin=Role.SYSTEM_ADMIN.label,
    ),
)
ISSUERS = Who(
    lambda actor, document: can_issue_documents(actor, document.agency_id),
    words(
        _("%(clerk)s, %(secretariat)s of the agency, %(admin)s"),
        clerk=Role.CLERK.label,
        secretariat=Role.SECRETARIAT.label,
        admin=Role.SYSTEM_ADMIN.label,
    ),
)
PUBLISHERS = Who(
    lambda actor, document: can_publish_documents(actor, document.agency_id),
    words(
        _("%(secretariat)s of the agency, %(admin)s, %(editor)s"),
        secretariat=Role.SECRETARIAT.label,
        admin=Role.SYSTEM_ADMIN.label,
        editor=Role.PORTAL_EDITOR.label,
    ),
)
DRAFTERS = words(
    _("The drafter, %(officer)s of the drafting unit, %(secretariat)s of the agency, %(admin)s"),
    officer=Role.UNIT_OFFICER.label,
    secretariat=Role.SECRETARIAT.label,
    admin=Role.SYSTEM_ADMIN.label,
)
EDITORS = Who(can_edit, DRAFTERS)
WITHDRAWERS = Who(can_withdraw, DRAFTERS)
SIGNER = Who(is_signer, _("The signer chosen on the draft"))
RETURNERS = Who(
    can_return,
    words(
        _("The chosen signer; once signed off, the %(clerk)s or %(secretariat)s of the agency"),
        clerk=Role.CLERK.label,
        secretariat=Role.SECRETARIAT.label,
    ),
)
PUBLIC = (Status.ISSUED, Status.PUBLISHED)

DOCUMENTS = register(
    Workflow(
        name="documents.document",
        model=Document,
        moves=[
            Move((Status.DRAFT, Status.RETURNED), "submit", Status.SUBMITTED, EDITORS,
                 _("be submitted for signature"), log="documents.document.submitted"),
            Move(Status.SUBMITTED, "withdraw", Status.DRAFT, WITHDRAWERS, _("be withdrawn from signature"),
                 log="documents.document.withdrawn"),
            Move(Status.SUBMITTED, "approve", Status.APPROVED, SIGNER, _("be signed off"),
                 log="documents.document.approved"),
            Move((Status.SUBMITTED, Status.APPROVED), "return", Status.RETURNED, RETURNERS, _("be returned"),
                 log="documents.document.returned"),
            Move(Status.APPROVED, "issue", Status.ISSUED, ISSUERS, _("be issued"),
                 log="documents.document.issued"),
            Move(Status.ISSUED, "publish", Status.PUBLISHED, PUBLISHERS, _("be published"),
                 log="documents.document.published"),
            Move(PUBLIC, "replace", Status.REPLACED, MANAGERS, _("be replaced"),
                 log="documents.document.replaced"),
            Move(PUBLIC, "revoke", Status.REVOKED, MANAGERS, _("be revoked"),
                 log="documents.document.revoked"),
        ],
    )
)  # fmt: skip
