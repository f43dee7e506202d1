"""The activity log is visible to administrators and the secretariat of the agency it belongs to."""

from django.db.models import Q

from accounts.scope import scope_for

from .models import ActivityLog


def activity_for_user(user):
    scope = scope_for(user)
    if scope.installation_admin:
        return ActivityLog.objects.all()
    if not scope.manage_agencies:
        return ActivityLog.objects.none()
    return ActivityLog.objects.filter(Q(agency_id__in=scope.manage_agencies))


def activity_for_object(user, obj):
    """The history shown on an object's page: whoever may see the object sees its history."""
    return ActivityLog.objects.for_object(obj).select_related("actor")
