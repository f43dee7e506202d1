"""The activity log is visible to administrators and the secretariat of the agency it belongs to."""

from django.core.exceptions import PermissionDenied

from organisations.scope import scope_for

from .models import ActivityLog


def activity_for_user(user):
    scope = scope_for(user)
    if scope.installation_admin:
        return ActivityLog.objects.all()
    return ActivityLog.objects.filter(agency_id__in=scope.manage_agencies)


def require_activity_reader(user) -> None:
    """The log screen is for those who read the log of at least one agency."""
    if not scope_for(user).reads_activity:
        raise PermissionDenied


def activity_for_object(user, obj):
    """The history shown on an object's page. The caller has loaded `obj` through its access helper:
    whoever may see the object sees its history (`user` is for the signature every access helper has)."""
    return ActivityLog.objects.for_object(obj).select_related("actor", "agency")
