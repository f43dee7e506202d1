"""The award ledger's and the rule settings' words in the activity log (read by activity/registry.py)."""

from decimal import Decimal, InvalidOperation

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from .money import Rounding

ACTIONS = {
    "awards.record.created": _("Award recorded in the ledger"),
    "awards.record.revoked": _("Award revoked in the ledger"),
    "awards.setting.changed": _("Rule setting changed"),
}
MODELS = {"record": "awards.AwardRecord", "setting": "awards.AgencySetting"}
# The ledger logs the award by its code and the amount in đồng; a setting change logs the setting's code.
FIELDS = {"amount": _("reward amount"), "setting": _("rule setting")}
REFERENCES = {"award": "awards.Award.code", "setting": "awards.Setting.code"}
MONEY = {"amount"}


def setting_value(value) -> str:
    """A rule setting's value as a reader writes it: a rounding in words, a number with a decimal comma."""
    rounding = dict(Rounding.choices)
    if value in rounding:
        return str(rounding[value])
    try:
        return number_format(Decimal(str(value)))
    except InvalidOperation:
        return str(value)


VALUES = {"value": setting_value}
