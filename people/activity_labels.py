"""Staff records' words in the activity log (read by activity/registry.py)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
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
    "people.unit.head_set": _("Unit head set"),
    "people.unit_rating.recorded": _("Collective annual rating recorded"),
    "people.unit_rating.imported": _("Collective annual ratings imported from Excel"),
}
MODELS = {
    "rating": "people.QualityRating",
    "discipline": "people.Discipline",
    "proceeding": "people.Proceeding",
    "leave": "people.Leave",
    "unit": "people.UnitHead",
    "unit_rating": "people.UnitQualityRating",
}
# A new person is logged with the unit and position of her first assignment; a unit's head by the person's id.
FIELDS = {
    "unit": _("unit"),
    "position": _("position"),
    "head": _("head"),
    "create": _("rows added"),
    "update": _("rows updated"),
    "unchanged": _("rows unchanged"),
    "rows": _("rows in the file"),
}
REFERENCES = {"unit": "organisations.Unit", "head": "people.Person"}
