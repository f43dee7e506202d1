"""Showing activity log rows to people: action names and changed fields in words, values as displayed.

The log stores codes (dotted action names, field names, choice values, ISO dates); this module turns
them into what a civil servant reads. An action without a label is shown by its code.
"""

import datetime as dt
import functools

from django.apps import apps
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "organisations.agency.created": _("Agency created"),
    "organisations.agency.updated": _("Agency updated"),
    "organisations.agency.merged": _("Agency merged into its successor"),
    "organisations.unit.created": _("Unit created"),
    "organisations.unit.updated": _("Unit updated"),
    "organisations.import.applied": _("Units imported from Excel"),
    "people.person.created": _("Person added"),
    "people.person.updated": _("Personal data updated"),
    "people.assignment.started": _("Assignment started"),
    "people.assignment.ended": _("Assignment ended"),
    "people.rating.recorded": _("Annual rating recorded"),
    "people.discipline.recorded": _("Discipline recorded"),
    "people.proceeding.opened": _("Matter under review recorded"),
    "people.proceeding.closed": _("Matter under review closed"),
    "people.leave.recorded": _("Leave recorded"),
    "people.import.applied": _("Staff imported from Excel"),
    "accounts.account.created": _("Account created"),
    "accounts.account.updated": _("Account updated"),
    "accounts.account.password_changed": _("Password changed"),
    "accounts.role.granted": _("Role granted"),
    "accounts.role.revoked": _("Role revoked"),
    "accounts.api_token.issued": _("API token issued"),
    "accounts.api_token.revoked": _("API token revoked"),
    "accounts.two_factor.enrolled": _("Two-factor authentication set up"),
    "documents.document.created": _("Draft created"),
    "documents.document.updated": _("Draft updated"),
    "documents.document.submitted": _("Submitted for signature"),
    "documents.document.returned": _("Returned to the drafter"),
    "documents.document.issued": _("Document issued"),
    "documents.document.published": _("Document published"),
    "documents.document.replaced": _("Document replaced"),
    "documents.document.revoked": _("Document revoked"),
    "documents.document.registered": _("Incoming document registered"),
    "documents.attachment.added": _("Attachment added"),
    "dissemination.dissemination.created": _("Document sent to units and people"),
    "dissemination.receipt.forwarded": _("Forwarded to the unit's staff"),
    "dissemination.receipt.read": _("Confirmed as read"),
    "dissemination.receipt.implemented": _("Confirmed as implemented"),
    "dissemination.reminders.sent": _("Reminders sent"),
    "notifications.notification.read": _("Notification read"),
    "notifications.notification.all_read": _("All notifications read"),
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
    "movements.entry.removed": _("Registered title withdrawn"),
    "movements.reminders.sent": _("Registration reminders sent"),
    "movements.review.opened": _("Review opened"),
    "movements.review.results_recorded": _("Review results recorded"),
    "movements.review.summary_drafted": _("Summary report drafted"),
    "movements.report.submitted": _("Unit report sent"),
    "achievements.initiative.recorded": _("Initiative recorded"),
    "achievements.initiative.updated": _("Initiative updated"),
    "achievements.evidence.added": _("Evidence file added"),
    "achievements.model.recorded": _("Exemplary model recorded"),
    "achievements.model.updated": _("Exemplary model updated"),
    "achievements.photo.added": _("Photo added"),
    "awards.record.created": _("Award recorded in the ledger"),
    "awards.setting.changed": _("Rule setting changed"),
}
# Logged keys that are not model fields: the related rows a domain function saves with its object.
EXTRA_LABELS = {
    "authors": _("authors"),
    "document": _("document"),
    "document_title": _("document subject"),
    "days_left": _("days left"),
    "evidence": _("evidence file"),
    "photo": _("photo"),
    "reports": _("unit reports received"),
    "unit_name": _("unit"),
    "size": _("size (bytes)"),
}
DOMAIN_APPS = (
    "organisations",
    "people",
    "accounts",
    "documents",
    "dissemination",
    "movements",
    "achievements",
    "awards",
)


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


@functools.cache
def _catalogue() -> tuple[dict, dict]:
    """Field name → verbose name, and field name → {stored value: label}, over the domain models."""
    labels, choices = {}, {}
    for app_label in DOMAIN_APPS:
        for model in apps.get_app_config(app_label).get_models():
            for field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
                labels.setdefault(field.name, field.verbose_name)
                if field.choices:
                    choices.setdefault(field.name, {}).update(dict(field.flatchoices))
    labels.update(EXTRA_LABELS)
    return labels, choices


@functools.cache
def _model_fields(action: str) -> dict:
    """Field name → field of the model an action is about ("movements.movement.created" → Movement), so a
    `name` is the movement's name, not the first model's; empty when the action names no model."""
    app_label, _, rest = action.partition(".")
    model_name = rest.partition(".")[0]
    try:
        model = apps.get_model(app_label, model_name)
    except (LookupError, ValueError):
        return {}
    return {field.name: field for field in [*model._meta.concrete_fields, *model._meta.many_to_many]}


def field_label(name: str, action: str = "") -> str:
    field = _model_fields(action).get(name) if action else None
    label = (
        field.verbose_name if field is not None and name not in EXTRA_LABELS else _catalogue()[0].get(name)
    )
    return capfirst(str(label)) if label is not None else name


def _choice_label(name: str, value, action: str):
    field = _model_fields(action).get(name) if action else None
    if field is not None and field.choices:
        return dict(field.flatchoices).get(value)
    return _catalogue()[1].get(name, {}).get(value)


def display_value(name: str, value, action: str = "") -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, list | tuple):
        return "; ".join(display_value(name, item, action) for item in value) or "—"
    if isinstance(value, dict):
        return ", ".join(f"{key}: {item}" for key, item in value.items())
    label = _choice_label(name, value, action)
    if label is not None:
        return str(label)
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        return _iso_date_or_time(value)
    return str(value)


def _iso_date_or_time(value: str) -> str:
    """'2021-02-08' → 08/02/2021; '2026-11-24T09:06:53.249Z' → 16:06 24/11/2026 (local time)."""
    try:
        if len(value) == 10:
            return date_format(dt.date.fromisoformat(value), "SHORT_DATE_FORMAT")
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return date_format(moment, "SHORT_DATETIME_FORMAT")


def describe_changes(entry) -> list[tuple[str, str | None, str]]:
    """[(field label, value before or None for a new value, value after)] of an activity row."""
    rows = []
    for name, before, after in entry.changes:
        if before is None and after in ("", None):
            continue
        shown_before = None if before is None else display_value(name, before, entry.action)
        rows.append((field_label(name, entry.action), shown_before, display_value(name, after, entry.action)))
    return rows
