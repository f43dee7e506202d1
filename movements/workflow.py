"""The workflows of this app, moved through the gate (workflows.gate) by movements.domain:

- a movement: preparing → launched → in progress ⇄ interim review, then (from either) final review → closed;
- a unit's registration: draft (being compiled) → submitted → approved (locked), or submitted → returned (with
  a reason) → submitted again.
"""

from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from workflows.gate import Move, Who, Workflow, register, words

from .access import can_compile, can_manage_movements, can_review
from .models import Movement, Registration, RegistrationStatus, Status

MANAGERS_WORDS = words(
    _("%(secretariat)s of the agency, %(admin)s"),
    secretariat=Role.SECRETARIAT.label,
    admin=Role.SYSTEM_ADMIN.label,
)
MANAGERS = Who(lambda actor, movement: can_manage_movements(actor, movement.agency_id), MANAGERS_WORDS)
REVIEWERS = Who(can_review, MANAGERS_WORDS)
COMPILERS = Who(
    can_compile,
    words(
        _("%(officer)s of the unit, %(secretariat)s of the agency, %(admin)s"),
        officer=Role.UNIT_OFFICER.label,
        secretariat=Role.SECRETARIAT.label,
        admin=Role.SYSTEM_ADMIN.label,
    ),
)
RUNNING = (Status.IN_PROGRESS, Status.INTERIM_REVIEW)

MOVEMENTS = register(
    Workflow(
        name="movements.movement",
        model=Movement,
        log="movements.movement.moved",
        moves=[
            Move(Status.PREPARING, "launch", Status.LAUNCHED, MANAGERS, _("be launched")),
            Move(Status.LAUNCHED, "implement", Status.IN_PROGRESS, MANAGERS, _("be implemented")),
            Move(Status.IN_PROGRESS, "review_interim", Status.INTERIM_REVIEW, MANAGERS,
                 _("go to its interim review")),
            Move(Status.INTERIM_REVIEW, "resume", Status.IN_PROGRESS, MANAGERS,
                 _("resume its implementation")),
            Move(RUNNING, "review_final", Status.FINAL_REVIEW, MANAGERS, _("go to its final review")),
            Move(Status.FINAL_REVIEW, "close", Status.CLOSED, MANAGERS, _("be closed")),
        ],
    )
)  # fmt: skip

EDITABLE = (RegistrationStatus.DRAFT, RegistrationStatus.RETURNED)

REGISTRATIONS = register(
    Workflow(
        name="movements.registration",
        model=Registration,
        agency=lambda registration: registration.round.movement.agency,
        moves=[
            Move(EDITABLE, "submit", RegistrationStatus.SUBMITTED, COMPILERS, _("be submitted"),
                 log="movements.registration.submitted"),
            Move(RegistrationStatus.SUBMITTED, "return", RegistrationStatus.RETURNED, REVIEWERS,
                 _("be returned"), log="movements.registration.returned"),
            Move(RegistrationStatus.SUBMITTED, "approve", RegistrationStatus.APPROVED, REVIEWERS,
                 _("be approved"), log="movements.registration.approved"),
        ],
    )
)  # fmt: skip
