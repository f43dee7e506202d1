"""The roles an account may hold, in an agency or in a unit."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SYSTEM_ADMIN = "system_admin", _("System administrator")
    SECRETARIAT = "secretariat", _("Emulation secretariat")
    COUNCIL_MEMBER = "council_member", _("Council member")
    AGENCY_LEADER = "agency_leader", _("Agency leader")
    UNIT_HEAD = "unit_head", _("Unit head")
    UNIT_OFFICER = "unit_officer", _("Unit emulation officer")
    STAFF = "staff", _("Staff member")
    PORTAL_EDITOR = "portal_editor", _("Portal editor")
    # Văn thư: numbers and issues the documents its agency's signers signed off (documents.access).
    CLERK = "clerk", _("Clerk (văn thư)")


UNIT_ROLES = {Role.UNIT_HEAD, Role.UNIT_OFFICER}
# Roles that must confirm a second factor when THIDUA_REQUIRE_2FA is on: every role that reads other people's
# staff records (discipline, leave, ratings included) — the agency-wide ones, and the unit heads and unit
# emulation officers, who read (officers also edit) the records of everyone in their units
# (accounts.scope._unit_reach).
# Staff members (their own record), portal editors and clerks (documents only) are not asked.
TWO_FACTOR_ROLES = {
    Role.SYSTEM_ADMIN,
    Role.SECRETARIAT,
    Role.AGENCY_LEADER,
    Role.COUNCIL_MEMBER,
    Role.UNIT_HEAD,
    Role.UNIT_OFFICER,
}
