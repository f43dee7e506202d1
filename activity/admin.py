from django.contrib import admin

from .models import ActivityLog


@admin.register(ActivityLog)
class ActivityLogAdmin(admin.ModelAdmin):
    """The activity log, read-only: filter by action, agency and date; search actions, objects and actors."""

    list_display = ("created_at", "actor", "action", "target_repr", "agency", "ip_address", "request_id")
    list_filter = ("action", ("agency", admin.RelatedOnlyFieldListFilter), "created_at")
    search_fields = ("action", "target_repr", "actor__username", "request_id", "ip_address")
    date_hierarchy = "created_at"
    list_select_related = ("actor", "agency")
    readonly_fields = (
        "created_at",
        "actor",
        "agency",
        "action",
        "target_type",
        "target_id",
        "target_repr",
        "data",
        "request_id",
        "ip_address",
    )
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
