"""Movements' words in the activity log (read by activity/registry.py)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "movements.movement.created": _("Movement recorded"),
    "movements.movement.updated": _("Movement updated"),
    "movements.movement.moved": _("Movement status changed"),
    "movements.movement.relayed": _("Movement relayed: implementing dispatch drafted"),
    "movements.document.linked": _("Document linked to the movement"),
    "movements.document.unlinked": _("Document unlinked from the movement"),
    "movements.round.opened": _("Registration opened"),
    "movements.registration.started": _("Registration started"),
    "movements.registration.updated": _("Registration pledges updated"),
    "movements.registration.submitted": _("Registration submitted"),
    "movements.registration.returned": _("Registration returned"),
    "movements.registration.approved": _("Registration approved"),
    "movements.entry.added": _("Title registered"),
    "movements.entry.updated": _("Registered title changed"),
    "movements.entry.removed": _("Registered title withdrawn"),
    "movements.reminders.sent": _("Registration reminders sent"),
    "movements.review.opened": _("Review opened"),
    "movements.review.results_recorded": _("Review results recorded"),
    "movements.review.summary_drafted": _("Summary report drafted"),
    "movements.report.submitted": _("Unit report sent"),
}
MODELS = {
    "document": "movements.MovementDocument",
    "round": "movements.RegistrationRound",
    "entry": "movements.RegistrationEntry",
    "report": "movements.UnitReport",
}
# A registered title is logged by the award's and the person's names; a linked or drafted document with its
# title, a unit report with the unit's name: the rows show those (the ids stay in the data).
FIELDS = {
    "award": _("award"),
    "document": _("document"),
    "document_title": _("document"),
    "unit_name": _("unit"),
    "reports": _("unit reports received"),
    "days_left": _("days left"),
    "file": _("report file"),
}
NAMED_BY = {"document": "document_title", "unit": "unit_name"}
REFERENCES = {"document": "documents.Document"}
