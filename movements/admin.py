"""Django admin for movements, registrations and reviews: read-only; they change only through
movements.domain (logged)."""

from django.contrib import admin

from .models import (
    Movement,
    MovementDocument,
    Registration,
    RegistrationEntry,
    RegistrationRound,
    Review,
    UnitReport,
)


class ReadOnly:
    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnly, admin.ModelAdmin):
    pass


class DocumentInline(ReadOnly, admin.TabularInline):
    model = MovementDocument
    extra = 0


class EntryInline(ReadOnly, admin.TabularInline):
    model = RegistrationEntry
    extra = 0


class UnitReportInline(ReadOnly, admin.TabularInline):
    model = UnitReport
    extra = 0


@admin.register(Movement)
class MovementAdmin(ReadOnlyAdmin):
    list_display = ("name", "agency", "level", "kind", "period_start", "period_end", "status")
    list_filter = ("level", "kind", "status")
    list_select_related = ("agency",)
    search_fields = ("name", "theme", "launched_by")
    inlines = [DocumentInline]


@admin.register(RegistrationRound)
class RoundAdmin(ReadOnlyAdmin):
    list_display = ("movement", "year", "opens_on", "deadline")
    list_select_related = ("movement",)


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    list_display = ("unit", "round", "status", "submitted_at", "reviewed_at")
    list_filter = ("status",)
    list_select_related = ("unit", "round__movement")
    inlines = [EntryInline]


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ("title", "movement", "kind", "reports_due")
    list_select_related = ("movement",)
    inlines = [UnitReportInline]
