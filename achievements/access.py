"""Loading initiatives and exemplary models for a user, and who may change them.

- see: the members of an agency (its lineage included) see its initiatives and models — they are public
  achievements, later shown on the portal;
- record and edit: the agency's secretariat and administrators, and the emulation officer of the unit the
  initiative or model belongs to (an initiative's unit; a model's units).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from organisations.access import agencies_for_user, units_for_user
from organisations.models import Unit
from organisations.scope import scope_for

from .models import ExemplaryModel, Initiative

VIEW, EDIT = "view", "edit"


def initiatives_for_user(user):
    scope = scope_for(user)
    if not scope.is_authenticated:
        return Initiative.objects.none()
    return Initiative.objects.filter(scope.agency_filter("agency_id"))


def can_record(user, agency, unit=None) -> bool:
    """May record an initiative or a model in `agency` (for `unit`, when given)."""
    scope = scope_for(user)
    return scope.can_manage_agency(agency.pk) or (unit is not None and unit.pk in scope.edit_units)


def can_edit_initiative(user, initiative) -> bool:
    scope = scope_for(user)
    return scope.can_manage_agency(initiative.agency_id) or initiative.unit_id in scope.edit_units


def get_initiative_for_user(user, pk, *, action=VIEW) -> Initiative:
    initiative = initiatives_for_user(user).select_related("agency", "unit", "movement").filter(pk=pk).first()
    if initiative is None:
        raise Http404
    if action == EDIT and not can_edit_initiative(user, initiative):
        raise PermissionDenied
    return initiative


def models_for_user(user):
    scope = scope_for(user)
    if not scope.is_authenticated:
        return ExemplaryModel.objects.none()
    return ExemplaryModel.objects.filter(scope.agency_filter("agency_id"))


def can_edit_model(user, model) -> bool:
    scope = scope_for(user)
    if scope.can_manage_agency(model.agency_id):
        return True
    return bool(scope.edit_units) and model.units.filter(pk__in=scope.edit_units).exists()


def get_model_for_user(user, pk, *, action=VIEW) -> ExemplaryModel:
    model = models_for_user(user).select_related("agency", "movement").filter(pk=pk).first()
    if model is None:
        raise Http404
    if action == EDIT and not can_edit_model(user, model):
        raise PermissionDenied
    return model


def can_record_model(user, agency, units=()) -> bool:
    """May record an exemplary model in `agency` linked to `units`: its managers, or the emulation officer of
    one of the units."""
    scope = scope_for(user)
    return scope.can_manage_agency(agency.pk) or any(unit.pk in scope.edit_units for unit in units)


def recording_agencies(user):
    """The agencies in which the user may record initiatives and models: those she manages, and those of the
    units where she is the emulation officer."""
    scope = scope_for(user)
    agencies = agencies_for_user(user)
    if scope.installation_admin:
        return agencies
    unit_agencies = Unit.objects.filter(pk__in=scope.edit_units).values("agency_id")
    return agencies.filter(Q(pk__in=scope.manage_agencies) | Q(pk__in=unit_agencies))


def recording_units(user):
    """The units in force the user may record an initiative for: every unit of the agencies she manages, and
    the units where she is the emulation officer (and those below them)."""
    scope = scope_for(user)
    units = units_for_user(user).active().select_related("agency")
    if scope.installation_admin:
        return units
    return units.filter(Q(agency_id__in=scope.manage_agencies) | Q(pk__in=scope.edit_units))
