"""Agencies' and units' words in the activity log (plain data, read by activity/registry.py)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "organisations.agency.created": _("Agency created"),
    "organisations.agency.updated": _("Agency updated"),
    "organisations.agency.merged": _("Agency merged into its successor"),
    "organisations.unit.created": _("Unit created"),
    "organisations.unit.updated": _("Unit updated"),
    "organisations.import.applied": _("Units imported from Excel"),
}
# A merger logs its date and how many assignments moved; an import logs its counts of rows (lib/xlsx.py).
FIELDS = {
    "on": _("effective from"),
    "assignments_moved": _("assignments moved to the successor"),
    "create": _("rows added"),
    "update": _("rows updated"),
    "unchanged": _("rows unchanged"),
    "rows": _("rows in the file"),
}
