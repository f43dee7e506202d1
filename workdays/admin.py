"""Django admin for the agencies' calendar exceptions: shown only, for the installation's administrators.
Exceptions are added and removed on the calendar screen (workdays.domain: checked and logged)."""

from django.contrib import admin

from .models import DayException


@admin.register(DayException)
class DayExceptionAdmin(admin.ModelAdmin):
    list_display = ("day", "agency", "kind", "reason", "created_by", "created_at")
    list_filter = ("kind", "agency")
    date_hierarchy = "day"
    search_fields = ("reason",)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser
